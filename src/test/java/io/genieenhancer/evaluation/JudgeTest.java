package io.genieenhancer.evaluation;

import static io.genieenhancer.evaluation.AssessmentReason.*;
import static io.genieenhancer.evaluation.Outcomes.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

class JudgeTest {

    private final Judge judge = new Judge();
    private final Judge.Options target90 = Judge.Options.target(0.9);

    private static Set<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toSet());
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> s = new HashSet<>(a);
        s.addAll(b);
        return s;
    }

    @Test
    void a_single_question_flipping_down_is_no_change() {
        Evaluation before = passing(0, 20, range(0, 10));
        Evaluation after = passing(1, 20, range(0, 9));

        Judge.Judgement j = judge.judge(after, before, target90);

        assertEquals(Judge.Verdict.NO_CHANGE, j.verdict());
        assertEquals(List.of("q9"), j.changes().regressed());
    }

    @Test
    void a_single_question_flipping_up_is_no_change() {
        Judge.Judgement j = judge.judge(passing(1, 20, range(0, 11)), passing(0, 20, range(0, 10)), target90);

        assertEquals(Judge.Verdict.NO_CHANGE, j.verdict());
    }

    @Test
    void a_clear_drop_is_regressed() {
        Judge.Judgement j = judge.judge(passing(1, 20, range(0, 4)), passing(0, 20, range(0, 10)), target90);

        assertEquals(Judge.Verdict.REGRESSED, j.verdict());
        assertEquals(6, j.changes().regressed().size());
        assertEquals(1.0 / 64, j.changes().pValue(), 1e-12);
    }

    @Test
    void a_clear_gain_is_improved() {
        Judge.Judgement j = judge.judge(passing(1, 20, range(0, 14)), passing(0, 20, range(0, 10)), target90);

        assertEquals(Judge.Verdict.IMPROVED, j.verdict());
        assertEquals(List.of("q10", "q11", "q12", "q13"), j.changes().improved());
    }

    @Test
    void the_same_score_with_questions_swapping_is_no_change_not_a_comparison_of_totals() {
        // 40/87 then 43/87 style noise: 5 up, 2 down
        Evaluation before = passing(0, 87, union(range(0, 38), range(80, 82)));
        Evaluation after = passing(1, 87, union(range(0, 38), range(82, 87)));

        Judge.Judgement j = judge.judge(after, before, target90);

        assertEquals(Judge.Verdict.NO_CHANGE, j.verdict());
        assertTrue(after.score() > before.score());
        assertEquals(3.0, j.changes().net(), 1e-9);
    }

    @Test
    void reaching_the_target_is_target_met_even_by_one_question() {
        Judge.Judgement j = judge.judge(passing(1, 10, range(0, 9)), passing(0, 10, range(0, 8)), target90);

        assertEquals(Judge.Verdict.TARGET_MET, j.verdict());
        assertEquals(0.9, j.score(), 1e-9);
        assertEquals(0.8, j.previousScore(), 1e-9);
    }

    @Test
    void tolerance_and_alpha_are_configurable() {
        Evaluation before = passing(0, 20, range(0, 10));
        Evaluation twoUp = passing(1, 20, range(0, 12));
        // 2 up, none down: p = 0.25, not significant at the default alpha, significant at 0.5
        assertEquals(Judge.Verdict.NO_CHANGE, judge.judge(twoUp, before, target90).verdict());
        assertEquals(Judge.Verdict.IMPROVED, judge.judge(twoUp, before, new Judge.Options(0.9, 0, 0.5)).verdict());

        Evaluation twoDown = passing(1, 20, range(0, 8));
        // a net loss of two questions is rolled back at the defaults, unless the tolerance (15 %) absorbs it
        assertEquals(Judge.Verdict.REGRESSED, judge.judge(twoDown, before, target90).verdict());
        assertEquals(Judge.Verdict.NO_CHANGE, judge.judge(twoDown, before, new Judge.Options(0.9, 0.15, 0.2)).verdict());
    }

    @Test
    void a_net_loss_of_more_than_one_question_is_a_regression_even_when_not_significant() {
        // 6/8 -> 4/8 with 2 up and 4 down (p = 0.34): the batch broke more than it fixed
        Evaluation before = passing(0, 8, range(0, 6));
        Set<Integer> after2 = new java.util.HashSet<>(range(2, 4));
        after2.addAll(range(6, 8));
        Evaluation after = passing(1, 8, after2);
        Judge.Judgement j = judge.judge(after, before, target90);
        assertEquals(Judge.Verdict.REGRESSED, j.verdict());
        assertEquals(-2.0, j.changes().net(), 1e-9);
        assertTrue(j.changes().pValue() > 0.2);
    }

    @Test
    void a_significant_change_smaller_than_the_tolerance_is_no_change() {
        // 3 of 20 up, none down: p = 0.125 is significant at 0.2, but 15 % is below a 20 % tolerance
        Evaluation before = passing(0, 20, range(0, 10));
        Evaluation after = passing(1, 20, range(0, 13));

        assertEquals(Judge.Verdict.IMPROVED, judge.judge(after, before, target90).verdict());
        Judge.Judgement j = judge.judge(after, before, new Judge.Options(0.9, 0.2, 0.2));
        assertEquals(Judge.Verdict.NO_CHANGE, j.verdict());
        assertTrue(j.explanation().contains("within the tolerance"), j.explanation());
    }

    @Test
    void not_scorable_and_unpaired_questions_are_left_out_of_the_comparison() {
        Evaluation before = evaluation(0, List.of(pass("a", 0), pass("b", 0), pass("c", 0), fail("gone", 0, EMPTY_RESULT)));
        Evaluation after = evaluation(1, List.of(notScorable("a", 0), notScorable("b", 0), pass("c", 0), pass("new", 0)));

        Judge.Judgement j = judge.judge(after, before, target90);

        assertEquals(1, j.changes().paired());
        assertEquals(Set.of("new", "a", "b", "gone"), Set.copyOf(j.changes().unpaired()));
        assertEquals(Judge.Verdict.TARGET_MET, j.verdict());
    }

    @Test
    void repeated_questions_are_compared_by_pass_rate() {
        Evaluation before = evaluation(0, List.of(
                fail("a", 0, EMPTY_RESULT), fail("a", 1, EMPTY_RESULT),
                fail("b", 0, EMPTY_RESULT), fail("b", 1, EMPTY_RESULT),
                fail("c", 0, EMPTY_RESULT), fail("c", 1, EMPTY_RESULT),
                fail("d", 0, EMPTY_RESULT), fail("d", 1, EMPTY_RESULT)));
        Evaluation after = evaluation(1, List.of(
                pass("a", 0), pass("a", 1),
                pass("b", 0), pass("b", 1),
                pass("c", 0), fail("c", 1, EMPTY_RESULT),
                fail("d", 0, EMPTY_RESULT), fail("d", 1, EMPTY_RESULT)));

        Judge.Judgement j = judge.judge(after, before, target90);

        assertEquals(2.5, j.changes().net(), 1e-9);
        assertEquals(List.of("a", "b", "c"), j.changes().improved());
        assertEquals(Judge.Verdict.IMPROVED, j.verdict());
    }

    @Test
    void the_sign_test_tail_is_exact() {
        assertEquals(1.0, Judge.upperTail(0, 0));
        assertEquals(0.5, Judge.upperTail(1, 1), 1e-12);
        assertEquals(29.0 / 128, Judge.upperTail(7, 5), 1e-12);
        assertEquals(1.0, Judge.upperTail(3000, 0));
        assertTrue(Judge.upperTail(3000, 1600) < 0.001);
    }

    @Test
    void invalid_options_are_rejected() {
        assertThrows(IllegalArgumentException.class, () -> new Judge.Options(1.5, 0, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new Judge.Options(0.9, -1, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new Judge.Options(0.9, 1, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new Judge.Options(0.9, 0, 0));
    }
}
