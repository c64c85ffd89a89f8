package io.genieenhancer.store;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.json.Json;
import io.quarkus.runtime.annotations.RegisterForReflection;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One enhancement run per space at a time: a lock object written with a conditional put. A lock past
 * its expiry is taken over with a compare-and-swap on its etag, so two runs cannot both take it; each
 * takeover raises the lock's generation.
 *
 * <p>Acquiring again with the same run id from the same execution renews the lock (a Step Functions retry,
 * or the state machine's renewal each iteration); the same run id from another execution is refused, and
 * so is a run id whose run already finished (its records would be replayed). Release is conditional on
 * the etag and leaves a released lock behind rather than deleting, so it can never remove a lock another
 * run took meanwhile. {@link #fence} is checked before every write to the space: a run whose lock was
 * taken over stops instead of overwriting the new holder's work.
 */
public final class SpaceLocks {

    /**
     * @param executionId the Step Functions execution holding it (null when the caller gives none)
     * @param generation  1 for the first lock of a space, +1 on every new holder
     * @param releasedAt  set when its run released it
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Lock(String spaceId, String runId, String executionId, long generation, Instant acquiredAt,
                       Instant expiresAt, Instant releasedAt) {

        boolean heldAt(Instant now) {
            return releasedAt == null && expiresAt.isAfter(now);
        }
    }

    private final RunStore store;

    public SpaceLocks(RunStore store) {
        this.store = store;
    }

    public Lock acquire(String spaceId, String runId, Duration ttl, Instant now) {
        return acquire(spaceId, runId, Optional.empty(), ttl, now);
    }

    public Lock acquire(String spaceId, String runId, Optional<String> executionId, Duration ttl, Instant now) {
        String key = RunKeys.lock(spaceId);
        RunKeys.safe("runId", runId);
        if (store.get(RunKeys.report(spaceId, runId, "json")).isPresent()) {
            throw EnhancerException.invalidInput("run " + runId + " of space " + spaceId
                    + " already finished (it has a report): start a new run with a new run id");
        }
        store.get(RunKeys.cleanupFailed(spaceId)).ifPresent(marker -> {
            // the marker's own text holds the failed run's [Code]s: naming it here would misroute the error
            String failedRun = Json.read(marker.content(), com.fasterxml.jackson.databind.JsonNode.class).path("runId").asText("?");
            throw new EnhancerException(ErrorCode.CleanupPending, "space " + spaceId + " was left uncleaned by failed run "
                    + failedRun + " (" + RunKeys.cleanupFailed(spaceId) + "); check the space (restore its snapshot if "
                    + "needed), then delete that object to allow runs");
        });
        String execution = executionId.filter(e -> !e.isBlank()).orElse(null);
        for (int attempt = 0; attempt < 3; attempt++) {
            Lock first = new Lock(spaceId, runId, execution, 1, now, now.plus(ttl), null);
            if (store.putIfAbsent(key, bytes(first), Map.of("run-id", runId)).isPresent()) {
                return first;
            }
            Optional<RunStore.StoredContent> current = store.get(key);
            if (current.isEmpty()) {
                continue; // deleted meanwhile: try again
            }
            Lock held = read(current.get());
            Lock wanted;
            if (held.runId().equals(runId) && held.releasedAt() == null) {
                if (execution != null && held.executionId() != null && !held.executionId().equals(execution)) {
                    throw new EnhancerException(ErrorCode.LockHeld, "run " + runId + " of space " + spaceId
                            + " is already running in execution " + held.executionId() + "; a run id runs once");
                }
                // a retry, or the renewal: same holder, same generation, a later expiry
                wanted = new Lock(spaceId, runId, held.executionId() != null ? held.executionId() : execution,
                        held.generation(), held.acquiredAt(), now.plus(ttl), null);
            } else if (held.heldAt(now)) {
                throw new EnhancerException(ErrorCode.LockHeld, "space " + spaceId + " is locked by run "
                        + held.runId() + " until " + held.expiresAt());
            } else {
                wanted = new Lock(spaceId, runId, execution, held.generation() + 1, now, now.plus(ttl), null);
            }
            if (store.putIfMatch(key, bytes(wanted), Map.of("run-id", runId), current.get().object().etag()).isPresent()) {
                return wanted;
            }
        }
        throw new EnhancerException(ErrorCode.LockHeld, "space " + spaceId + " lock is contended; try again");
    }

    /** Releases the lock if this run holds it; returns whether it did. */
    public boolean release(String spaceId, String runId, Instant now) {
        String key = RunKeys.lock(spaceId);
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<RunStore.StoredContent> current = store.get(key);
            if (current.isEmpty()) {
                return false;
            }
            Lock held = read(current.get());
            if (!held.runId().equals(runId) || held.releasedAt() != null) {
                return false;
            }
            Lock released = new Lock(held.spaceId(), runId, held.executionId(), held.generation(), held.acquiredAt(),
                    held.expiresAt(), now);
            // conditional: a lock another run took over after we read it stays theirs
            if (store.putIfMatch(key, bytes(released), Map.of("run-id", runId), current.get().object().etag()).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Before a write to the space: refuses ({@code LockLost}) when another run has taken the space's lock. No lock
     * at all (a function called outside a run, as in tests and one-off calls) or this run's own lock passes.
     */
    public void fence(String spaceId, String runId) {
        Optional<Lock> lock = store.get(RunKeys.lock(spaceId)).map(SpaceLocks::read);
        if (lock.isPresent() && !lock.get().runId().equals(runId)) {
            throw new EnhancerException(ErrorCode.LockLost, "run " + runId + " no longer holds the lock of space " + spaceId
                    + ": run " + lock.get().runId() + " took it (generation " + lock.get().generation()
                    + "); nothing was written");
        }
    }

    /** The lock while a run holds it (not released; it may have expired). */
    public Optional<Lock> current(String spaceId) {
        return store.get(RunKeys.lock(spaceId)).map(SpaceLocks::read).filter(l -> l.releasedAt() == null);
    }

    private static byte[] bytes(Lock lock) {
        return Json.bytes(lock);
    }

    private static Lock read(RunStore.StoredContent c) {
        try {
            return Json.read(c.content(), Lock.class);
        } catch (RuntimeException e) {
            // an unreadable lock must not block the space forever: treat it as long expired
            return new Lock("?", "unreadable", null, 0, Instant.EPOCH, Instant.EPOCH, null);
        }
    }
}
