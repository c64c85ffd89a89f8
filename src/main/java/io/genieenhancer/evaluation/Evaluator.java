package io.genieenhancer.evaluation;

/**
 * One of the two ways to run a benchmark: Databricks' eval-runs API ({@link EvalRunsEvaluator}) or our own
 * conversations plus result comparison ({@link SelfRunEvaluator}). Both write each finished attempt as a
 * {@link QuestionOutcome} to the run store, so finishing an evaluation is the same for both. Every call
 * returns within seconds; waiting is the state machine's job.
 */
public interface Evaluator {

    /** Starts what the plan describes; returns the plan to save (e.g. with the eval run ids it created). */
    EvaluationPlan start(EvaluationPlan plan);

    /** Looks at (and for eval runs, collects) progress; when {@code done}, every outcome is in the store. */
    Progress poll(EvaluationPlan plan);

    /**
     * When an evaluation of this plan that is still not done has failed: a time, the same in AWS and locally
     * however often the state machine polls.
     */
    java.time.Instant deadline(EvaluationPlan plan);

    /**
     * @param pollAfterSeconds suggested wait before the next poll when not done
     */
    record Progress(boolean done, int completed, int total, int pollAfterSeconds) {
    }
}
