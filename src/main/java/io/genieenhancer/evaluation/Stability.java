package io.genieenhancer.evaluation;

/**
 * How a question behaved over its repeated attempts (scorable attempts only). With one attempt per
 * question every scorable question is STABLE_* by construction: there was no chance to see it flip.
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public enum Stability {
    STABLE_PASS,
    STABLE_FAIL,
    /** Passed some attempts and failed others: Genie's non-determinism, not (only) the configuration. */
    FLAKY,
    NOT_SCORABLE
}
