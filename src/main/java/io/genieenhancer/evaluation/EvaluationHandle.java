package io.genieenhancer.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * What startEvaluation hands to the state machine and pollEvaluation takes back. Small on purpose: the
 * plan itself is in the run store.
 *
 * @param mode       the evaluator that actually runs (after any fallback)
 * @param evalRunIds eval-runs mode: one run per repeat
 * @param total      attempts expected (questions x repeats)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EvaluationHandle(Evaluation.Mode mode, List<String> evalRunIds, int total) {

    public EvaluationHandle {
        if (mode == null) {
            throw io.genieenhancer.error.EnhancerException.invalidInput("field \"handle.mode\" is required");
        }
        evalRunIds = evalRunIds == null ? List.of() : List.copyOf(evalRunIds);
    }

    public static EvaluationHandle of(EvaluationPlan plan) {
        return new EvaluationHandle(plan.mode(), plan.evalRunIds(), plan.total());
    }
}
