package io.genieenhancer.evaluation;

import java.util.Locale;

/**
 * Why an answer was judged wrong (or could not be judged). The first group are Databricks' own
 * {@code assessment_reasons} ({@code ScoreReason}) with their exact names, so results of official eval
 * runs and of our self-run comparison read alike. The second group names failures the eval-runs API
 * has no word for (Genie asked back, timed out, the ground truth failed ...).
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public enum AssessmentReason {
    // --- Databricks ScoreReason: result comparison
    EMPTY_RESULT(Origin.DATABRICKS),
    RESULT_MISSING_ROWS(Origin.DATABRICKS),
    RESULT_EXTRA_ROWS(Origin.DATABRICKS),
    RESULT_MISSING_COLUMNS(Origin.DATABRICKS),
    RESULT_EXTRA_COLUMNS(Origin.DATABRICKS),
    SINGLE_CELL_DIFFERENCE(Origin.DATABRICKS),
    EMPTY_GOOD_SQL(Origin.DATABRICKS),
    COLUMN_TYPE_DIFFERENCE(Origin.DATABRICKS),
    TRANSIENT_ERROR(Origin.DATABRICKS),
    // --- Databricks ScoreReason: LLM judge
    LLM_JUDGE_MISSING_OR_INCORRECT_FILTER(Origin.DATABRICKS),
    LLM_JUDGE_INCOMPLETE_OR_PARTIAL_OUTPUT(Origin.DATABRICKS),
    LLM_JUDGE_MISINTERPRETATION_OF_USER_REQUEST(Origin.DATABRICKS),
    LLM_JUDGE_INSTRUCTION_COMPLIANCE_OR_MISSING_BUSINESS_LOGIC(Origin.DATABRICKS),
    LLM_JUDGE_INCORRECT_METRIC_CALCULATION(Origin.DATABRICKS),
    LLM_JUDGE_INCORRECT_TABLE_OR_FIELD_USAGE(Origin.DATABRICKS),
    LLM_JUDGE_INCORRECT_FUNCTION_USAGE(Origin.DATABRICKS),
    LLM_JUDGE_MISSING_OR_INCORRECT_JOIN(Origin.DATABRICKS),
    LLM_JUDGE_MISSING_OR_INCORRECT_AGGREGATION(Origin.DATABRICKS),
    LLM_JUDGE_FORMATTING_ERROR(Origin.DATABRICKS),
    LLM_JUDGE_OTHER(Origin.DATABRICKS),
    // deprecated by Databricks, still readable from older runs
    LLM_JUDGE_MISSING_JOIN(Origin.DATABRICKS),
    LLM_JUDGE_WRONG_FILTER(Origin.DATABRICKS),
    LLM_JUDGE_WRONG_AGGREGATION(Origin.DATABRICKS),
    LLM_JUDGE_WRONG_COLUMNS(Origin.DATABRICKS),
    LLM_JUDGE_SYNTAX_ERROR(Origin.DATABRICKS),
    LLM_JUDGE_SEMANTIC_ERROR(Origin.DATABRICKS),

    // --- ours
    /**
     * No longer produced: Databricks rates the same rows in another order GOOD, and so do we. Kept so
     * evaluations stored by older builds still read.
     */
    @Deprecated
    RESULT_ROW_ORDER(Origin.ENHANCER),
    /** Both results hit the row cap and differ: a prefix of each says nothing about the whole. */
    RESULT_TRUNCATED(Origin.ENHANCER),
    /** Genie asked a clarifying question instead of answering. */
    GENIE_CLARIFICATION(Origin.ENHANCER),
    /** Genie answered in text only, without a query. */
    GENIE_NO_SQL(Origin.ENHANCER),
    /** The Genie message ended FAILED (its {@code error.type} is in the outcome's detail). */
    GENIE_FAILED(Origin.ENHANCER),
    GENIE_CANCELLED(Origin.ENHANCER),
    /** Genie did not reach a terminal status within the question timeout. */
    GENIE_TIMEOUT(Origin.ENHANCER),
    /** Genie's SQL did not run (statement FAILED). */
    GENERATED_SQL_FAILED(Origin.ENHANCER),
    /** The benchmark's own SQL failed: the question is not scorable. */
    GROUND_TRUTH_FAILED(Origin.ENHANCER),
    /** The eval-runs API said NEEDS_REVIEW (e.g. a benchmark without SQL): not scorable automatically. */
    NEEDS_REVIEW(Origin.ENHANCER),
    /** A reason string this build does not know (newer API); the raw text is kept in the detail. */
    UNKNOWN(Origin.ENHANCER);

    public enum Origin { DATABRICKS, ENHANCER }

    private final Origin origin;

    AssessmentReason(Origin origin) {
        this.origin = origin;
    }

    public Origin origin() {
        return origin;
    }

    /** Lenient read of a wire value: unknown names become {@link #UNKNOWN} instead of failing a whole run. */
    public static AssessmentReason parse(String name) {
        if (name == null || name.isBlank()) {
            return UNKNOWN;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
