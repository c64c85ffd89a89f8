package io.genieenhancer.llm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code enhancer.llm.*}: the chat endpoint the LLM analyser talks to, and how it batches. Every property is
 * documented in docs/analysis.md. With no base URL the Databricks workspace's own serving endpoints are used
 * ({@code https://<host>/serving-endpoints}, Databricks credentials); with no model the LLM analyser is off.
 */
@ConfigMapping(prefix = "enhancer.llm")
public interface LlmConfig {

    /** Off switch. When true (default) the analyser runs as soon as an endpoint and a model are known. */
    @WithDefault("true")
    boolean enabled();

    /**
     * OpenAI-compatible base URL; requests go to {@code <base-url>/chat/completions}. Unset: the Databricks
     * workspace host + {@code /serving-endpoints}.
     */
    Optional<String> baseUrl();

    /** Model name; for Databricks the serving endpoint name (e.g. a pay-per-token {@code databricks-...} one). */
    Optional<String> model();

    /** API key for a non-Databricks endpoint. Prefer {@link #secretId()} in AWS. Never logged. */
    Optional<String> apiKey();

    /**
     * Secrets Manager secret holding the API key: either the bare key or JSON with {@code api_key}. Used when
     * {@link #apiKey()} is unset; read once per container through the same Secrets Manager client as the Databricks
     * secret (region: {@code enhancer.databricks.secret-region} or the AWS default).
     */
    Optional<String> secretId();

    /** Completion budget per call ({@code max_tokens}). */
    @WithDefault("4096")
    int maxTokens();

    /** 0: the same failures should give the same fixes. */
    @WithDefault("0")
    double temperature();

    /** Failures per LLM call: calls per cycle = ceil(failures / batch-size) unless the token budget splits. */
    @WithDefault("8")
    int batchSize();

    /** Estimated prompt tokens per call (chars / 4); a batch closes before it would exceed this. */
    @WithDefault("24000")
    int tokenBudget();

    /** Send {@code response_format: json_schema}; turn off for endpoints that refuse it (the reply is validated anyway). */
    @WithDefault("true")
    boolean structuredOutput();

    /** Longest wait for one reply (read timeout). */
    @WithDefault("90s")
    Duration timeout();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Replies larger than this are rejected unread (a 5 MB "completion" is not a fix list). */
    @WithDefault("1048576")
    int maxReplyBytes();
}
