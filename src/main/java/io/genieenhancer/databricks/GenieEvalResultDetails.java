package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Optional;

/**
 * The eval run's verdict on one question with its evidence. {@code assessment_reasons} are kept as the server's
 * strings (ScoreReason values such as {@code RESULT_MISSING_ROWS}, {@code LLM_JUDGE_MISSING_OR_INCORRECT_JOIN}):
 * the list keeps growing and the analysis maps them to fix types.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenieEvalResultDetails(
        @JsonProperty("result_id") String resultId,
        @JsonProperty("space_id") String spaceId,
        @JsonProperty("benchmark_question_id") String benchmarkQuestionId,
        @JsonProperty("assessment") GenieEvalAssessment assessment,
        @JsonProperty("assessment_reasons") List<String> assessmentReasons,
        @JsonProperty("actual_response") List<GenieEvalResponse> actualResponse,
        @JsonProperty("expected_response") List<GenieEvalResponse> expectedResponse,
        @JsonProperty("eval_run_status") EvaluationStatusType evalRunStatus,
        @JsonProperty("manual_assessment") boolean manualAssessment) {

    public GenieEvalResultDetails {
        assessment = assessment == null ? GenieEvalAssessment.UNKNOWN : assessment;
        assessmentReasons = Wire.list(assessmentReasons);
        actualResponse = Wire.list(actualResponse);
        expectedResponse = Wire.list(expectedResponse);
        evalRunStatus = evalRunStatus == null ? EvaluationStatusType.UNKNOWN : evalRunStatus;
    }
}
