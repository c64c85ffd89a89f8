package io.genieenhancer.databricks;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The personal access token never appears in a log line, an exception message, a stack trace or a toString,
 * on success and on every kind of failure, even with the REST client's request/response logging switched on
 * (the Pat profile turns it on).
 */
@QuarkusTest
@TestProfile(DatabricksProfiles.Pat.class)
class SecretsStayOutOfLogsContractTest {

    private static final String SPACE = "01f0a1b2c3d4e5f60718293a4b5c6d00";
    private static final String SPACE_PATH = "/api/2.0/genie/spaces/" + SPACE;

    @Inject
    RestGenieSpaces spaces;

    @Inject
    DatabricksWorkspace workspace;

    @Inject
    WorkspaceSettingsResolver settings;

    WireMockServer wm;

    @BeforeEach
    void reset() {
        wm = WireMockDatabricks.server();
        wm.resetAll();
        workspace.resetCircuitBreaker();
    }

    @Test
    void theTokenIsNeverLoggedNorPutIntoExceptionsOrToString() {
        List<Throwable> failures = new ArrayList<>();
        String logged;
        try (CapturedLog log = CapturedLog.install()) {
            wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(okJson(Fixtures.read("space.json"))));
            spaces.get(SPACE);
            int[] statuses = {401, 403, 404, 429, 500, 503};
            for (int status : statuses) {
                wm.resetAll();
                workspace.resetCircuitBreaker();
                wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withStatus(status)
                        .withBody("{\"error_code\":\"X\",\"message\":\"refused\"}")));
                failures.add(assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE)));
            }
            wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            failures.add(assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE)));
            wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(okJson("{\"space_id\":")));
            failures.add(assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE)));
            logged = log.text();
        }

        assertTrue(logged.contains("Authorization=<hidden>"), "the client's own logging ran and masked the header:\n" + logged);
        assertTrue(logged.contains("retrying Databricks call"), "the retry warnings ran:\n" + logged);
        assertFalse(logged.contains(WireMockDatabricks.TOKEN), "token in the log:\n" + logged);
        for (Throwable failure : failures) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            assertFalse(trace.toString().contains(WireMockDatabricks.TOKEN), "token in " + trace);
        }
        WorkspaceSettings current = settings.current();
        assertFalse(current.toString().contains(WireMockDatabricks.TOKEN), current.toString());
        assertFalse(current.credentials().toString().contains(WireMockDatabricks.TOKEN));
    }
}
