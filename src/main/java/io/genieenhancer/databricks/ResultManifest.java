package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Optional;

/** Shape of a statement's result: columns, row and chunk counts; {@code truncated} when row_limit/byte_limit cut it. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultManifest(
        @JsonProperty("format") Optional<String> format,
        @JsonProperty("schema") Optional<ResultSchema> schema,
        @JsonProperty("total_row_count") long totalRowCount,
        @JsonProperty("total_chunk_count") int totalChunkCount,
        @JsonProperty("total_byte_count") long totalByteCount,
        @JsonProperty("truncated") boolean truncated,
        @JsonProperty("chunks") List<BaseChunkInfo> chunks) {

    public ResultManifest {
        format = Wire.opt(format);
        schema = Wire.opt(schema);
        chunks = Wire.list(chunks);
    }

    public List<ColumnInfo> columns() {
        return schema.map(ResultSchema::columns).orElse(List.of());
    }
}
