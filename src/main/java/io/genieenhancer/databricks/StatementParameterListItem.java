package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A value for a {@code :name} marker in a statement; {@code type} defaults to STRING on the server. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatementParameterListItem(
        @JsonProperty("name") String name,
        @JsonProperty("value") String value,
        @JsonProperty("type") String type) {
}
