package io.genieenhancer.evaluation;

/** Which evaluator runs the benchmark (configuration, overridable per run). */
public enum EvaluatorMode {
    /** The eval-runs API when the workspace has it; self-run (logged, and noted in the evaluation) when not. */
    AUTO,
    EVAL_RUNS,
    SELF_RUN
}
