package io.genieenhancer.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an attempt ran and where the time went. Each part is optional: an eval run reports no per-question
 * timing, a question whose ground truth failed never asked Genie.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record Timings(
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<Long> genieMillis,
        Optional<Long> groundTruthMillis) {

    public static final Timings NONE = new Timings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Timings {
        startedAt = startedAt == null ? Optional.empty() : startedAt;
        finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
        genieMillis = genieMillis == null ? Optional.empty() : genieMillis;
        groundTruthMillis = groundTruthMillis == null ? Optional.empty() : groundTruthMillis;
    }

    public Optional<Duration> elapsed() {
        return startedAt.flatMap(s -> finishedAt.map(f -> Duration.between(s, f)));
    }
}
