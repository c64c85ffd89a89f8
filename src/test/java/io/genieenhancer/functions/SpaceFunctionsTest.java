package io.genieenhancer.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.genieenhancer.testing.FunctionTestWorkspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * snapshot → the space changes → restore → Databricks holds the snapshot again, through the Lambda mock
 * event server (the {@code restore} export), WireMock as the workspace and s3proxy as the run store.
 * The snapshot is taken by calling the {@code snapshot} function class directly in the same app, since
 * one Funqy app exports one function at a time.
 */
@QuarkusTest
@QuarkusTestResource(value = FunctionTestWorkspace.class, restrictToAnnotatedClass = true)
@TestProfile(SpaceFunctionsTest.RestoreExport.class)
class SpaceFunctionsTest {

    public static class RestoreExport implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "restore");
        }
    }

    static final String SPACE = "01f0aa00bb11cc22dd33ee44ff556677";
    static final String ORIGINAL = "{\"version\":2,\"data_sources\":{\"tables\":[{\"identifier\":\"main.sales.orders\","
            + "\"column_configs\":[{\"column_name\":\"amount\",\"synonyms\":[\"revenue\"],\"x_unknown\":1}]}]},"
            + "\"benchmarks\":{\"questions\":[]}}";
    static final String CHANGED = ORIGINAL.replace("\"revenue\"", "\"revenue\",\"sales\"");
    static final ObjectMapper M = new ObjectMapper();

    @jakarta.inject.Inject
    SpaceFunctions functions;

    @jakarta.inject.Inject
    io.genieenhancer.store.RunStore store;

    WireMockServer wm;

    @BeforeEach
    void reset() {
        wm = FunctionTestWorkspace.databricks();
        wm.resetAll();
    }

    static String space(String serialized, String etag) {
        ObjectNode n = M.createObjectNode();
        n.put("space_id", SPACE).put("title", "Sales").put("warehouse_id", "wh1")
                .put("serialized_space", serialized).put("etag", etag);
        return n.toString();
    }

    void stubGet(String state, String serialized, String etag, String next) {
        var stub = get(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE)).inScenario("space").whenScenarioStateIs(state)
                .withQueryParam("include_serialized_space", equalTo("true"))
                .willReturn(okJson(space(serialized, etag)));
        if (next != null) {
            stub = stub.willSetStateTo(next);
        }
        wm.stubFor(stub);
    }

    @Test
    void snapshotThenChangeThenRestorePutsTheExactSnapshotBackAndVerifiesIt() throws Exception {
        stubGet(Scenario.STARTED, ORIGINAL, "etag-1", null);
        JsonNode snap = M.valueToTree(functions.snapshot(M.readTree("{\"spaceId\":\"" + SPACE + "\",\"label\":\"before\"}")));
        String key = snap.get("snapshotKey").asText();
        assertEquals("spaces/" + SPACE + "/snapshots/before.json", key);
        assertEquals(64, snap.get("sha256").asText().length());
        assertEquals(1, snap.at("/stats/tables").asInt());
        assertEquals(1, snap.at("/stats/columns").asInt());

        // someone (the enhancer) changes the space: etag-2
        wm.resetAll();
        stubGet(Scenario.STARTED, CHANGED, "etag-2", null);
        wm.stubFor(patch(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE)).inScenario("space")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(space(ORIGINAL, "etag-3"))).willSetStateTo("restored"));
        stubGet("restored", ORIGINAL, "etag-3", null);

        given().contentType("application/json")
                .body("{\"spaceId\":\"" + SPACE + "\",\"snapshotKey\":\"" + key + "\",\"expectedEtag\":\"etag-2\"}")
                .post().then().statusCode(200)
                .body("changed", is(true)).body("verified", is(true)).body("etag", is("etag-3"))
                .body("$", not(hasKey("retry")));

        var patches = wm.findAll(patchRequestedFor(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE)));
        assertEquals(1, patches.size());
        JsonNode body = M.readTree(patches.get(0).getBodyAsString());
        assertEquals(ORIGINAL, body.get("serialized_space").asText(), "the exact snapshot string is written back");
        assertEquals("etag-2", body.get("etag").asText());
        assertFalse(body.has("title"), "top-level fields stay out of the update");
    }

    @Test
    void restoreRefusesWhenTheSpaceChangedSinceUnlessForced() throws Exception {
        stubGet(Scenario.STARTED, ORIGINAL, "etag-1", null);
        String key = M.valueToTree(functions.snapshot(M.readTree("{\"spaceId\":\"" + SPACE + "\",\"label\":\"cm\"}")))
                .get("snapshotKey").asText();
        wm.resetAll();
        stubGet(Scenario.STARTED, CHANGED, "etag-9", null);

        given().contentType("application/json").body("{\"spaceId\":\"" + SPACE + "\",\"snapshotKey\":\"" + key + "\"}")
                .post().then().statusCode(500)
                .body("errorType", is("io.quarkus.funqy.runtime.ApplicationException"))
                .body("errorMessage", containsString("[ConcurrentModification]"));
        assertEquals(0, wm.findAll(patchRequestedFor(anyUrl())).size());

        wm.stubFor(patch(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE)).inScenario("space")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(space(ORIGINAL, "etag-10"))).willSetStateTo("restored"));
        stubGet("restored", ORIGINAL, "etag-10", null);
        String backupKey = given().contentType("application/json")
                .body("{\"spaceId\":\"" + SPACE + "\",\"snapshotKey\":\"" + key + "\",\"force\":true}")
                .post().then().statusCode(200).body("verified", is(true)).body("changed", is(true))
                .extract().path("backupKey");
        assertNotNull(backupKey, "a forced restore names the snapshot of what it overwrote");
        assertTrue(backupKey.startsWith("spaces/" + SPACE + "/snapshots/before-forced-restore-"), backupKey);
        io.genieenhancer.store.SpaceSnapshot backup = new io.genieenhancer.store.Snapshots(store)
                .load(backupKey, java.util.Optional.empty());
        assertEquals(CHANGED, backup.serializedSpace(), "the overwritten config was saved before the update");
    }

    @Test
    void restoreComparesContentWhenTheServerGivesNoEtag() throws Exception {
        stubGet(Scenario.STARTED, ORIGINAL, null, null);
        String key = M.valueToTree(functions.snapshot(M.readTree("{\"spaceId\":\"" + SPACE + "\",\"label\":\"noetag\"}")))
                .get("snapshotKey").asText();
        wm.resetAll();
        stubGet(Scenario.STARTED, CHANGED, null, null);
        given().contentType("application/json").body("{\"spaceId\":\"" + SPACE + "\",\"snapshotKey\":\"" + key + "\"}")
                .post().then().statusCode(500).body("errorMessage", containsString("[ConcurrentModification]"));
        assertEquals(0, wm.findAll(patchRequestedFor(anyUrl())).size(), "no etag is no licence to overwrite");
    }

    @Test
    void restoreFailsVerificationWhenTheServerDoesNotHoldTheSnapshotAfterTheUpdate() throws Exception {
        stubGet(Scenario.STARTED, ORIGINAL, "etag-1", null);
        String key = M.valueToTree(functions.snapshot(M.readTree("{\"spaceId\":\"" + SPACE + "\",\"label\":\"v\"}")))
                .get("snapshotKey").asText();
        wm.resetAll();
        stubGet(Scenario.STARTED, CHANGED, "etag-1", null); // the PATCH "succeeds" but nothing changes
        wm.stubFor(patch(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE)).willReturn(okJson(space(CHANGED, "etag-2"))));
        given().contentType("application/json").body("{\"spaceId\":\"" + SPACE + "\",\"snapshotKey\":\"" + key + "\",\"force\":true}")
                .post().then().statusCode(500).body("errorMessage", containsString("[RestoreVerificationFailed]"));
    }

    @Test
    void anOverwrittenSnapshotCanStillBeRestoredByItsVersionId() throws Exception {
        stubGet(Scenario.STARTED, ORIGINAL, "etag-1", null);
        JsonNode first = M.valueToTree(functions.snapshot(M.readTree("{\"spaceId\":\"" + SPACE + "\",\"label\":\"daily\"}")));
        wm.resetAll();
        stubGet(Scenario.STARTED, CHANGED, "etag-2", null);
        JsonNode second = M.valueToTree(functions.snapshot(M.readTree("{\"spaceId\":\"" + SPACE + "\",\"label\":\"daily\"}")));
        assertEquals(first.get("snapshotKey"), second.get("snapshotKey"));
        assertNotEquals(first.get("versionId"), second.get("versionId"));

        wm.stubFor(patch(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE)).inScenario("space")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(space(ORIGINAL, "etag-3"))).willSetStateTo("restored"));
        stubGet("restored", ORIGINAL, "etag-3", null);
        given().contentType("application/json").body("{\"spaceId\":\"" + SPACE + "\",\"snapshotKey\":\""
                        + first.get("snapshotKey").asText() + "\",\"versionId\":\"" + first.get("versionId").asText()
                        + "\",\"force\":true}")
                .post().then().statusCode(200).body("verified", is(true));
        String written = M.readTree(wm.findAll(patchRequestedFor(anyUrl())).get(0).getBodyAsString()).get("serialized_space").asText();
        assertEquals(ORIGINAL, written, "the first version, not the overwrite, was restored");
    }

    @Test
    void invalidEventsAreTypedInvalidInputErrorsAndNeverReachDatabricks() {
        for (String event : new String[]{
                "{}",
                "{\"snapshotKey\":\"spaces/x/snapshots/a.json\"}",
                "{\"spaceId\":12,\"snapshotKey\":\"spaces/12/snapshots/a.json\"}",
                "{\"spaceId\":\"" + SPACE + "\",\"snapshotKey\":\"spaces/other/snapshots/a.json\"}",
                "{\"spaceId\":\"../etc\",\"snapshotKey\":\"spaces/../etc/a.json\"}",
                "{\"spaceId\":\"" + SPACE + "\",\"snapshotKey\":\"spaces/" + SPACE + "/x.json\",\"spaceID\":\"typo\"}",
                "{\"spaceId\":\"" + SPACE + "\",\"snapshotKey\":\"spaces/" + SPACE + "/x.json\",\"force\":\"yes\"}",
                "[1,2]"}) {
            given().contentType("application/json").body(event).post().then().statusCode(500)
                    .body("errorMessage", containsString("[InvalidInput]"));
        }
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void aMissingSnapshotIsSnapshotNotFound() {
        given().contentType("application/json")
                .body("{\"spaceId\":\"" + SPACE + "\",\"snapshotKey\":\"spaces/" + SPACE + "/snapshots/nope.json\"}")
                .post().then().statusCode(500).body("errorMessage", containsString("[SnapshotNotFound]"));
    }

    @Test
    void aRateLimitedWorkspaceComesBackAsRetryAdviceNotAnError() throws Exception {
        stubGet(Scenario.STARTED, ORIGINAL, "etag-1", null);
        String key = M.valueToTree(functions.snapshot(M.readTree("{\"spaceId\":\"" + SPACE + "\",\"label\":\"rl\"}")))
                .get("snapshotKey").asText();
        wm.resetAll();
        wm.stubFor(get(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "45").withBody("{\"error_code\":\"RESOURCE_EXHAUSTED\",\"message\":\"slow down\"}")));
        given().contentType("application/json").body("{\"spaceId\":\"" + SPACE + "\",\"snapshotKey\":\"" + key + "\"}")
                .post().then().statusCode(200)
                .body("retry.error", is("RateLimited")).body("retry.retryAfterSeconds", is(45))
                .body("$", not(hasKey("verified")));
    }

    @Test
    void anUnknownSpaceIsSpaceNotFound() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE)).willReturn(aResponse().withStatus(404)
                .withBody("{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"no such space\"}")));
        var e = assertThrows(io.genieenhancer.error.EnhancerException.class,
                () -> functions.snapshot(M.readTree("{\"spaceId\":\"" + SPACE + "\"}")));
        assertTrue(e.getMessage().startsWith("[SpaceNotFound]"), e.getMessage());
    }
}
