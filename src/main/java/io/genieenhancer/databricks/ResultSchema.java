package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultSchema(
        @JsonProperty("column_count") int columnCount,
        @JsonProperty("columns") List<ColumnInfo> columns) {

    public ResultSchema {
        columns = Wire.list(columns);
    }
}
