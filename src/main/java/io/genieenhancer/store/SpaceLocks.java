package io.genieenhancer.store;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.json.Json;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One enhancement run per space at a time: a lock object written with a conditional put. A lock past
 * its expiry is taken over with a compare-and-swap on its etag, so two runs cannot both take it.
 * Acquiring again with the same run id succeeds (a Step Functions retry of the same step).
 */
public final class SpaceLocks {

    @RegisterForReflection
    public record Lock(String spaceId, String runId, Instant acquiredAt, Instant expiresAt) {
    }

    private final RunStore store;

    public SpaceLocks(RunStore store) {
        this.store = store;
    }

    public Lock acquire(String spaceId, String runId, Duration ttl, Instant now) {
        String key = RunKeys.lock(spaceId);
        RunKeys.safe("runId", runId);
        Lock wanted = new Lock(spaceId, runId, now, now.plus(ttl));
        for (int attempt = 0; attempt < 3; attempt++) {
            if (store.putIfAbsent(key, bytes(wanted), Map.of("run-id", runId)).isPresent()) {
                return wanted;
            }
            Optional<RunStore.StoredContent> current = store.get(key);
            if (current.isEmpty()) {
                continue; // released meanwhile: try again
            }
            Lock held = read(current.get());
            if (held.runId().equals(runId)) {
                return held;
            }
            if (held.expiresAt().isAfter(now)) {
                throw new EnhancerException(ErrorCode.LockHeld, "space " + spaceId + " is locked by run "
                        + held.runId() + " until " + held.expiresAt());
            }
            if (store.putIfMatch(key, bytes(wanted), Map.of("run-id", runId), current.get().object().etag()).isPresent()) {
                return wanted;
            }
        }
        throw new EnhancerException(ErrorCode.LockHeld, "space " + spaceId + " lock is contended; try again");
    }

    /** Releases the lock if this run holds it; returns whether it did. */
    public boolean release(String spaceId, String runId) {
        String key = RunKeys.lock(spaceId);
        Optional<RunStore.StoredContent> current = store.get(key);
        if (current.isEmpty() || !read(current.get()).runId().equals(runId)) {
            return false;
        }
        store.delete(key);
        return true;
    }

    public Optional<Lock> current(String spaceId) {
        return store.get(RunKeys.lock(spaceId)).map(SpaceLocks::read);
    }

    private static byte[] bytes(Lock lock) {
        return Json.bytes(lock);
    }

    private static Lock read(RunStore.StoredContent c) {
        try {
            return Json.read(c.content(), Lock.class);
        } catch (RuntimeException e) {
            // an unreadable lock must not block the space forever: treat it as long expired
            return new Lock("?", "unreadable", Instant.EPOCH, Instant.EPOCH);
        }
    }
}
