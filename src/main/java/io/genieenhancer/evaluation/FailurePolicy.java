package io.genieenhancer.evaluation;

/** Which failing questions the enhance step should try to fix. */
@io.quarkus.runtime.annotations.RegisterForReflection
public enum FailurePolicy {
    /** Only questions that failed every scorable attempt (default): a fix aimed at noise is noise. */
    STABLE_ONLY,
    /** Stable failures and flaky questions. */
    INCLUDE_FLAKY
}
