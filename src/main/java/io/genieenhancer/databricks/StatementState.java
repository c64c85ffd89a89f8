package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonCreator;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** SQL statement state; UNKNOWN stands for values added to the API after this code. */
@RegisterForReflection
public enum StatementState {
    PENDING, RUNNING, SUCCEEDED, FAILED, CANCELED, CLOSED, UNKNOWN;

    @JsonCreator
    public static StatementState of(String value) {
        return WireEnums.parse(StatementState.class, value, UNKNOWN);
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED || this == CLOSED;
    }
}
