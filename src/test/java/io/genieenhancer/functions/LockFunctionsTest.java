package io.genieenhancer.functions;

import io.genieenhancer.testing.FunctionTestWorkspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** {@code acquireLock} through the mock event server; the S3 conditional write is the real thing (s3proxy). */
@QuarkusTest
@QuarkusTestResource(value = FunctionTestWorkspace.class, restrictToAnnotatedClass = true)
@TestProfile(LockFunctionsTest.AcquireExport.class)
class LockFunctionsTest {

    public static class AcquireExport implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "acquireLock");
        }
    }

    @jakarta.inject.Inject
    LockFunctions locks;

    @Test
    void aSecondRunOnALockedSpaceIsRefusedWithLockHeldUntilTheFirstReleases() throws Exception {
        given().contentType("application/json").body("{\"spaceId\":\"sp1\",\"runId\":\"run-a\"}").post().then()
                .statusCode(200).body("acquired", is(true)).body("expiresAt", notNullValue());
        given().contentType("application/json").body("{\"spaceId\":\"sp1\",\"runId\":\"run-a\"}").post().then()
                .statusCode(200).body("acquired", is(true)); // a retried step of the same run
        given().contentType("application/json").body("{\"spaceId\":\"sp1\",\"runId\":\"run-b\"}").post().then()
                .statusCode(500).body("errorMessage", containsString("[LockHeld] space sp1 is locked by run run-a"));

        var m = new com.fasterxml.jackson.databind.ObjectMapper();
        assertFalse(locks.releaseLock(m.readTree("{\"spaceId\":\"sp1\",\"runId\":\"run-b\"}")).released());
        assertTrue(locks.releaseLock(m.readTree("{\"spaceId\":\"sp1\",\"runId\":\"run-a\"}")).released());
        given().contentType("application/json").body("{\"spaceId\":\"sp1\",\"runId\":\"run-b\"}").post().then()
                .statusCode(200).body("acquired", is(true));
    }

    @jakarta.inject.Inject
    RunFunctions runs;

    @jakarta.inject.Inject
    io.genieenhancer.store.RunStore store;

    @Test
    void aFailedCleanupMarksTheSpaceAndNoRunStartsOverItUntilAPersonClearsTheMarker() throws Exception {
        var m = new com.fasterxml.jackson.databind.ObjectMapper();
        given().contentType("application/json").body("{\"spaceId\":\"sp3\",\"runId\":\"run-a\",\"executionId\":\"arn:exec:a\"}")
                .post().then().statusCode(200).body("acquired", is(true));
        RunFunctions.FinishOutput out = runs.finish(m.readTree("{\"spaceId\":\"sp3\",\"runId\":\"run-a\",\"outcome\":\"FAILED\","
                + "\"iterations\":1,\"error\":\"io.quarkus.funqy.runtime.ApplicationException\","
                + "\"cause\":\"{\\\"errorMessage\\\":\\\"[EvaluationNotFound] evaluation 1 is missing\\\"}\","
                + "\"cleanupError\":\"{\\\"Error\\\":\\\"AccessDenied\\\"}\"}"));

        assertTrue(out.lockReleased());
        assertTrue(out.error().startsWith("EvaluationNotFound: "), out.error());
        String marker = new String(store.get("spaces/sp3/cleanup-failed.json").orElseThrow().content());
        assertTrue(marker.contains("\"runId\":\"run-a\"") && marker.contains("AccessDenied"), marker);
        given().contentType("application/json").body("{\"spaceId\":\"sp3\",\"runId\":\"run-b\"}").post().then()
                .statusCode(500).body("errorMessage", containsString("[CleanupPending] space sp3 was left uncleaned by failed run run-a (spaces/sp3/cleanup-failed.json)"));

        store.delete("spaces/sp3/cleanup-failed.json"); // the documented way to clear it, after checking the space
        given().contentType("application/json").body("{\"spaceId\":\"sp3\",\"runId\":\"run-b\"}").post().then()
                .statusCode(200).body("acquired", is(true));
    }

    @Test
    void aFinishedRunIdCannotRunAgainNorCanASecondExecutionOfARunningOne() {
        given().contentType("application/json").body("{\"spaceId\":\"sp4\",\"runId\":\"run-a\",\"executionId\":\"arn:exec:1\"}")
                .post().then().statusCode(200).body("acquired", is(true));
        given().contentType("application/json").body("{\"spaceId\":\"sp4\",\"runId\":\"run-a\",\"executionId\":\"arn:exec:2\"}")
                .post().then().statusCode(500).body("errorMessage", containsString("[LockHeld] run run-a of space sp4 is already running in execution arn:exec:1"));
        given().contentType("application/json").body("{\"spaceId\":\"sp4\",\"runId\":\"run-a\",\"executionId\":\"arn:exec:1\"}")
                .post().then().statusCode(200).body("acquired", is(true)); // the renewal
    }

    @Test
    void ttlOutsideItsBoundsIsInvalidInput() {
        given().contentType("application/json").body("{\"spaceId\":\"sp2\",\"runId\":\"r\",\"ttlSeconds\":5}").post()
                .then().statusCode(500).body("errorMessage", containsString("[InvalidInput] ttlSeconds"));
    }
}
