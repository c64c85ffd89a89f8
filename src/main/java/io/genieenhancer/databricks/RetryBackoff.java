package io.genieenhancer.databricks;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Delay before the next in-process attempt: the server's Retry-After when it gave one (the retry predicate has
 * already refused to wait for long ones), otherwise exponential backoff with "equal jitter" (half fixed, half
 * random) so that concurrent Lambdas hit by the same 429 storm do not come back in step. One instance per call.
 */
final class RetryBackoff implements CustomBackoffStrategy {

    private final long initialDelayMillis;
    private final long maxDelayMillis;
    private final DoubleSupplier random;
    private int retries;

    RetryBackoff(Duration initialDelay, Duration maxDelay, DoubleSupplier random) {
        this.initialDelayMillis = Math.max(1, initialDelay.toMillis());
        this.maxDelayMillis = Math.max(this.initialDelayMillis, maxDelay.toMillis());
        this.random = random;
    }

    RetryBackoff(Duration initialDelay, Duration maxDelay) {
        this(initialDelay, maxDelay, () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        int n = retries++;
        if (cause instanceof DatabricksApiException e && e.retryAfterSeconds().isPresent()) {
            return e.retryAfterSeconds().get() * 1000L;
        }
        long base = Math.min(maxDelayMillis, initialDelayMillis << Math.min(n, 20));
        long half = base / 2;
        return half + (long) (random.getAsDouble() * (base - half));
    }
}
