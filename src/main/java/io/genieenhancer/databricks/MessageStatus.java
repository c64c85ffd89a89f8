package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonCreator;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Where a Genie message is in its life; UNKNOWN stands for values added to the API after this code. */
@RegisterForReflection
public enum MessageStatus {
    SUBMITTED, FETCHING_METADATA, FILTERING_CONTEXT, ASKING_AI, PENDING_WAREHOUSE, EXECUTING_QUERY,
    COMPLETED, FAILED, CANCELLED, QUERY_RESULT_EXPIRED, UNKNOWN;

    @JsonCreator
    public static MessageStatus of(String value) {
        return WireEnums.parse(MessageStatus.class, value, UNKNOWN);
    }

    /** Polling can stop. QUERY_RESULT_EXPIRED counts: the answer is there, its rows need execute-query. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == QUERY_RESULT_EXPIRED;
    }

    /** The query attachment's result can be read. */
    public boolean queryResultReadable() {
        return this == EXECUTING_QUERY || this == COMPLETED;
    }
}
