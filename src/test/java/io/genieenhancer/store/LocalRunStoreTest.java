package io.genieenhancer.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import io.genieenhancer.error.EnhancerException;

import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalRunStoreTest extends RunStoreContract {

    @TempDir
    Path dir;

    @Override
    RunStore store() {
        return new LocalRunStore(dir);
    }

    @Test
    void keysCannotEscapeTheStoreFolder() {
        assertThrows(EnhancerException.class, () -> store().put("../outside.json", b("x"), Map.of()));
    }
}
