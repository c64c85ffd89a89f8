package io.genieenhancer.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import io.genieenhancer.error.EnhancerException;

import java.util.List;
import java.util.Optional;

/**
 * What startEvaluation hands to the state machine and pollEvaluation takes back. Small on purpose: the
 * plan itself is in the run store.
 *
 * <p>A state machine that already has results (a benchmark-completed event) may skip startEvaluation and
 * build the handle itself: {@code {"mode": "EVAL_RUNS", "evalRunId": "..."}} for a finished eval run, or
 * {@code {"mode": "STORED", "resultsKey": "spaces/{spaceId}/..."}} (STORED reads as EXTERNAL) for results
 * in our JSON shape; the first poll then adopts them as startEvaluation would.
 *
 * @param mode       the evaluator that actually runs (after any fallback)
 * @param evalRunIds eval-runs mode: one run per repeat
 * @param total      attempts expected (questions x repeats; 0 in a hand-built handle)
 * @param evalRunId  hand-built handle: the eval run to adopt
 * @param resultsKey hand-built handle: the stored results to adopt
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EvaluationHandle(Evaluation.Mode mode, List<String> evalRunIds, int total, Optional<String> evalRunId,
                               Optional<String> resultsKey) {

    public EvaluationHandle {
        if (mode == null) {
            throw EnhancerException.invalidInput("field \"handle.mode\" is required");
        }
        evalRunIds = evalRunIds == null ? List.of() : List.copyOf(evalRunIds);
        evalRunId = evalRunId == null ? Optional.empty() : evalRunId.filter(s -> !s.isBlank());
        resultsKey = resultsKey == null ? Optional.empty() : resultsKey.filter(s -> !s.isBlank());
        if (evalRunId.isPresent() && resultsKey.isPresent()) {
            throw EnhancerException.invalidInput("a handle names evalRunId or resultsKey, not both");
        }
    }

    public EvaluationHandle(Evaluation.Mode mode, List<String> evalRunIds, int total) {
        this(mode, evalRunIds, total, Optional.empty(), Optional.empty());
    }

    public static EvaluationHandle of(EvaluationPlan plan) {
        return new EvaluationHandle(plan.mode(), plan.evalRunIds(), plan.total());
    }
}
