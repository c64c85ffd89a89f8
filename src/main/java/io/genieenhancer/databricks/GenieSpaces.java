package io.genieenhancer.databricks;

import java.util.List;

/**
 * The Genie space management API the enhancer needs. Failures are thrown as
 * {@link io.genieenhancer.error.EnhancerException} with a named code: SpaceNotFound, AccessDenied,
 * InvalidSpaceConfig (400), ConcurrentModification (etag mismatch), RateLimited, DatabricksUnavailable.
 */
public interface GenieSpaces {

    /** GET with {@code include_serialized_space=true}. */
    GenieSpace get(String spaceId);

    /** PATCH (full replacement of serialized_space); returns the space as the server now holds it. */
    GenieSpace update(String spaceId, GenieSpaceUpdate update);

    /** Every space visible to the caller (all pages; no serialized_space in the list). */
    List<GenieSpace> list();
}
