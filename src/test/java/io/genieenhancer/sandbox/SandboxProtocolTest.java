package io.genieenhancer.sandbox;

import com.databricks.sdk.service.dashboards.GenieEvalResultDetails;
import com.databricks.sdk.service.dashboards.GenieEvalRunResponse;
import com.databricks.sdk.service.dashboards.GenieGetMessageQueryResultResponse;
import com.databricks.sdk.service.dashboards.GenieListEvalResultsResponse;
import com.databricks.sdk.service.dashboards.GenieListEvalRunsResponse;
import com.databricks.sdk.service.dashboards.GenieListSpacesResponse;
import com.databricks.sdk.service.dashboards.GenieMessage;
import com.databricks.sdk.service.dashboards.GenieStartConversationResponse;
import com.databricks.sdk.service.sql.StatementResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox speaks the documented Databricks payloads over HTTP: every success body parses strictly into
 * Databricks' own SDK models, and refusals carry Databricks' status codes and error bodies.
 */
class SandboxProtocolTest {

    static final Duration LATENCY = Duration.ofSeconds(2);

    ManualClock clock;
    SandboxWorkspace ws;
    Api api;
    String space;

    @BeforeEach
    void start() {
        clock = ManualClock.startingAt("2026-11-26T10:00:00Z");
        Knobs knobs = Knobs.defaults().withGenieLatency(LATENCY).withReindexDelay(Duration.ofSeconds(5), Duration.ofSeconds(15));
        ws = SandboxWorkspace.start("retail", knobs, clock);
        api = new Api(ws.url(), ws.token());
        space = "/api/2.0/genie/spaces/" + ws.spaceId();
    }

    @AfterEach
    void stop() {
        ws.stop();
    }

    // ------------------------------------------------------------------------------------ auth

    @Test
    void aRequestWithoutBearerTokenIsRefusedWith401() {
        Api.Reply r = api.withToken(null).get(space);
        assertEquals(401, r.status());
        assertEquals("UNAUTHENTICATED", r.errorCode());
        assertEquals(401, api.withToken(" ").get(space).status());
    }

    @Test
    void anyClientCredentialsGetAnOAuthTokenThatTheApiAccepts() {
        Api.Reply t = api.form("/oidc/v1/token", "grant_type=client_credentials&scope=all-apis", "my-sp:my-secret");
        assertEquals(200, t.status());
        assertEquals("Bearer", t.body().path("token_type").asText());
        assertTrue(t.body().path("expires_in").asInt() > 0);
        assertEquals(200, api.withToken(t.body().path("access_token").asText()).get(space).status());
        assertEquals(401, api.form("/oidc/v1/token", "grant_type=client_credentials", null).status());
        assertEquals(400, api.form("/oidc/v1/token", "grant_type=password", "a:b").status());
        assertTrue(api.withToken(null).get("/oidc/.well-known/oauth-authorization-server").body()
                .path("token_endpoint").asText().endsWith("/oidc/v1/token"));
    }

    @Test
    void anUnknownEndpointIs404EndpointNotFound() {
        Api.Reply r = api.send("PUT", space, Map.of());
        assertEquals(404, r.status());
        assertEquals("ENDPOINT_NOT_FOUND", r.errorCode());
    }

    // ------------------------------------------------------------------------------------ spaces

    @Test
    void getReturnsTheSpaceWithSerializedSpaceOnlyWhenAskedFor() {
        JsonNode plain = api.get(space).body();
        assertFalse(plain.has("serialized_space"));
        Api.Reply full = api.get(space + "?include_serialized_space=true");
        ObjectNode body = full.body().deepCopy();
        body.remove(List.of("create_time", "update_time")); // newer than the SDK 0.141.0 oracle (reference §8)
        var sdk = new Api.Reply(200, body, java.util.Optional.empty()).as(com.databricks.sdk.service.dashboards.GenieSpace.class);
        assertEquals(ws.spaceId(), sdk.getSpaceId());
        assertEquals(ws.warehouseId(), sdk.getWarehouseId());
        SpaceConfig parsed = SpaceJson.parse(sdk.getSerializedSpace());
        assertEquals(46, parsed.benchmarks().questions().size());
        assertTrue(full.body().path("etag").asText().length() > 0);
        assertEquals(400, api.get(space + "?include_serialized_space=perhaps").status());
    }

    @Test
    void listShowsTheSpaceWithoutSerializedSpace() {
        ObjectNode body = api.get("/api/2.0/genie/spaces").body().deepCopy();
        body.path("spaces").forEach(s -> ((ObjectNode) s).remove(List.of("create_time", "update_time"))); // newer than the SDK oracle
        GenieListSpacesResponse list = new Api.Reply(200, body, java.util.Optional.empty()).as(GenieListSpacesResponse.class);
        assertEquals(1, list.getSpaces().size());
        assertNull(list.getSpaces().iterator().next().getSerializedSpace());
    }

    @Test
    void anUnknownSpaceIs404ResourceDoesNotExist() {
        Api.Reply r = api.get("/api/2.0/genie/spaces/00000000000000000000000000000000");
        assertEquals(404, r.status());
        assertEquals("RESOURCE_DOES_NOT_EXIST", r.errorCode());
    }

    @Test
    void patchWithTheCurrentEtagStoresTheSpaceAndChangesTheEtag() {
        JsonNode before = api.get(space + "?include_serialized_space=true").body();
        SpaceConfig edited = new SpaceEdits(SpaceJson.parse(before.path("serialized_space").asText()))
                .synonyms("main.retail.order_items", "net_amt", "revenue").result();
        Api.Reply r = api.patch(space, Map.of("serialized_space", SpaceJson.print(edited), "etag", before.path("etag").asText()));
        assertEquals(200, r.status(), r.body().toString());
        assertNotEquals(before.path("etag").asText(), r.body().path("etag").asText());
        JsonNode after = api.get(space + "?include_serialized_space=true").body();
        assertEquals(r.body().path("etag").asText(), after.path("etag").asText());
        assertEquals(SpaceJson.print(edited), after.path("serialized_space").asText());
    }

    @Test
    void patchWithAStaleEtagIs409Aborted() {
        String etag = api.get(space).body().path("etag").asText();
        String serialized = api.get(space + "?include_serialized_space=true").body().path("serialized_space").asText();
        assertEquals(200, api.patch(space, Map.of("serialized_space", serialized, "etag", etag)).status());
        Api.Reply stale = api.patch(space, Map.of("serialized_space", serialized, "etag", etag));
        assertEquals(409, stale.status());
        assertEquals("ABORTED", stale.errorCode());
        // without an etag the write is unconditional
        assertEquals(200, api.patch(space, Map.of("serialized_space", serialized)).status());
    }

    @Test
    void rollingBackToASavedStringRestoresItExactly() {
        JsonNode original = api.get(space + "?include_serialized_space=true").body();
        String saved = original.path("serialized_space").asText();
        SpaceConfig edited = new SpaceEdits(SpaceJson.parse(saved)).synonyms("main.retail.orders", "channel", "route").result();
        String etag2 = api.patch(space, Map.of("serialized_space", SpaceJson.print(edited), "etag", original.path("etag").asText()))
                .body().path("etag").asText();
        Api.Reply restored = api.patch(space, Map.of("serialized_space", saved, "etag", etag2));
        assertEquals(200, restored.status());
        assertEquals(saved, restored.body().path("serialized_space").asText());
    }

    @Test
    void aSpaceThatBreaksTheServerRulesIs400WithEveryViolation() {
        ObjectNode tree = spaceTree();
        var tables = (com.fasterxml.jackson.databind.node.ArrayNode) tree.path("data_sources").path("tables");
        JsonNode first = tables.remove(0);
        tables.add(first); // no longer sorted by identifier
        ((ObjectNode) tree.path("instructions").path("text_instructions").get(0)).put("id", "not-hex");
        Api.Reply r = api.patch(space, Map.of("serialized_space", tree.toString()));
        assertEquals(400, r.status());
        assertEquals("INVALID_PARAMETER_VALUE", r.errorCode());
        assertTrue(r.body().path("message").asText().contains("sorted by identifier"), r.body().toString());
        assertTrue(r.body().path("message").asText().contains("id-format"), r.body().toString());
    }

    @Test
    void aSecondTextInstructionIsRefused() {
        ObjectNode tree = spaceTree();
        var ti = (com.fasterxml.jackson.databind.node.ArrayNode) tree.path("instructions").path("text_instructions");
        ti.addObject().put("id", "ffffffffffffffffffffffffffffffff").putArray("content").add("More.\n");
        Api.Reply r = api.patch(space, Map.of("serialized_space", tree.toString()));
        assertEquals(400, r.status());
        assertTrue(r.body().path("message").asText().contains("one-text-instruction"), r.body().toString());
    }

    @Test
    void topLevelMetadataInsideTheSerializedSpaceIsRefused() {
        ObjectNode tree = spaceTree();
        tree.put("title", "copied from GET");
        Api.Reply r = api.patch(space, Map.of("serialized_space", tree.toString()));
        assertEquals(400, r.status());
        assertTrue(r.body().path("message").asText().contains("unknown field \"title\""), r.body().toString());
    }

    @Test
    void versionOneColumnKeysInAVersionTwoSpaceAreRefused() {
        ObjectNode tree = spaceTree();
        ObjectNode col = (ObjectNode) tree.path("data_sources").path("tables").get(0).path("column_configs").get(0);
        col.put("build_value_dictionary", true);
        Api.Reply r = api.patch(space, Map.of("serialized_space", tree.toString()));
        assertEquals(400, r.status());
        assertTrue(r.body().path("message").asText().contains("build_value_dictionary"), r.body().toString());
    }

    @Test
    void aColumnOrTableThatDoesNotExistIsRefused() {
        SpaceConfig s = new SpaceEdits(SpaceJson.parse(serialized())).synonyms("main.retail.orders", "no_such_column", "x").result();
        Api.Reply r = api.patch(space, Map.of("serialized_space", SpaceJson.print(s)));
        assertEquals(400, r.status());
        assertTrue(r.body().path("message").asText().contains("no_such_column"), r.body().toString());
    }

    @Test
    void malformedBodiesAndUnknownOrMistypedFieldsAre400() {
        Api.Reply bad = api.send("PATCH", space, "{not json");
        assertEquals(400, bad.status());
        assertEquals("MALFORMED_REQUEST", bad.errorCode());
        Api.Reply unknown = api.patch(space, Map.of("serializedSpace", serialized()));
        assertEquals(400, unknown.status());
        assertTrue(unknown.body().path("message").asText().contains("serializedSpace"));
        Api.Reply mistyped = api.patch(space, Map.of("serialized_space", 42));
        assertEquals(400, mistyped.status());
        Api.Reply notJsonInside = api.patch(space, Map.of("serialized_space", "{\"version\":"));
        assertEquals(400, notJsonInside.status());
        assertEquals("INVALID_PARAMETER_VALUE", notJsonInside.errorCode());
        assertEquals(400, api.patch(space, Map.of("warehouse_id", "nope")).status());
    }

    // ------------------------------------------------------------------------------------ re-index delay

    @Test
    void anUpdateIsUsedByGenieOnlyAfterTheReindexDelay() {
        String question = "What is the total revenue?";
        String before = askSql(question);
        SpaceConfig edited = new SpaceEdits(SpaceJson.parse(serialized())).synonyms("main.retail.order_items", "net_amt", "revenue").result();
        assertEquals(200, api.patch(space, Map.of("serialized_space", SpaceJson.print(edited))).status());
        clock.advance(Duration.ofSeconds(4));
        assertEquals(before, askSql(question), "still the old index before the delay");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(askSql(question).contains("net_amt"), "the new synonym is used once the delay passed");
    }

    @Test
    void anEntityMatchingChangeTakesTheLongerReindexDelay() {
        String question = "How many active customers are there?";
        String before = askSql(question);
        SpaceConfig edited = new SpaceEdits(SpaceJson.parse(serialized())).entityMatching("main.retail.customers", "status").result();
        assertEquals(200, api.patch(space, Map.of("serialized_space", SpaceJson.print(edited))).status());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(before, askSql(question));
        clock.advance(Duration.ofSeconds(5));
        assertTrue(askSql(question).contains("'ACTIVE'"));
    }

    // ------------------------------------------------------------------------------------ conversations

    @Test
    void aMessageProgressesFromSubmittedToExecutingQueryToCompletedWithTheLatency() {
        GenieStartConversationResponse start = api.post(space + "/start-conversation",
                Map.of("content", "How many stores are there in each country?")).as(GenieStartConversationResponse.class);
        String msg = space + "/conversations/" + start.getConversationId() + "/messages/" + start.getMessageId();
        assertEquals("SUBMITTED", start.getMessage().getStatus().name());
        assertNull(start.getMessage().getAttachments());
        assertEquals(400, api.get(msg + "/query-result").status(), "no result before the query runs");

        clock.advance(LATENCY.dividedBy(2));
        GenieMessage running = api.get(msg).as(GenieMessage.class);
        assertEquals("EXECUTING_QUERY", running.getStatus().name());
        var attachment = running.getAttachments().iterator().next();
        assertTrue(attachment.getQuery().getQuery().contains("GROUP BY stores.country"));

        clock.advance(LATENCY.dividedBy(2));
        GenieMessage done = api.get(msg).as(GenieMessage.class);
        assertEquals("COMPLETED", done.getStatus().name());
        StatementResponse rows = api.get(msg + "/attachments/" + attachment.getAttachmentId() + "/query-result")
                .as(GenieGetMessageQueryResultResponse.class).getStatementResponse();
        assertEquals("SUCCEEDED", rows.getStatus().getState().name());
        assertEquals(2, rows.getManifest().getSchema().getColumns().size());
        assertEquals(7, rows.getResult().getDataArray().size());
        // the same statement can be read through the Statement API
        StatementResponse byId = api.get("/api/2.0/sql/statements/" + attachment.getQuery().getStatementId()).as(StatementResponse.class);
        assertEquals(rows.getResult().getDataArray(), byId.getResult().getDataArray());
        assertEquals(404, api.get(msg + "/attachments/nope/query-result").status());
    }

    @Test
    void aQuestionWithNothingToQueryGetsAClarifyingTextAnswer() {
        GenieStartConversationResponse start = api.post(space + "/start-conversation", Map.of("content", "Hello there"))
                .as(GenieStartConversationResponse.class);
        clock.advance(LATENCY);
        GenieMessage m = api.get(space + "/conversations/" + start.getConversationId() + "/messages/" + start.getMessageId())
                .as(GenieMessage.class);
        assertEquals("COMPLETED", m.getStatus().name());
        assertEquals("FOLLOW_UP_QUESTION", m.getAttachments().iterator().next().getText().getPurpose().name());
    }

    @Test
    void aFollowUpMessageIsAnsweredInTheSameConversation() {
        GenieStartConversationResponse start = api.post(space + "/start-conversation", Map.of("content", "How many customers are there?"))
                .as(GenieStartConversationResponse.class);
        GenieMessage follow = api.post(space + "/conversations/" + start.getConversationId() + "/messages",
                Map.of("content", "How many orders are there?")).as(GenieMessage.class);
        assertEquals(start.getConversationId(), follow.getConversationId());
        assertEquals(404, api.post(space + "/conversations/nope/messages", Map.of("content", "x")).status());
        assertEquals(400, api.post(space + "/start-conversation", Map.of("content", " ")).status());
        assertEquals(400, api.post(space + "/start-conversation", Map.of()).status());
    }

    // ------------------------------------------------------------------------------------ statements

    @Test
    void aStatementReturnsTypedColumnsAndStringValues() {
        Api.Reply r = api.post("/api/2.0/sql/statements", Map.of("warehouse_id", ws.warehouseId(),
                "statement", "SELECT `category`, COUNT(*) AS n, AVG(list_price) AS p FROM main.retail.products GROUP BY category ORDER BY category",
                "wait_timeout", "30s"));
        StatementResponse s = r.as(StatementResponse.class);
        assertEquals("SUCCEEDED", s.getStatus().getState().name());
        List<String> types = s.getManifest().getSchema().getColumns().stream().map(c -> c.getTypeName().name()).toList();
        assertEquals(List.of("STRING", "LONG", "DECIMAL"), types);
        assertEquals(List.of("Apparel", "8"), List.copyOf(s.getResult().getDataArray().iterator().next()).subList(0, 2));
        assertEquals(4L, s.getManifest().getTotalRowCount());
    }

    @Test
    void aSqlErrorIsHttp200WithStateFailed() {
        Api.Reply r = api.post("/api/2.0/sql/statements", Map.of("warehouse_id", ws.warehouseId(), "statement", "SELECT nope FROM main.retail.products"));
        assertEquals(200, r.status());
        StatementResponse s = r.as(StatementResponse.class);
        assertEquals("FAILED", s.getStatus().getState().name());
        assertEquals("BAD_REQUEST", s.getStatus().getError().getErrorCode().name());
        assertTrue(s.getStatus().getError().getMessage().contains("nope"));
    }

    @Test
    void theWarehouseIsReadOnly() {
        StatementResponse s = api.post("/api/2.0/sql/statements", Map.of("warehouse_id", ws.warehouseId(),
                "statement", "DELETE FROM main.retail.orders")).as(StatementResponse.class);
        assertEquals("FAILED", s.getStatus().getState().name());
        StatementResponse two = api.post("/api/2.0/sql/statements", Map.of("warehouse_id", ws.warehouseId(),
                "statement", "SELECT 1; DROP TABLE main.retail.orders")).as(StatementResponse.class);
        assertEquals("FAILED", two.getStatus().getState().name());
    }

    @Test
    void waitTimeoutZeroReturnsPendingAndTheFirstPollHasTheResult() {
        StatementResponse pending = api.post("/api/2.0/sql/statements", Map.of("warehouse_id", ws.warehouseId(),
                "statement", "SELECT COUNT(*) FROM main.retail.orders", "wait_timeout", "0s")).as(StatementResponse.class);
        assertEquals("PENDING", pending.getStatus().getState().name());
        assertNull(pending.getResult());
        StatementResponse done = api.get("/api/2.0/sql/statements/" + pending.getStatementId()).as(StatementResponse.class);
        assertEquals("SUCCEEDED", done.getStatus().getState().name());
        assertEquals("720", done.getResult().getDataArray().iterator().next().iterator().next());
    }

    @Test
    void statementRequestsAreValidatedLikeTheRealApi() {
        assertEquals(404, api.post("/api/2.0/sql/statements", Map.of("warehouse_id", "nope", "statement", "SELECT 1")).status());
        assertEquals(400, api.post("/api/2.0/sql/statements", Map.of("warehouse_id", ws.warehouseId())).status());
        assertEquals(400, api.post("/api/2.0/sql/statements", Map.of("warehouse_id", ws.warehouseId(), "statement", "SELECT 1",
                "wait_timeout", "3s")).status());
        assertEquals(400, api.post("/api/2.0/sql/statements", Map.of("warehouse_id", ws.warehouseId(), "statement", "SELECT 1",
                "disposition", "EXTERNAL_LINKS")).status());
        assertEquals(404, api.get("/api/2.0/sql/statements/unknown").status());
    }

    @Test
    void rowLimitTruncatesAndNamedParametersAreBound() {
        StatementResponse s = api.post("/api/2.0/sql/statements", Map.of("warehouse_id", ws.warehouseId(),
                "statement", "SELECT order_id FROM main.retail.orders WHERE channel = :ch ORDER BY order_id",
                "parameters", List.of(Map.of("name", "ch", "value", "ONLINE")), "row_limit", 3)).as(StatementResponse.class);
        assertEquals(3, s.getResult().getDataArray().size());
        assertTrue(s.getManifest().getTruncated());
        assertEquals(400, api.post("/api/2.0/sql/statements", Map.of("warehouse_id", ws.warehouseId(),
                "statement", "SELECT :missing")).status());
    }

    @Test
    void anEmptyResultLeavesOutDataArray() {
        StatementResponse s = api.post("/api/2.0/sql/statements", Map.of("warehouse_id", ws.warehouseId(),
                "statement", "SELECT order_id FROM main.retail.orders WHERE 1 = 0")).as(StatementResponse.class);
        assertEquals(0L, s.getManifest().getTotalRowCount());
        assertNull(s.getResult().getDataArray());
    }

    // ------------------------------------------------------------------------------------ eval runs

    @Test
    void anEvalRunJudgesEveryBenchmarkAndReportsProgress() {
        GenieEvalRunResponse created = api.post(space + "/eval-runs", Map.of()).as(GenieEvalRunResponse.class);
        assertEquals("RUNNING", created.getEvalRunStatus().name());
        assertEquals(46L, created.getNumQuestions());
        assertEquals(0L, created.getNumDone());
        String run = space + "/eval-runs/" + created.getEvalRunId();

        clock.advance(LATENCY.multipliedBy(10));
        assertEquals(10L, api.get(run).as(GenieEvalRunResponse.class).getNumDone());

        clock.advance(LATENCY.multipliedBy(36));
        GenieEvalRunResponse done = api.get(run).as(GenieEvalRunResponse.class);
        assertEquals("DONE", done.getEvalRunStatus().name());
        assertEquals(16L, done.getNumCorrect(), "the retail baseline: 16 of 46");

        GenieListEvalResultsResponse results = api.get(run + "/results").as(GenieListEvalResultsResponse.class);
        assertEquals(46, results.getEvalResults().size());
        var first = results.getEvalResults().iterator().next();
        assertEquals("DONE", first.getStatus().name());
        GenieEvalResultDetails good = api.get(run + "/results/" + first.getResultId()).as(GenieEvalResultDetails.class);
        assertEquals("GOOD", good.getAssessment().name());
        assertEquals("SQL", good.getActualResponse().iterator().next().getResponseType().name());
        assertEquals("SUCCEEDED", good.getExpectedResponse().iterator().next().getSqlExecutionResult().getStatus().getState().name());

        var revenue = results.getEvalResults().stream().filter(x -> x.getQuestion().equals("What is the total revenue?")).findFirst().orElseThrow();
        GenieEvalResultDetails bad = api.get(run + "/results/" + revenue.getResultId()).as(GenieEvalResultDetails.class);
        assertEquals("BAD", bad.getAssessment().name());
        assertEquals("SINGLE_CELL_DIFFERENCE", bad.getAssessmentReasons().iterator().next().name());
        assertEquals("SELECT SUM(net_amt) AS revenue FROM main.retail.order_items", revenue.getBenchmarkAnswer());

        GenieListEvalRunsResponse runs = api.get(space + "/eval-runs").as(GenieListEvalRunsResponse.class);
        assertEquals(created.getEvalRunId(), runs.getEvalRuns().iterator().next().getEvalRunId());
    }

    @Test
    void anEvalRunCanBeLimitedToChosenQuestionsAndRefusesUnknownOnes() {
        String id = SpaceJson.parse(serialized()).benchmarks().questions().get(0).id();
        GenieEvalRunResponse r = api.post(space + "/eval-runs", Map.of("benchmark_question_ids", List.of(id))).as(GenieEvalRunResponse.class);
        assertEquals(1L, r.getNumQuestions());
        Api.Reply unknown = api.post(space + "/eval-runs", Map.of("benchmark_question_ids", List.of("ffffffffffffffffffffffffffffffff")));
        assertEquals(400, unknown.status());
        assertEquals("INVALID_PARAMETER_VALUE", unknown.errorCode());
        assertEquals(404, api.get(space + "/eval-runs/nope").status());
    }

    @Test
    void resultListsArePagedWithPageTokens() {
        String run = space + "/eval-runs/" + api.post(space + "/eval-runs", Map.of()).body().path("eval_run_id").asText();
        JsonNode page1 = api.get(run + "/results?page_size=20").body();
        assertEquals(20, page1.path("eval_results").size());
        JsonNode page3 = api.get(run + "/results?page_size=20&page_token=40").body();
        assertEquals(6, page3.path("eval_results").size());
        assertFalse(page3.has("next_page_token"));
        assertEquals("20", page1.path("next_page_token").asText());
    }

    @Test
    void aResultNotYetDoneHasNoAssessment() {
        String runId = api.post(space + "/eval-runs", Map.of()).body().path("eval_run_id").asText();
        String run = space + "/eval-runs/" + runId;
        var last = api.get(run + "/results").as(GenieListEvalResultsResponse.class).getEvalResults().stream()
                .reduce((a, b) -> b).orElseThrow();
        assertEquals("RUNNING", last.getStatus().name());
        GenieEvalResultDetails d = api.get(run + "/results/" + last.getResultId()).as(GenieEvalResultDetails.class);
        assertNull(d.getAssessment());
        assertEquals("RUNNING", d.getEvalRunStatus().name());
    }

    // ------------------------------------------------------------------------------------ helpers

    private String serialized() {
        return api.get(space + "?include_serialized_space=true").body().path("serialized_space").asText();
    }

    private ObjectNode spaceTree() {
        return SpaceJson.toTree(SpaceJson.parse(serialized()));
    }

    /** Asks through the conversation API and returns the SQL of the answer (waits out the latency on the clock). */
    private String askSql(String question) {
        GenieStartConversationResponse start = api.post(space + "/start-conversation", Map.of("content", question))
                .as(GenieStartConversationResponse.class);
        clock.advance(LATENCY);
        GenieMessage m = api.get(space + "/conversations/" + start.getConversationId() + "/messages/" + start.getMessageId())
                .as(GenieMessage.class);
        return m.getAttachments().iterator().next().getQuery().getQuery();
    }
}
