package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Optional;

/**
 * One chunk of rows (INLINE + JSON_ARRAY): every value is a string, SQL NULL is a null element.
 * {@code next_chunk_index} is absent on the last chunk.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultData(
        @JsonProperty("chunk_index") int chunkIndex,
        @JsonProperty("row_offset") long rowOffset,
        @JsonProperty("row_count") long rowCount,
        @JsonProperty("byte_count") long byteCount,
        @JsonProperty("next_chunk_index") Optional<Integer> nextChunkIndex,
        @JsonProperty("next_chunk_internal_link") Optional<String> nextChunkInternalLink,
        @JsonProperty("data_array") List<List<String>> dataArray) {

    public ResultData {
        nextChunkIndex = Wire.opt(nextChunkIndex);
        nextChunkInternalLink = Wire.opt(nextChunkInternalLink);
        dataArray = Wire.list(dataArray);
    }
}
