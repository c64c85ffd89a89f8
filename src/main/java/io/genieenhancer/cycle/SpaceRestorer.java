package io.genieenhancer.cycle;

import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.databricks.GenieSpace;
import io.genieenhancer.databricks.GenieSpaceUpdate;
import io.genieenhancer.databricks.GenieSpaces;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.json.Json;
import io.genieenhancer.store.Hashes;
import io.genieenhancer.store.SpaceSnapshot;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Puts a snapshot's exact {@code serialized_space} back and proves it: refuses when someone else changed
 * the space since (unless forced), writes with the current etag, then re-reads and compares.
 *
 * <p>"Changed since" is decided by the etag when both sides have one, else by the SHA-256 of the config: the
 * etag contract of the real API is not confirmed, and a check that is skipped when the etag is missing would
 * let a restore silently overwrite a person's edit.
 */
public final class SpaceRestorer {

    /**
     * @param changed   whether this call wrote the space (false: it already held the snapshot)
     * @param backupKey where the config it overwrote was saved first (forced restores), if anywhere
     */
    public record Result(boolean changed, String etag, Optional<String> backupKey) {
    }

    /**
     * What the caller believes the space holds now: the etag it last saw or wrote and/or the SHA-256 of that
     * config. Empty parts default to the snapshot's (the space must be unchanged since the snapshot).
     */
    public record Expected(Optional<String> etag, Optional<String> sha256) {
        public static Expected snapshotState() {
            return new Expected(Optional.empty(), Optional.empty());
        }
    }

    private final GenieSpaces spaces;

    public SpaceRestorer(GenieSpaces spaces) {
        this.spaces = spaces;
    }

    /** Not forced: refuses (ConcurrentModification) when the space is not in the expected state. */
    public Result restore(String spaceId, SpaceSnapshot snap, Expected expected) {
        return restore(spaceId, snap, expected, Optional.empty());
    }

    /**
     * @param forcedBackup when present, the restore is forced (no check of the current state), and the config
     *                     about to be overwritten is first handed to this function, which saves it and returns
     *                     its key: a forced restore never loses a config without a copy
     */
    public Result restore(String spaceId, SpaceSnapshot snap, Expected expected,
            Optional<Function<GenieSpace, String>> forcedBackup) {
        if (!snap.spaceId().equals(spaceId)) {
            throw EnhancerException.invalidInput("snapshot belongs to space " + snap.spaceId() + ", not " + spaceId);
        }
        GenieSpace current = spaces.get(spaceId);
        if (holds(current, snap)) {
            return new Result(false, current.etag(), Optional.empty()); // already there: a retried restore is a no-op
        }
        Optional<String> backupKey = Optional.empty();
        if (forcedBackup.isPresent()) {
            backupKey = Optional.of(forcedBackup.get().apply(current));
        } else {
            requireExpected(spaceId, current, snap, expected);
        }
        GenieSpace updated = spaces.update(spaceId, new GenieSpaceUpdate(snap.serializedSpace(), current.etag()));
        GenieSpace after = spaces.get(spaceId);
        if (!holds(after, snap)) {
            throw new EnhancerException(ErrorCode.RestoreVerificationFailed, "space " + spaceId
                    + " does not hold the snapshot after the update (sha mismatch)");
        }
        return new Result(true, Optional.ofNullable(after.etag()).orElse(updated.etag()), backupKey);
    }

    /** Whether the space holds the snapshot's config (byte for byte, or as the same JSON). */
    public static boolean holds(GenieSpace space, SpaceSnapshot snap) {
        return sameConfig(space.serializedSpace(), snap.serializedSpace());
    }

    private static void requireExpected(String spaceId, GenieSpace current, SpaceSnapshot snap, Expected expected) {
        String etag = expected.etag().orElse(expected.sha256().isPresent() ? null : snap.etag());
        if (etag != null && current.etag() != null) {
            if (!etag.equals(current.etag())) {
                throw new EnhancerException(ErrorCode.ConcurrentModification, "space " + spaceId + " changed since etag "
                        + etag + " (now " + current.etag() + "); pass force=true to overwrite");
            }
            return;
        }
        // no etag to compare: the content must be what the caller last saw
        Optional<String> sha = expected.sha256().or(() -> expected.etag().isPresent() ? Optional.empty()
                : Optional.of(snap.sha256()));
        String currentSha = Hashes.sha256(SpaceSnapshot.serializedOf(current));
        if (sha.isEmpty() || !sha.get().equals(currentSha)) {
            throw new EnhancerException(ErrorCode.ConcurrentModification, "space " + spaceId
                    + " holds a config other than the one expected (sha256 " + currentSha + ", expected "
                    + sha.orElse("unknown: the space gives no etag") + "); pass force=true to overwrite");
        }
    }

    /** Exact string, or the same JSON when the server re-formats it. */
    static boolean sameConfig(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        try {
            JsonNode x = Json.MAPPER.readTree(a);
            JsonNode y = Json.MAPPER.readTree(b);
            return x.equals(y);
        } catch (Exception e) {
            return false;
        }
    }
}
