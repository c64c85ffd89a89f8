package io.genieenhancer.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.genieenhancer.store.Hashes;
import io.genieenhancer.testing.FunctionTestWorkspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.S3Client;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The {@code snapshot} export (the default in application.properties) through the Lambda mock event server. */
@QuarkusTest
@QuarkusTestResource(value = FunctionTestWorkspace.class, restrictToAnnotatedClass = true)
class SnapshotFunctionTest {

    static final String SPACE = "01f0aa00bb11cc22dd33ee44ff556688";
    static final String SERIALIZED = "{\"version\":2,\"data_sources\":{\"tables\":[{\"identifier\":\"c.s.t\",\"column_configs\":"
            + "[{\"column_name\":\"a\"},{\"column_name\":\"b\"}]}]},\"instructions\":{\"text_instructions\":[{\"id\":"
            + "\"0123456789abcdef0123456789abcdef\",\"content\":[\"Be nice\"]}]},\"benchmarks\":{\"questions\":[{\"id\":"
            + "\"0123456789abcdef0123456789abcdf0\",\"question\":[\"q\"],\"answer\":[{\"format\":\"SQL\",\"content\":[\"select 1\"]}]}]}}";

    @Test
    void snapshotStoresTheExactSerializedSpaceWithMetadataInTheVersionedBucket() throws Exception {
        var wm = FunctionTestWorkspace.databricks();
        wm.resetAll();
        wm.stubFor(get(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE))
                .withHeader("Authorization", equalTo("Bearer " + FunctionTestWorkspace.TOKEN))
                .willReturn(okJson(new ObjectMapper().createObjectNode().put("space_id", SPACE).put("title", "T")
                        .put("warehouse_id", "wh").put("etag", "e1").put("serialized_space", SERIALIZED).toString())));

        String key = given().contentType("application/json")
                .body("{\"spaceId\":\"" + SPACE + "\",\"runId\":\"run-1\",\"label\":\"baseline\"}")
                .post().then().statusCode(200)
                .body("snapshotKey", is("spaces/" + SPACE + "/runs/run-1/snapshots/baseline.json"))
                .body("sha256", is(Hashes.sha256(SERIALIZED)))
                .body("stats.tables", is(1)).body("stats.columns", is(2))
                .body("stats.instructions", is(1)).body("stats.benchmarks", is(1))
                .body("etag", is("e1")).body("versionId", notNullValue())
                .extract().path("snapshotKey");

        try (S3Client s3 = FunctionTestWorkspace.s3Client()) {
            var obj = s3.getObjectAsBytes(b -> b.bucket(FunctionTestWorkspace.BUCKET).key(key));
            JsonNode doc = new ObjectMapper().readTree(obj.asByteArray());
            assertEquals(SERIALIZED, doc.get("serializedSpace").asText());
            assertEquals("T", doc.get("title").asText());
            assertEquals("wh", doc.get("warehouseId").asText());
            assertEquals(Hashes.sha256(obj.asByteArray()), obj.response().metadata().get("sha256"));
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/2.0/genie/spaces/" + SPACE))
                .withQueryParam("include_serialized_space", equalTo("true")));
    }

    @Test
    void aMissingSpaceIdIsInvalidInput() {
        given().contentType("application/json").body("{\"label\":\"x\"}").post().then().statusCode(500)
                .body("errorType", is("io.quarkus.funqy.runtime.ApplicationException"))
                .body("errorMessage", containsString("[InvalidInput] spaceId"));
    }
}
