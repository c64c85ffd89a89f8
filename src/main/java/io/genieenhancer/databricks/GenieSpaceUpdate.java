package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * PATCH body: a full replacement of {@code serialized_space}; with {@code etag} the server refuses the
 * write when the space changed since that version (omit it for an unconditional write).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenieSpaceUpdate(
        @JsonProperty("serialized_space") String serializedSpace,
        @JsonProperty("etag") String etag) {
}
