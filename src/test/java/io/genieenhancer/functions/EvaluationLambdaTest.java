package io.genieenhancer.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.genieenhancer.testing.FunctionTestWorkspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;

/**
 * {@code startEvaluation} through the Lambda mock event server (Funqy's own (de)serialisation), then the
 * Map item and the poll through the CDI beans: WireMock as the workspace (with no eval-runs API, so AUTO
 * falls back to self-run), s3proxy as the run store.
 */
@QuarkusTest
@QuarkusTestResource(value = FunctionTestWorkspace.class, restrictToAnnotatedClass = true)
@TestProfile(EvaluationLambdaTest.StartEvaluationExport.class)
class EvaluationLambdaTest {

    public static class StartEvaluationExport implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // other sessions on this machine run Quarkus tests too: no fixed mock-event-server port
            return Map.of("quarkus.funqy.export", "startEvaluation", "quarkus.lambda.mock-event-server.test-port", "0",
                    "enhancer.evaluation.poll-budget", "3s");
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SPACE = "01f0aa00bb11cc22dd33ee44ff550001";
    static final String Q = "0123456789abcdef0123456789abcdf0";
    static final String API = "/api/2.0/genie/spaces/" + SPACE;
    static final String GROUND_TRUTH = "SELECT COUNT(*) FROM c.s.orders";

    @Inject
    EvaluationFunctions functions;

    @Test
    void a_workspace_without_eval_runs_is_evaluated_by_self_run_from_start_to_a_stored_evaluation() throws Exception {
        var wm = FunctionTestWorkspace.databricks();
        wm.resetAll();
        String serialized = "{\"version\":2,\"benchmarks\":{\"questions\":[{\"id\":\"" + Q + "\",\"question\":[\"How many orders?\"],"
                + "\"answer\":[{\"format\":\"SQL\",\"content\":[\"" + GROUND_TRUTH + "\"]}]}]}}";
        wm.stubFor(get(urlPathEqualTo(API)).willReturn(okJson(JSON.createObjectNode().put("space_id", SPACE)
                .put("warehouse_id", "wh-9").put("serialized_space", serialized).toString())));
        wm.stubFor(post(urlPathEqualTo(API + "/eval-runs")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error_code\":\"ENDPOINT_NOT_FOUND\",\"message\":\"no\"}")));
        String count = "{\"status\":{\"state\":\"SUCCEEDED\"},\"manifest\":{\"schema\":{\"columns\":[{\"name\":\"n\",\"type_name\":\"LONG\","
                + "\"position\":0}]},\"total_row_count\":1},\"result\":{\"data_array\":[[\"42\"]]}}";
        wm.stubFor(post(urlPathEqualTo("/api/2.0/sql/statements")).willReturn(okJson("{\"statement_id\":\"gt\"," + count.substring(1))));
        wm.stubFor(post(urlPathEqualTo(API + "/start-conversation")).willReturn(okJson(
                "{\"conversation_id\":\"c-1\",\"message_id\":\"m-1\",\"message\":{\"message_id\":\"m-1\",\"status\":\"SUBMITTED\"}}")));
        wm.stubFor(get(urlPathEqualTo(API + "/conversations/c-1/messages/m-1")).willReturn(okJson(
                "{\"message_id\":\"m-1\",\"conversation_id\":\"c-1\",\"status\":\"COMPLETED\",\"attachments\":[{\"attachment_id\":\"a-q\","
                        + "\"query\":{\"query\":\"SELECT COUNT(1) AS orders FROM c.s.orders\",\"statement_id\":\"g\"}}]}")));
        wm.stubFor(get(urlPathEqualTo(API + "/conversations/c-1/messages/m-1/attachments/a-q/query-result")).willReturn(okJson(
                "{\"statement_response\":{\"statement_id\":\"g\"," + count.substring(1) + "}")));

        String started = given().contentType("application/json")
                .body("{\"spaceId\":\"" + SPACE + "\",\"runId\":\"run-9\",\"iteration\":0}")
                .post().then().statusCode(200)
                .body("handle.mode", is("SELF_RUN"))
                .body("total", is(1))
                .body("notes[0]", containsString("fell back to the self-run evaluator"))
                .body("questionItems[0].questionId", is(Q))
                .body("questionItems[0].notBefore", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"))
                .body("$", not(hasKey("retry")))
                .extract().asString();
        JsonNode out = JSON.readTree(started);

        // the Map state passes the item unchanged; the poll passes the handle unchanged
        JsonNode answered = JSON.valueToTree(functions.evaluateQuestion(out.path("questionItems").get(0)));
        ObjectNode poll = JSON.createObjectNode().put("spaceId", SPACE).put("runId", "run-9").put("iteration", 0);
        poll.set("handle", out.path("handle"));
        JsonNode polled = JSON.valueToTree(functions.pollEvaluation(poll));

        assertEquals("CORRECT", answered.path("status").asText(), answered.toString());
        assertTrue(polled.path("done").asBoolean(), polled.toString());
        assertEquals(1.0, polled.path("score").asDouble());
        try (S3Client s3 = FunctionTestWorkspace.s3Client()) {
            JsonNode doc = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(FunctionTestWorkspace.BUCKET)
                    .key(polled.path("evaluationKey").asText())).asByteArray());
            assertEquals("SELF_RUN", doc.path("mode").asText());
            assertEquals(Q, doc.path("outcomes").get(0).path("questionId").asText());
            assertTrue(doc.path("notes").get(0).asText().contains("ENDPOINT_NOT_FOUND"));
        }
        wm.verify(postRequestedFor(urlPathEqualTo("/api/2.0/sql/statements"))
                .withRequestBody(matchingJsonPath("$.warehouse_id", equalTo("wh-9"))));
    }

    @Test
    void a_malformed_event_is_invalid_input_before_anything_is_called() {
        FunctionTestWorkspace.databricks().resetAll();

        given().contentType("application/json").body("{\"spaceId\":\"" + SPACE + "\",\"runId\":\"run-9\",\"iteration\":-1}")
                .post().then().statusCode(500).body("errorMessage", containsString("[InvalidInput]"));

        FunctionTestWorkspace.databricks().verify(0, anyRequestedFor(anyUrl()));
    }
}
