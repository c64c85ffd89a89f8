package io.genieenhancer.store;

import io.genieenhancer.databricks.GenieSpace;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceStats;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * A space as it was: the exact {@code serialized_space} string (restored byte for byte) and what
 * identifies that moment (etag, hash, counts).
 */
@RegisterForReflection
public record SpaceSnapshot(
        String spaceId,
        String label,
        Instant takenAt,
        String etag,
        String title,
        String warehouseId,
        String sha256,
        SpaceStats stats,
        String serializedSpace) {

    /**
     * What Databricks holds now. Refuses a space without {@code serialized_space}: we could not restore it.
     *
     * @param parsed the same config, parsed (for the counts)
     */
    public static SpaceSnapshot of(GenieSpace space, SpaceConfig parsed, String label, Instant at) {
        return new SpaceSnapshot(space.spaceId(), label, at, space.etag(), space.title(), space.warehouseId(),
                Hashes.sha256(serializedOf(space)), SpaceStats.of(parsed), space.serializedSpace());
    }

    /** The config string of a space read with include_serialized_space; reading it needs CAN EDIT. */
    public static String serializedOf(GenieSpace space) {
        if (space.serializedSpace() == null) {
            throw new EnhancerException(ErrorCode.AccessDenied, "space " + space.spaceId()
                    + " returned no serialized_space (reading it needs CAN EDIT on the space)");
        }
        return space.serializedSpace();
    }
}
