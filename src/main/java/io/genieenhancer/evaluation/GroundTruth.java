package io.genieenhancer.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

/**
 * The benchmark SQL's result (or why it failed), computed once per question and evaluation and shared
 * by all repeats: the ground truth does not change between attempts, and the warehouse is spared.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record GroundTruth(
        String questionId,
        boolean succeeded,
        Optional<ResultSet> result,
        Optional<String> error,
        long millis,
        Optional<String> statementId) {

    public GroundTruth {
        result = result == null ? Optional.empty() : result;
        error = error == null ? Optional.empty() : error;
        statementId = statementId == null ? Optional.empty() : statementId;
        if (succeeded && result.isEmpty()) {
            throw new IllegalArgumentException("a succeeded ground truth needs its result");
        }
    }

    public static GroundTruth succeeded(String questionId, ResultSet result, long millis, String statementId) {
        return new GroundTruth(questionId, true, Optional.of(result), Optional.empty(), millis, Optional.ofNullable(statementId));
    }

    public static GroundTruth failed(String questionId, String error, long millis, String statementId) {
        return new GroundTruth(questionId, false, Optional.empty(), Optional.of(error), millis, Optional.ofNullable(statementId));
    }
}
