package io.genieenhancer.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.sandbox.eval.ResultComparison;
import io.genieenhancer.sandbox.genie.Knowledge;
import io.genieenhancer.sandbox.genie.LlmGenie;
import io.genieenhancer.sandbox.genie.SandboxGenie;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.BenchmarkQuestion;
import io.genieenhancer.space.SpaceJson;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optional LLM-backed sandbox Genie, against a WireMock server speaking OpenAI chat completions: it is
 * told the space's knowledge and the catalog and nothing of the benchmarks, its SQL is run, and a broken
 * reply is a failed answer rather than a crash.
 */
class LlmGenieTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "/v1/chat/completions";

    static WireMockServer wm;
    static ScenarioScores retail;
    static SpaceConfig ideal;
    static Knowledge knowledge;

    LlmGenie genie;

    @BeforeAll
    static void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        retail = new ScenarioScores("retail");
        ideal = RetailScenarioFixes.ideal(retail.scenario.space());
        knowledge = BenchmarkJudge.knowledge(ideal, retail.db);
    }

    @AfterAll
    static void stop() {
        wm.stop();
        retail.close();
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
        genie = new LlmGenie(config(Optional.of("sk-test")), retail.db.tables());
    }

    private static LlmGenie.Config config(Optional<String> key) {
        return new LlmGenie.Config(wm.baseUrl() + "/v1/", "test-model", key, Duration.ofSeconds(5));
    }

    private static String completion(String content) {
        ObjectNode reply = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion").put("model", "test-model");
        reply.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message").put("role", "assistant").put("content", content);
        return reply.toString();
    }

    private static BenchmarkQuestion firstBenchmark() {
        return ideal.benchmarks().questions().get(0);
    }

    @Test
    void thePromptHoldsTheSpaceKnowledgeAndTheCatalogAndNoBenchmark() throws Exception {
        wm.stubFor(post(urlEqualTo(CHAT)).willReturn(okJson(completion("```sql\nSELECT COUNT(*) FROM main.retail.stores\n```"))));

        genie.answer(ideal, knowledge, "How many stores are there?", false);

        List<LoggedRequest> requests = wm.findAll(postRequestedFor(urlEqualTo(CHAT)));
        assertEquals(1, requests.size());
        assertEquals("Bearer sk-test", requests.get(0).getHeader("Authorization"));
        JsonNode body = JSON.readTree(requests.get(0).getBodyAsString());
        assertEquals("test-model", body.path("model").asText());
        String prompt = body.path("messages").toString();
        assertTrue(prompt.contains("How many stores are there?"), "the question");
        // the catalog: every table with its typed columns
        for (var table : retail.db.tables()) {
            assertTrue(prompt.contains("TABLE " + table.identifier()), table.identifier());
            var column = table.columns().get(0);
            assertTrue(prompt.contains(column.name() + " " + column.typeName()), column.name());
        }
        // the space's knowledge: what the ideal configuration adds (synonyms, instructions) is there
        SpaceConfig.ColumnConfig withSynonyms = ideal.allTables().flatMap(t -> t.columnConfigs().stream())
                .filter(c -> !c.synonyms().isEmpty()).findFirst().orElseThrow();
        assertTrue(prompt.contains(withSynonyms.synonyms().get(0)), "a column synonym of the space");
        // ... and none of the benchmarks: no question text, no ground-truth SQL (except where the space itself
        // holds the same text, e.g. the ideal configuration's example question)
        String knowledgeText = SpaceJson.print(ideal.withBenchmarks(null));
        int checked = 0;
        for (BenchmarkQuestion q : ideal.benchmarks().questions()) {
            String sql = JSON.writeValueAsString(q.groundTruthSql().orElseThrow()).replaceAll("^\"|\"$", "");
            if (knowledgeText.contains(q.questionText()) || knowledgeText.contains(sql)) {
                continue;
            }
            checked++;
            assertFalse(prompt.contains(q.questionText()), "benchmark question leaked: " + q.questionText());
            assertFalse(prompt.contains(sql), "ground truth leaked: " + q.questionText());
        }
        assertTrue(checked >= ideal.benchmarks().questions().size() - 2, "checked " + checked + " benchmarks");
    }

    @Test
    void theSqlOfTheReplyIsRunAndJudged() {
        BenchmarkQuestion q = firstBenchmark();
        wm.stubFor(post(urlEqualTo(CHAT)).willReturn(okJson(completion(
                "Here is the query:\n```sql\n" + q.groundTruthSql().orElseThrow() + ";\n```\nIt counts what you asked."))));

        BenchmarkJudge.Outcome o = BenchmarkJudge.judge(retail.db, genie, ideal, knowledge, q, false);

        SandboxGenie.SqlAnswer answer = assertInstanceOf(SandboxGenie.SqlAnswer.class, o.answer());
        assertFalse(answer.sql().endsWith(";"));
        assertTrue(o.actual().isPresent(), "the model's SQL ran on the warehouse");
        assertEquals(o.expected().orElseThrow().rows(), o.actual().get().rows());
        assertTrue(o.verdict().good(), o.verdict()::toString);
    }

    @Test
    void aReplyWithWrongSqlIsJudgedByItsRows() {
        wm.stubFor(post(urlEqualTo(CHAT)).willReturn(okJson(completion("SELECT 'not the answer' AS x"))));

        BenchmarkJudge.Outcome o = BenchmarkJudge.judge(retail.db, genie, ideal, knowledge, firstBenchmark(), false);

        assertEquals(List.of(List.of("not the answer")), o.actual().orElseThrow().rows(), "a bare SELECT reply is run too");
        assertEquals(ResultComparison.Assessment.BAD, o.verdict().assessment());
    }

    @Test
    void aBrokenReplyIsAFailedAnswerNotACrash() {
        Map<String, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder> broken = Map.of(
                "server error", aResponse().withStatus(500).withBody("upstream exploded"),
                "not JSON", aResponse().withStatus(200).withBody("<html>hello</html>"),
                "no choices", okJson("{\"object\":\"chat.completion\",\"choices\":[]}"),
                "no SQL in the reply", okJson(completion("Which store do you mean?")),
                "an empty code block", okJson(completion("```sql\n```")),
                "too slow", okJson(completion("SELECT 1")).withFixedDelay(3_000));
        LlmGenie impatient = new LlmGenie(new LlmGenie.Config(wm.baseUrl() + "/v1", "test-model", Optional.empty(),
                Duration.ofMillis(500)), retail.db.tables());
        for (var e : broken.entrySet()) {
            wm.resetAll();
            wm.stubFor(post(urlEqualTo(CHAT)).willReturn(e.getValue()));

            BenchmarkJudge.Outcome o = BenchmarkJudge.judge(retail.db, impatient, ideal, knowledge, firstBenchmark(), false);

            assertInstanceOf(SandboxGenie.TextAnswer.class, o.answer(), e.getKey());
            assertEquals(ResultComparison.Assessment.BAD, o.verdict().assessment(), e.getKey());
            assertEquals(List.of("EMPTY_RESULT"), o.verdict().reasons(), e.getKey());
        }
    }

    @Test
    void theWorkspaceAnswersWithTheModelOnlyWhenOneIsConfigured() {
        wm.stubFor(post(urlEqualTo(CHAT)).willReturn(okJson(completion("```sql\nSELECT 42 AS answer\n```"))));
        assertTrue(Knobs.defaults().genieLlm().isEmpty(), "the deterministic Genie is the default");

        try (SandboxWorkspace ws = SandboxWorkspace.start("retail", Knobs.instant().withGenieLlm(Optional.of(config(Optional.empty()))))) {
            var m = ws.state().startConversation(ws.spaceId(), "How many stores are there?").getValue();
            SandboxGenie.SqlAnswer answer = assertInstanceOf(SandboxGenie.SqlAnswer.class, m.answer());
            assertEquals("SELECT 42 AS answer", answer.sql());
            assertEquals(List.of(List.of("42")), m.statement().orElseThrow().result().orElseThrow().rows());
        }
        assertFalse(wm.findAll(postRequestedFor(urlEqualTo(CHAT))).get(0).containsHeader("Authorization"), "no key, no header");
    }

    @Test
    void theModelIsConfiguredByKnobs() {
        Knobs knobs = Knobs.from(Map.of(Knobs.GENIE_LLM_BASE_URL, "http://localhost:11434/v1", Knobs.GENIE_LLM_MODEL, "qwen2.5-coder",
                Knobs.GENIE_LLM_API_KEY, "secret", Knobs.GENIE_LLM_TIMEOUT, "30"));
        LlmGenie.Config c = knobs.genieLlm().orElseThrow();
        assertEquals("http://localhost:11434/v1", c.baseUrl());
        assertEquals("qwen2.5-coder", c.model());
        assertEquals(Optional.of("secret"), c.apiKey());
        assertEquals(Duration.ofSeconds(30), c.timeout());
        assertFalse(c.toString().contains("secret"), "the key is never printed");
        assertEquals("SANDBOX_GENIE_LLM_BASE_URL", Knobs.envName(Knobs.GENIE_LLM_BASE_URL));
        assertTrue(Knobs.from(Map.of()).genieLlm().isEmpty());
    }
}
