package io.genieenhancer.evaluation;

import java.time.Duration;

/** Short in-invocation pauses between polls (seconds, within the poll budget); a no-op in tests. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration d) throws InterruptedException;

    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());
}
