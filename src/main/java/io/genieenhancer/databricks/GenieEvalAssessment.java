package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonCreator;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The eval run's verdict on one question; UNKNOWN when absent (still running) or a value newer than this code. */
@RegisterForReflection
public enum GenieEvalAssessment {
    GOOD, BAD, NEEDS_REVIEW, UNKNOWN;

    @JsonCreator
    public static GenieEvalAssessment of(String value) {
        return WireEnums.parse(GenieEvalAssessment.class, value, UNKNOWN);
    }
}
