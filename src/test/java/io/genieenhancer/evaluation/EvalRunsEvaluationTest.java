package io.genieenhancer.evaluation;

import static org.junit.jupiter.api.Assertions.*;

import io.genieenhancer.databricks.GenieEvalResult;
import io.genieenhancer.databricks.GenieEvalResultDetails;
import io.genieenhancer.databricks.GenieEvalRunResponse;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.store.LocalRunStore;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class EvalRunsEvaluationTest {

    static final String SPACE = "space1";
    static final String RUN = "run1";
    static final String Q1 = "01f0a1b2c3d4e5f60718293a4b5c6d87";
    static final String Q2 = "01f0a1b2c3d4e5f60718293a4b5c6d88";

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
    final FakeWorkspace.EvalRuns evalRuns = new FakeWorkspace.EvalRuns();
    FakeWorkspace.Spaces spaces;
    LocalRunStore store;
    EvaluationSettings settings = EvaluationSettings.DEFAULTS.withEvaluator(EvaluatorMode.EVAL_RUNS);

    @BeforeEach
    void setUp() {
        store = new LocalRunStore(dir);
        Map<String, String[]> benchmarks = new LinkedHashMap<>();
        benchmarks.put(Q1, new String[] {"Average order value?", "SELECT AVG(order_amount) FROM main.sales.orders"});
        benchmarks.put(Q2, new String[] {"Orders last month?", "SELECT COUNT(*) FROM main.sales.orders"});
        spaces = new FakeWorkspace.Spaces(FakeWorkspace.space(SPACE, benchmarks));
    }

    EvaluationService service() {
        return new EvaluationService(spaces, evalRuns, new FakeWorkspace.Genie(), new FakeWorkspace.Statements(), store, settings,
                clock, clock.sleeper());
    }

    EvaluationService.Started start(List<String> ids, int repeats) {
        return service().start(new EvaluationService.StartRequest(SPACE, RUN, 0, ids, Optional.of(repeats), Optional.empty(),
                Optional.empty(), Optional.empty()));
    }

    static GenieEvalRunResponse run(String id, String status, int done, int total) {
        return Wire.parse("{\"eval_run_id\":\"" + id + "\",\"eval_run_status\":\"" + status + "\",\"num_questions\":" + total
                + ",\"num_done\":" + done + "}", GenieEvalRunResponse.class);
    }

    static GenieEvalResult result(String resultId, String questionId, String question) {
        return Wire.parse("{\"result_id\":\"" + resultId + "\",\"benchmark_question_id\":\"" + questionId + "\",\"question\":\""
                + question + "\",\"status\":\"DONE\"}", GenieEvalResult.class);
    }

    static GenieEvalResultDetails details(String resultId, String questionId, String assessment, String reasons, String genieSql) {
        return Wire.parse("""
                {"result_id":"%s","benchmark_question_id":"%s","assessment":"%s","assessment_reasons":%s,
                 "eval_run_status":"DONE",
                 "actual_response":[{"response":"%s","response_type":"SQL",
                   "sql_execution_result":{"statement_id":"s1","status":{"state":"SUCCEEDED"},
                     "manifest":{"schema":{"columns":[{"name":"v","type_name":"DOUBLE","position":0}]},"total_row_count":1},
                     "result":{"data_array":[["41.5"]]}}}],
                 "expected_response":[{"response":"SELECT AVG(order_amount) FROM main.sales.orders","response_type":"SQL"}]}
                """.formatted(resultId, questionId, assessment, reasons, genieSql), GenieEvalResultDetails.class);
    }

    void runIsDone(String runId) {
        evalRuns.runs.put(runId, new FakeWorkspace.Script().then(run(runId, "DONE", 2, 2)));
        evalRuns.results.put(runId, List.of(result("r1", Q1, "Average order value?"), result("r2", Q2, "Orders last month?")));
        evalRuns.details.put(runId + "/r1", details("r1", Q1, "BAD", "[\"RESULT_MISSING_ROWS\",\"LLM_JUDGE_MISSING_OR_INCORRECT_FILTER\"]",
                "SELECT AVG(order_amount) FROM main.sales.orders WHERE status = 'OPEN'"));
        evalRuns.details.put(runId + "/r2", details("r2", Q2, "GOOD", "[]", "SELECT COUNT(*) FROM main.sales.orders"));
    }

    @Test
    void an_eval_run_is_followed_from_not_started_through_running_to_done_and_its_details_become_outcomes() {
        evalRuns.creates.then(run("er-1", "NOT_STARTED", 0, 0));
        EvaluationService.Started started = start(List.of(), 1);
        assertEquals(Evaluation.Mode.EVAL_RUNS, started.handle().mode());
        assertEquals(List.of("er-1"), started.handle().evalRunIds());
        assertTrue(started.questionItems().isEmpty());
        assertEquals(List.of(List.of()), evalRuns.createdWith, "no ids = the whole benchmark");

        evalRuns.runs.put("er-1", new FakeWorkspace.Script().then(run("er-1", "NOT_STARTED", 0, 0)).then(run("er-1", "RUNNING", 1, 2)));
        EvaluationService.Progress notStarted = service().poll(SPACE, RUN, 0, started.handle());
        EvaluationService.Progress running = service().poll(SPACE, RUN, 0, started.handle());
        assertFalse(notStarted.done());
        assertFalse(running.done());
        assertEquals(1, running.completed());
        assertEquals(2, running.total());
        assertEquals(EvalRunsEvaluator.RUNNING_POLL_SECONDS, running.pollAfterSeconds());

        runIsDone("er-1");
        EvaluationService.Progress done = service().poll(SPACE, RUN, 0, started.handle());

        assertTrue(done.done());
        Evaluation e = new EvaluationStore(store).evaluation(SPACE, RUN, 0).orElseThrow();
        assertEquals(0.5, e.score());
        assertEquals(List.of("er-1"), e.evalRunIds());
        QuestionSummary failure = e.failuresToFix().get(0);
        assertEquals(Q1, failure.questionId());
        assertEquals("Average order value?", failure.question());
        assertEquals(List.of(AssessmentReason.RESULT_MISSING_ROWS, AssessmentReason.LLM_JUDGE_MISSING_OR_INCORRECT_FILTER),
                failure.reasons());
        assertEquals(Optional.of("SELECT AVG(order_amount) FROM main.sales.orders"), failure.expectedSql());
        assertEquals(Optional.of("SELECT AVG(order_amount) FROM main.sales.orders WHERE status = 'OPEN'"), failure.generatedSql());
        assertEquals("41.5", failure.evidence().actualResult().orElseThrow().rows().get(0).get(0));
        assertEquals("er-1", failure.evidence().references().get("eval_run_id"));
    }

    @Test
    void a_subset_and_repeats_create_one_eval_run_per_repeat_over_the_given_questions() {
        evalRuns.creates.then(run("er-1", "RUNNING", 0, 1)).then(run("er-2", "RUNNING", 0, 1));

        EvaluationService.Started started = start(List.of(Q2), 2);

        assertEquals(List.of("er-1", "er-2"), started.handle().evalRunIds());
        assertEquals(List.of(List.of(Q2), List.of(Q2)), evalRuns.createdWith);
    }

    static GenieEvalRunResponse created(String id, int questions, Instant at) {
        return Wire.parse("{\"eval_run_id\":\"" + id + "\",\"eval_run_status\":\"RUNNING\",\"num_questions\":" + questions
                + ",\"created_timestamp\":" + at.toEpochMilli() + "}", GenieEvalRunResponse.class);
    }

    @Test
    void a_start_retried_after_a_create_whose_answer_was_lost_adopts_that_run_instead_of_leaving_it_an_orphan() {
        Instant before = clock.instant();
        // a person's run from before this evaluation, and one over another number of questions: neither is ours
        evalRuns.listed.add(created("er-old", 1, before.minusSeconds(600)));
        evalRuns.listed.add(created("er-all", 2, before.plusSeconds(1)));
        // the create reaches the workspace, but its answer is lost
        evalRuns.creates.then(new EnhancerException(ErrorCode.DatabricksUnavailable, "read timed out"));
        assertThrows(EnhancerException.class, () -> start(List.of(Q2), 2));
        evalRuns.listed.add(created("er-lost", 1, before.plusSeconds(2)));

        evalRuns.creates.only(run("er-2", "RUNNING", 0, 1));
        EvaluationService.Started started = start(List.of(Q2), 2);

        assertEquals(List.of("er-lost", "er-2"), started.handle().evalRunIds(), "the lost run is adopted, one more is created");
        assertEquals(1, evalRuns.createdWith.size(), "one create after the retry, not two");
    }

    @Test
    void a_failed_eval_run_fails_the_evaluation() {
        evalRuns.creates.then(run("er-1", "RUNNING", 0, 2));
        EvaluationService.Started started = start(List.of(), 1);
        evalRuns.runs.put("er-1", new FakeWorkspace.Script().then(run("er-1", "EVALUATION_FAILED", 1, 2)));

        EnhancerException e = assertThrows(EnhancerException.class, () -> service().poll(SPACE, RUN, 0, started.handle()));

        assertEquals(ErrorCode.EvaluationFailed, e.code());
        assertTrue(e.getMessage().startsWith("[EvaluationFailed] eval run er-1"), e.getMessage());
        assertTrue(e.getMessage().contains("EVALUATION_FAILED"));
    }

    @Test
    void an_eval_run_that_runs_past_the_timeout_times_the_evaluation_out() {
        evalRuns.creates.then(run("er-1", "RUNNING", 0, 2));
        EvaluationService.Started started = start(List.of(), 1);
        evalRuns.runs.put("er-1", new FakeWorkspace.Script().then(run("er-1", "RUNNING", 1, 2)));
        assertFalse(service().poll(SPACE, RUN, 0, started.handle()).done());

        clock.advance(Duration.ofMinutes(61));
        EnhancerException e = assertThrows(EnhancerException.class, () -> service().poll(SPACE, RUN, 0, started.handle()));

        assertEquals(ErrorCode.EvaluationTimedOut, e.code());
        assertTrue(e.getMessage().contains("was not done by its deadline " + clock.instant().minus(Duration.ofMinutes(1))),
                e.getMessage());
        assertTrue(e.getMessage().contains("1 of 2 attempts finished"), e.getMessage());
    }

    @Test
    void the_server_side_timeout_status_fails_the_evaluation_too() {
        evalRuns.creates.then(run("er-1", "RUNNING", 0, 2));
        EvaluationService.Started started = start(List.of(), 1);
        evalRuns.runs.put("er-1", new FakeWorkspace.Script().then(run("er-1", "EVALUATION_TIMEOUT", 1, 2)));

        assertEquals(ErrorCode.EvaluationFailed,
                assertThrows(EnhancerException.class, () -> service().poll(SPACE, RUN, 0, started.handle())).code());
    }

    @Test
    void details_are_collected_across_polls_when_the_budget_is_spent() {
        settings = settings.withPollBudget(Duration.ZERO);
        evalRuns.creates.then(run("er-1", "RUNNING", 0, 2));
        EvaluationService.Started started = start(List.of(), 1);
        runIsDone("er-1");

        EvaluationService.Progress first = service().poll(SPACE, RUN, 0, started.handle());
        EvaluationService.Progress second = service().poll(SPACE, RUN, 0, started.handle());

        assertFalse(first.done());
        assertEquals(1, first.completed());
        assertTrue(second.done());
        assertEquals(2, evalRuns.detailCalls, "each result's details are read once");
    }

    @Test
    void needs_review_is_not_scorable_and_unknown_reasons_are_kept_in_the_detail() {
        EvaluationPlan plan = new EvaluationPlan(SPACE, RUN, 0, Evaluation.Mode.EVAL_RUNS, 1, true, List.of(), List.of("er-1"),
                new EvaluationPlan.AttemptSettings(Optional.empty(), 10, ComparisonOptions.DEFAULTS, 600), clock.instant(),
                List.of());
        GenieEvalResultDetails review = details("r1", Q1, "NEEDS_REVIEW", "[\"EMPTY_GOOD_SQL\",\"BRAND_NEW_REASON\"]", "SELECT 1");

        QuestionOutcome o = EvalRunsEvaluator.outcome(plan, "er-1", 0, result("r1", Q1, "q"), review);

        assertEquals(OutcomeStatus.NOT_SCORABLE, o.status());
        assertEquals(List.of(AssessmentReason.NEEDS_REVIEW, AssessmentReason.EMPTY_GOOD_SQL, AssessmentReason.UNKNOWN), o.reasons());
        assertTrue(o.detail().orElseThrow().contains("BRAND_NEW_REASON"));
    }

    @Test
    void an_existing_eval_run_from_an_event_is_adopted_without_starting_a_new_one() {
        EvaluationService.Started started = service().start(new EvaluationService.StartRequest(SPACE, RUN, 0, List.of(),
                Optional.empty(), Optional.empty(), Optional.of("er-external"), Optional.empty()));
        runIsDone("er-external");

        EvaluationService.Progress done = service().poll(SPACE, RUN, 0, started.handle());

        assertTrue(evalRuns.createdWith.isEmpty());
        assertTrue(done.done());
        assertEquals(0.5, done.summary().orElseThrow().score());
    }

    @Test
    void a_handle_built_from_an_event_is_adopted_on_the_first_poll() {
        runIsDone("er-event");
        EvaluationHandle fromEvent = new EvaluationHandle(Evaluation.Mode.EVAL_RUNS, List.of(), 0, Optional.of("er-event"),
                Optional.empty());

        EvaluationService.Progress done = service().poll(SPACE, RUN, 0, fromEvent);

        assertTrue(done.done());
        assertTrue(evalRuns.createdWith.isEmpty());
        assertEquals(List.of("er-event"), new EvaluationStore(store).evaluation(SPACE, RUN, 0).orElseThrow().evalRunIds());
    }
}
