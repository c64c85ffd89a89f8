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

    @Test
    void ttlOutsideItsBoundsIsInvalidInput() {
        given().contentType("application/json").body("{\"spaceId\":\"sp2\",\"runId\":\"r\",\"ttlSeconds\":5}").post()
                .then().statusCode(500).body("errorMessage", containsString("[InvalidInput] ttlSeconds"));
    }
}
