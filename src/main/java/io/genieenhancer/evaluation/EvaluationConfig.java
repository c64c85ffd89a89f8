package io.genieenhancer.evaluation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code enhancer.evaluation.*}: every property is described in docs/evaluation.md. */
@ConfigMapping(prefix = "enhancer.evaluation")
public interface EvaluationConfig {

    /** AUTO (eval-runs API, self-run when the workspace lacks it), EVAL_RUNS or SELF_RUN. */
    @WithDefault("AUTO")
    EvaluatorMode evaluator();

    /** Attempts per question; more than 1 classifies questions as stable or flaky. */
    @WithDefault("1")
    int repeats();

    /** Genie's rate budget for self-run questions, per workspace. */
    @WithDefault("5")
    double questionsPerMinute();

    /** Longest time one evaluateQuestion / pollEvaluation invocation waits or works before returning. */
    @WithDefault("8s")
    Duration pollBudget();

    /** Wait suggested to the state machine before polling a pending question again. */
    @WithDefault("5s")
    Duration pollInterval();

    /** A question Genie has not answered (or a ground truth not finished) in this time fails. */
    @WithDefault("10m")
    Duration questionTimeout();

    /** An eval run not DONE in this time fails the evaluation. */
    @WithDefault("60m")
    Duration evalRunTimeout();

    /** SQL warehouse for ground-truth SQL; unset = the space's own warehouse_id. */
    Optional<String> warehouseId();

    /** Rows read per result; ground truth runs with this row_limit. */
    @WithDefault("5000")
    int rowCap();

    /** wait_timeout of a ground-truth statement (0 or 5..50 seconds). */
    @WithDefault("10")
    int statementWaitSeconds();

    /** Numbers are compared after rounding to this many significant digits (Databricks: 4). */
    @WithDefault("4")
    int significantDigits();

    /** Genie's result may have columns the ground truth lacks (Databricks: no, extra columns are BAD). */
    @WithDefault("false")
    boolean allowExtraColumns();

    /** Questions x repeats allowed in one self-run plan (Step Functions payload limit). */
    @WithDefault("1200")
    int maxQuestionItems();

    JudgeConfig judge();

    interface JudgeConfig {
        /** Net change, as a share of the paired questions (0..1), treated as no change. */
        @WithDefault("0")
        double tolerance();

        /** Significance level of the one-sided sign test. */
        @WithDefault("0.2")
        double alpha();
    }

    default EvaluationSettings settings() {
        return new EvaluationSettings(evaluator(), repeats(), questionsPerMinute(), pollBudget(), pollInterval(),
                questionTimeout(), evalRunTimeout(), warehouseId(), rowCap(), statementWaitSeconds(),
                new ComparisonOptions(significantDigits(), allowExtraColumns()), maxQuestionItems());
    }
}
