package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

/**
 * One side of a comparison in {@link GenieEvalResultDetails}: Genie's answer or the benchmark's.
 * {@code response_type} is {@code SQL} or {@code TEXT}; for SQL, {@code response} is the query text.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenieEvalResponse(
        @JsonProperty("response") Optional<String> response,
        @JsonProperty("response_type") Optional<String> responseType,
        @JsonProperty("sql_execution_result") Optional<StatementResponse> sqlExecutionResult) {

    public GenieEvalResponse {
        response = Wire.opt(response);
        responseType = Wire.opt(responseType);
        sqlExecutionResult = Wire.opt(sqlExecutionResult);
    }

    public boolean isSql() {
        return responseType.map("SQL"::equals).orElse(false);
    }
}
