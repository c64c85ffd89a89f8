package io.genieenhancer.databricks;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.genieenhancer.error.ErrorCode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Eval runs (§4), conversations (§3) and SQL statements (§5) against WireMock serving the documented payloads. */
@QuarkusTest
@TestProfile(DatabricksProfiles.Pat.class)
class EvalRunsConversationsStatementsContractTest {

    static final String SPACE = "01f0a1b2c3d4e5f60718293a4b5c6d00";
    static final String RUN = "01f0eeee000000000000000000000001";
    static final String RUNS_PATH = "/api/2.0/genie/spaces/" + SPACE + "/eval-runs";
    static final String MESSAGE_PATH = "/api/2.0/genie/spaces/" + SPACE + "/conversations/c-1/messages/m-1";
    static final String AUTH = "Bearer " + WireMockDatabricks.TOKEN;

    @Inject
    RestGenieEvalRuns evalRuns;

    @Inject
    RestGenieConversations conversations;

    @Inject
    RestSqlStatements statements;

    @Inject
    DatabricksWorkspace workspace;

    WireMockServer wm;

    @BeforeEach
    void reset() {
        wm = WireMockDatabricks.server();
        wm.resetAll();
        workspace.resetCircuitBreaker();
    }

    // ---- eval runs

    @Test
    void creatingAnEvalRunForSomeQuestionsSendsTheirIds() {
        wm.stubFor(post(urlPathEqualTo(RUNS_PATH)).willReturn(okJson(Fixtures.read("eval-run.json"))));

        GenieEvalRunResponse run = evalRuns.create(SPACE, List.of("01f0a1b2c3d4e5f60718293a4b5c6d87"));

        assertEquals(RUN, run.evalRunId());
        assertEquals(EvaluationStatusType.RUNNING, run.evalRunStatus());
        assertEquals(20, run.numQuestions());
        assertEquals(7, run.numDone());
        assertEquals(5, run.numCorrect());
        wm.verify(postRequestedFor(urlPathEqualTo(RUNS_PATH)).withHeader("Authorization", equalTo(AUTH))
                .withRequestBody(equalToJson("{\"benchmark_question_ids\":[\"01f0a1b2c3d4e5f60718293a4b5c6d87\"]}")));
    }

    @Test
    void creatingAnEvalRunForAllQuestionsSendsAnEmptyBody() {
        wm.stubFor(post(urlPathEqualTo(RUNS_PATH)).willReturn(okJson(Fixtures.read("eval-run.json"))));
        evalRuns.create(SPACE, List.of());
        wm.verify(postRequestedFor(urlPathEqualTo(RUNS_PATH)).withRequestBody(equalToJson("{}")));
    }

    @Test
    void aRunIsPolledByIdAndItsResultsAreReadAcrossPages() {
        wm.stubFor(get(urlPathEqualTo(RUNS_PATH + "/" + RUN)).willReturn(okJson(Fixtures.read("eval-run.json")
                .replace("\"RUNNING\"", "\"DONE\""))));
        wm.stubFor(get(urlPathEqualTo(RUNS_PATH + "/" + RUN + "/results")).withQueryParam("page_token", absent())
                .willReturn(okJson(Fixtures.read("eval-results-page-1.json"))));
        wm.stubFor(get(urlPathEqualTo(RUNS_PATH + "/" + RUN + "/results")).withQueryParam("page_token", equalTo("results-2"))
                .willReturn(okJson(Fixtures.read("eval-results-page-2.json"))));

        assertTrue(evalRuns.get(SPACE, RUN).evalRunStatus().isTerminal());
        List<GenieEvalResult> results = evalRuns.listResults(SPACE, RUN);

        assertEquals(List.of("r-1", "r-2", "r-3"), results.stream().map(GenieEvalResult::resultId).toList());
        assertEquals("SELECT AVG(order_amount) FROM main.sales.orders", results.get(0).benchmarkAnswer().orElseThrow());
        assertTrue(results.get(1).benchmarkAnswer().isEmpty());
    }

    @Test
    void listingRunsFollowsPages() {
        wm.stubFor(get(urlPathEqualTo(RUNS_PATH)).withQueryParam("page_token", absent())
                .willReturn(okJson("{\"eval_runs\":[" + Fixtures.read("eval-run.json") + "],\"next_page_token\":\"p2\"}")));
        wm.stubFor(get(urlPathEqualTo(RUNS_PATH)).withQueryParam("page_token", equalTo("p2"))
                .willReturn(okJson("{\"eval_runs\":[{\"eval_run_id\":\"older\",\"eval_run_status\":\"DONE\"}]}")));
        assertEquals(List.of(RUN, "older"), evalRuns.list(SPACE).stream().map(GenieEvalRunResponse::evalRunId).toList());
    }

    @Test
    void resultDetailsCarryTheAssessmentAndBothResultSets() {
        wm.stubFor(get(urlPathEqualTo(RUNS_PATH + "/" + RUN + "/results/r-1")).willReturn(okJson(Fixtures.read("eval-result-details.json"))));

        GenieEvalResultDetails details = evalRuns.getResultDetails(SPACE, RUN, "r-1");

        assertEquals(GenieEvalAssessment.BAD, details.assessment());
        assertEquals(List.of("RESULT_MISSING_ROWS", "LLM_JUDGE_MISSING_OR_INCORRECT_FILTER"), details.assessmentReasons());
        assertEquals(List.of(List.of("41.5")),
                details.actualResponse().get(0).sqlExecutionResult().orElseThrow().result().orElseThrow().dataArray());
    }

    @Test
    void anUnknownRunIsEvaluationNotFoundAndAnUnavailableApiSaysSo() {
        wm.stubFor(get(urlPathEqualTo(RUNS_PATH + "/nope")).willReturn(aResponse().withStatus(404)
                .withBody("{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"Eval run nope not found\"}")));
        assertEquals(ErrorCode.EvaluationNotFound, assertThrows(DatabricksApiException.class, () -> evalRuns.get(SPACE, "nope")).code());

        wm.stubFor(post(urlPathEqualTo(RUNS_PATH)).willReturn(aResponse().withStatus(404)
                .withBody("{\"error_code\":\"ENDPOINT_NOT_FOUND\",\"message\":\"No API found for 'POST /genie/spaces/x/eval-runs'\"}")));
        DatabricksApiException e = assertThrows(DatabricksApiException.class, () -> evalRuns.create(SPACE, List.of()));
        assertEquals("ENDPOINT_NOT_FOUND", e.databricksErrorCode().orElseThrow(), "evaluators fall back to self-run on this");
    }

    // ---- conversations

    @Test
    void aQuestionStartsAConversationAndItsMessageIsPolledUntilComplete() {
        wm.stubFor(post(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE + "/start-conversation"))
                .willReturn(okJson(Fixtures.read("start-conversation.json"))));
        wm.stubFor(get(urlPathEqualTo(MESSAGE_PATH)).willReturn(okJson(Fixtures.read("message-completed.json"))));

        GenieStartConversationResponse started = conversations.startConversation(SPACE, "What is the average order value?");
        GenieMessage message = conversations.getMessage(SPACE, started.conversationId(), started.messageId());

        wm.verify(postRequestedFor(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE + "/start-conversation"))
                .withHeader("Authorization", equalTo(AUTH))
                .withRequestBody(equalToJson("{\"content\":\"What is the average order value?\"}")));
        assertEquals(MessageStatus.COMPLETED, message.status());
        assertEquals("SELECT AVG(order_amount) FROM main.sales.orders",
                message.queryAttachment().orElseThrow().query().orElseThrow().query().orElseThrow());
    }

    @Test
    void theQueryAttachmentsRowsAreReadAndAnExpiredResultIsRunAgain() {
        String attachment = MESSAGE_PATH + "/attachments/a-query";
        wm.stubFor(get(urlPathEqualTo(attachment + "/query-result")).willReturn(okJson(Fixtures.read("query-result.json"))));
        wm.stubFor(post(urlPathEqualTo(attachment + "/execute-query")).willReturn(okJson(Fixtures.read("query-result.json"))));

        StatementResponse rows = conversations.getAttachmentQueryResult(SPACE, "c-1", "m-1", "a-query");
        StatementResponse rerun = conversations.executeAttachmentQuery(SPACE, "c-1", "m-1", "a-query");

        assertEquals(Arrays.asList("EMEA", null), rows.result().orElseThrow().dataArray().get(1));
        assertEquals(StatementState.SUCCEEDED, rerun.state());
        wm.verify(postRequestedFor(urlPathEqualTo(attachment + "/execute-query")).withHeader("Authorization", equalTo(AUTH)));
    }

    @Test
    void anAnswerWithoutAStatementResponseIsUnavailableNotANullPointer() {
        wm.stubFor(get(urlPathEqualTo(MESSAGE_PATH + "/attachments/a-query/query-result")).willReturn(okJson("{}")));
        assertEquals(ErrorCode.DatabricksUnavailable, assertThrows(DatabricksApiException.class,
                () -> conversations.getAttachmentQueryResult(SPACE, "c-1", "m-1", "a-query")).code());
    }

    @Test
    void theConversationRateLimitIsRateLimited() {
        wm.stubFor(post(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE + "/start-conversation"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")
                        .withBody("{\"error_code\":\"RESOURCE_EXHAUSTED\",\"message\":\"Too many requests\"}")));
        DatabricksApiException e = assertThrows(DatabricksApiException.class, () -> conversations.startConversation(SPACE, "Q"));
        assertEquals(ErrorCode.RateLimited, e.code());
        assertEquals(60, e.retryAfterSeconds().orElseThrow());
    }

    // ---- SQL statements

    @Test
    void aStatementIsSentInlineAsJsonArraysWithTheWarehouseWaitAndRowLimit() {
        wm.stubFor(post(urlPathEqualTo("/api/2.0/sql/statements")).willReturn(okJson(Fixtures.read("statement-succeeded.json"))));

        StatementResponse r = statements.execute(ExecuteStatementRequest.inlineJsonArray("abcdef1234567890",
                "SELECT n FROM main.sales.numbers", 30, 5000).withCatalogAndSchema("main", "sales"));

        assertEquals(StatementState.SUCCEEDED, r.state());
        wm.verify(postRequestedFor(urlPathEqualTo("/api/2.0/sql/statements")).withHeader("Authorization", equalTo(AUTH))
                .withRequestBody(equalToJson("{\"statement\":\"SELECT n FROM main.sales.numbers\",\"warehouse_id\":\"abcdef1234567890\","
                        + "\"catalog\":\"main\",\"schema\":\"sales\",\"wait_timeout\":\"30s\",\"on_wait_timeout\":\"CONTINUE\","
                        + "\"disposition\":\"INLINE\",\"format\":\"JSON_ARRAY\",\"row_limit\":5000}")));
    }

    @Test
    void aRunningStatementIsPolledAndFurtherChunksAreFetched() {
        String id = "01f0ssss000000000000000000000004";
        wm.stubFor(get(urlPathEqualTo("/api/2.0/sql/statements/" + id)).willReturn(okJson(Fixtures.read("statement-succeeded.json"))));
        wm.stubFor(get(urlPathEqualTo("/api/2.0/sql/statements/" + id + "/result/chunks/1")).willReturn(okJson(Fixtures.read("statement-chunk-1.json"))));

        StatementResponse first = statements.get(id);
        ResultData next = statements.getResultChunk(id, first.result().orElseThrow().nextChunkIndex().orElseThrow());

        assertEquals(List.of(List.of("3")), next.dataArray());
        assertTrue(next.nextChunkIndex().isEmpty());
    }

    @Test
    void aSqlErrorIsAFailedStatementNotAnException() {
        wm.stubFor(post(urlPathEqualTo("/api/2.0/sql/statements")).willReturn(okJson(Fixtures.read("statement-failed.json"))));
        StatementResponse r = statements.execute(ExecuteStatementRequest.inlineJsonArray("w", "SELECT * FROM main.sales.ordrs", 10, 10));
        assertEquals(StatementState.FAILED, r.state());
        assertTrue(r.status().error().orElseThrow().message().orElseThrow().contains("TABLE_OR_VIEW_NOT_FOUND"));
    }

    @Test
    void aStatementThatIsGoneFailsTheEvaluationAndAnUnknownWarehouseIsInvalidInput() {
        wm.stubFor(get(urlPathEqualTo("/api/2.0/sql/statements/gone")).willReturn(aResponse().withStatus(404)
                .withBody("{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"Statement gone not found\"}")));
        assertEquals(ErrorCode.EvaluationFailed, assertThrows(DatabricksApiException.class, () -> statements.get("gone")).code());

        wm.stubFor(post(urlPathEqualTo("/api/2.0/sql/statements")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"Warehouse nope does not exist\"}")));
        assertEquals(ErrorCode.InvalidInput, assertThrows(DatabricksApiException.class,
                () -> statements.execute(ExecuteStatementRequest.inlineJsonArray("nope", "SELECT 1", 10, 10))).code());
    }

    @Test
    void cancellingPostsToTheStatementsCancelEndpoint() {
        wm.stubFor(post(urlPathEqualTo("/api/2.0/sql/statements/s-1/cancel")).willReturn(aResponse().withStatus(200)));
        statements.cancel("s-1");
        wm.verify(postRequestedFor(urlPathEqualTo("/api/2.0/sql/statements/s-1/cancel")));
        assertEquals(1, wm.findAll(postRequestedFor(urlPathEqualTo("/api/2.0/sql/statements/s-1/cancel"))).size());
        assertEquals(0, wm.findAll(getRequestedFor(urlPathEqualTo("/api/2.0/sql/statements/s-1"))).size());
    }
}
