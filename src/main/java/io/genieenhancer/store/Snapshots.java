package io.genieenhancer.store;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.json.Json;

import java.util.Map;
import java.util.Optional;

/** Writes and reads {@link SpaceSnapshot}s in the run store. */
public final class Snapshots {

    private final RunStore store;

    public Snapshots(RunStore store) {
        this.store = store;
    }

    public RunStore.StoredObject save(String key, SpaceSnapshot snapshot) {
        return store.put(key, Json.bytes(snapshot), Map.of(
                "space-id", snapshot.spaceId(),
                "space-sha256", snapshot.sha256(),
                "label", snapshot.label()));
    }

    public Optional<SpaceSnapshot> find(String key, Optional<String> versionId) {
        Optional<RunStore.StoredContent> content = versionId.isPresent() ? store.get(key, versionId.get()) : store.get(key);
        return content.map(c -> {
            try {
                return Json.read(c.content(), SpaceSnapshot.class);
            } catch (RuntimeException e) {
                throw new EnhancerException(ErrorCode.SnapshotNotFound, key + " is not a snapshot document");
            }
        });
    }

    public SpaceSnapshot load(String key, Optional<String> versionId) {
        return find(key, versionId).orElseThrow(() -> new EnhancerException(ErrorCode.SnapshotNotFound,
                "no snapshot at " + key + versionId.map(v -> " version " + v).orElse("")));
    }
}
