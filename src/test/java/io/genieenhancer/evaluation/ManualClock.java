package io.genieenhancer.evaluation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand; its {@link #sleeper()} advances it instead of sleeping. */
final class ManualClock extends Clock {

    private Instant now;
    private Duration slept = Duration.ZERO;

    ManualClock(Instant start) {
        this.now = start;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    Duration slept() {
        return slept;
    }

    Sleeper sleeper() {
        return d -> {
            slept = slept.plus(d);
            advance(d);
        };
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
