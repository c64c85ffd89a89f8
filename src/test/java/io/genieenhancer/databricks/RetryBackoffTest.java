package io.genieenhancer.databricks;

import io.genieenhancer.error.ErrorCode;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryBackoffTest {

    private static final DatabricksApiException UNAVAILABLE =
            new DatabricksApiException(ErrorCode.DatabricksUnavailable, "getSpace", "x", 503, null, null, true, null);

    @Test
    void delaysDoubleFromTheInitialDelayUpToTheMaximum() {
        RetryBackoff highest = new RetryBackoff(Duration.ofMillis(250), Duration.ofSeconds(2), () -> 0.999999);
        long[] delays = new long[6];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = highest.nextDelayInMillis(UNAVAILABLE);
        }
        assertEquals(249, delays[0]);
        assertEquals(499, delays[1]);
        assertEquals(999, delays[2]);
        assertEquals(1999, delays[3]);
        assertEquals(1999, delays[5], "capped at max-delay");
    }

    @Test
    void jitterKeepsAtLeastHalfOfEachDelay() {
        RetryBackoff lowest = new RetryBackoff(Duration.ofMillis(250), Duration.ofSeconds(2), () -> 0.0);
        assertEquals(125, lowest.nextDelayInMillis(UNAVAILABLE));
        assertEquals(250, lowest.nextDelayInMillis(UNAVAILABLE));
        RetryBackoff random = new RetryBackoff(Duration.ofMillis(400), Duration.ofSeconds(2));
        long d = random.nextDelayInMillis(UNAVAILABLE);
        assertTrue(d >= 200 && d <= 400, "delay " + d);
    }

    @Test
    void theServersRetryAfterWinsOverTheComputedDelay() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(250), Duration.ofSeconds(2), () -> 0.5);
        DatabricksApiException limited = new DatabricksApiException(ErrorCode.RateLimited, "getSpace", "x", 429, null, 2, true, null);
        assertEquals(2000, backoff.nextDelayInMillis(limited));
    }
}
