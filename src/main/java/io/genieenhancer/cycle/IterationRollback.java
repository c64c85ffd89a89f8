package io.genieenhancer.cycle;

import io.genieenhancer.databricks.GenieSpace;
import io.genieenhancer.databricks.GenieSpaces;
import io.genieenhancer.fix.FixLog;
import io.genieenhancer.store.Hashes;
import io.genieenhancer.store.RunKeys;
import io.genieenhancer.store.RunStore;
import io.genieenhancer.store.Snapshots;
import io.genieenhancer.store.SpaceSnapshot;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Undoes one iteration: puts the snapshot taken before its update back (verified), and marks its fixes
 * rejected so later iterations of the run do not propose them again. Idempotent.
 */
public final class IterationRollback {

    private static final Logger LOG = Logger.getLogger(IterationRollback.class);

    public record Result(boolean restored, String snapshotKey, List<String> rejectedFixes, String etag) {
    }

    private final GenieSpaces spaces;
    private final RunStore store;
    private final Clock clock;

    public IterationRollback(GenieSpaces spaces, RunStore store, Clock clock) {
        this.spaces = spaces;
        this.store = store;
        this.clock = clock;
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
        switch (record.status()) {
            case ROLLED_BACK:
                return new Result(false, record.snapshotKey(), applied, record.etagAfter());
            case NO_FIXES:
                return new Result(false, null, List.of(), record.etagAfter());
            default:
                break;
        }
        SpaceSnapshot snap = new Snapshots(store).load(record.snapshotKey(), Optional.ofNullable(record.snapshotVersionId()));
        Optional<String> expected = Optional.ofNullable(record.etagAfter());
        if (record.status() == IterationRecord.Status.PENDING) {
            // the update may or may not have landed: only our planned config may be overwritten
            GenieSpace current = spaces.get(spaceId);
            expected = Hashes.sha256(current.serializedSpace()).equals(record.plannedSha256())
                    ? Optional.ofNullable(current.etag()) : Optional.empty();
        }
        SpaceRestorer.Result r = new SpaceRestorer(spaces).restore(spaceId, snap, expected, false);
        EnhancementCycle.Rejections.add(store, spaceId, runId, applied);
        IterationRecords.write(store, recordKey, record.with(IterationRecord.Status.ROLLED_BACK, r.etag(), clock.instant()));
        LOG.infof("rollback %s/%s/%d: restored %s, %d fixes rejected for this run", spaceId, runId, iteration,
                record.snapshotKey(), applied.size());
        return new Result(r.changed(), record.snapshotKey(), applied, r.etag());
    }
}
