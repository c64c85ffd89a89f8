package io.genieenhancer.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable storage for runs: snapshots, fix logs, evaluations, reports and the per-space lock. Keys
 * follow {@link RunKeys}. Implementations only do I/O; what is stored is decided by the callers.
 */
public interface RunStore {

    /** Writes (or overwrites) an object; returns its version and hash. */
    StoredObject put(String key, byte[] content, Map<String, String> metadata);

    /**
     * Writes only when no object exists under {@code key} (S3 {@code If-None-Match: *}).
     *
     * @return the stored object, or empty when the key was taken
     */
    Optional<StoredObject> putIfAbsent(String key, byte[] content, Map<String, String> metadata);

    /**
     * Overwrites only when the current object still has {@code expectedEtag} (S3 {@code If-Match}): the
     * compare-and-swap used to take over an expired lock.
     *
     * @return the stored object, or empty when the object changed or vanished meanwhile
     */
    Optional<StoredObject> putIfMatch(String key, byte[] content, Map<String, String> metadata, String expectedEtag);

    /** Latest version. */
    Optional<StoredContent> get(String key);

    /** A given version (an overwritten snapshot stays readable by its version id). */
    Optional<StoredContent> get(String key, String versionId);

    /** Deletes the latest version (earlier versions stay in a versioned bucket). */
    void delete(String key);

    /** Keys under a prefix, sorted. */
    List<String> list(String prefix);

    /** Where the objects live, for logs and reports (bucket URL or folder). */
    String location();

    record StoredObject(String key, String versionId, String sha256, String etag) {
    }

    record StoredContent(StoredObject object, byte[] content, Map<String, String> metadata) {
        public String text() {
            return new String(content, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
