package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

/** One benchmark question's entry in an eval run (list item); the verdict is in {@link GenieEvalResultDetails}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenieEvalResult(
        @JsonProperty("result_id") String resultId,
        @JsonProperty("space_id") String spaceId,
        @JsonProperty("benchmark_question_id") String benchmarkQuestionId,
        @JsonProperty("question") String question,
        @JsonProperty("benchmark_answer") Optional<String> benchmarkAnswer,
        @JsonProperty("status") EvaluationStatusType status,
        @JsonProperty("created_by_user") long createdByUser) {

    public GenieEvalResult {
        benchmarkAnswer = Wire.opt(benchmarkAnswer);
        status = status == null ? EvaluationStatusType.UNKNOWN : status;
    }
}
