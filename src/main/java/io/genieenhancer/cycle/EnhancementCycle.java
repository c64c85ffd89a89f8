package io.genieenhancer.cycle;

import com.fasterxml.jackson.core.type.TypeReference;

import io.genieenhancer.analysis.AnalysisResult;
import io.genieenhancer.analysis.EvidenceColumns;
import io.genieenhancer.analysis.FailureAnalyzer;
import io.genieenhancer.analysis.FailureEvidence;
import io.genieenhancer.analysis.RunMemory;
import io.genieenhancer.databricks.GenieSpace;
import io.genieenhancer.databricks.GenieSpaceUpdate;
import io.genieenhancer.databricks.GenieSpaces;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.evaluation.Evaluation;
import io.genieenhancer.evaluation.EvaluationJson;
import io.genieenhancer.fix.ApplyResult;
import io.genieenhancer.fix.Fix;
import io.genieenhancer.fix.FixApplyException;
import io.genieenhancer.fix.FixEngine;
import io.genieenhancer.fix.FixLog;
import io.genieenhancer.fix.FixPlan;
import io.genieenhancer.fix.FixPolicy;
import io.genieenhancer.json.Json;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceFormatException;
import io.genieenhancer.space.SpaceJson;
import io.genieenhancer.store.Hashes;
import io.genieenhancer.store.RunKeys;
import io.genieenhancer.store.RunStore;
import io.genieenhancer.store.SpaceLocks;
import io.genieenhancer.store.Snapshots;
import io.genieenhancer.store.SpaceSnapshot;
import io.genieenhancer.time.Deadline;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One enhancement cycle: load the space and the evaluation, analyse ALL
 * failures with every analyser, plan (dedupe, validate, budgets), select by strategy, apply in memory,
 * snapshot the current config, record the plan, and write the space ONCE with its etag.
 *
 * <p>Safe to invoke twice for the same run and iteration (a Step Functions retry after a timeout): the
 * iteration record tells whether the update already happened, and the space itself is compared with the
 * planned config when the record is still PENDING.
 */
public final class EnhancementCycle {

    private static final Logger LOG = Logger.getLogger(EnhancementCycle.class);
    private static final int MAX_DIFF_CHARS = 200_000;

    /** No update of the space starts with less time left than this: a Lambda killed mid-PATCH leaves it unknown. */
    public static final Duration MIN_TIME_FOR_UPDATE = Duration.ofSeconds(60);
    /** What the analysers leave for planning, the run-store writes and the update after them. */
    static final Duration RESERVED_AFTER_ANALYSIS = MIN_TIME_FOR_UPDATE.plusSeconds(30);
    /** How soon the state machine re-invokes us after the budget ran out (a fresh invocation has a fresh budget). */
    static final int RETRY_AFTER_BUDGET_SECONDS = 5;

    /**
     * @param deadline when this invocation is killed: analysis stops starting LLM batches in time, and no update
     *                 starts with less than {@link #MIN_TIME_FOR_UPDATE} left
     */
    public record Request(String spaceId, String runId, int iteration, Optional<String> evaluationKey, Strategy strategy,
            boolean dryRun, Deadline deadline) {

        /** Without a time limit (tests, the in-process loop). */
        public Request(String spaceId, String runId, int iteration, Optional<String> evaluationKey, Strategy strategy,
                boolean dryRun) {
            this(spaceId, runId, iteration, evaluationKey, strategy, dryRun, Deadline.none(Clock.systemUTC()));
        }
    }

    public enum Status { APPLIED, NO_FIXES, DRY_RUN }

    public record Result(Status status, IterationRecord record, String fixLogKey, boolean alreadyApplied) {
    }

    private final GenieSpaces spaces;
    private final RunStore store;
    private final List<FailureAnalyzer> analyzers;
    private final CycleSettings settings;
    private final Clock clock;

    public EnhancementCycle(GenieSpaces spaces, RunStore store, List<FailureAnalyzer> analyzers, CycleSettings settings,
            Clock clock) {
        this.spaces = spaces;
        this.store = store;
        this.analyzers = List.copyOf(analyzers);
        this.settings = settings;
        this.clock = clock;
    }

    public Result run(Request req) {
        if (req.iteration() < 1) {
            throw EnhancerException.invalidInput("iteration must be >= 1 (iteration 0 is the baseline evaluation)");
        }
        String recordKey = RunKeys.fixes(req.spaceId(), req.runId(), req.iteration());
        Optional<IterationRecord> earlier = req.dryRun() ? Optional.empty() : IterationRecords.read(store, recordKey);
        if (earlier.isPresent() && earlier.get().status() != IterationRecord.Status.PENDING) {
            LOG.infof("enhance %s/%s/%d already ran (%s): returning its result", req.spaceId(), req.runId(),
                    req.iteration(), earlier.get().status());
            return new Result(statusOf(earlier.get()), earlier.get(), recordKey, true);
        }

        Instant started = clock.instant();
        String evaluationKey = req.evaluationKey()
                .orElse(RunKeys.evaluation(req.spaceId(), req.runId(), req.iteration() - 1));
        if (!evaluationKey.startsWith(RunKeys.space(req.spaceId()))) {
            throw EnhancerException.invalidInput("evaluationKey must belong to space " + req.spaceId());
        }
        Evaluation evaluation = store.get(evaluationKey)
                .map(c -> EvaluationJson.read(c.content(), evaluationKey))
                .orElseThrow(() -> new EnhancerException(ErrorCode.EvaluationNotFound, "no evaluation at " + evaluationKey));

        GenieSpace current = spaces.get(req.spaceId());
        SpaceSnapshot.serializedOf(current);
        if (earlier.isPresent()) {
            Optional<Result> resumed = resume(earlier.get(), current, recordKey);
            if (resumed.isPresent()) {
                return resumed.get();
            }
        }
        SpaceConfig space;
        try {
            space = SpaceJson.parse(current.serializedSpace());
        } catch (SpaceFormatException e) {
            throw new EnhancerException(ErrorCode.InvalidSpaceConfig, "space " + req.spaceId()
                    + " holds a configuration we cannot read: " + e.getMessage());
        }

        List<FailureEvidence> failures = evaluation.failuresToFix(settings.failurePolicy()).stream()
                .map(FailureEvidence::of).toList();
        AnalysisResult analysis = AnalysisResult.empty();
        for (FailureAnalyzer a : analyzers) {
            AnalysisResult r = a.analyze(space, failures, req.deadline().minus(RESERVED_AFTER_ANALYSIS));
            LOG.infof("analyser %s: %d fixes proposed, %d items rejected", a.name(), r.fixes().size(), r.rejected().size());
            analysis = analysis.plus(r);
        }

        Set<String> rejectedKeys = Rejections.keys(store, req.spaceId(), req.runId());
        List<Fix> proposed = new ArrayList<>(carriedFrom(req));
        proposed.addAll(analysis.fixes());
        // learning across iterations: a failure nothing else explains gets its best fix cut earlier in the run
        RunMemory memory = RunMemory.of(earlierLogs(req), rejectedKeys);
        Set<String> failingIds = new HashSet<>();
        failures.forEach(f -> failingIds.add(f.questionId()));
        List<Fix> escalated = memory.escalate(analysis.fixes(), failingIds, settings.minConfidence());
        proposed.addAll(escalated);
        proposed.removeIf(f -> rejectedKeys.contains(f.key()));

        // the space lists only configured columns; the ground truth proves more exist (fixes may target those)
        FixPolicy policy = FixPolicy.defaults(space).withMinConfidence(settings.minConfidence())
                .withLeakageGuard(settings.leakageGuard()).withSchema(EvidenceColumns.of(space, failures));
        FixPlan plan = FixEngine.plan(space, proposed, policy);
        List<Fix> selected = req.strategy().select(plan.accepted());
        ApplyResult applied;
        try {
            applied = FixEngine.apply(space, selected, policy.schema());
        } catch (FixApplyException e) {
            // the final config breaks a server rule: nothing is written
            throw new EnhancerException(ErrorCode.InvalidSpaceConfig, "the fixed configuration would be invalid: "
                    + e.getMessage());
        }
        FixLog log = FixLog.of(plan, applied);
        Set<String> selectedKeys = new HashSet<>();
        selected.forEach(f -> selectedKeys.add(f.key()));
        List<Fix> carried = plan.accepted().stream().filter(f -> !selectedKeys.contains(f.key())).toList();
        String diff = truncate(applied.diff().markdown());
        int wait = applied.entityMatchingChanged() ? settings.entityMatchingWaitSeconds() : settings.indexingWaitSeconds();
        String newSerialized = SpaceJson.print(applied.config());
        boolean nothingToWrite = applied.unchanged() || selected.isEmpty();

        IterationRecord record = new IterationRecord(IterationRecord.Status.PENDING, req.spaceId(), req.runId(),
                req.iteration(), req.strategy(),
                new IterationRecord.Analysed(evaluationKey, evaluation.score(), failures.size(), analysis.usage(),
                        analysis.rejected()),
                new IterationRecord.FixCounts(plan.proposed(), plan.accepted().size(), applied.applied().size(),
                        applied.byType()),
                IterationRecord.SpaceWrite.planned(current.etag(), Hashes.sha256(newSerialized),
                        applied.entityMatchingChanged(), nothingToWrite ? 0 : wait),
                log, carried, diff, new IterationRecord.Timing(started, null));

        if (req.dryRun()) {
            String key = RunKeys.dryRun(req.spaceId(), req.runId(), req.iteration());
            IterationRecords.write(store, key, record.with(IterationRecord.Status.PENDING, null, clock.instant()));
            return new Result(Status.DRY_RUN, record, key, false);
        }
        if (nothingToWrite) {
            IterationRecord done = record.with(IterationRecord.Status.NO_FIXES, current.etag(), clock.instant());
            IterationRecords.write(store, recordKey, done);
            return new Result(Status.NO_FIXES, done, recordKey, false);
        }

        if (!req.deadline().allows(MIN_TIME_FOR_UPDATE)) {
            // nothing written yet: a fresh invocation (fresh budget) plans again and its LLM batches stop in time
            throw new EnhancerException(ErrorCode.TimeBudgetExhausted, "enhance " + req.spaceId() + "/" + req.runId() + "/"
                    + req.iteration() + ": " + req.deadline().remaining().toSeconds() + " s left, an update needs "
                    + MIN_TIME_FOR_UPDATE.toSeconds() + " s; nothing was written", RETRY_AFTER_BUDGET_SECONDS, null);
        }
        requireUnchangedSince(current, req);
        new SpaceLocks(store).fence(req.spaceId(), req.runId());

        // snapshot BEFORE the write; rollback puts this exact string back
        String snapshotKey = RunKeys.configBefore(req.spaceId(), req.runId(), req.iteration());
        SpaceSnapshot snap = SpaceSnapshot.of(current, space, "iteration-" + req.iteration(), started);
        RunStore.StoredObject stored = new Snapshots(store).save(snapshotKey, snap);
        IterationRecord pending = record.withSnapshot(snapshotKey, stored.versionId());
        IterationRecords.write(store, recordKey, pending);

        GenieSpace updated = spaces.update(req.spaceId(), new GenieSpaceUpdate(newSerialized, current.etag()));
        IterationRecord done = pending.with(IterationRecord.Status.APPLIED, updated.etag(), clock.instant());
        IterationRecords.write(store, recordKey, done);
        LOG.infof("enhance %s/%s/%d: applied %d fixes %s in one update", req.spaceId(), req.runId(), req.iteration(),
                done.counts().fixesApplied(), done.counts().byType());
        return new Result(Status.APPLIED, done, recordKey, false);
    }

    /**
     * The space was read before a possibly minutes-long analysis; a person may have edited it meanwhile. Re-read it
     * just before writing anything and refuse when its content (or, where the server gives one, its etag) changed:
     * the plan was made for the old config, and writing it would silently drop their edit. The etag on the update
     * is the server-side fence; this check does not depend on the server honouring it.
     */
    private void requireUnchangedSince(GenieSpace readBefore, Request req) {
        GenieSpace now = spaces.get(req.spaceId());
        boolean sameContent = SpaceSnapshot.serializedOf(now).equals(SpaceSnapshot.serializedOf(readBefore));
        boolean sameEtag = readBefore.etag() == null || now.etag() == null || readBefore.etag().equals(now.etag());
        if (!sameContent || !sameEtag) {
            throw new EnhancerException(ErrorCode.ConcurrentModification, "space " + req.spaceId()
                    + " was edited while iteration " + req.iteration() + " was being analysed; nothing was written");
        }
    }

    /**
     * A PENDING record means an earlier invocation stopped around the update. If the space holds the planned
     * config, the update happened: finish the record. If it still holds the snapshot, start over. Anything
     * else means someone else changed the space meanwhile.
     */
    private Optional<Result> resume(IterationRecord pending, GenieSpace current, String recordKey) {
        String currentSha = Hashes.sha256(current.serializedSpace());
        if (currentSha.equals(pending.write().plannedSha256())) {
            IterationRecord done = pending.with(IterationRecord.Status.APPLIED, current.etag(), clock.instant());
            IterationRecords.write(store, recordKey, done);
            LOG.infof("enhance %s/%s/%d: the earlier invocation's update had landed; recorded it", pending.spaceId(),
                    pending.runId(), pending.iteration());
            return Optional.of(new Result(Status.APPLIED, done, recordKey, true));
        }
        IterationRecord.SpaceWrite write = pending.write();
        Optional<SpaceSnapshot> before = write.snapshotKey() == null ? Optional.empty()
                : new Snapshots(store).find(write.snapshotKey(), Optional.ofNullable(write.snapshotVersionId()));
        if (before.isEmpty() || before.get().sha256().equals(currentSha)) {
            return Optional.empty();
        }
        throw new EnhancerException(ErrorCode.ConcurrentModification, "space " + pending.spaceId()
                + " changed while iteration " + pending.iteration() + " was being applied");
    }

    /** The fix logs of this run's earlier iterations, oldest first: what was proposed, cut and applied. */
    private List<FixLog> earlierLogs(Request req) {
        List<FixLog> logs = new ArrayList<>();
        for (int i = 1; i < req.iteration(); i++) {
            IterationRecords.read(store, RunKeys.fixes(req.spaceId(), req.runId(), i))
                    .map(IterationRecord::fixLog).filter(java.util.Objects::nonNull).ifPresent(logs::add);
        }
        return logs;
    }

    private List<Fix> carriedFrom(Request req) {
        if (req.iteration() < 2) {
            return List.of();
        }
        return IterationRecords.read(store, RunKeys.fixes(req.spaceId(), req.runId(), req.iteration() - 1))
                .filter(r -> r.status() == IterationRecord.Status.APPLIED || r.status() == IterationRecord.Status.NO_FIXES)
                .map(IterationRecord::carried).orElse(List.of());
    }

    private static Status statusOf(IterationRecord r) {
        return r.status() == IterationRecord.Status.NO_FIXES ? Status.NO_FIXES : Status.APPLIED;
    }

    private static String truncate(String s) {
        return s.length() <= MAX_DIFF_CHARS ? s : s.substring(0, MAX_DIFF_CHARS) + "\n… (diff truncated)\n";
    }

    /** The run's rejected fixes (rolled back): never proposed again in this run. */
    public static final class Rejections {
        private static final TypeReference<List<String>> KEYS = new TypeReference<>() {
        };

        private Rejections() {
        }

        public static String key(String spaceId, String runId) {
            return RunKeys.rejectedFixes(spaceId, runId);
        }

        public static Set<String> keys(RunStore store, String spaceId, String runId) {
            return store.get(key(spaceId, runId)).map(c -> {
                try {
                    return (Set<String>) new HashSet<>(Json.MAPPER.readValue(c.content(), KEYS));
                } catch (java.io.IOException e) {
                    throw new EnhancerException(ErrorCode.Internal, key(spaceId, runId) + " is unreadable", e);
                }
            }).orElse(Set.of());
        }

        public static void add(RunStore store, String spaceId, String runId, List<String> keys) {
            Set<String> all = new java.util.TreeSet<>(keys(store, spaceId, runId));
            all.addAll(keys);
            store.put(key(spaceId, runId), Json.bytes(List.copyOf(all)), Map.of());
        }
    }

}
