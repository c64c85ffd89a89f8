package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

/**
 * The SQL Statement Execution API's answer, also embedded in Genie query results and eval-run details.
 * {@code manifest} and {@code result} appear once the statement has SUCCEEDED (result holds the first chunk).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatementResponse(
        @JsonProperty("statement_id") String statementId,
        @JsonProperty("status") StatementStatus status,
        @JsonProperty("manifest") Optional<ResultManifest> manifest,
        @JsonProperty("result") Optional<ResultData> result) {

    public StatementResponse {
        status = status == null ? new StatementStatus(StatementState.UNKNOWN, null, null) : status;
        manifest = Wire.opt(manifest);
        result = Wire.opt(result);
    }

    public StatementState state() {
        return status.state();
    }
}
