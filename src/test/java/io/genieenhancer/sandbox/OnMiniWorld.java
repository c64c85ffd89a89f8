package io.genieenhancer.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of grammar tests that ask questions of one {@link MiniWorld}, built once per test class. */
abstract class OnMiniWorld {

    static MiniWorld w;

    @BeforeAll
    static void start() {
        w = new MiniWorld();
    }

    @AfterAll
    static void stop() {
        w.close();
    }
}
