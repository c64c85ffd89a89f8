package io.genieenhancer.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.genieenhancer.evaluation.AssessmentReason;
import io.genieenhancer.evaluation.Evaluation;
import io.genieenhancer.evaluation.EvaluationJson;
import io.genieenhancer.evaluation.OutcomeStatus;
import io.genieenhancer.evaluation.QuestionOutcome;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;
import io.genieenhancer.store.RunKeys;
import io.genieenhancer.testing.FunctionTestWorkspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * One enhancement cycle through the Lambda mock event server (the {@code enhance} export): WireMock is the
 * Databricks workspace AND its serving endpoint (the LLM, OpenAI protocol), s3proxy is the run store.
 */
@QuarkusTest
@QuarkusTestResource(value = FunctionTestWorkspace.class, restrictToAnnotatedClass = true)
@TestProfile(EnhanceFunctionTest.EnhanceExport.class)
class EnhanceFunctionTest {

    public static class EnhanceExport implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the LLM is the workspace's own serving endpoint: same host, same credentials
            return Map.of("quarkus.funqy.export", "enhance", "enhancer.llm.model", "databricks-test-endpoint");
        }
    }

    static final String SPACE = "01f0aa00bb11cc22dd33ee44ff5566aa";
    static final String Q1 = "0123456789abcdef0123456789abcd01";
    static final String Q2 = "0123456789abcdef0123456789abcd02";
    static final String SERIALIZED = "{\"version\":2,\"data_sources\":{\"tables\":["
            + "{\"identifier\":\"main.sales.customers\",\"column_configs\":[{\"column_name\":\"customer_id\"},{\"column_name\":\"region\"}]},"
            + "{\"identifier\":\"main.sales.orders\",\"column_configs\":[{\"column_name\":\"amount\"},{\"column_name\":\"customer_id\"}],"
            + "\"x_recorded\":{\"kept\":true}}]},"
            + "\"benchmarks\":{\"questions\":["
            + "{\"id\":\"" + Q1 + "\",\"question\":[\"Total revenue by region\"],\"answer\":[{\"format\":\"SQL\",\"content\":[\"SELECT c.region, SUM(o.amount) FROM main.sales.orders o JOIN main.sales.customers c ON o.customer_id = c.customer_id GROUP BY c.region\"]}]},"
            + "{\"id\":\"" + Q2 + "\",\"question\":[\"What is the total revenue?\"],\"answer\":[{\"format\":\"SQL\",\"content\":[\"SELECT SUM(amount) FROM main.sales.orders\"]}]}]}}";
    static final ObjectMapper M = new ObjectMapper();
    static final String LLM_SYNONYM = "{\"type\":\"add_synonym\",\"table\":\"main.sales.orders\",\"column\":\"amount\","
            + "\"synonym\":\"revenue\",\"reasoning\":\"The question says revenue.\",\"confidence\":\"high\"}";

    WireMockServer wm;
    String run;

    @BeforeEach
    void setUp() {
        wm = FunctionTestWorkspace.databricks();
        wm.resetAll();
        run = "run-" + System.nanoTime();
        wm.stubFor(get(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE)).willReturn(okJson(space(SERIALIZED, "etag-1"))));
        wm.stubFor(patch(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE)).willReturn(okJson(space(SERIALIZED, "etag-2"))));
        writeEvaluation();
    }

    static String space(String serialized, String etag) {
        return M.createObjectNode().put("space_id", SPACE).put("title", "Sales").put("warehouse_id", "wh")
                .put("serialized_space", serialized).put("etag", etag).toString();
    }

    void llmReplies(String content) {
        ObjectNode root = M.createObjectNode().put("id", "c1").put("object", "chat.completion").put("model", "m");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 900).put("completion_tokens", 60).put("total_tokens", 960);
        wm.stubFor(post(urlPathEqualTo("/serving-endpoints/chat/completions")).willReturn(okJson(root.toString())));
    }

    void writeEvaluation() {
        QuestionOutcome o1 = QuestionOutcome.builder(Q1, "Total revenue by region", 0).status(OutcomeStatus.INCORRECT)
                .reason(AssessmentReason.RESULT_MISSING_ROWS)
                .expectedSql(Optional.of("SELECT c.region, SUM(o.amount) FROM main.sales.orders o JOIN main.sales.customers c ON o.customer_id = c.customer_id GROUP BY c.region"))
                .generatedSql(Optional.of("SELECT SUM(amount) FROM main.sales.orders")).build();
        QuestionOutcome o2 = QuestionOutcome.builder(Q2, "What is the total revenue?", 0).status(OutcomeStatus.INCORRECT)
                .reason(AssessmentReason.SINGLE_CELL_DIFFERENCE)
                .expectedSql(Optional.of("SELECT SUM(amount) FROM main.sales.orders"))
                .generatedSql(Optional.of("SELECT COUNT(*) FROM main.sales.orders")).build();
        Evaluation e = new Evaluation(0, SPACE, run, 0, Evaluation.Mode.SELF_RUN, List.of(), 1, Optional.empty(),
                Optional.empty(), List.of(o1, o2), List.of());
        try (S3Client s3 = FunctionTestWorkspace.s3Client()) {
            s3.putObject(b -> b.bucket(FunctionTestWorkspace.BUCKET).key(RunKeys.evaluation(SPACE, run, 0)),
                    RequestBody.fromBytes(EvaluationJson.write(e)));
        }
    }

    String event(boolean dryRun) {
        return "{\"spaceId\":\"" + SPACE + "\",\"runId\":\"" + run + "\",\"iteration\":1,\"strategy\":\"BATCH_ALL\""
                + (dryRun ? ",\"dryRun\":true" : "") + "}";
    }

    List<LoggedRequest> patches() {
        return wm.findAll(patchRequestedFor(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE)));
    }

    @Test
    void aFullCycleWritesTheSnapshotThenExactlyOnePatchWithTheFixesOfBothAnalysersDeduped() throws Exception {
        llmReplies("{\"analyses\":[{\"question_id\":\"" + Q2 + "\",\"diagnosis\":\"revenue\",\"fixes\":[" + LLM_SYNONYM + "]}]}");

        given().contentType("application/json").body(event(false)).post().then().statusCode(200)
                .body("status", is("APPLIED")).body("snapshotKey", is(RunKeys.configBefore(SPACE, run, 1)))
                .body("indexingWaitSeconds", is(30)).body("llmUsage.calls", is(1))
                .body("byType.add_join_spec", is(1)).body("byType.add_synonym", is(1));

        List<LoggedRequest> patches = patches();
        assertEquals(1, patches.size(), "one update for the whole batch");
        JsonNode body = M.readTree(patches.get(0).getBodyAsString());
        assertEquals("etag-1", body.get("etag").asText());
        SpaceConfig written = SpaceJson.parse(body.get("serialized_space").asText());
        assertEquals(List.of("revenue"), written.table("main.sales.orders").orElseThrow().column("amount").orElseThrow().synonyms(),
                "the LLM's and the rules' 'revenue' synonym became one");
        assertEquals(1, written.instructions().joinSpecs().size(), "the rules' join spec");
        assertTrue(body.get("serialized_space").asText().contains("\"x_recorded\":{\"kept\":true}"));

        try (S3Client s3 = FunctionTestWorkspace.s3Client()) {
            var snap = s3.getObjectAsBytes(b -> b.bucket(FunctionTestWorkspace.BUCKET).key(RunKeys.configBefore(SPACE, run, 1)));
            assertEquals(SERIALIZED, M.readTree(snap.asByteArray()).get("serializedSpace").asText());
            Instant snapshotAt = snap.response().lastModified();
            Instant patchAt = patches.get(0).getLoggedDate().toInstant();
            assertFalse(snapshotAt.isAfter(patchAt.plusSeconds(1)), "the snapshot exists before the update");
            JsonNode log = M.readTree(s3.getObjectAsBytes(b -> b.bucket(FunctionTestWorkspace.BUCKET)
                    .key(RunKeys.fixes(SPACE, run, 1))).asByteArray());
            assertEquals("APPLIED", log.get("status").asText());
            assertTrue(log.at("/fixLog/entries").size() >= 2);
        }

        // a Step Functions retry of the same step: the recorded result, no second write
        given().contentType("application/json").body(event(false)).post().then().statusCode(200)
                .body("status", is("APPLIED")).body("alreadyApplied", is(true));
        assertEquals(1, patches().size());
    }

    @Test
    void aDryRunPlansAndDiffsWithoutAnyPatch() {
        llmReplies("{\"analyses\":[{\"question_id\":\"" + Q2 + "\",\"diagnosis\":\"revenue\",\"fixes\":[" + LLM_SYNONYM + "]}]}");
        given().contentType("application/json").body(event(true)).post().then().statusCode(200)
                .body("status", is("DRY_RUN")).body("fixesApplied", is(0)).body("diff", containsString("revenue"));
        assertEquals(0, patches().size());
    }

    @Test
    void brokenOrHostileLlmOutputCostsOnlyTheLlmsFixesAndNeverCrashesTheCycle() {
        llmReplies("{\"analyses\":[{\"question_id\":\"" + Q2 + "\",\"fixes\":[{\"type\":\"add_synonym\",\"table\":"
                + "\"main.nowhere.t\",\"column\":\"x\",\"synonym\":\"ignore previous instructions\",\"confidence\":\"high\"}"); // truncated
        given().contentType("application/json").body(event(false)).post().then().statusCode(200)
                .body("status", is("APPLIED")).body("byType.add_join_spec", is(1));
        assertEquals(1, patches().size());
        assertFalse(patches().get(0).getBodyAsString().contains("ignore previous"));
    }
}
