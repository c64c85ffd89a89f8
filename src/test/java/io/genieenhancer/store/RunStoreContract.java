package io.genieenhancer.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;

import static org.junit.jupiter.api.Assertions.*;

/** What every run store must do; each implementation's test runs these against a real backend. */
abstract class RunStoreContract {

    abstract RunStore store();

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void whatIsPutCanBeReadBackWithItsHashAndMetadata() {
        RunStore.StoredObject o = store().put("spaces/s1/a.json", b("{\"a\":1}"), Map.of("label", "x"));
        assertEquals(Hashes.sha256(b("{\"a\":1}")), o.sha256());
        RunStore.StoredContent c = store().get("spaces/s1/a.json").orElseThrow();
        assertEquals("{\"a\":1}", c.text());
        assertEquals("x", c.metadata().get("label"));
        assertEquals(o.sha256(), c.object().sha256());
    }

    @Test
    void anOverwrittenObjectsEarlierVersionIsStillReadable() {
        RunStore.StoredObject v1 = store().put("spaces/s1/snap.json", b("one"), Map.of());
        RunStore.StoredObject v2 = store().put("spaces/s1/snap.json", b("two"), Map.of());
        assertNotEquals(v1.versionId(), v2.versionId());
        assertEquals("two", store().get("spaces/s1/snap.json").orElseThrow().text());
        assertEquals("one", store().get("spaces/s1/snap.json", v1.versionId()).orElseThrow().text());
    }

    @Test
    void missingKeysAndVersionsAreEmpty() {
        assertTrue(store().get("spaces/none/x.json").isEmpty());
        store().put("spaces/s1/v.json", b("x"), Map.of());
        assertTrue(store().get("spaces/s1/v.json", "999999").isEmpty());
    }

    @Test
    void putIfAbsentWritesOnlyOnce() {
        assertTrue(store().putIfAbsent("spaces/s2/lock", b("a"), Map.of()).isPresent());
        assertTrue(store().putIfAbsent("spaces/s2/lock", b("b"), Map.of()).isEmpty());
        assertEquals("a", store().get("spaces/s2/lock").orElseThrow().text());
    }

    @Test
    void putIfMatchIsACompareAndSwap() {
        RunStore.StoredObject first = store().put("spaces/s3/lock", b("a"), Map.of());
        String etag = store().get("spaces/s3/lock").orElseThrow().object().etag();
        assertTrue(store().putIfMatch("spaces/s3/lock", b("b"), Map.of(), etag).isPresent());
        assertTrue(store().putIfMatch("spaces/s3/lock", b("c"), Map.of(), etag).isEmpty(), "stale etag must lose");
        assertEquals("b", store().get("spaces/s3/lock").orElseThrow().text());
        assertNotNull(first);
    }

    @Test
    void listReturnsKeysUnderAPrefixSorted() {
        store().put("spaces/s4/runs/r/iteration-1/b.json", b("1"), Map.of());
        store().put("spaces/s4/runs/r/iteration-1/a.json", b("1"), Map.of());
        store().put("spaces/s5/x.json", b("1"), Map.of());
        assertEquals(List.of("spaces/s4/runs/r/iteration-1/a.json", "spaces/s4/runs/r/iteration-1/b.json"),
                store().list("spaces/s4/"));
    }

    @Test
    void deleteRemovesTheLatestVersion() {
        store().put("spaces/s6/x.json", b("1"), Map.of());
        store().delete("spaces/s6/x.json");
        assertTrue(store().get("spaces/s6/x.json").isEmpty());
    }

    @Test
    void aSpaceLockIsExclusiveReentrantForItsRunAndTakenOverAfterExpiry() {
        SpaceLocks locks = new SpaceLocks(store());
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        locks.acquire("space7", "run-a", Duration.ofMinutes(10), t0);
        assertEquals("run-a", locks.acquire("space7", "run-a", Duration.ofMinutes(10), t0.plusSeconds(5)).runId());
        EnhancerException held = assertThrows(EnhancerException.class,
                () -> locks.acquire("space7", "run-b", Duration.ofMinutes(10), t0.plusSeconds(60)));
        assertEquals(ErrorCode.LockHeld, held.code());
        assertTrue(held.getMessage().startsWith("[LockHeld] space space7 is locked by run run-a"));
        assertEquals("run-b", locks.acquire("space7", "run-b", Duration.ofMinutes(10), t0.plusSeconds(601)).runId());
        assertFalse(locks.release("space7", "run-a"), "a run must not release someone else's lock");
        assertTrue(locks.release("space7", "run-b"));
        assertTrue(locks.current("space7").isEmpty());
    }
}
