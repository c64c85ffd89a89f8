package io.genieenhancer.evaluation;

import java.util.List;

/**
 * The result of comparing Genie's rows with the ground truth's.
 *
 * @param verdict   MATCH, MISMATCH, or INCONCLUSIVE when truncation hides whether they agree
 * @param reasons   why it is not a match (empty on MATCH)
 * @param tolerated differences accepted under the options (e.g. RESULT_EXTRA_COLUMNS)
 * @param detail    one human sentence for reports and analysers
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record Comparison(Verdict verdict, List<AssessmentReason> reasons, List<AssessmentReason> tolerated, String detail) {

    public enum Verdict { MATCH, MISMATCH, INCONCLUSIVE }

    public Comparison {
        reasons = List.copyOf(reasons);
        tolerated = List.copyOf(tolerated);
    }

    public boolean matches() {
        return verdict == Verdict.MATCH;
    }

    static Comparison match(List<AssessmentReason> tolerated, String detail) {
        return new Comparison(Verdict.MATCH, List.of(), tolerated, detail);
    }

    static Comparison mismatch(List<AssessmentReason> reasons, String detail) {
        return new Comparison(Verdict.MISMATCH, reasons, List.of(), detail);
    }
}
