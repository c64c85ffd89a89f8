package io.genieenhancer.cycle;

import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.databricks.GenieSpace;
import io.genieenhancer.databricks.GenieSpaceUpdate;
import io.genieenhancer.databricks.GenieSpaces;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.json.Json;
import io.genieenhancer.store.SpaceSnapshot;

import java.util.Objects;
import java.util.Optional;

/**
 * Puts a snapshot's exact {@code serialized_space} back and proves it: refuses when someone else changed
 * the space since (unless forced), writes with the current etag, then re-reads and compares.
 */
public final class SpaceRestorer {

    public record Result(boolean changed, String etag) {
    }

    private final GenieSpaces spaces;

    public SpaceRestorer(GenieSpaces spaces) {
        this.spaces = spaces;
    }

    /**
     * @param expectedEtag the etag the caller last wrote or saw (e.g. after its own update); defaults to
     *                     the snapshot's etag
     */
    public Result restore(String spaceId, SpaceSnapshot snap, Optional<String> expectedEtag, boolean force) {
        if (!snap.spaceId().equals(spaceId)) {
            throw EnhancerException.invalidInput("snapshot belongs to space " + snap.spaceId() + ", not " + spaceId);
        }
        GenieSpace current = spaces.get(spaceId);
        if (sameConfig(current.serializedSpace(), snap.serializedSpace())) {
            return new Result(false, current.etag()); // already there: a retried restore is a no-op
        }
        String expected = expectedEtag.orElse(snap.etag());
        if (!force && expected != null && current.etag() != null && !expected.equals(current.etag())) {
            throw new EnhancerException(ErrorCode.ConcurrentModification, "space " + spaceId
                    + " changed since etag " + expected + " (now " + current.etag() + "); pass force=true to overwrite");
        }
        GenieSpace updated = spaces.update(spaceId, new GenieSpaceUpdate(snap.serializedSpace(), current.etag()));
        GenieSpace after = spaces.get(spaceId);
        if (!sameConfig(after.serializedSpace(), snap.serializedSpace())) {
            throw new EnhancerException(ErrorCode.RestoreVerificationFailed, "space " + spaceId
                    + " does not hold the snapshot after the update (sha mismatch)");
        }
        return new Result(true, Optional.ofNullable(after.etag()).orElse(updated.etag()));
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
