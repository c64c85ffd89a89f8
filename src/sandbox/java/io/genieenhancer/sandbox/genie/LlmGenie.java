package io.genieenhancer.sandbox.genie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.genieenhancer.sandbox.sql.TableInfo;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sandbox Genie backed by a language model behind an OpenAI-compatible chat-completions endpoint (a
 * local model server, a Databricks serving endpoint ...). Like Genie it is told only the space's
 * knowledge (the serialized space with its benchmarks removed) and the warehouse catalog (tables,
 * columns, types); it takes the SQL out of the reply. Any failure — HTTP error, timeout, a reply that
 * is not a chat completion or holds no SQL — becomes a text answer (no SQL), which an eval run rates BAD
 * and the product records as Genie answering without a query; it never throws.
 */
public final class LlmGenie implements Genie {

    /**
     * @param baseUrl the API root, e.g. {@code http://localhost:11434/v1}; {@code /chat/completions} is appended
     * @param apiKey  sent as a bearer token when present (local servers usually need none)
     */
    public record Config(String baseUrl, String model, Optional<String> apiKey, Duration timeout) {
        public Config {
            if (baseUrl == null || baseUrl.isBlank()) {
                throw new IllegalArgumentException("the LLM Genie needs a base URL");
            }
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("the LLM Genie needs a model name (sandbox.genie.llm.model)");
            }
            baseUrl = baseUrl.strip().replaceAll("/+$", "");
            apiKey = apiKey.filter(k -> !k.isBlank());
        }

        URI chatCompletions() {
            return URI.create(baseUrl + "/chat/completions");
        }

        /** Never prints the key. */
        @Override
        public String toString() {
            return "LlmGenie.Config[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey.isPresent() ? "***" : "none")
                    + ", timeout=" + timeout + "]";
        }
    }

    static final String SYSTEM_PROMPT = """
            You are Genie, a data analyst that answers business questions by writing one Databricks SQL query.
            Use only the tables and columns of the catalog below, qualified with their three-level names.
            Follow the space's instructions, column descriptions, synonyms, join specifications, SQL snippets
            and example queries. Reply with the query in a ```sql code block and nothing else. If the data
            cannot answer the question, reply with one clarifying question and no SQL.""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCED_SQL = Pattern.compile("```(?:sql|SQL)?\\s*\\n?(.*?)```", Pattern.DOTALL);
    private static final Pattern BARE_SQL = Pattern.compile("(?is)^\\s*((?:SELECT|WITH)\\b.*)$");

    private final Config config;
    private final List<TableInfo> catalog;
    private final HttpClient http;

    public LlmGenie(Config config, List<TableInfo> catalog) {
        this(config, catalog, HttpClient.newBuilder().connectTimeout(config.timeout()).build());
    }

    LlmGenie(Config config, List<TableInfo> catalog, HttpClient http) {
        this.config = config;
        this.catalog = List.copyOf(catalog);
        this.http = http;
    }

    @Override
    public SandboxGenie.Answer answer(SpaceConfig space, Knowledge knowledge, String question, boolean slip) {
        String reply;
        try {
            reply = complete(prompt(space, question));
        } catch (IOException e) {
            return failed("the model endpoint failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while waiting for the model");
        }
        Optional<String> sql = sql(reply);
        if (sql.isEmpty()) {
            return new SandboxGenie.TextAnswer(reply.isBlank() ? "The model gave no answer." : reply.strip(),
                    List.of("model " + config.model() + " replied without SQL"));
        }
        return new SandboxGenie.SqlAnswer(sql.get(), "Answer written by model " + config.model(),
                List.of("model " + config.model()), Optional.empty(), false);
    }

    /** The user message: the space's knowledge (benchmarks removed), the catalog, the question. */
    String prompt(SpaceConfig space, String question) {
        StringBuilder p = new StringBuilder();
        p.append("## Space knowledge (serialized_space, benchmarks removed)\n");
        p.append(SpaceJson.print(space.withBenchmarks(null))).append("\n\n");
        p.append("## Catalog\n");
        for (TableInfo t : catalog) {
            p.append("TABLE ").append(t.identifier()).append(" (");
            for (int i = 0; i < t.columns().size(); i++) {
                TableInfo.ColumnInfo c = t.columns().get(i);
                p.append(i == 0 ? "" : ", ").append(c.name()).append(' ').append(c.typeName().toUpperCase(Locale.ROOT));
            }
            p.append(")\n");
        }
        p.append("\n## Question\n").append(question).append('\n');
        return p.toString();
    }

    private String complete(String userMessage) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("model", config.model()).put("temperature", 0);
        body.putArray("messages")
                .add(JSON.createObjectNode().put("role", "system").put("content", SYSTEM_PROMPT))
                .add(JSON.createObjectNode().put("role", "user").put("content", userMessage));
        HttpRequest.Builder request = HttpRequest.newBuilder(config.chatCompletions())
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        config.apiKey().ifPresent(k -> request.header("Authorization", "Bearer " + k));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + ": " + clip(response.body()));
        }
        JsonNode content;
        try {
            content = JSON.readTree(response.body()).path("choices").path(0).path("message").path("content");
        } catch (IOException e) {
            throw new IOException("not a chat completion: " + clip(response.body()), e);
        }
        if (!content.isTextual()) {
            throw new IOException("no choices[0].message.content in the reply: " + clip(response.body()));
        }
        return content.asText();
    }

    /** The first fenced code block, else the whole reply when it is a bare SELECT/WITH query. */
    static Optional<String> sql(String reply) {
        Matcher fenced = FENCED_SQL.matcher(reply);
        String sql = fenced.find() ? fenced.group(1) : null;
        if (sql == null) {
            Matcher bare = BARE_SQL.matcher(reply);
            sql = bare.matches() ? bare.group(1) : null;
        }
        if (sql == null) {
            return Optional.empty();
        }
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private SandboxGenie.TextAnswer failed(String why) {
        return new SandboxGenie.TextAnswer("I could not answer: " + why, List.of(why));
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
