package io.genieenhancer.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Optional;

/**
 * A benchmark question over all its attempts: how stable it is and, when it failed, the evidence of a
 * representative failing attempt (the latest one). This is what the enhance step analyses.
 *
 * @param passRate correct / scorable attempts (0 when none was scorable)
 * @param reasons  the failing attempts' reasons, most frequent first
 * @param evidence the attempt the SQL and detail come from (not serialised: it is in the outcomes list)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record QuestionSummary(
        String questionId,
        String question,
        Stability stability,
        int attempts,
        int scorable,
        int correct,
        double passRate,
        List<AssessmentReason> reasons,
        Optional<String> expectedSql,
        Optional<String> generatedSql,
        Optional<String> detail,
        @JsonIgnore QuestionOutcome evidence) {

    public QuestionSummary {
        reasons = List.copyOf(reasons);
    }

    public boolean failing() {
        return stability == Stability.STABLE_FAIL || stability == Stability.FLAKY;
    }
}
