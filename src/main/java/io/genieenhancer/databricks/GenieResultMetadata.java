package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenieResultMetadata(
        @JsonProperty("row_count") long rowCount,
        @JsonProperty("is_truncated") boolean isTruncated) {
}
