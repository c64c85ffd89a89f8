package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An eval run, as create/get/list return it. Absent counters read as 0, timestamps are epoch milliseconds. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenieEvalRunResponse(
        @JsonProperty("eval_run_id") String evalRunId,
        @JsonProperty("eval_run_status") EvaluationStatusType evalRunStatus,
        @JsonProperty("num_questions") long numQuestions,
        @JsonProperty("num_done") long numDone,
        @JsonProperty("num_correct") long numCorrect,
        @JsonProperty("num_needs_review") long numNeedsReview,
        @JsonProperty("created_timestamp") long createdTimestamp,
        @JsonProperty("last_updated_timestamp") long lastUpdatedTimestamp,
        @JsonProperty("run_by_user") long runByUser) {

    public GenieEvalRunResponse {
        evalRunStatus = evalRunStatus == null ? EvaluationStatusType.UNKNOWN : evalRunStatus;
    }
}
