package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer of attachment query-result and execute-query: a Statement Execution API response. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenieGetMessageQueryResultResponse(
        @JsonProperty("statement_response") StatementResponse statementResponse) {
}
