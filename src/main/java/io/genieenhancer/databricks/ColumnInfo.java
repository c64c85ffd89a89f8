package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A result column. {@code type_name} (e.g. INT, DECIMAL, STRING) is kept as text: the set is long and growing. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ColumnInfo(
        @JsonProperty("name") String name,
        @JsonProperty("type_name") String typeName,
        @JsonProperty("type_text") String typeText,
        @JsonProperty("position") int position,
        @JsonProperty("type_precision") Integer typePrecision,
        @JsonProperty("type_scale") Integer typeScale) {
}
