package io.genieenhancer.evaluation;

import static io.genieenhancer.evaluation.AssessmentReason.*;
import static io.genieenhancer.evaluation.Outcomes.*;
import static org.junit.jupiter.api.Assertions.*;

import io.genieenhancer.error.EnhancerException;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

class EvaluationTest {

    @Test
    void the_score_is_correct_over_scorable_and_not_scorable_questions_are_left_out_and_listed() {
        Evaluation e = evaluation(0, List.of(pass("a", 0), pass("b", 0), fail("c", 0, RESULT_MISSING_ROWS),
                notScorable("d", 0)));

        Evaluation.Summary s = e.summary();

        assertEquals(2.0 / 3.0, s.score(), 1e-9);
        assertEquals(2, s.correct());
        assertEquals(3, s.scorable());
        assertEquals(1, s.notScorable());
        assertEquals(List.of("d"), s.notScorableQuestions());
        assertEquals(4, s.questions());
    }

    @Test
    void nothing_scorable_scores_zero_rather_than_dividing_by_zero() {
        assertEquals(0.0, evaluation(0, List.of(notScorable("a", 0))).score());
        assertEquals(0.0, evaluation(0, List.of()).score());
    }

    @Test
    void repeated_questions_are_classified_stable_pass_stable_fail_or_flaky() {
        Evaluation e = evaluation(0, List.of(
                pass("always", 0), pass("always", 1), pass("always", 2),
                fail("never", 0, RESULT_EXTRA_ROWS), fail("never", 1, RESULT_EXTRA_ROWS), fail("never", 2, EMPTY_RESULT),
                pass("sometimes", 0), fail("sometimes", 1, SINGLE_CELL_DIFFERENCE), pass("sometimes", 2),
                notScorable("broken", 0), notScorable("broken", 1), notScorable("broken", 2)));

        assertEquals(Stability.STABLE_PASS, e.question("always").orElseThrow().stability());
        assertEquals(Stability.STABLE_FAIL, e.question("never").orElseThrow().stability());
        assertEquals(Stability.FLAKY, e.question("sometimes").orElseThrow().stability());
        assertEquals(Stability.NOT_SCORABLE, e.question("broken").orElseThrow().stability());
        assertEquals(2.0 / 3.0, e.question("sometimes").orElseThrow().passRate(), 1e-9);
        Evaluation.Summary s = e.summary();
        assertEquals(1, s.stablePass());
        assertEquals(1, s.stableFail());
        assertEquals(1, s.flaky());
        assertEquals(5.0 / 9.0, s.score(), 1e-9);
    }

    @Test
    void only_stable_failures_are_to_be_fixed_by_default_and_flaky_ones_are_reported() {
        Evaluation e = evaluation(0, List.of(
                fail("never", 0, RESULT_EXTRA_ROWS), fail("never", 1, RESULT_EXTRA_ROWS),
                pass("sometimes", 0), fail("sometimes", 1, SINGLE_CELL_DIFFERENCE)));

        assertEquals(List.of("never"), e.failuresToFix().stream().map(QuestionSummary::questionId).toList());
        assertEquals(List.of("sometimes"), e.flaky().stream().map(QuestionSummary::questionId).toList());
        assertEquals(List.of("never", "sometimes"),
                e.failuresToFix(FailurePolicy.INCLUDE_FLAKY).stream().map(QuestionSummary::questionId).toList());
    }

    @Test
    void with_one_attempt_every_failure_is_a_failure_to_fix() {
        Evaluation e = evaluation(0, List.of(pass("a", 0), fail("b", 0, EMPTY_RESULT), fail("c", 0, GENIE_CLARIFICATION)));

        assertEquals(List.of("b", "c"), e.failuresToFix().stream().map(QuestionSummary::questionId).toList());
    }

    @Test
    void a_failure_carries_the_evidence_of_its_latest_failing_attempt_and_reasons_by_frequency() {
        Evaluation e = evaluation(0, List.of(
                fail("q", 0, RESULT_MISSING_ROWS), fail("q", 1, EMPTY_RESULT), fail("q", 2, EMPTY_RESULT)));

        QuestionSummary f = e.failuresToFix().get(0);

        assertEquals("question q", f.question());
        assertEquals(Optional.of("SELECT q"), f.expectedSql());
        assertEquals(Optional.of("SELECT wrong_q_2"), f.generatedSql());
        assertEquals(List.of(EMPTY_RESULT, RESULT_MISSING_ROWS), f.reasons());
        assertEquals(Optional.of("attempt 2 failed"), f.detail());
    }

    @Test
    void json_round_trip_keeps_outcomes_and_evidence() {
        QuestionOutcome rich = QuestionOutcome.builder("q1", "Total sales?", 0)
                .status(OutcomeStatus.INCORRECT)
                .reasons(List.of(SINGLE_CELL_DIFFERENCE))
                .expectedSql(Optional.of("SELECT SUM(x) FROM t"))
                .generatedSql(Optional.of("SELECT SUM(y) FROM t"))
                .detail("exactly one value differs")
                .timings(new Timings(Optional.of(Instant.parse("2026-11-27T10:00:00Z")),
                        Optional.of(Instant.parse("2026-11-27T10:00:12Z")), Optional.of(9000L), Optional.of(800L)))
                .expectedResult(Optional.of(ResultPreview.of(ResultSet.of(List.of("s"), List.of(ResultSet.row("10"))))))
                .actualResult(Optional.of(ResultPreview.of(ResultSet.of(List.of("s"), List.of(ResultSet.row((String) null))))))
                .references(java.util.Map.of("conversation_id", "c1", "message_id", "m1"))
                .build();
        Evaluation e = new Evaluation(1, "space1", "run1", 2, Evaluation.Mode.SELF_RUN, List.of(), 1,
                Optional.of(Instant.parse("2026-11-27T10:00:00Z")), Optional.empty(), List.of(rich, pass("q2", 0)),
                List.of("eval-runs API not available; self-run used"));

        byte[] json = EvaluationJson.write(e);
        Evaluation back = EvaluationJson.read(json, "test");

        assertEquals(e, back);
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"summary\""), text);
        assertTrue(text.contains("\"score\" : 0.5"), text);
        assertTrue(text.contains("\"startedAt\" : \"2026-11-27T10:00:00Z\""), text);
        assertFalse(text.contains("finishedAt\" : null"), text);
    }

    @Test
    void derived_fields_in_a_document_are_recomputed_not_trusted() {
        String json = """
                {"spaceId":"s","runId":"r","iteration":0,"mode":"EXTERNAL",
                 "summary":{"score":1.0,"correct":99},
                 "outcomes":[{"questionId":"q1","status":"INCORRECT","reasons":["RESULT_MISSING_ROWS"]}]}
                """;

        Evaluation e = EvaluationJson.read(json.getBytes(StandardCharsets.UTF_8), "results.json");

        assertEquals(0.0, e.score());
        assertEquals(1, e.failuresToFix().size());
    }

    @Test
    void a_minimal_external_document_is_accepted() {
        String json = """
                {"spaceId":"s","mode":"EXTERNAL","outcomes":[
                  {"questionId":"q1","question":"How many?","status":"CORRECT"},
                  {"questionId":"q2","status":"NOT_SCORABLE","reasons":["EMPTY_GOOD_SQL"]}]}
                """;

        Evaluation e = EvaluationJson.read(json.getBytes(StandardCharsets.UTF_8), "results.json");

        assertEquals(1.0, e.score());
        assertEquals(1, e.repeats());
        assertEquals(List.of("q2"), e.summary().notScorableQuestions());
        assertEquals(Timings.NONE, e.outcomes().get(0).timings());
    }

    @Test
    void a_document_with_a_wrong_status_names_the_field() {
        String json = """
                {"spaceId":"s","mode":"EXTERNAL","outcomes":[{"questionId":"q1","status":"MAYBE"}]}
                """;

        EnhancerException ex = assertThrows(EnhancerException.class,
                () -> EvaluationJson.read(json.getBytes(StandardCharsets.UTF_8), "s3://b/results.json"));

        assertTrue(ex.getMessage().startsWith("[InvalidInput] s3://b/results.json: field \"outcomes.[0].status\""),
                ex.getMessage());
    }

    @Test
    void a_document_without_a_space_id_is_rejected() {
        EnhancerException ex = assertThrows(EnhancerException.class,
                () -> EvaluationJson.read("{\"mode\":\"EXTERNAL\",\"outcomes\":[]}".getBytes(StandardCharsets.UTF_8), "x"));

        assertTrue(ex.getMessage().contains("spaceId"), ex.getMessage());
    }

    @Test
    void an_unknown_reason_from_a_newer_api_does_not_fail_the_whole_document() {
        assertEquals(AssessmentReason.UNKNOWN, AssessmentReason.parse("LLM_JUDGE_SOMETHING_NEW"));
        assertEquals(AssessmentReason.RESULT_EXTRA_ROWS, AssessmentReason.parse("result_extra_rows"));
    }
}
