package io.genieenhancer.cycle;

import io.genieenhancer.analysis.AnalysisResult;
import io.genieenhancer.analysis.FailureAnalyzer;
import io.genieenhancer.analysis.FailureEvidence;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.evaluation.AssessmentReason;
import io.genieenhancer.evaluation.Evaluation;
import io.genieenhancer.evaluation.EvaluationJson;
import io.genieenhancer.evaluation.OutcomeStatus;
import io.genieenhancer.evaluation.QuestionOutcome;
import io.genieenhancer.fix.Confidence;
import io.genieenhancer.fix.Fix;
import io.genieenhancer.fix.FixMeta;
import io.genieenhancer.fix.FixSource;
import io.genieenhancer.fix.Relationship;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;
import io.genieenhancer.space.SpaceRules;
import io.genieenhancer.store.LocalRunStore;
import io.genieenhancer.store.RunKeys;
import io.genieenhancer.store.RunStore;
import io.genieenhancer.store.Snapshots;
import io.genieenhancer.testing.InMemoryGenieSpaces;
import io.genieenhancer.sandbox.ManualClock;
import io.genieenhancer.time.Deadline;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import io.genieenhancer.store.SpaceLocks;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class EnhancementCycleTest {

    static final String SPACE = "sp1";
    static final String RUN = "run-1";
    static final String SERIALIZED = "{\"version\":2,\"data_sources\":{\"tables\":["
            + "{\"identifier\":\"main.sales.customers\",\"column_configs\":[{\"column_name\":\"customer_id\"},{\"column_name\":\"region\"}]},"
            + "{\"identifier\":\"main.sales.orders\",\"column_configs\":[{\"column_name\":\"amount\"},{\"column_name\":\"customer_id\"}],"
            + "\"keep_me\":true}]},"
            + "\"benchmarks\":{\"questions\":[{\"id\":\"0123456789abcdef0123456789abcde1\",\"question\":[\"Total revenue by territory\"],"
            + "\"answer\":[{\"format\":\"SQL\",\"content\":[\"SELECT c.region, SUM(o.amount) FROM main.sales.orders o JOIN main.sales.customers c ON o.customer_id = c.customer_id GROUP BY c.region\"]}]}]}}";

    @TempDir
    Path dir;
    RunStore store;
    InMemoryGenieSpaces spaces;
    List<FailureAnalyzer> analyzers;
    final Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    /** Proposes what it is told, records what it was asked. */
    static final class Scripted implements FailureAnalyzer {
        final String name;
        final List<Fix> fixes;
        final List<List<FailureEvidence>> calls = new ArrayList<>();

        Scripted(String name, List<Fix> fixes) {
            this.name = name;
            this.fixes = fixes;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public AnalysisResult analyze(SpaceConfig space, List<FailureEvidence> failures) {
            calls.add(failures);
            return AnalysisResult.of(fixes);
        }
    }

    static Fix synonym(String syn, FixSource source, String q) {
        return new Fix.AddSynonym("main.sales.customers", "region", syn,
                FixMeta.of(Confidence.HIGH, source, "question says " + syn, q));
    }

    static Fix join() {
        return new Fix.AddJoinSpec("main.sales.orders", "orders", "main.sales.customers", "customers",
                "orders.customer_id = customers.customer_id", Relationship.MANY_TO_ONE, "", "",
                FixMeta.rule("expected SQL joins orders to customers", "q1"));
    }

    @BeforeEach
    void setUp() {
        store = new LocalRunStore(dir);
        spaces = new InMemoryGenieSpaces(SPACE, SERIALIZED);
        writeEvaluation(0, OutcomeStatus.INCORRECT);
    }

    void writeEvaluation(int iteration, OutcomeStatus status) {
        QuestionOutcome o = QuestionOutcome.builder("0123456789abcdef0123456789abcde1", "Total revenue by territory", 0)
                .status(status).reason(AssessmentReason.RESULT_MISSING_ROWS)
                .expectedSql(Optional.of("SELECT c.region, SUM(o.amount) FROM main.sales.orders o JOIN main.sales.customers c ON o.customer_id = c.customer_id GROUP BY c.region"))
                .generatedSql(Optional.of("SELECT SUM(amount) FROM main.sales.orders")).build();
        Evaluation e = new Evaluation(0, SPACE, RUN, iteration, Evaluation.Mode.SELF_RUN, List.of(), 1, Optional.empty(),
                Optional.empty(), List.of(o), List.of());
        store.put(RunKeys.evaluation(SPACE, RUN, iteration), EvaluationJson.write(e), Map.of());
    }

    EnhancementCycle cycle(FailureAnalyzer... a) {
        return new EnhancementCycle(spaces, store, List.of(a), CycleSettings.defaults(), clock);
    }

    EnhancementCycle.Result run(EnhancementCycle c, int iteration, Strategy s, boolean dry) {
        return c.run(new EnhancementCycle.Request(SPACE, RUN, iteration, Optional.empty(), s, dry));
    }

    @Test
    void allFixesOfAllAnalysersAreDedupedAndAppliedInExactlyOneUpdateAfterASnapshot() {
        Scripted rule = new Scripted("rule", List.of(synonym("territory", FixSource.RULE, "q1"), join()));
        Scripted llm = new Scripted("llm", List.of(synonym("Territories", FixSource.LLM, "q1")));
        EnhancementCycle.Result r = run(cycle(rule, llm), 1, Strategy.BATCH_ALL, false);

        assertEquals(EnhancementCycle.Status.APPLIED, r.status());
        assertEquals(1, spaces.updates.size(), "one update for the whole batch");
        assertEquals("etag-1", spaces.updates.get(0).etag(), "written with the etag it was read at");
        assertEquals(1, rule.calls.get(0).size(), "the analysers see every stable failure");
        assertEquals(3, r.record().counts().fixesProposed());
        assertEquals(2, r.record().counts().fixesApplied(), "the plural/case variant merged into one synonym");
        assertEquals(Map.of("add_join_spec", 1, "add_synonym", 1), r.record().counts().byType());
        assertEquals(30, r.record().write().indexingWaitSeconds());

        SpaceConfig after = SpaceJson.parse(spaces.serialized());
        assertEquals(List.of(), SpaceRules.validate(after));
        assertEquals(List.of("territory"), after.table("main.sales.customers").orElseThrow().column("region").orElseThrow().synonyms());
        assertEquals(1, after.instructions().joinSpecs().size());
        assertTrue(spaces.serialized().contains("\"keep_me\":true"), "unknown fields survive");

        var snap = new Snapshots(store).load(r.record().write().snapshotKey(), Optional.empty());
        assertEquals(SERIALIZED, snap.serializedSpace(), "the snapshot holds the config from before the update");
        IterationRecord stored = IterationRecords.read(store, r.fixLogKey()).orElseThrow();
        assertEquals(IterationRecord.Status.APPLIED, stored.status());
        assertEquals(2, stored.fixLog().applied());
        assertEquals("etag-2", stored.write().etagAfter());
    }

    @Test
    void aRunWhoseLockWasTakenOverWritesNothingToTheSpaceNeitherUpdateNorRollback() {
        SpaceLocks locks = new SpaceLocks(store);
        Instant t0 = clock.instant();
        locks.acquire(SPACE, RUN, java.time.Duration.ofMinutes(10), t0);
        Scripted rule = new Scripted("rule", List.of(synonym("territory", FixSource.RULE, "q1")));
        assertEquals(EnhancementCycle.Status.APPLIED, run(cycle(rule), 1, Strategy.BATCH_ALL, false).status());
        // the run stalls past its lock's expiry; another run takes the space
        locks.acquire(SPACE, "run-b", java.time.Duration.ofMinutes(10), t0.plusSeconds(601));
        String afterFirst = spaces.serialized();
        writeEvaluation(1, OutcomeStatus.INCORRECT);

        EnhancerException enhance = assertThrows(EnhancerException.class,
                () -> run(cycle(new Scripted("rule", List.of(join()))), 2, Strategy.BATCH_ALL, false));
        EnhancerException rollback = assertThrows(EnhancerException.class,
                () -> new IterationRollback(spaces, store, clock).rollback(SPACE, RUN, 1));

        assertEquals(ErrorCode.LockLost, enhance.code());
        assertEquals(ErrorCode.LockLost, rollback.code());
        assertEquals(1, spaces.updates.size(), "the new holder's space is left alone");
        assertEquals(afterFirst, spaces.serialized());
        assertTrue(store.get(RunKeys.configBefore(SPACE, RUN, 2)).isEmpty(), "fenced before the snapshot too");
    }

    @Test
    void invokedTwiceForTheSameIterationItAppliesOnce() {
        Scripted rule = new Scripted("rule", List.of(synonym("territory", FixSource.RULE, "q1")));
        EnhancementCycle c = cycle(rule);
        EnhancementCycle.Result first = run(c, 1, Strategy.BATCH_ALL, false);
        EnhancementCycle.Result second = run(c, 1, Strategy.BATCH_ALL, false);
        assertFalse(first.alreadyApplied());
        assertTrue(second.alreadyApplied());
        assertEquals(1, spaces.updates.size());
        assertEquals(first.record().write().snapshotKey(), second.record().write().snapshotKey());
    }

    @Test
    void aRetryAfterTheUpdateLandedButBeforeTheRecordWasFinishedDoesNotWriteAgain() {
        Scripted rule = new Scripted("rule", List.of(synonym("territory", FixSource.RULE, "q1")));
        EnhancementCycle c = cycle(rule);
        run(c, 1, Strategy.BATCH_ALL, false);
        // simulate the crash window: the record still says PENDING
        String key = RunKeys.fixes(SPACE, RUN, 1);
        IterationRecord rec = IterationRecords.read(store, key).orElseThrow();
        IterationRecords.write(store, key, rec.with(IterationRecord.Status.PENDING, null, null));
        EnhancementCycle.Result again = run(c, 1, Strategy.BATCH_ALL, false);
        assertTrue(again.alreadyApplied());
        assertEquals(1, spaces.updates.size());
        assertEquals(IterationRecord.Status.APPLIED, IterationRecords.read(store, key).orElseThrow().status());
    }

    @Test
    void aFailedUpdateLeavesTheSpaceUntouchedAndARetryAppliesCleanly() {
        Scripted rule = new Scripted("rule", List.of(synonym("territory", FixSource.RULE, "q1")));
        EnhancementCycle c = cycle(rule);
        spaces.failNextUpdate(new EnhancerException(ErrorCode.DatabricksUnavailable, "503"));
        assertThrows(EnhancerException.class, () -> run(c, 1, Strategy.BATCH_ALL, false));
        assertEquals(SERIALIZED, spaces.serialized());
        EnhancementCycle.Result retry = run(c, 1, Strategy.BATCH_ALL, false);
        assertEquals(EnhancementCycle.Status.APPLIED, retry.status());
        assertEquals(1, spaces.updates.size());
    }

    @Test
    void dryRunPlansAndDiffsButNeverWritesTheSpace() {
        Scripted rule = new Scripted("rule", List.of(synonym("territory", FixSource.RULE, "q1"), join()));
        EnhancementCycle.Result r = run(cycle(rule), 1, Strategy.BATCH_ALL, true);
        assertEquals(EnhancementCycle.Status.DRY_RUN, r.status());
        assertEquals(0, spaces.updates.size());
        assertTrue(r.record().diffMarkdown().contains("territory"), r.record().diffMarkdown());
        assertTrue(store.get(RunKeys.fixes(SPACE, RUN, 1)).isEmpty(), "a dry run does not count as the iteration");
    }

    @Test
    void noValidFixesMeansNoFixesAndNoWrite() {
        Fix onMissingColumn = new Fix.AddSynonym("main.sales.customers", "no_such_column", "x", FixMeta.rule("r", "q1"));
        EnhancementCycle.Result r = run(cycle(new Scripted("rule", List.of(onMissingColumn))), 1, Strategy.BATCH_ALL, false);
        assertEquals(EnhancementCycle.Status.NO_FIXES, r.status());
        assertEquals(0, spaces.updates.size());
        assertEquals(0, r.record().write().indexingWaitSeconds());
    }

    @Test
    void byCategoryAppliesOneCategoryAndCarriesTheRestToTheNextIteration() {
        Scripted rule = new Scripted("rule", List.of(join(), synonym("territory", FixSource.RULE, "q1")));
        EnhancementCycle c = cycle(rule);
        EnhancementCycle.Result first = run(c, 1, Strategy.BY_CATEGORY, false);
        assertEquals(Map.of("add_synonym", 1), first.record().counts().byType(), "columns come before joins");
        assertEquals(1, first.record().carried().size());

        writeEvaluation(1, OutcomeStatus.INCORRECT);
        Scripted nothingNew = new Scripted("rule", List.of());
        EnhancementCycle.Result second = run(cycle(nothingNew), 2, Strategy.BY_CATEGORY, false);
        assertEquals(Map.of("add_join_spec", 1), second.record().counts().byType(), "the carried join is applied next");
        assertEquals(2, spaces.updates.size());
    }

    @Test
    void oneByOneAppliesASingleFix() {
        Scripted rule = new Scripted("rule", List.of(synonym("territory", FixSource.RULE, "q1"), join()));
        EnhancementCycle.Result r = run(cycle(rule), 1, Strategy.ONE_BY_ONE, false);
        assertEquals(1, r.record().counts().fixesApplied());
        assertEquals(1, r.record().carried().size());
    }

    @Test
    void rollbackRestoresTheExactSnapshotAndTheRunNeverProposesThoseFixesAgain() {
        Scripted rule = new Scripted("rule", List.of(synonym("territory", FixSource.RULE, "q1")));
        run(cycle(rule), 1, Strategy.BATCH_ALL, false);
        assertNotEquals(SERIALIZED, spaces.serialized());

        IterationRollback.Result rb = new IterationRollback(spaces, store, clock).rollback(SPACE, RUN, 1);
        assertTrue(rb.restored());
        assertEquals(SERIALIZED, spaces.serialized(), "byte for byte");
        assertEquals(1, rb.rejectedFixes().size());
        IterationRollback.Result again = new IterationRollback(spaces, store, clock).rollback(SPACE, RUN, 1);
        assertTrue(again.restored(), "a retry after a successful rollback reports the space restored, not a failure");
        assertEquals(rb.rejectedFixes(), again.rejectedFixes());
        assertEquals(2, spaces.updates.size(), "our update and the restore: the retry did not write again");

        writeEvaluation(1, OutcomeStatus.INCORRECT);
        EnhancementCycle.Result next = run(cycle(rule), 2, Strategy.BATCH_ALL, false);
        assertEquals(EnhancementCycle.Status.NO_FIXES, next.status(), "the rejected synonym is not proposed again");
    }

    @Test
    void rollbackRefusesWhenSomeoneElseEditedTheSpaceAfterOurUpdate() {
        run(cycle(new Scripted("rule", List.of(synonym("territory", FixSource.RULE, "q1")))), 1, Strategy.BATCH_ALL, false);
        spaces.externalEdit(SERIALIZED.replace("\"keep_me\":true", "\"keep_me\":false"));
        EnhancerException e = assertThrows(EnhancerException.class,
                () -> new IterationRollback(spaces, store, clock).rollback(SPACE, RUN, 1));
        assertEquals(ErrorCode.ConcurrentModification, e.code());
    }

    @Test
    void aMissingEvaluationIsEvaluationNotFound() {
        EnhancerException e = assertThrows(EnhancerException.class, () -> run(cycle(), 3, Strategy.BATCH_ALL, false));
        assertEquals(ErrorCode.EvaluationNotFound, e.code());
        assertEquals(0, spaces.updates.size());
    }

    /** Proposes a synonym, and while "analysing" someone edits the space (a person in the Genie UI). */
    final class EditsDuringAnalysis implements FailureAnalyzer {
        @Override
        public String name() {
            return "rule";
        }

        @Override
        public AnalysisResult analyze(SpaceConfig space, List<FailureEvidence> failures) {
            spaces.externalEdit(EDITED);
            return AnalysisResult.of(List.of(synonym("territory", FixSource.RULE, "q1")));
        }
    }

    static final String EDITED = SERIALIZED.replace("\"keep_me\":true", "\"keep_me\":false");

    @Test
    void anEditDuringAnalysisIsRefusedBeforeAnythingIsWrittenEvenWhenTheServerGivesNoEtag() {
        spaces.withoutEtags();
        EnhancerException e = assertThrows(EnhancerException.class,
                () -> run(cycle(new EditsDuringAnalysis()), 1, Strategy.BATCH_ALL, false));
        assertEquals(ErrorCode.ConcurrentModification, e.code());
        assertEquals(0, spaces.updates.size(), "no update");
        assertEquals(EDITED, spaces.serialized(), "the person's edit is kept");
        assertTrue(store.get(RunKeys.fixes(SPACE, RUN, 1)).isEmpty(), "no iteration record");
        assertTrue(store.get(RunKeys.configBefore(SPACE, RUN, 1)).isEmpty(), "no snapshot");
    }

    @Test
    void anEditDuringAnalysisIsRefusedBeforeTheRecordIsWrittenWhenTheServerGivesEtags() {
        EnhancerException e = assertThrows(EnhancerException.class,
                () -> run(cycle(new EditsDuringAnalysis()), 1, Strategy.BATCH_ALL, false));
        assertEquals(ErrorCode.ConcurrentModification, e.code());
        assertEquals(0, spaces.updates.size());
        assertTrue(store.get(RunKeys.fixes(SPACE, RUN, 1)).isEmpty(), "a retry must not find a PENDING record to resume");
    }

    @Test
    void rollbackComparesContentWhenTheServerGivesNoEtagAndRefusesAfterAnotherEdit() {
        spaces.withoutEtags();
        run(cycle(new Scripted("rule", List.of(synonym("territory", FixSource.RULE, "q1")))), 1, Strategy.BATCH_ALL, false);
        spaces.externalEdit(EDITED);
        EnhancerException e = assertThrows(EnhancerException.class,
                () -> new IterationRollback(spaces, store, clock).rollback(SPACE, RUN, 1));
        assertEquals(ErrorCode.ConcurrentModification, e.code());
        assertEquals(EDITED, spaces.serialized(), "the edit was not overwritten");
    }

    @Test
    void rollbackWithoutEtagsRestoresOurOwnUpdate() {
        spaces.withoutEtags();
        run(cycle(new Scripted("rule", List.of(synonym("territory", FixSource.RULE, "q1")))), 1, Strategy.BATCH_ALL, false);
        assertTrue(new IterationRollback(spaces, store, clock).rollback(SPACE, RUN, 1).restored());
        assertEquals(SERIALIZED, spaces.serialized());
    }

    @Test
    void aRollbackRetriedAfterTheRestoreLandedButBeforeItsRecordWasWrittenReportsRestored() {
        run(cycle(new Scripted("rule", List.of(synonym("territory", FixSource.RULE, "q1")))), 1, Strategy.BATCH_ALL, false);
        // the first rollback's update landed, then the Lambda died: the record still says APPLIED
        spaces.externalEdit(SERIALIZED);
        IterationRollback.Result r = new IterationRollback(spaces, store, clock).rollback(SPACE, RUN, 1);
        assertTrue(r.restored());
        assertEquals(1, spaces.updates.size(), "nothing written again");
        assertEquals(IterationRecord.Status.ROLLED_BACK,
                IterationRecords.read(store, RunKeys.fixes(SPACE, RUN, 1)).orElseThrow().status());
    }

    @Test
    void aRepeatedRollbackRefusesWhenTheSpaceNoLongerHoldsTheSnapshot() {
        run(cycle(new Scripted("rule", List.of(synonym("territory", FixSource.RULE, "q1")))), 1, Strategy.BATCH_ALL, false);
        new IterationRollback(spaces, store, clock).rollback(SPACE, RUN, 1);
        spaces.externalEdit(EDITED);
        EnhancerException e = assertThrows(EnhancerException.class,
                () -> new IterationRollback(spaces, store, clock).rollback(SPACE, RUN, 1));
        assertEquals(ErrorCode.ConcurrentModification, e.code());
    }

    /** Takes {@code seconds} of the clock to analyse, and records the deadline it was given. */
    static final class Slow implements FailureAnalyzer {
        final ManualClock clock;
        final long seconds;
        Deadline given;

        Slow(ManualClock clock, long seconds) {
            this.clock = clock;
            this.seconds = seconds;
        }

        @Override
        public String name() {
            return "llm";
        }

        @Override
        public AnalysisResult analyze(SpaceConfig space, List<FailureEvidence> failures) {
            throw new AssertionError("the cycle must pass its deadline");
        }

        @Override
        public AnalysisResult analyze(SpaceConfig space, List<FailureEvidence> failures, Deadline deadline) {
            given = deadline;
            clock.advance(Duration.ofSeconds(seconds));
            return AnalysisResult.of(List.of(synonym("territory", FixSource.LLM, "q1")));
        }
    }

    EnhancementCycle.Result runWithin(ManualClock clock, Duration budget, FailureAnalyzer a) {
        return new EnhancementCycle(spaces, store, List.of(a), CycleSettings.defaults(), clock).run(new EnhancementCycle.Request(
                SPACE, RUN, 1, Optional.empty(), Strategy.BATCH_ALL, false, Deadline.after(budget, clock)));
    }

    @Test
    void noUpdateStartsWithLessThanSixtySecondsLeftAndNothingIsWrittenSoARetryStartsClean() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-26T12:00:00Z"));
        EnhancerException e = assertThrows(EnhancerException.class,
                () -> runWithin(clock, Duration.ofSeconds(900), new Slow(clock, 841)));
        assertEquals(ErrorCode.TimeBudgetExhausted, e.code());
        assertTrue(e.code().retryable(), "comes back to the state machine as a retry result");
        assertEquals(0, spaces.updates.size());
        assertTrue(store.get(RunKeys.fixes(SPACE, RUN, 1)).isEmpty());

        EnhancementCycle.Result retry = runWithin(clock, Duration.ofSeconds(900), new Slow(clock, 839));
        assertEquals(EnhancementCycle.Status.APPLIED, retry.status(), "61 s left is enough");
    }

    @Test
    void theAnalysersMustFinishNinetySecondsBeforeTheDeadline() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-26T12:00:00Z"));
        Slow slow = new Slow(clock, 1);
        runWithin(clock, Duration.ofSeconds(900), slow);
        assertEquals(Instant.parse("2026-11-26T12:13:30Z"), slow.given.at(), "900 s budget minus 60 s update and 30 s margin");
    }
}
