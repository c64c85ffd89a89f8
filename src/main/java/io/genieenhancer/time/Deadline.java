package io.genieenhancer.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When the current invocation must be done: a Lambda that runs past its timeout is killed mid-call (an update
 * to the space could be cut off half way), so long steps check how much time is left before starting work.
 *
 * @param at    the moment the invocation is killed (or the configured budget ends, for local runs)
 * @param clock the time source the remaining time is measured with
 */
public record Deadline(Instant at, Clock clock) {

    /** No limit: tests and callers that run outside a Lambda and configured no budget. */
    public static Deadline none(Clock clock) {
        return new Deadline(Instant.MAX, clock);
    }

    /** {@code budget} from now. */
    public static Deadline after(Duration budget, Clock clock) {
        return new Deadline(clock.instant().plus(budget), clock);
    }

    public Duration remaining() {
        if (at.equals(Instant.MAX)) {
            return Duration.ofSeconds(Long.MAX_VALUE);
        }
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whether {@code needed} still fits before the deadline. */
    public boolean allows(Duration needed) {
        return remaining().compareTo(needed) >= 0;
    }

    /** The same deadline moved earlier by {@code reserve}: what a sub-step may use while keeping time for what follows. */
    public Deadline minus(Duration reserve) {
        return at.equals(Instant.MAX) ? this : new Deadline(at.minus(reserve), clock);
    }
}
