package io.genieenhancer.error;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAdviceTest {

    @Test
    void aServersRetryAfterIsCappedBeforeItReachesTheStateMachinesWait() {
        EnhancerException hostile = new EnhancerException(ErrorCode.RateLimited, "slow down", 31_536_000, null);
        assertEquals(RetryAdvice.MAX_WAIT_SECONDS, RetryAdvice.from(hostile).retryAfterSeconds());
        assertEquals(1, new RetryAdvice(ErrorCode.RateLimited, "x", -5).retryAfterSeconds());
        assertEquals(45, RetryAdvice.from(new EnhancerException(ErrorCode.RateLimited, "x", 45, null)).retryAfterSeconds());
        assertEquals(RetryAdvice.DEFAULT_WAIT_SECONDS,
                RetryAdvice.from(new EnhancerException(ErrorCode.StoreUnavailable, "x", null, null)).retryAfterSeconds());
    }
}
