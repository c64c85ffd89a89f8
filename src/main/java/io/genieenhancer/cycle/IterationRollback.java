package io.genieenhancer.cycle;

import io.genieenhancer.databricks.GenieSpace;
import io.genieenhancer.databricks.GenieSpaces;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.fix.FixLog;
import io.genieenhancer.store.Hashes;
import io.genieenhancer.store.RunKeys;
import io.genieenhancer.store.RunStore;
import io.genieenhancer.store.SpaceLocks;
import io.genieenhancer.store.Snapshots;
import io.genieenhancer.store.SpaceSnapshot;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Undoes one iteration: puts the snapshot taken before its update back (verified), and marks its fixes
 * rejected so later iterations of the run do not propose them again.
 *
 * <p>Idempotent for the state machine: invoked again after a rollback that succeeded (a retry whose first answer
 * was lost), it answers {@code restored=true} again once it has seen the space hold the snapshot, instead of
 * "nothing restored", which the state machine would read as a failed rollback.
 */
public record IterationRollback(GenieSpaces spaces, RunStore store, Clock clock) {

    private static final Logger LOG = Logger.getLogger(IterationRollback.class);

    public record Result(boolean restored, String snapshotKey, List<String> rejectedFixes, String etag) {
    }

    public Result rollback(String spaceId, String runId, int iteration) {
        String recordKey = RunKeys.fixes(spaceId, runId, iteration);
        Optional<IterationRecord> found = IterationRecords.read(store, recordKey);
        if (found.isEmpty()) {
            // enhance failed before it recorded anything, so it wrote nothing: the failure cleanup may call us anyway
            LOG.infof("rollback %s/%s/%d: nothing was applied in this iteration", spaceId, runId, iteration);
            return new Result(false, null, List.of(), null);
        }
        IterationRecord record = found.get();
        List<String> applied = record.fixLog() == null ? List.of() : record.fixLog().entries().stream()
                .filter(e -> e.outcome() == FixLog.Outcome.APPLIED).map(FixLog.Entry::key).toList();
        if (record.status() == IterationRecord.Status.NO_FIXES) {
            return new Result(false, null, List.of(), record.write().etagAfter());
        }
        IterationRecord.SpaceWrite write = record.write();
        SpaceSnapshot snap = new Snapshots(store).load(write.snapshotKey(), Optional.ofNullable(write.snapshotVersionId()));
        if (record.status() == IterationRecord.Status.ROLLED_BACK) {
            // a retry after a successful rollback (its answer was lost): the same answer, if the space still proves it
            GenieSpace current = spaces.get(spaceId);
            if (!SpaceRestorer.holds(current, snap)) {
                throw new EnhancerException(ErrorCode.ConcurrentModification, "iteration " + iteration
                        + " was rolled back, but space " + spaceId + " no longer holds " + write.snapshotKey()
                        + ": someone edited it since");
            }
            LOG.infof("rollback %s/%s/%d: already rolled back; the space holds the snapshot", spaceId, runId, iteration);
            return new Result(true, write.snapshotKey(), applied, current.etag());
        }
        // APPLIED: the space must hold what we wrote (our etag, or our planned config when the server gives no etag)
        SpaceRestorer.Expected expected = new SpaceRestorer.Expected(Optional.ofNullable(write.etagAfter()),
                Optional.ofNullable(write.plannedSha256()));
        if (record.status() == IterationRecord.Status.PENDING) {
            // the update may or may not have landed: only our planned config may be overwritten
            GenieSpace current = spaces.get(spaceId);
            expected = Hashes.sha256(current.serializedSpace()).equals(write.plannedSha256())
                    ? new SpaceRestorer.Expected(Optional.ofNullable(current.etag()), Optional.of(write.plannedSha256()))
                    : SpaceRestorer.Expected.snapshotState();
        }
        // restored=true also when the space already held the snapshot: a retry after a restore whose record was lost
        new SpaceLocks(store).fence(spaceId, runId);
        SpaceRestorer.Result r = new SpaceRestorer(spaces).restore(spaceId, snap, expected);
        EnhancementCycle.Rejections.add(store, spaceId, runId, applied);
        IterationRecords.write(store, recordKey, record.with(IterationRecord.Status.ROLLED_BACK, r.etag(), clock.instant()));
        LOG.infof("rollback %s/%s/%d: restored %s, %d fixes rejected for this run", spaceId, runId, iteration,
                write.snapshotKey(), applied.size());
        return new Result(true, write.snapshotKey(), applied, r.etag());
    }
}
