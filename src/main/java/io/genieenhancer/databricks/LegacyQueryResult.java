package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

/** The deprecated {@code query_result} of a message (the SDK's {@code Result}); prefer the query attachment. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record LegacyQueryResult(
        @JsonProperty("statement_id") Optional<String> statementId,
        @JsonProperty("row_count") long rowCount,
        @JsonProperty("is_truncated") boolean isTruncated) {

    public LegacyQueryResult {
        statementId = Wire.opt(statementId);
    }
}
