package io.genieenhancer.local;

import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.error.RetryAdvice;
import io.genieenhancer.json.Json;
import io.genieenhancer.sandbox.WorkspaceState;
import io.genieenhancer.store.Hashes;
import io.genieenhancer.store.LocalRunStore;
import io.genieenhancer.store.RunKeys;
import io.genieenhancer.store.RunStore;
import io.genieenhancer.store.SpaceLocks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Fault injection, end to end: the real state machine definition over the real functions on the sandbox
 * (scenario "regress", a 1 s re-index delay honoured by real waits), with one fault injected at a task per
 * test. After each run the same invariants hold (see {@link #assertInvariants}): the live space is the config
 * the run started from, a snapshot it stored, or a config it recorded as planned (or a person's edit); no
 * lock is left held; the run ended with a report, FAILED with its cause when it failed; Genie never answered
 * an evaluation question from a stale index. The README's "Faults survived" table lists these cases.
 */
@QuarkusTest
@QuarkusTestResource(value = SandboxTestWorkspace.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "scenario", value = "regress"), @ResourceArg(name = "reindexDelaySeconds", value = "1")})
class FaultInjectionRunTest {

    private String start;
    private final List<String> staleAnswers = new CopyOnWriteArrayList<>();
    private final Set<String> personEdits = new HashSet<>();

    @BeforeEach
    void remember() throws InterruptedException {
        start = LocalRunSupport.currentSerialized();
        // the previous test may have put the space back a moment ago: start once Genie answers from it
        WorkspaceState state = ws().state();
        for (int i = 0; i < 100 && !state.effectiveVersion().etag().equals(state.latest().etag()); i++) {
            Thread.sleep(50);
        }
        assertEquals(state.latest().etag(), state.effectiveVersion().etag(), "the sandbox re-indexed the space");
    }

    @AfterEach
    void putTheSpaceBack() {
        RunStore store = store();
        store.delete(RunKeys.cleanupFailed(ws().spaceId()));
        if (!LocalRunSupport.currentSerialized().equals(start)) {
            ws().state().update(ws().spaceId(), new WorkspaceState.SpaceUpdate(Optional.of(start), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        }
    }

    /**
     * A function error or a Lambda timeout at a task before anything is written to the space: the baseline's
     * evaluation start, one of its questions, the poll, or enhance itself.
     */
    @ParameterizedTest
    @CsvSource({"startEvaluation, Internal", "evaluateQuestion, Sandbox.Timedout", "pollEvaluation, Internal",
            "enhance, Internal", "enhance, Sandbox.Timedout"})
    void aTaskFailingBeforeTheSpaceWriteLeavesTheSpaceAsItWas(String task, String failure) throws Exception {
        Map<String, FunctionHost.Function> f = functions();
        f.put(task, e -> {
            if (failure.equals("Internal")) {
                throw new EnhancerException(ErrorCode.Internal, task + " crashed");
            }
            throw new FunctionHost.ServiceError(failure, "Task timed out after 60.00 seconds");
        });
        LocalRun.Outcome o = run(f, 1);

        assertFailedWith(o, failure);
        assertEquals(start, LocalRunSupport.currentSerialized());
        assertInvariants(o);
    }

    /** A function error (Funqy's [Internal]) or a Lambda timeout (the service's Sandbox.Timedout) after the PATCH. */
    @ParameterizedTest
    @ValueSource(strings = {"Internal", "Sandbox.Timedout"})
    void enhanceFailingAfterItsUpdateLandedIsRolledBack(String failure) throws Exception {
        Map<String, FunctionHost.Function> f = functions();
        FunctionHost.Function real = f.get("enhance");
        f.put("enhance", e -> {
            real.apply(e);
            if (failure.equals("Internal")) {
                throw new EnhancerException(ErrorCode.Internal, "crashed after the update");
            }
            throw new FunctionHost.ServiceError(failure, "Task timed out after 900.00 seconds");
        });
        LocalRun.Outcome o = run(f, 1);

        assertFailedWith(o, failure);
        assertEquals(start, LocalRunSupport.currentSerialized(), "restored byte for byte");
        assertInvariants(o);
    }

    /** S3 503s during evaluation, a Databricks 429 storm on the questions, a 5xx storm during enhance. */
    @ParameterizedTest
    @CsvSource({"pollEvaluation, StoreUnavailable", "evaluateQuestion pollEvaluation, RateLimited",
            "enhance, DatabricksUnavailable"})
    void aRetryStormSpendsItsBudgetThenFailsWithAReportAndWritesNothing(String hit, String code) throws Exception {
        Map<String, FunctionHost.Function> f = functions();
        AtomicInteger storm = new AtomicInteger();
        for (String function : hit.split(" ")) {
            f.put(function, e -> {
                storm.incrementAndGet();
                return Map.of("retry", new RetryAdvice(ErrorCode.valueOf(code), code + " storm", 1));
            });
        }
        LocalRun.Outcome o = runWithoutWaits(f);

        assertFailedWith(o, code);
        assertTrue(storm.get() > 1, "retried as advised before giving up");
        assertEquals(start, LocalRunSupport.currentSerialized());
        assertInvariants(o);
    }

    @Test
    void aPersonEditingTheSpaceBeforeEnhanceKeepsTheEditUnderTheFixes() throws Exception {
        Map<String, FunctionHost.Function> f = functions();
        FunctionHost.Function real = f.get("enhance");
        AtomicReference<String> edit = new AtomicReference<>();
        f.put("enhance", e -> {
            edit.set(editByAPerson()); // saved in the UI after the baseline evaluation, before enhance reads the space
            return real.apply(e);
        });
        LocalRun.Outcome o = run(f, 1);

        assertTrue(o.succeeded(), () -> o.execution().error().orElse("") + " " + o.execution().cause());
        String description = Json.read(edit.get().getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonNode.class)
                .path("data_sources").path("tables").get(0).path("description").get(0).asText();
        assertTrue(LocalRunSupport.currentSerialized().contains(description), "the fixes went on top of the person's edit");
        assertInvariants(o);
    }

    @Test
    void aPersonEditingTheSpaceAfterTheUpdateIsNotOverwrittenByTheRollback() throws Exception {
        Map<String, FunctionHost.Function> f = functions();
        FunctionHost.Function realJudge = f.get("judge");
        AtomicBoolean edited = new AtomicBoolean();
        f.put("judge", e -> {
            if (e.path("iteration").asInt() >= 1 && edited.compareAndSet(false, true)) {
                personEdits.add(editByAPerson());
                throw new EnhancerException(ErrorCode.Internal, "judge crashed after a person saved the space");
            }
            return realJudge.apply(e);
        });
        LocalRun.Outcome o = run(f, 1);

        assertFailedWith(o, "Internal");
        assertTrue(personEdits.contains(LocalRunSupport.currentSerialized()), "the person's edit survives the failed run");
        RunStore.StoredContent marker = store().get(RunKeys.cleanupFailed(ws().spaceId())).orElseThrow(
                () -> new AssertionError("a rollback that could not run must mark the space"));
        assertTrue(marker.text().contains("ConcurrentModification"), marker.text());
        assertInvariants(o);

        LocalRun.Outcome next = run(functions(), 1);
        assertFailedWith(next, "CleanupPending");
        assertTrue(next.calls().stream().noneMatch(c -> c.function().equals("enhance")), "the next run does not start");
    }

    @Test
    void aRollbackThatFailsInTheCleanupLeavesTheRecordedPlannedConfigAndAMarker() throws Exception {
        Map<String, FunctionHost.Function> f = functions();
        FunctionHost.Function realJudge = f.get("judge");
        f.put("judge", e -> {
            if (e.path("iteration").asInt() >= 1) {
                throw new EnhancerException(ErrorCode.Internal, "judge crashed");
            }
            return realJudge.apply(e);
        });
        f.put("rollback", e -> {
            throw new EnhancerException(ErrorCode.AccessDenied, "the enhancer lost CAN EDIT");
        });
        LocalRun.Outcome o = run(f, 1);

        assertFailedWith(o, "Internal");
        assertNotEquals(start, LocalRunSupport.currentSerialized(), "the fixes are still there");
        assertTrue(store().get(RunKeys.cleanupFailed(ws().spaceId())).isPresent());
        JsonNode report = report(o);
        assertTrue(report.toString().contains("AccessDenied") || store().get(RunKeys.cleanupFailed(ws().spaceId()))
                .orElseThrow().text().contains("AccessDenied"));
        assertInvariants(o);
    }

    // ------------------------------------------------------------------ the invariants

    private void assertInvariants(LocalRun.Outcome o) {
        String spaceId = ws().spaceId();
        RunStore store = store();
        // 1. the live space is one the run can account for
        Set<String> allowed = new HashSet<>(personEdits);
        allowed.add(start);
        String live = LocalRunSupport.currentSerialized();
        Set<String> plannedHashes = new HashSet<>();
        for (String key : store.list(RunKeys.run(spaceId, o.runId()))) {
            if (key.endsWith("/config-before.json")) {
                allowed.add(Json.read(store.get(key).orElseThrow().content(), JsonNode.class).path("serializedSpace").asText());
            }
            if (key.endsWith("/fixes.json")) {
                JsonNode rec = Json.read(store.get(key).orElseThrow().content(), JsonNode.class);
                if (rec.hasNonNull("plannedSha256")) {
                    plannedHashes.add(rec.path("plannedSha256").asText());
                }
            }
        }
        assertTrue(allowed.contains(live) || plannedHashes.contains(Hashes.sha256(live)),
                "the live space is neither the start, a stored snapshot, a recorded planned config nor a person's edit");
        // 2. no lock left held; every lock object carries an expiry
        assertTrue(new SpaceLocks(store).current(spaceId).isEmpty(), "the lock is released");
        store.get(RunKeys.lock(spaceId)).ifPresent(l -> assertNotNull(
                Json.read(l.content(), SpaceLocks.Lock.class).expiresAt(), "a lock without expiry"));
        // 3. a report, FAILED with its cause where the run failed
        JsonNode report = report(o);
        if (!o.succeeded()) {
            assertEquals("FAILED", report.path("outcome").asText(), report.toString());
            assertTrue(report.path("error").asText().contains(o.execution().error().orElseThrow()), report.toString());
        }
        // 4. Genie was never asked a benchmark question while it still answered from an older config
        assertEquals(List.of(), staleAnswers);
    }

    private static void assertFailedWith(LocalRun.Outcome o, String error) {
        assertFalse(o.succeeded(), "the run should have failed with " + error);
        assertEquals(error, o.execution().error().orElseThrow(), () -> String.valueOf(o.execution().cause()));
    }

    private JsonNode report(LocalRun.Outcome o) {
        return Json.read(store().get(RunKeys.report(ws().spaceId(), o.runId(), "json"))
                .orElseThrow(() -> new AssertionError("no report for run " + o.runId())).content(), JsonNode.class);
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, FunctionHost.Function> functions() {
        Map<String, FunctionHost.Function> f = new HashMap<>(LocalFunctions.fromContainer());
        for (String asksGenie : List.of("evaluateQuestion", "pollEvaluation")) {
            FunctionHost.Function real = f.get(asksGenie);
            f.put(asksGenie, e -> {
                WorkspaceState state = ws().state();
                if (!state.effectiveVersion().etag().equals(state.latest().etag())) {
                    staleAnswers.add(asksGenie + " iteration " + e.path("iteration").asInt());
                }
                return real.apply(e);
            });
        }
        return f;
    }

    /** Real waits: the indexing wait after an update is honoured, so a stale answer would be a defect. */
    private static LocalRun.Outcome run(Map<String, FunctionHost.Function> functions, int maxIterations) throws Exception {
        return LocalRunSupport.run(functions, LocalRunSupport.options(maxIterations, 1.0).withRealWaits(true));
    }

    /** Retry storms: the advised waits and backoffs (minutes in all) take 0 s; nothing is applied, so nothing can be stale. */
    private static LocalRun.Outcome runWithoutWaits(Map<String, FunctionHost.Function> functions) throws Exception {
        return LocalRunSupport.run(functions, LocalRunSupport.options(1, 1.0));
    }

    /** A person saves the space in the UI: a description on the first table. */
    private static String editByAPerson() {
        com.fasterxml.jackson.databind.node.ObjectNode space =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(LocalRunSupport.currentSerialized().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
        com.fasterxml.jackson.databind.node.ObjectNode table =
                (com.fasterxml.jackson.databind.node.ObjectNode) space.path("data_sources").path("tables").get(0);
        table.putArray("description").add("Edited in the UI by a person, " + System.nanoTime());
        ws().state().update(ws().spaceId(), new WorkspaceState.SpaceUpdate(Optional.of(space.toString()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        return LocalRunSupport.currentSerialized();
    }

    private static io.genieenhancer.sandbox.SandboxWorkspace ws() {
        return SandboxTestWorkspace.workspace();
    }

    private static RunStore store() {
        return new LocalRunStore(SandboxTestWorkspace.store());
    }
}
