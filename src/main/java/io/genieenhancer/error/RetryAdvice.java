package io.genieenhancer.error;

/**
 * Returned (not thrown) by a function when the step failed for a transient reason: the state machine
 * waits {@code retryAfterSeconds} and invokes the same step again.
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record RetryAdvice(ErrorCode error, String message, int retryAfterSeconds) {

    public static final int DEFAULT_WAIT_SECONDS = 30;
    /**
     * The longest wait handed to the state machine's {@code Wait.SecondsPath}: a server's Retry-After (or a bug)
     * must not park an execution for days while it holds the space's lock.
     */
    public static final int MAX_WAIT_SECONDS = 900;

    public RetryAdvice {
        retryAfterSeconds = Math.max(1, Math.min(MAX_WAIT_SECONDS, retryAfterSeconds));
    }

    public static RetryAdvice from(EnhancerException e) {
        return new RetryAdvice(e.code(), e.getMessage(), e.retryAfterSeconds().orElse(DEFAULT_WAIT_SECONDS));
    }
}
