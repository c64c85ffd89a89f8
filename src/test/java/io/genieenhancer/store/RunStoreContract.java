package io.genieenhancer.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
                () -> locks.acquire("space7", "run-b", Duration.ofMinutes(10), t0.plusSeconds(604)));
        assertEquals(ErrorCode.LockHeld, held.code());
        assertTrue(held.getMessage().startsWith("[LockHeld] space space7 is locked by run run-a until 2026-11-26T10:10:05Z"),
                "the re-acquire renewed it: " + held.getMessage());
        assertEquals("run-b", locks.acquire("space7", "run-b", Duration.ofMinutes(10), t0.plusSeconds(606)).runId());
        assertFalse(locks.release("space7", "run-a", t0.plusSeconds(607)), "a run must not release someone else's lock");
        assertTrue(locks.release("space7", "run-b", t0.plusSeconds(607)));
        assertTrue(locks.current("space7").isEmpty());
    }

    @Test
    void theSameRunAndExecutionRenewsItsLockAnotherExecutionOfThatRunIdIsRefused() {
        SpaceLocks locks = new SpaceLocks(store());
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        SpaceLocks.Lock first = locks.acquire("space8", "run-a", Optional.of("arn:exec/run-a"), Duration.ofMinutes(10), t0);
        SpaceLocks.Lock renewed = locks.acquire("space8", "run-a", Optional.of("arn:exec/run-a"), Duration.ofMinutes(10),
                t0.plusSeconds(500));

        assertEquals(t0.plusSeconds(1100), renewed.expiresAt(), "renewal moves the expiry");
        assertEquals(first.generation(), renewed.generation(), "and keeps the generation");
        assertEquals(t0, renewed.acquiredAt());
        EnhancerException twice = assertThrows(EnhancerException.class, () -> locks.acquire("space8", "run-a",
                Optional.of("arn:exec/other"), Duration.ofMinutes(10), t0.plusSeconds(600)));
        assertEquals(ErrorCode.LockHeld, twice.code());
        assertTrue(twice.getMessage().contains("already running in execution arn:exec/run-a"), twice.getMessage());
        assertEquals("arn:exec/run-a", locks.current("space8").orElseThrow().executionId());
    }

    @Test
    void aTakeoverRaisesTheGenerationAndFencesTheFormerHolderOut() {
        SpaceLocks locks = new SpaceLocks(store());
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        assertEquals(1, locks.acquire("space9", "run-a", Duration.ofMinutes(10), t0).generation());
        locks.fence("space9", "run-a");
        SpaceLocks.Lock taken = locks.acquire("space9", "run-b", Duration.ofMinutes(10), t0.plusSeconds(601));

        assertEquals(2, taken.generation());
        EnhancerException lost = assertThrows(EnhancerException.class, () -> locks.fence("space9", "run-a"));
        assertEquals(ErrorCode.LockLost, lost.code());
        assertTrue(lost.getMessage().contains("run run-b took it (generation 2)"), lost.getMessage());
        locks.fence("space9", "run-b");
        locks.fence("space-without-lock", "run-a"); // outside a run nothing is fenced
        assertFalse(locks.release("space9", "run-a", t0.plusSeconds(700)), "the former holder cannot release it");
        assertEquals("run-b", locks.current("space9").orElseThrow().runId());
    }

    @Test
    void releaseLeavesAReleasedLockThatTheNextRunTakesWithTheNextGeneration() {
        SpaceLocks locks = new SpaceLocks(store());
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        locks.acquire("space10", "run-a", Duration.ofHours(6), t0);
        assertTrue(locks.release("space10", "run-a", t0.plusSeconds(60)));
        assertFalse(locks.release("space10", "run-a", t0.plusSeconds(61)), "released once");

        assertTrue(locks.current("space10").isEmpty());
        assertTrue(store().get(RunKeys.lock("space10")).isPresent(), "kept, marked released: release never deletes");
        SpaceLocks.Lock next = locks.acquire("space10", "run-b", Duration.ofHours(6), t0.plusSeconds(120));
        assertEquals(2, next.generation());
        assertEquals(Optional.empty(), Optional.ofNullable(next.releasedAt()));
    }

    @Test
    void aRunIdWhoseRunFinishedCannotTakeTheLockAgain() {
        SpaceLocks locks = new SpaceLocks(store());
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        store().put(RunKeys.report("space11", "run-a", "json"), "{}".getBytes(StandardCharsets.UTF_8), Map.of());

        EnhancerException e = assertThrows(EnhancerException.class, () -> locks.acquire("space11", "run-a", Duration.ofHours(6), t0));

        assertEquals(ErrorCode.InvalidInput, e.code());
        assertTrue(e.getMessage().contains("already finished"), e.getMessage());
        assertTrue(store().get(RunKeys.lock("space11")).isEmpty(), "nothing was written");
    }

    @Test
    void aLockWrittenBeforeGenerationsReadsAsGenerationZero() {
        SpaceLocks locks = new SpaceLocks(store());
        store().put(RunKeys.lock("space12"), ("{\"spaceId\":\"space12\",\"runId\":\"old-run\","
                + "\"acquiredAt\":\"2026-11-26T10:00:00Z\",\"expiresAt\":\"2026-11-26T16:00:00Z\"}").getBytes(StandardCharsets.UTF_8), Map.of());

        SpaceLocks.Lock old = locks.current("space12").orElseThrow();
        assertEquals(0, old.generation());
        assertEquals(1, locks.acquire("space12", "new-run", Duration.ofHours(6), Instant.parse("2026-11-26T17:00:00Z")).generation());
    }
}
