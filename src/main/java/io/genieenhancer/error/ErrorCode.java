package io.genieenhancer.error;

/**
 * Every failure the enhancer reports, by name. These names are the error contract with Step Functions
 * (see README "Errors"): retryable ones come back as a {@code retry} field of the function's output,
 * fatal ones are thrown and reach the state machine as {@code [Name] detail} in the error message.
 */
public enum ErrorCode {
    InvalidInput(false),
    SpaceNotFound(false),
    AccessDenied(false),
    InvalidSpaceConfig(false),
    ConcurrentModification(false),
    SnapshotNotFound(false),
    RestoreVerificationFailed(false),
    LockHeld(false),
    /** Another run took this run's lock (it had expired); nothing more is written to the space. */
    LockLost(false),
    /** A failed run could not roll back; the space waits for a person (see its cleanup-failed.json). */
    CleanupPending(false),
    EvaluationNotFound(false),
    EvaluationFailed(false),
    /** The evaluation was not done by its deadline: a time derived from the question count and the rate budget. */
    EvaluationTimedOut(false),
    LlmUnavailable(false),
    DatabricksUnavailable(true),
    RateLimited(true),
    StoreUnavailable(true),
    /** {@code enhance} had too little of its Lambda time left to start the space update; nothing was written. */
    TimeBudgetExhausted(true),
    Internal(false);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
