package io.genieenhancer.evaluation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How evaluations run (from {@code enhancer.evaluation.*}, see docs/evaluation.md; per-run overrides come
 * with the startEvaluation input).
 *
 * @param evaluator            AUTO, EVAL_RUNS or SELF_RUN
 * @param repeats              attempts per question (1 = no flakiness detection)
 * @param questionsPerMinute   Genie's rate budget for self-run questions (about 5 per workspace by default)
 * @param pollBudget           how long one evaluateQuestion/pollEvaluation invocation may wait or work
 * @param pollInterval         wait suggested to the state machine between two polls of a pending question
 * @param questionTimeout      a question not answered (or a ground truth not finished) in this time fails
 * @param evalRunTimeout       an eval run not DONE in this time fails the evaluation
 * @param warehouseId          SQL warehouse for ground-truth SQL; empty = the space's own warehouse
 * @param rowCap               rows read per result (ground truth: {@code row_limit}); beyond it a result is truncated
 * @param statementWaitSeconds {@code wait_timeout} when running ground-truth SQL (0 or 5..50)
 * @param comparison           result-set comparison options
 * @param maxQuestionItems     questions x repeats allowed in one self-run plan (Step Functions payloads are
 *                             limited to 256 KB and each Map item is about 200 bytes)
 */
public record EvaluationSettings(
        EvaluatorMode evaluator,
        int repeats,
        double questionsPerMinute,
        Duration pollBudget,
        Duration pollInterval,
        Duration questionTimeout,
        Duration evalRunTimeout,
        Optional<String> warehouseId,
        int rowCap,
        int statementWaitSeconds,
        ComparisonOptions comparison,
        int maxQuestionItems) {

    public static final int MAX_REPEATS = 10;

    public static final EvaluationSettings DEFAULTS = new EvaluationSettings(EvaluatorMode.AUTO, 1, 5.0,
            Duration.ofSeconds(8), Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofMinutes(60), Optional.empty(),
            5000, 10, ComparisonOptions.DEFAULTS, 1200);

    public EvaluationSettings {
        Objects.requireNonNull(evaluator, "evaluator");
        Objects.requireNonNull(comparison, "comparison");
        warehouseId = warehouseId == null ? Optional.empty() : warehouseId.filter(w -> !w.isBlank());
        if (repeats < 1 || repeats > MAX_REPEATS) {
            throw new IllegalArgumentException("repeats must be 1.." + MAX_REPEATS + ", was " + repeats);
        }
        if (!(questionsPerMinute > 0)) {
            throw new IllegalArgumentException("questionsPerMinute must be > 0, was " + questionsPerMinute);
        }
        if (rowCap < 1) {
            throw new IllegalArgumentException("rowCap must be >= 1, was " + rowCap);
        }
        if (statementWaitSeconds != 0 && (statementWaitSeconds < 5 || statementWaitSeconds > 50)) {
            throw new IllegalArgumentException("statementWaitSeconds must be 0 or 5..50 (the API's wait_timeout), was "
                    + statementWaitSeconds);
        }
        if (pollBudget.isNegative() || pollInterval.isNegative() || questionTimeout.isNegative() || evalRunTimeout.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (maxQuestionItems < 1) {
            throw new IllegalArgumentException("maxQuestionItems must be >= 1");
        }
    }

    /** Seconds between two question starts under the rate budget. */
    public double secondsBetweenQuestions() {
        return 60.0 / questionsPerMinute;
    }

    public EvaluationSettings withEvaluator(EvaluatorMode e) {
        return new EvaluationSettings(e, repeats, questionsPerMinute, pollBudget, pollInterval, questionTimeout,
                evalRunTimeout, warehouseId, rowCap, statementWaitSeconds, comparison, maxQuestionItems);
    }

    public EvaluationSettings withRepeats(int r) {
        return new EvaluationSettings(evaluator, r, questionsPerMinute, pollBudget, pollInterval, questionTimeout,
                evalRunTimeout, warehouseId, rowCap, statementWaitSeconds, comparison, maxQuestionItems);
    }

    public EvaluationSettings withPollBudget(Duration d) {
        return new EvaluationSettings(evaluator, repeats, questionsPerMinute, d, pollInterval, questionTimeout,
                evalRunTimeout, warehouseId, rowCap, statementWaitSeconds, comparison, maxQuestionItems);
    }
}
