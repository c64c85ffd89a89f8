package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonCreator;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** State of an eval run (and of one result in it). UNKNOWN stands for values added to the API after this code. */
@RegisterForReflection
public enum EvaluationStatusType {
    NOT_STARTED, RUNNING, DONE, EVALUATION_FAILED, EVALUATION_CANCELLED, EVALUATION_TIMEOUT, UNKNOWN;

    @JsonCreator
    public static EvaluationStatusType of(String value) {
        return WireEnums.parse(EvaluationStatusType.class, value, UNKNOWN);
    }

    /** No further change will happen. */
    public boolean isTerminal() {
        return this == DONE || this == EVALUATION_FAILED || this == EVALUATION_CANCELLED || this == EVALUATION_TIMEOUT;
    }
}
