package io.genieenhancer.evaluation;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.genieenhancer.databricks.DatabricksProfiles;
import io.genieenhancer.databricks.DatabricksWorkspace;
import io.genieenhancer.databricks.GenieConversations;
import io.genieenhancer.databricks.GenieEvalRuns;
import io.genieenhancer.databricks.GenieSpaces;
import io.genieenhancer.databricks.SqlStatements;
import io.genieenhancer.databricks.WireMockDatabricks;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.store.LocalRunStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Both evaluators against WireMock speaking the documented Databricks payloads, through the real REST
 * clients (auth, error mapping, paging, in-process retries): eval-run lifecycle and failures, the
 * fallback when the eval-runs API is missing, Genie message progressions, clarifications, expired
 * results, statements failing with HTTP 200, 429 storms and truncated results.
 */
@QuarkusTest
@TestProfile(DatabricksProfiles.Pat.class)
class EvaluationWireMockTest {

    static final String SPACE = "01f0a1b2c3d4e5f60718293a4b5c6d00";
    static final String Q1 = "01f0a1b2c3d4e5f60718293a4b5c6d87";
    static final String Q2 = "01f0a1b2c3d4e5f60718293a4b5c6d88";
    static final String GT1 = "SELECT region, SUM(order_amount) AS revenue FROM main.sales.orders GROUP BY region";
    static final String GT2 = "SELECT AVG(order_amount) FROM main.sales.orders";
    static final String API = "/api/2.0/genie/spaces/" + SPACE;
    static final String MESSAGE = API + "/conversations/c-1/messages/m-1";
    static final String RUN = "run-1";

    @Inject
    GenieSpaces spaces;
    @Inject
    GenieEvalRuns evalRuns;
    @Inject
    GenieConversations conversations;
    @Inject
    SqlStatements statements;
    @Inject
    DatabricksWorkspace workspace;

    @TempDir
    Path dir;

    WireMockServer wm;
    ManualClock clock;

    @BeforeEach
    void reset() {
        wm = WireMockDatabricks.server();
        wm.resetAll();
        workspace.resetCircuitBreaker();
        clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
        wm.stubFor(get(urlPathEqualTo(API)).willReturn(okJson(space())));
    }

    EvaluationService service(EvaluationSettings settings) {
        return new EvaluationService(spaces, evalRuns, conversations, statements, new LocalRunStore(dir), settings, clock,
                clock.sleeper());
    }

    static EvaluationService.StartRequest startAll() {
        return new EvaluationService.StartRequest(SPACE, RUN, 0, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    static EvaluationService.StartRequest startOnly(String questionId) {
        return new EvaluationService.StartRequest(SPACE, RUN, 0, List.of(questionId), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    // ================================================================== eval runs

    @Test
    void an_eval_run_goes_from_not_started_through_running_to_done_and_its_paged_results_are_read_into_outcomes() {
        wm.stubFor(post(urlPathEqualTo(API + "/eval-runs")).willReturn(okJson(evalRun("er-1", "NOT_STARTED", 0, 0))));
        sequence(() -> get(urlPathEqualTo(API + "/eval-runs/er-1")), "run",
                okJson(evalRun("er-1", "NOT_STARTED", 0, 0)), okJson(evalRun("er-1", "RUNNING", 1, 2)),
                okJson(evalRun("er-1", "DONE", 2, 2)));
        wm.stubFor(get(urlPathEqualTo(API + "/eval-runs/er-1/results")).withQueryParam("page_token", absent())
                .willReturn(okJson("{\"eval_results\":[" + evalResult("r-1", Q1, "Revenue by region?") + "],\"next_page_token\":\"p2\"}")));
        wm.stubFor(get(urlPathEqualTo(API + "/eval-runs/er-1/results")).withQueryParam("page_token", equalTo("p2"))
                .willReturn(okJson("{\"eval_results\":[" + evalResult("r-2", Q2, "Average order value?") + "]}")));
        wm.stubFor(get(urlPathEqualTo(API + "/eval-runs/er-1/results/r-1")).willReturn(okJson(details("r-1", Q1, "BAD",
                "[\"RESULT_MISSING_ROWS\",\"LLM_JUDGE_MISSING_OR_INCORRECT_FILTER\"]", GT1 + " HAVING SUM(order_amount) > 100", GT1))));
        wm.stubFor(get(urlPathEqualTo(API + "/eval-runs/er-1/results/r-2")).willReturn(okJson(details("r-2", Q2, "GOOD", "[]", GT2, GT2))));
        EvaluationService service = service(EvaluationSettings.DEFAULTS);

        EvaluationService.Started started = service.start(startAll());
        EvaluationService.Progress notStarted = service.poll(SPACE, RUN, 0, started.handle());
        EvaluationService.Progress running = service.poll(SPACE, RUN, 0, started.handle());
        EvaluationService.Progress done = service.poll(SPACE, RUN, 0, started.handle());

        assertEquals(Evaluation.Mode.EVAL_RUNS, started.handle().mode());
        wm.verify(1, postRequestedFor(urlPathEqualTo(API + "/eval-runs")).withRequestBody(equalToJson("{}")));
        assertFalse(notStarted.done());
        assertFalse(running.done());
        assertEquals(1, running.completed());
        assertTrue(done.done());
        assertEquals(0.5, done.summary().orElseThrow().score());
        Evaluation e = new EvaluationStore(new LocalRunStore(dir)).evaluation(SPACE, RUN, 0).orElseThrow();
        QuestionSummary failure = e.failuresToFix().get(0);
        assertEquals("Revenue by region?", failure.question());
        assertEquals(List.of(AssessmentReason.RESULT_MISSING_ROWS, AssessmentReason.LLM_JUDGE_MISSING_OR_INCORRECT_FILTER),
                failure.reasons());
        assertEquals(Optional.of(GT1), failure.expectedSql());
        assertTrue(failure.generatedSql().orElseThrow().contains("HAVING"));
    }

    @Test
    void a_subset_of_questions_is_sent_as_benchmark_question_ids() {
        wm.stubFor(post(urlPathEqualTo(API + "/eval-runs")).willReturn(okJson(evalRun("er-1", "NOT_STARTED", 0, 1))));

        service(EvaluationSettings.DEFAULTS).start(startOnly(Q2));

        wm.verify(postRequestedFor(urlPathEqualTo(API + "/eval-runs"))
                .withRequestBody(equalToJson("{\"benchmark_question_ids\":[\"" + Q2 + "\"]}")));
    }

    @Test
    void an_eval_run_ending_evaluation_failed_fails_the_evaluation() {
        wm.stubFor(post(urlPathEqualTo(API + "/eval-runs")).willReturn(okJson(evalRun("er-1", "RUNNING", 0, 2))));
        wm.stubFor(get(urlPathEqualTo(API + "/eval-runs/er-1")).willReturn(okJson(evalRun("er-1", "EVALUATION_FAILED", 1, 2))));
        EvaluationService service = service(EvaluationSettings.DEFAULTS);
        EvaluationService.Started started = service.start(startAll());

        EnhancerException e = assertThrows(EnhancerException.class, () -> service.poll(SPACE, RUN, 0, started.handle()));

        assertEquals(ErrorCode.EvaluationFailed, e.code());
        assertTrue(e.getMessage().contains("EVALUATION_FAILED"), e.getMessage());
    }

    @Test
    void an_eval_run_still_running_after_the_timeout_times_the_evaluation_out() {
        wm.stubFor(post(urlPathEqualTo(API + "/eval-runs")).willReturn(okJson(evalRun("er-1", "RUNNING", 0, 2))));
        wm.stubFor(get(urlPathEqualTo(API + "/eval-runs/er-1")).willReturn(okJson(evalRun("er-1", "RUNNING", 1, 2))));
        EvaluationService service = service(EvaluationSettings.DEFAULTS);
        EvaluationService.Started started = service.start(startAll());
        assertFalse(service.poll(SPACE, RUN, 0, started.handle()).done());

        clock.advance(Duration.ofMinutes(90));

        assertEquals(ErrorCode.EvaluationTimedOut,
                assertThrows(EnhancerException.class, () -> service.poll(SPACE, RUN, 0, started.handle())).code());
    }

    @Test
    void a_workspace_without_the_eval_runs_api_falls_back_to_self_run_and_says_so() {
        wm.stubFor(post(urlPathEqualTo(API + "/eval-runs")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error_code\":\"ENDPOINT_NOT_FOUND\",\"message\":\"No API found for 'POST /genie/spaces/x/eval-runs'\"}")));

        EvaluationService.Started started = service(EvaluationSettings.DEFAULTS).start(startAll());

        assertEquals(Evaluation.Mode.SELF_RUN, started.handle().mode());
        assertEquals(2, started.questionItems().size());
        assertTrue(started.notes().get(0).contains("eval-runs API not available (HTTP 404 ENDPOINT_NOT_FOUND)"), started.notes().toString());
        assertTrue(started.notes().get(0).contains("fell back to the self-run evaluator"));
    }

    @Test
    void http_501_also_means_no_eval_runs_api_and_an_explicit_eval_runs_setting_then_fails() {
        wm.stubFor(post(urlPathEqualTo(API + "/eval-runs")).willReturn(aResponse().withStatus(501)));

        EnhancerException e = assertThrows(EnhancerException.class,
                () -> service(EvaluationSettings.DEFAULTS.withEvaluator(EvaluatorMode.EVAL_RUNS)).start(startAll()));

        assertEquals(ErrorCode.EvaluationFailed, e.code());
        assertTrue(e.getMessage().contains("HTTP 501"), e.getMessage());
    }

    // ================================================================== self-run

    EvaluationService selfRun() {
        return service(EvaluationSettings.DEFAULTS.withEvaluator(EvaluatorMode.SELF_RUN));
    }

    void groundTruth(String sql, String response) {
        wm.stubFor(post(urlPathEqualTo("/api/2.0/sql/statements")).withRequestBody(matchingJsonPath("$.statement", equalTo(sql)))
                .willReturn(okJson(response)));
    }

    void genieStarts() {
        wm.stubFor(post(urlPathEqualTo(API + "/start-conversation")).willReturn(okJson(started())));
    }

    QuestionStep ask(EvaluationService service, String questionId) {
        return service.evaluateQuestion(SPACE, RUN, 0, questionId, 0, Optional.empty());
    }

    static QuestionOutcome outcome(QuestionStep step) {
        return assertInstanceOf(QuestionStep.Done.class, step, () -> "expected Done, was " + step).outcome();
    }

    static final String REGION_ROWS = "[[\"AMER\",\"1200.50\"],[\"EMEA\",null],[\"APJ\",\"310.00\"]]";

    @Test
    void a_message_progressing_to_completed_is_read_compared_and_correct() {
        // a budget long enough for 1 + 2 + 3 + 4 s of pauses between the five polls (the test clock does not sleep)
        EvaluationService service = service(EvaluationSettings.DEFAULTS.withEvaluator(EvaluatorMode.SELF_RUN)
                .withPollBudget(Duration.ofSeconds(30)));
        service.start(startOnly(Q1));
        groundTruth(GT1, statement("gt-1", "SUCCEEDED", REGION_ROWS, false, null));
        genieStarts();
        sequence(() -> get(urlPathEqualTo(MESSAGE)), "progress",
                okJson(message("SUBMITTED", "")), okJson(message("FETCHING_METADATA", "")), okJson(message("ASKING_AI", "")),
                okJson(message("EXECUTING_QUERY", queryAttachment("SELECT region, SUM(order_amount) FROM main.sales.orders GROUP BY 1"))),
                okJson(message("COMPLETED", queryAttachment("SELECT region, SUM(order_amount) FROM main.sales.orders GROUP BY 1"))));
        wm.stubFor(get(urlPathEqualTo(MESSAGE + "/attachments/a-query/query-result")).willReturn(okJson(
                "{\"statement_response\":" + statement("g-1", "SUCCEEDED", "[[\"APJ\",\"310\"],[\"AMER\",\"1200.5\"],[\"EMEA\",null]]", false, null) + "}")));

        QuestionOutcome o = outcome(ask(service, Q1));

        assertEquals(OutcomeStatus.CORRECT, o.status(), o.toString());
        wm.verify(postRequestedFor(urlPathEqualTo("/api/2.0/sql/statements")).withRequestBody(equalToJson(
                "{\"statement\":\"" + GT1 + "\",\"warehouse_id\":\"wh-123\",\"wait_timeout\":\"10s\",\"on_wait_timeout\":\"CONTINUE\","
                        + "\"disposition\":\"INLINE\",\"format\":\"JSON_ARRAY\",\"row_limit\":5000}", true, false)));
        wm.verify(postRequestedFor(urlPathEqualTo(API + "/start-conversation"))
                .withRequestBody(matchingJsonPath("$.content", equalTo("Revenue by region?"))));
        wm.verify(5, getRequestedFor(urlPathEqualTo(MESSAGE)));
    }

    @Test
    void with_no_poll_budget_a_pending_message_returns_its_ids_and_the_next_invocation_continues() {
        EvaluationService service = service(EvaluationSettings.DEFAULTS.withEvaluator(EvaluatorMode.SELF_RUN).withPollBudget(Duration.ZERO));
        service.start(startOnly(Q1));
        groundTruth(GT1, statement("gt-1", "SUCCEEDED", REGION_ROWS, false, null));
        genieStarts();
        sequence(() -> get(urlPathEqualTo(MESSAGE)), "slow", okJson(message("ASKING_AI", "")),
                okJson(message("COMPLETED", queryAttachment("SELECT 1"))));
        wm.stubFor(get(urlPathEqualTo(MESSAGE + "/attachments/a-query/query-result")).willReturn(okJson(
                "{\"statement_response\":" + statement("g-1", "SUCCEEDED", REGION_ROWS, false, null) + "}")));

        QuestionStep.Pending first = assertInstanceOf(QuestionStep.Pending.class, ask(service, Q1));
        QuestionStep.Pending second = assertInstanceOf(QuestionStep.Pending.class, ask(service, Q1));
        QuestionOutcome o = outcome(ask(service, Q1));

        assertEquals(Optional.of("c-1"), first.conversationId());
        assertEquals(Optional.of("m-1"), second.messageId());
        assertEquals(OutcomeStatus.CORRECT, o.status());
        wm.verify(1, postRequestedFor(urlPathEqualTo(API + "/start-conversation")));
    }

    @Test
    void failed_and_cancelled_messages_are_failures_with_their_own_reasons() {
        EvaluationService service = selfRun();
        service.start(startAll());
        groundTruth(GT1, statement("gt-1", "SUCCEEDED", REGION_ROWS, false, null));
        groundTruth(GT2, statement("gt-2", "SUCCEEDED", "[[\"all\",\"38.25\"]]", false, null));
        genieStarts();
        wm.stubFor(get(urlPathEqualTo(MESSAGE)).willReturn(okJson("""
                {"message_id":"m-1","conversation_id":"c-1","status":"FAILED","attachments":[],
                 "error":{"error":"The generated SQL query is too long","type":"GENERATED_SQL_QUERY_TOO_LONG_EXCEPTION"}}""")));
        QuestionOutcome failed = outcome(ask(service, Q1));
        wm.stubFor(get(urlPathEqualTo(MESSAGE)).willReturn(okJson(message("CANCELLED", ""))));
        QuestionOutcome cancelled = outcome(ask(service, Q2));

        assertEquals(List.of(AssessmentReason.GENIE_FAILED), failed.reasons());
        assertTrue(failed.detail().orElseThrow().contains("GENERATED_SQL_QUERY_TOO_LONG_EXCEPTION"));
        assertEquals(List.of(AssessmentReason.GENIE_CANCELLED), cancelled.reasons());
    }

    @Test
    void an_expired_query_result_is_re_executed_through_execute_query() {
        EvaluationService service = selfRun();
        service.start(startOnly(Q1));
        groundTruth(GT1, statement("gt-1", "SUCCEEDED", REGION_ROWS, false, null));
        genieStarts();
        wm.stubFor(get(urlPathEqualTo(MESSAGE)).willReturn(okJson(message("QUERY_RESULT_EXPIRED", queryAttachment("SELECT 1")))));
        wm.stubFor(post(urlPathEqualTo(MESSAGE + "/attachments/a-query/execute-query")).willReturn(okJson(
                "{\"statement_response\":" + statement("g-2", "SUCCEEDED", REGION_ROWS, false, null) + "}")));

        QuestionOutcome o = outcome(ask(service, Q1));

        assertEquals(OutcomeStatus.CORRECT, o.status());
        wm.verify(1, postRequestedFor(urlPathEqualTo(MESSAGE + "/attachments/a-query/execute-query")));
        wm.verify(0, getRequestedFor(urlPathEqualTo(MESSAGE + "/attachments/a-query/query-result")));
    }

    @Test
    void a_clarification_reply_is_a_failure_carrying_genies_question() {
        EvaluationService service = selfRun();
        service.start(startOnly(Q1));
        groundTruth(GT1, statement("gt-1", "SUCCEEDED", REGION_ROWS, false, null));
        genieStarts();
        wm.stubFor(get(urlPathEqualTo(MESSAGE)).willReturn(okJson(message("COMPLETED",
                "{\"attachment_id\":\"a-t\",\"text\":{\"id\":\"t-1\",\"content\":\"Which fiscal year do you mean?\",\"purpose\":\"FOLLOW_UP_QUESTION\"}}"))));

        QuestionOutcome o = outcome(ask(service, Q1));

        assertEquals(OutcomeStatus.INCORRECT, o.status());
        assertEquals(List.of(AssessmentReason.GENIE_CLARIFICATION), o.reasons());
        assertTrue(o.detail().orElseThrow().contains("Which fiscal year"));
    }

    @Test
    void a_ground_truth_failing_with_http_200_and_state_failed_is_not_scorable_and_genie_is_not_asked() {
        EvaluationService service = selfRun();
        EvaluationService.Started started = service.start(startOnly(Q1));
        groundTruth(GT1, "{\"statement_id\":\"gt-1\",\"status\":{\"state\":\"FAILED\",\"error\":{\"error_code\":\"BAD_REQUEST\","
                + "\"message\":\"[TABLE_OR_VIEW_NOT_FOUND] The table main.sales.orders cannot be found.\"},\"sql_state\":\"42P01\"}}");

        QuestionOutcome o = outcome(ask(service, Q1));
        EvaluationService.Progress p = service.poll(SPACE, RUN, 0, started.handle());

        assertEquals(OutcomeStatus.NOT_SCORABLE, o.status());
        assertTrue(o.detail().orElseThrow().contains("TABLE_OR_VIEW_NOT_FOUND"));
        wm.verify(0, postRequestedFor(urlPathEqualTo(API + "/start-conversation")));
        assertTrue(p.done());
        assertEquals(0, p.summary().orElseThrow().scorable());
        assertEquals(List.of(Q1), p.summary().orElseThrow().notScorableQuestions());
    }

    @Test
    void genies_query_failing_with_state_failed_is_a_failure() {
        EvaluationService service = selfRun();
        service.start(startOnly(Q1));
        groundTruth(GT1, statement("gt-1", "SUCCEEDED", REGION_ROWS, false, null));
        genieStarts();
        wm.stubFor(get(urlPathEqualTo(MESSAGE)).willReturn(okJson(message("COMPLETED", queryAttachment("SELECT revnue FROM t")))));
        wm.stubFor(get(urlPathEqualTo(MESSAGE + "/attachments/a-query/query-result")).willReturn(okJson(
                "{\"statement_response\":{\"statement_id\":\"g-1\",\"status\":{\"state\":\"FAILED\",\"error\":{\"error_code\":\"BAD_REQUEST\","
                        + "\"message\":\"[UNRESOLVED_COLUMN] revnue\"}}}}")));

        QuestionOutcome o = outcome(ask(service, Q1));

        assertEquals(List.of(AssessmentReason.GENERATED_SQL_FAILED), o.reasons());
        assertEquals(Optional.of("SELECT revnue FROM t"), o.generatedSql());
    }

    @Test
    void a_429_storm_with_retry_after_comes_back_as_retry_advice_until_genie_accepts_the_question() {
        EvaluationService service = selfRun();
        service.start(startOnly(Q1));
        groundTruth(GT1, statement("gt-1", "SUCCEEDED", REGION_ROWS, false, null));
        ResponseDefinitionBuilder tooMany = aResponse().withStatus(429).withHeader("Retry-After", "20")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error_code\":\"RESOURCE_EXHAUSTED\",\"message\":\"Too many requests\"}");
        sequence(() -> post(urlPathEqualTo(API + "/start-conversation")), "storm", tooMany, tooMany, tooMany, okJson(started()));
        // a short Retry-After on a poll is absorbed by the client's own retry
        sequence(() -> get(urlPathEqualTo(MESSAGE)), "poll", aResponse().withStatus(429).withHeader("Retry-After", "1"),
                okJson(message("COMPLETED", queryAttachment("SELECT 1"))));
        wm.stubFor(get(urlPathEqualTo(MESSAGE + "/attachments/a-query/query-result")).willReturn(okJson(
                "{\"statement_response\":" + statement("g-1", "SUCCEEDED", REGION_ROWS, false, null) + "}")));

        for (int i = 0; i < 3; i++) {
            QuestionStep.RetryLater r = assertInstanceOf(QuestionStep.RetryLater.class, ask(service, Q1));
            assertEquals(ErrorCode.RateLimited, r.advice().error());
            assertEquals(20, r.advice().retryAfterSeconds());
            clock.advance(Duration.ofSeconds(r.advice().retryAfterSeconds())); // the state machine's Wait
        }
        QuestionOutcome o = outcome(ask(service, Q1));

        assertEquals(OutcomeStatus.CORRECT, o.status());
        wm.verify(4, postRequestedFor(urlPathEqualTo(API + "/start-conversation")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/2.0/sql/statements")));
    }

    @Test
    void a_ground_truth_over_the_row_cap_is_read_chunk_by_chunk_truncated_and_still_judged() {
        EvaluationService service = service(new EvaluationSettings(EvaluatorMode.SELF_RUN, 1, 5, Duration.ofSeconds(8),
                Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofHours(1), Optional.empty(), 3, 10,
                ComparisonOptions.DEFAULTS, 100));
        service.start(startOnly(Q1));
        // row_limit 3 reached: the server marks the result truncated and serves it in two chunks
        groundTruth(GT1, statement("gt-1", "SUCCEEDED", "[[\"AMER\",\"1\"],[\"EMEA\",\"2\"]]", true, 1));
        wm.stubFor(get(urlPathEqualTo("/api/2.0/sql/statements/gt-1/result/chunks/1")).willReturn(okJson(
                "{\"chunk_index\":1,\"row_offset\":2,\"row_count\":1,\"data_array\":[[\"APJ\",\"3\"]]}")));
        genieStarts();
        wm.stubFor(get(urlPathEqualTo(MESSAGE)).willReturn(okJson(message("COMPLETED", queryAttachment("SELECT 1")))));
        // Genie's own result is complete and has a fourth region
        wm.stubFor(get(urlPathEqualTo(MESSAGE + "/attachments/a-query/query-result")).willReturn(okJson("{\"statement_response\":"
                + statement("g-1", "SUCCEEDED", "[[\"LATAM\",\"4\"],[\"APJ\",\"3\"],[\"EMEA\",\"2\"],[\"AMER\",\"1\"]]", false, null) + "}")));

        QuestionOutcome o = outcome(ask(service, Q1));

        assertEquals(OutcomeStatus.CORRECT, o.status(), o.toString());
        assertTrue(o.expectedResult().orElseThrow().truncated());
        assertEquals(3, o.expectedResult().orElseThrow().rowCount());
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/2.0/sql/statements/gt-1/result/chunks/1")));
    }

    @Test
    void a_truncated_genie_result_with_rows_outside_the_ground_truth_is_extra_rows() {
        EvaluationService service = selfRun();
        service.start(startOnly(Q1));
        groundTruth(GT1, statement("gt-1", "SUCCEEDED", REGION_ROWS, false, null));
        genieStarts();
        wm.stubFor(get(urlPathEqualTo(MESSAGE)).willReturn(okJson(message("COMPLETED", queryAttachment("SELECT * FROM orders")))));
        wm.stubFor(get(urlPathEqualTo(MESSAGE + "/attachments/a-query/query-result")).willReturn(okJson("{\"statement_response\":"
                + statement("g-1", "SUCCEEDED", "[[\"AMER\",\"1200.50\"],[\"o-17\",\"12.00\"]]", true, null) + "}")));

        QuestionOutcome o = outcome(ask(service, Q1));

        assertEquals(OutcomeStatus.INCORRECT, o.status());
        assertEquals(List.of(AssessmentReason.RESULT_EXTRA_ROWS), o.reasons());
        assertTrue(o.actualResult().orElseThrow().truncated());
    }

    // ================================================================== payloads (documented shapes)

    /** Each call answers the next response; the last one repeats. */
    void sequence(Supplier<MappingBuilder> request, String scenario, ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            ScenarioMappingBuilder m = request.get().inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : scenario + i)
                    .willReturn(responses[i]);
            if (i < responses.length - 1) {
                m = m.willSetStateTo(scenario + (i + 1));
            }
            wm.stubFor(m);
        }
    }

    static String space() {
        ObjectNode serialized = Wire.JSON.createObjectNode().put("version", 2);
        ArrayNode questions = serialized.putObject("benchmarks").putArray("questions");
        ObjectNode q1 = questions.addObject().put("id", Q1);
        q1.putArray("question").add("Revenue by region?");
        q1.putArray("answer").addObject().put("format", "SQL").putArray("content").add(GT1);
        ObjectNode q2 = questions.addObject().put("id", Q2);
        q2.putArray("question").add("Average order value?");
        q2.putArray("answer").addObject().put("format", "SQL").putArray("content").add(GT2);
        return Wire.JSON.createObjectNode().put("space_id", SPACE).put("title", "Sales analytics").put("warehouse_id", "wh-123")
                .put("serialized_space", serialized.toString()).put("etag", "etag-1").toString();
    }

    static String evalRun(String id, String status, int done, int total) {
        return """
                {"eval_run_id":"%s","eval_run_status":"%s","num_questions":%d,"num_done":%d,"num_correct":0,
                 "num_needs_review":0,"created_timestamp":1764150000000,"last_updated_timestamp":1764150042000,
                 "run_by_user":1234567890}""".formatted(id, status, total, done);
    }

    static String evalResult(String resultId, String questionId, String question) {
        return """
                {"result_id":"%s","space_id":"%s","benchmark_question_id":"%s","question":"%s","status":"DONE",
                 "created_by_user":1234567890}""".formatted(resultId, SPACE, questionId, question);
    }

    static String details(String resultId, String questionId, String assessment, String reasons, String actualSql, String expectedSql) {
        return """
                {"result_id":"%s","space_id":"%s","benchmark_question_id":"%s","assessment":"%s","assessment_reasons":%s,
                 "eval_run_status":"DONE","manual_assessment":false,
                 "actual_response":[{"response":%s,"response_type":"SQL","sql_execution_result":%s}],
                 "expected_response":[{"response":%s,"response_type":"SQL","sql_execution_result":%s}]}
                """.formatted(resultId, SPACE, questionId, assessment, reasons, quote(actualSql),
                statement("s-a", "SUCCEEDED", "[[\"AMER\",\"1200.50\"]]", false, null), quote(expectedSql),
                statement("s-e", "SUCCEEDED", REGION_ROWS, false, null));
    }

    static String statement(String id, String state, String rows, boolean truncated, Integer nextChunk) {
        return """
                {"statement_id":"%s","status":{"state":"%s"},
                 "manifest":{"format":"JSON_ARRAY","schema":{"column_count":2,"columns":[
                    {"name":"region","type_name":"STRING","type_text":"STRING","position":0},
                    {"name":"revenue","type_name":"DECIMAL","type_text":"DECIMAL(38,2)","position":1}]},
                  "total_chunk_count":%d,"truncated":%s},
                 "result":{"chunk_index":0,"row_offset":0,%s"data_array":%s}}
                """.formatted(id, state, nextChunk == null ? 1 : 2, truncated,
                nextChunk == null ? "" : "\"next_chunk_index\":" + nextChunk + ",", rows);
    }

    static String started() {
        return """
                {"conversation_id":"c-1","message_id":"m-1",
                 "conversation":{"conversation_id":"c-1","space_id":"%s","title":"Revenue by region?"},
                 "message":{"message_id":"m-1","conversation_id":"c-1","space_id":"%s","status":"SUBMITTED","attachments":[]}}
                """.formatted(SPACE, SPACE);
    }

    static String message(String status, String attachments) {
        return """
                {"message_id":"m-1","id":"m-1","conversation_id":"c-1","space_id":"%s","content":"Revenue by region?",
                 "status":"%s","attachments":[%s],"created_timestamp":1764150000000,"last_updated_timestamp":1764150009000,
                 "user_id":1234567890}""".formatted(SPACE, status, attachments);
    }

    static String queryAttachment(String sql) {
        return """
                {"attachment_id":"a-text","text":{"id":"t-1","content":"Here is revenue by region.","purpose":"TEXT_ATTACHMENT_PURPOSE_ANSWER"}},
                {"attachment_id":"a-query","query":{"id":"q-1","title":"Revenue by region","query":%s,
                  "statement_id":"g-1","query_result_metadata":{"row_count":3,"is_truncated":false}}}""".formatted(quote(sql));
    }

    static String quote(String s) {
        return Wire.JSON.getNodeFactory().textNode(s).toString();
    }
}
