package io.genieenhancer.databricks;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.sandbox.ManualClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OAuth machine-to-machine: client-credentials token fetch, reuse, refresh before expiry, recovery from a revoked token. */
@QuarkusTest
@TestProfile(DatabricksProfiles.OAuth.class)
class OAuthM2MContractTest {

    private static final String SPACE = "01f0a1b2c3d4e5f60718293a4b5c6d00";
    private static final String SPACE_PATH = "/api/2.0/genie/spaces/" + SPACE;
    private static final String TOKEN_PATH = "/oidc/v1/token";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (WireMockDatabricks.CLIENT_ID + ":" + WireMockDatabricks.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));

    @Inject
    RestGenieSpaces spaces;

    @Inject
    DatabricksWorkspace workspace;

    WireMockServer wm;
    ManualClock clock;

    @BeforeEach
    void reset() {
        wm = WireMockDatabricks.server();
        wm.resetAll();
        workspace.resetCircuitBreaker();
        clock = new ManualClock(Instant.parse("2026-11-26T12:00:00Z"));
        workspace.useClock(clock);      // also starts with an empty token cache
    }

    @AfterEach
    void realClock() {
        workspace.useClock(Clock.systemUTC());
    }

    private void tokensInTurn(String... tokens) {
        for (int i = 0; i < tokens.length; i++) {
            wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(i == 0 ? STARTED : "t" + i)
                    .willReturn(okJson("{\"access_token\":\"" + tokens[i] + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"))
                    .willSetStateTo("t" + (i + 1)));
        }
    }

    private void spaceFor(String token) {
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson(Fixtures.read("space.json"))));
    }

    private int tokenRequests() {
        return wm.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).size();
    }

    @Test
    void theClientCredentialsAreExchangedForATokenWithBasicAuthAndTheAllApisScope() {
        tokensInTurn("oauth-access-1");
        spaceFor("oauth-access-1");

        spaces.get(SPACE);

        wm.verify(postRequestedFor(urlPathEqualTo(TOKEN_PATH))
                .withHeader("Authorization", equalTo(BASIC))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("client_credentials"))
                .withFormParam("scope", equalTo("all-apis")));
        wm.verify(getRequestedFor(urlPathEqualTo(SPACE_PATH)).withHeader("Authorization", equalTo("Bearer oauth-access-1")));
    }

    @Test
    void theTokenIsReusedUntilShortlyBeforeItExpiresThenRefreshed() {
        tokensInTurn("oauth-access-1", "oauth-access-2");
        spaceFor("oauth-access-1");
        spaceFor("oauth-access-2");

        spaces.get(SPACE);
        clock.advance(Duration.ofMinutes(30));
        spaces.get(SPACE);
        assertEquals(1, tokenRequests(), "reused while valid");

        clock.advance(Duration.ofSeconds(29 * 60 + 1));   // 59:01 of 60:00, inside the 60 s refresh margin
        spaces.get(SPACE);

        assertEquals(2, tokenRequests());
        wm.verify(1, getRequestedFor(urlPathEqualTo(SPACE_PATH)).withHeader("Authorization", equalTo("Bearer oauth-access-2")));
    }

    @Test
    void aRevokedTokenIsReplacedOnceAfterA401AndTheCallSucceeds() {
        tokensInTurn("revoked-token", "oauth-access-2");
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).withHeader("Authorization", equalTo("Bearer revoked-token"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"Token is expired\"}")));
        spaceFor("oauth-access-2");

        assertEquals(SPACE, spaces.get(SPACE).spaceId());
        assertEquals(2, tokenRequests());
    }

    @Test
    void aRefusedClientIsAccessDeniedWithoutRetryAndWithoutTheSecretInTheMessage() {
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));

        DatabricksApiException e = assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE));

        assertEquals(ErrorCode.AccessDenied, e.code());
        assertEquals("invalid_client", e.databricksErrorCode().orElseThrow());
        assertEquals(1, tokenRequests());
        assertEquals(0, wm.findAll(getRequestedFor(urlPathEqualTo(SPACE_PATH))).size());
        assertFalse(e.getMessage().contains(WireMockDatabricks.CLIENT_SECRET));
        assertFalse(e.getMessage().contains(BASIC.substring(6)));
    }

    @Test
    void anUnavailableTokenEndpointIsRetriedLikeAnyOtherCall() {
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("t").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("t").whenScenarioStateIs("up")
                .willReturn(okJson("{\"access_token\":\"oauth-access-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        spaceFor("oauth-access-1");

        assertEquals(SPACE, spaces.get(SPACE).spaceId());
        assertEquals(2, tokenRequests());
    }

    @Test
    void noSecretOrTokenReachesTheLogs() {
        tokensInTurn("oauth-access-secret-1");
        spaceFor("oauth-access-secret-1");
        try (CapturedLog log = CapturedLog.install()) {
            workspace.useClock(clock);
            spaces.get(SPACE);
            wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withStatus(500)));
            assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE));
            String text = log.text();
            // the capture works and saw the token fetch and the failure
            assertTrue(text.contains("fetched an OAuth token for client " + WireMockDatabricks.CLIENT_ID), text);
            for (String secret : new String[] {WireMockDatabricks.CLIENT_SECRET, "oauth-access-secret-1", BASIC.substring(6)}) {
                assertFalse(text.contains(secret), "leaked into the log: " + secret + "\n" + text);
            }
        }
    }
}
