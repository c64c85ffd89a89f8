package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record BaseChunkInfo(
        @JsonProperty("chunk_index") int chunkIndex,
        @JsonProperty("row_count") long rowCount,
        @JsonProperty("row_offset") long rowOffset,
        @JsonProperty("byte_count") long byteCount) {
}
