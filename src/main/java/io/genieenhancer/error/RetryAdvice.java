package io.genieenhancer.error;

/**
 * Returned (not thrown) by a function when the step failed for a transient reason: the state machine
 * waits {@code retryAfterSeconds} and invokes the same step again.
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record RetryAdvice(ErrorCode error, String message, int retryAfterSeconds) {

    public static final int DEFAULT_WAIT_SECONDS = 30;

    public static RetryAdvice from(EnhancerException e) {
        return new RetryAdvice(e.code(), e.getMessage(), e.retryAfterSeconds().orElse(DEFAULT_WAIT_SECONDS));
    }
}
