package io.genieenhancer.store;

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
}
