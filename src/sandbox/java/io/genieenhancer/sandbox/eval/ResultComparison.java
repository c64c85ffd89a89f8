package io.genieenhancer.sandbox.eval;

import io.genieenhancer.evaluation.AssessmentReason;
import io.genieenhancer.evaluation.Comparison;
import io.genieenhancer.evaluation.ResultComparator;
import io.genieenhancer.evaluation.ResultSet;
import io.genieenhancer.sandbox.sql.QueryResult;

import java.util.List;

/**
 * How the sandbox's eval runs judge an answer: by result set, with the product's own
 * {@link ResultComparator} at its defaults, which are Databricks' benchmark ratings
 * (https://docs.databricks.com/aws/en/genie/benchmarks#interpret-ratings). One rule set, so the product's
 * self-run evaluation and the sandbox's eval runs cannot disagree on what is correct. This class only
 * translates the comparator's verdict into the eval-runs API's GOOD / BAD / NEEDS_REVIEW.
 */
public final class ResultComparison {

    public enum Assessment { GOOD, BAD, NEEDS_REVIEW }

    public record Verdict(Assessment assessment, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }

        public boolean good() {
            return assessment == Assessment.GOOD;
        }
    }

    private static final ResultComparator COMPARATOR = new ResultComparator();

    private ResultComparison() {
    }

    /** Genie's SQL identical to the SQL answer is GOOD (Databricks' first rating rule); else the results decide. */
    public static Verdict compare(String expectedSql, QueryResult expected, String generatedSql, QueryResult actual) {
        return verdict(COMPARATOR.compare(expectedSql, resultSet(expected), generatedSql, resultSet(actual)));
    }

    public static Verdict compare(QueryResult expected, QueryResult actual) {
        return verdict(COMPARATOR.compare(resultSet(expected), resultSet(actual)));
    }

    /** The ground truth itself failed: the question cannot be judged (left out of the score). */
    public static Verdict groundTruthFailed() {
        return new Verdict(Assessment.NEEDS_REVIEW, List.of());
    }

    /** Genie produced no SQL, or its SQL failed: "an empty result set or an error" is BAD. */
    public static Verdict noResult() {
        return new Verdict(Assessment.BAD, List.of(AssessmentReason.EMPTY_RESULT.name()));
    }

    private static Verdict verdict(Comparison c) {
        List<String> reasons = c.reasons().stream().map(AssessmentReason::name).toList();
        return switch (c.verdict()) {
            case MATCH -> new Verdict(Assessment.GOOD, List.of());
            case MISMATCH -> new Verdict(Assessment.BAD, reasons);
            // both results hit the row cap and differ in what they show: "Genie cannot assess correctness"
            case INCONCLUSIVE -> new Verdict(Assessment.NEEDS_REVIEW, List.of());
        };
    }

    /** The Statement API's view of a result, as the product reads it. */
    public static ResultSet resultSet(QueryResult r) {
        return new ResultSet(r.columns().stream().map(QueryResult.Column::name).toList(),
                r.columns().stream().map(QueryResult.Column::typeName).toList(), r.rows(), r.truncated());
    }
}
