package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.genie.LlmGenie;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The sandbox's behaviour settings (docs/sandbox.md, "Knobs"). Each has a property name and an
 * environment variable (property upper-cased, dots and dashes as underscores), e.g.
 * {@code sandbox.reindex-delay-seconds} / {@code SANDBOX_REINDEX_DELAY_SECONDS}.
 *
 * @param reindexDelay               an update is used by Genie only this long after the PATCH (default 5 s)
 * @param entityMatchingReindexDelay the same when the update changed entity matching (default 15 s)
 * @param genieLatency               time from a question to its COMPLETED answer; eval runs take this per question (default 200 ms)
 * @param rateLimitPerMinute         questions per rolling minute before HTTP 429; 0 = no limit (default 0)
 * @param flipRate                   share of answers that slip (drop a filter), 0..1 (default 0)
 * @param seed                       seed of the slips: same seed, same questions in the same order -> same slips (default 42)
 * @param genieLlm                   when present, a language model behind this OpenAI-compatible endpoint answers
 *                                   instead of the deterministic Genie (default: absent)
 */
public record Knobs(
        Duration reindexDelay,
        Duration entityMatchingReindexDelay,
        Duration genieLatency,
        int rateLimitPerMinute,
        double flipRate,
        long seed,
        Optional<LlmGenie.Config> genieLlm) {

    public static final String REINDEX_DELAY = "sandbox.reindex-delay-seconds";
    public static final String ENTITY_MATCHING_REINDEX_DELAY = "sandbox.reindex-entity-matching-delay-seconds";
    public static final String GENIE_LATENCY = "sandbox.genie-latency-ms";
    public static final String RATE_LIMIT = "sandbox.rate-limit-per-minute";
    public static final String FLIP_RATE = "sandbox.flip-rate";
    public static final String SEED = "sandbox.seed";
    public static final String GENIE_LLM_BASE_URL = "sandbox.genie.llm.base-url";
    public static final String GENIE_LLM_MODEL = "sandbox.genie.llm.model";
    public static final String GENIE_LLM_API_KEY = "sandbox.genie.llm.api-key";
    public static final String GENIE_LLM_TIMEOUT = "sandbox.genie.llm.timeout-seconds";

    /** The deterministic Genie answers (no language model). */
    public Knobs(Duration reindexDelay, Duration entityMatchingReindexDelay, Duration genieLatency, int rateLimitPerMinute,
            double flipRate, long seed) {
        this(reindexDelay, entityMatchingReindexDelay, genieLatency, rateLimitPerMinute, flipRate, seed, Optional.empty());
    }

    public Knobs {
        if (reindexDelay.isNegative() || entityMatchingReindexDelay.isNegative() || genieLatency.isNegative()) {
            throw new IllegalArgumentException("sandbox delays must not be negative");
        }
        if (rateLimitPerMinute < 0) {
            throw new IllegalArgumentException(RATE_LIMIT + " must be >= 0 (0 = no limit), was " + rateLimitPerMinute);
        }
        if (flipRate < 0 || flipRate > 1 || Double.isNaN(flipRate)) {
            throw new IllegalArgumentException(FLIP_RATE + " must be between 0 and 1, was " + flipRate);
        }
    }

    public static Knobs defaults() {
        return new Knobs(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofMillis(200), 0, 0.0, 42L);
    }

    /** Instant everything: no re-index delay, no latency. For tests that are not about time. */
    public static Knobs instant() {
        return defaults().withReindexDelay(Duration.ZERO, Duration.ZERO).withGenieLatency(Duration.ZERO);
    }

    /** Reads every knob from {@code lookup} (property name -> value), defaults for the absent ones. */
    public static Knobs from(Function<String, Optional<String>> lookup) {
        Knobs d = defaults();
        return new Knobs(
                lookup.apply(REINDEX_DELAY).map(v -> Duration.ofMillis(Math.round(number(REINDEX_DELAY, v) * 1000))).orElse(d.reindexDelay),
                lookup.apply(ENTITY_MATCHING_REINDEX_DELAY).map(v -> Duration.ofMillis(Math.round(number(ENTITY_MATCHING_REINDEX_DELAY, v) * 1000)))
                        .orElse(d.entityMatchingReindexDelay),
                lookup.apply(GENIE_LATENCY).map(v -> Duration.ofMillis(Math.round(number(GENIE_LATENCY, v)))).orElse(d.genieLatency),
                lookup.apply(RATE_LIMIT).map(v -> (int) number(RATE_LIMIT, v)).orElse(d.rateLimitPerMinute),
                lookup.apply(FLIP_RATE).map(v -> number(FLIP_RATE, v)).orElse(d.flipRate),
                lookup.apply(SEED).map(v -> (long) number(SEED, v)).orElse(d.seed),
                lookup.apply(GENIE_LLM_BASE_URL).filter(v -> !v.isBlank()).map(url -> new LlmGenie.Config(url,
                        lookup.apply(GENIE_LLM_MODEL).orElse(""), lookup.apply(GENIE_LLM_API_KEY),
                        Duration.ofMillis(Math.round(lookup.apply(GENIE_LLM_TIMEOUT).map(v -> number(GENIE_LLM_TIMEOUT, v)).orElse(60.0) * 1000)))));
    }

    public static Knobs from(Map<String, String> properties) {
        return from(k -> Optional.ofNullable(properties.get(k)));
    }

    /** System properties first, then environment variables ({@code SANDBOX_GENIE_LATENCY_MS}...). */
    public static Knobs fromEnvironment() {
        return from(Knobs::explicit);
    }

    /** A knob's value when set as a system property or environment variable. */
    public static Optional<String> explicit(String property) {
        return Optional.ofNullable(System.getProperty(property)).or(() -> Optional.ofNullable(System.getenv(envName(property))));
    }

    public static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static double number(String key, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was \"" + value + "\"");
        }
    }

    public Knobs withReindexDelay(Duration delay, Duration entityMatchingDelay) {
        return new Knobs(delay, entityMatchingDelay, genieLatency, rateLimitPerMinute, flipRate, seed, genieLlm);
    }

    public Knobs withGenieLatency(Duration latency) {
        return new Knobs(reindexDelay, entityMatchingReindexDelay, latency, rateLimitPerMinute, flipRate, seed, genieLlm);
    }

    public Knobs withRateLimitPerMinute(int limit) {
        return new Knobs(reindexDelay, entityMatchingReindexDelay, genieLatency, limit, flipRate, seed, genieLlm);
    }

    public Knobs withFlips(double rate, long seed) {
        return new Knobs(reindexDelay, entityMatchingReindexDelay, genieLatency, rateLimitPerMinute, rate, seed, genieLlm);
    }

    public Knobs withGenieLlm(Optional<LlmGenie.Config> llm) {
        return new Knobs(reindexDelay, entityMatchingReindexDelay, genieLatency, rateLimitPerMinute, flipRate, seed, llm);
    }
}
