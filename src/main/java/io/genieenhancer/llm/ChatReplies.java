package io.genieenhancer.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How a chat-completions reply is judged: which HTTP statuses are retried, which mean the endpoint is unusable,
 * and how a 200 body becomes a {@link ChatResult}. Pure, so every hostile case is unit-tested without a server.
 */
public final class ChatReplies {

    /** Longest piece of a server's text we quote in a reason (it is untrusted and may be huge). */
    static final int EXCERPT_CHARS = 200;

    private ChatReplies() {
    }

    public enum Disposition {
        /** 2xx: read the completion. */
        ANSWERED,
        /** 408, 429, 5xx: try again after a backoff. */
        RETRY,
        /** 401, 403, 404: credentials or endpoint name wrong; retrying cannot help and no batch can succeed. */
        UNAVAILABLE,
        /** Other 4xx (context too long, unsupported parameter): this request is refused, the next may not be. */
        REFUSED
    }

    public static Disposition disposition(int status) {
        if (status >= 200 && status < 300) {
            return Disposition.ANSWERED;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Disposition.RETRY;
        }
        if (status == 401 || status == 403 || status == 404) {
            return Disposition.UNAVAILABLE;
        }
        return Disposition.REFUSED;
    }

    /** Reads a reply whose disposition is ANSWERED or REFUSED; one call is counted either way. */
    public static ChatResult read(HttpReply reply) {
        LlmUsage oneCall = new LlmUsage(1, 0, 0);
        if (reply.overLimit()) {
            return new ChatResult.Unusable("reply larger than " + reply.body().length + " bytes, not read", oneCall);
        }
        if (disposition(reply.status()) != Disposition.ANSWERED) {
            return new ChatResult.Unusable("endpoint refused the request: HTTP " + reply.status() + " "
                    + excerpt(errorMessage(reply.body())), oneCall);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(reply.body());
        } catch (JsonProcessingException e) {
            return new ChatResult.Unusable("reply is not JSON: " + excerpt(new String(reply.body(), StandardCharsets.UTF_8)),
                    oneCall);
        } catch (java.io.IOException e) {
            return new ChatResult.Unusable("reply cannot be read: " + e.getClass().getSimpleName(), oneCall);
        }
        if (root == null || !root.isObject()) {
            return new ChatResult.Unusable("reply is not a chat completion object", oneCall);
        }
        LlmUsage usage = usage(root.path("usage"));
        if (root.has("error")) {
            return new ChatResult.Unusable("endpoint answered with an error: " + excerpt(root.get("error").toString()), usage);
        }
        JsonNode choice = root.path("choices").path(0);
        if (!choice.isObject()) {
            return new ChatResult.Unusable("reply has no choices", usage);
        }
        Optional<String> finishReason = Optional.ofNullable(choice.path("finish_reason").textValue());
        JsonNode message = choice.path("message");
        Optional<String> content = content(message.path("content"));
        if (content.isEmpty() || content.get().isBlank()) {
            String refusal = message.path("refusal").textValue();
            return new ChatResult.Unusable(refusal != null
                    ? "model refused: " + excerpt(refusal)
                    : "reply has no message content" + finishReason.map(r -> " (finish_reason " + r + ")").orElse(""),
                    usage);
        }
        return new ChatResult.Answer(content.get(), finishReason, usage);
    }

    /**
     * {@code content} is a string in the OpenAI format; some Databricks-served models (reasoning ones) return a list
     * of parts instead, of which only the {@code text} parts are the answer.
     */
    private static Optional<String> content(JsonNode content) {
        if (content.isTextual()) {
            return Optional.of(content.textValue());
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    text.append(part.textValue());
                } else if ("text".equals(part.path("type").textValue()) && part.path("text").isTextual()) {
                    text.append(part.path("text").textValue());
                }
            }
            return Optional.of(text.toString());
        }
        return Optional.empty();
    }

    private static LlmUsage usage(JsonNode usage) {
        return new LlmUsage(1, nonNegative(usage.path("prompt_tokens")), nonNegative(usage.path("completion_tokens")));
    }

    private static long nonNegative(JsonNode n) {
        return n.canConvertToLong() ? Math.max(0, n.asLong()) : 0;
    }

    /** The {@code message} of an OpenAI or Databricks error body, else the body itself. */
    static String errorMessage(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root != null) {
                for (JsonNode candidate : new JsonNode[] {root.path("error").path("message"), root.path("message"),
                        root.path("error")}) {
                    if (candidate.isTextual()) {
                        return candidate.textValue();
                    }
                }
            }
        } catch (java.io.IOException e) {
            // not JSON: quote the text
        }
        return text;
    }

    /** A short, single-line, printable quote of untrusted text for logs and reasons. */
    public static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return oneLine.length() <= EXCERPT_CHARS ? oneLine : oneLine.substring(0, EXCERPT_CHARS) + "…";
    }
}
