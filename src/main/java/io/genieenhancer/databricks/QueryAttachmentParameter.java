package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A parameter Genie bound into its query. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueryAttachmentParameter(
        @JsonProperty("keyword") String keyword,
        @JsonProperty("sql_type") String sqlType,
        @JsonProperty("value") String value) {
}
