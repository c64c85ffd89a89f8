package io.genieenhancer.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds evaluations for tests: {@code pass("q1")}, {@code fail("q2", RESULT_MISSING_ROWS)}. */
final class Outcomes {

    private Outcomes() {
    }

    static QuestionOutcome pass(String id, int repeat) {
        return QuestionOutcome.builder(id, "question " + id, repeat).status(OutcomeStatus.CORRECT)
                .expectedSql(Optional.of("SELECT 1")).generatedSql(Optional.of("SELECT 1")).build();
    }

    static QuestionOutcome fail(String id, int repeat, AssessmentReason... reasons) {
        return QuestionOutcome.builder(id, "question " + id, repeat).status(OutcomeStatus.INCORRECT)
                .reasons(List.of(reasons)).expectedSql(Optional.of("SELECT " + id))
                .generatedSql(Optional.of("SELECT wrong_" + id + "_" + repeat)).detail("attempt " + repeat + " failed").build();
    }

    static QuestionOutcome notScorable(String id, int repeat) {
        return QuestionOutcome.builder(id, "question " + id, repeat).status(OutcomeStatus.NOT_SCORABLE)
                .reason(AssessmentReason.GROUND_TRUTH_FAILED).build();
    }

    static Evaluation evaluation(int iteration, List<QuestionOutcome> outcomes) {
        int repeats = outcomes.stream().mapToInt(QuestionOutcome::repeat).max().orElse(0) + 1;
        return new Evaluation(0, "space1", "run1", iteration, Evaluation.Mode.SELF_RUN, List.of(), repeats,
                Optional.empty(), Optional.empty(), outcomes, List.of());
    }

    /** {@code passing} questions q0..q(passing-1) pass, the rest up to {@code total} fail; one attempt each. */
    static Evaluation passing(int iteration, int total, java.util.Set<Integer> passingIndexes) {
        List<QuestionOutcome> o = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            o.add(passingIndexes.contains(i) ? pass("q" + i, 0) : fail("q" + i, 0, AssessmentReason.RESULT_MISSING_ROWS));
        }
        return evaluation(iteration, o);
    }
}
