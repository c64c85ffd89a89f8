package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatementStatus(
        @JsonProperty("state") StatementState state,
        @JsonProperty("error") Optional<ServiceError> error,
        @JsonProperty("sql_state") Optional<String> sqlState) {

    public StatementStatus {
        state = state == null ? StatementState.UNKNOWN : state;
        error = Wire.opt(error);
        sqlState = Wire.opt(sqlState);
    }
}
