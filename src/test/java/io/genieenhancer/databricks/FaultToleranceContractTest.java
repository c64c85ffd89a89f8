package io.genieenhancer.databricks;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.error.RetryAdvice;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retries, Retry-After, timeouts, broken bodies and the circuit breaker, against WireMock. The profile shortens
 * the policy: 3 attempts, 20 ms initial delay, 100 ms max delay, Retry-After honoured up to 2 s, 1 s read timeout,
 * breaker opens after 4 failures out of 4.
 */
@QuarkusTest
@TestProfile(DatabricksProfiles.Pat.class)
class FaultToleranceContractTest {

    private static final String SPACE = "01f0a1b2c3d4e5f60718293a4b5c6d00";
    private static final String SPACE_PATH = "/api/2.0/genie/spaces/" + SPACE;
    private static final String START_PATH = SPACE_PATH + "/start-conversation";

    @Inject
    RestGenieSpaces spaces;

    @Inject
    RestGenieConversations conversations;

    @Inject
    DatabricksWorkspace workspace;

    WireMockServer wm;

    @BeforeEach
    void reset() {
        wm = WireMockDatabricks.server();
        wm.resetAll();
        workspace.resetCircuitBreaker();
    }

    private int getSpaceRequests() {
        return wm.findAll(getRequestedFor(urlPathEqualTo(SPACE_PATH))).size();
    }

    private void failThenSucceed(int status) {
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(status).withBody("{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"try later\"}"))
                .willSetStateTo("recovered"));
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(Fixtures.read("space.json"))));
    }

    @Test
    void aPassing503502Or504IsRetriedAndTheCallSucceeds() {
        for (int status : new int[] {503, 502, 504, 429}) {
            wm.resetAll();
            failThenSucceed(status);
            assertEquals(SPACE, spaces.get(SPACE).spaceId(), "after HTTP " + status);
            assertEquals(2, getSpaceRequests(), "HTTP " + status + " then 200");
        }
    }

    @Test
    void aShortRetryAfterIsWaitedForInProcess() {
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"slow down\"}"))
                .willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(okJson(Fixtures.read("space.json"))));

        long started = System.nanoTime();
        spaces.get(SPACE);
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        assertTrue(waitedMillis >= 950, "honoured Retry-After: 1, waited " + waitedMillis + " ms");
        assertEquals(2, getSpaceRequests());
    }

    @Test
    void aLongRetryAfterIsHandedToStepFunctionsInsteadOfSleeping() {
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")
                .withBody("{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"5 questions per minute\"}")));

        long started = System.nanoTime();
        DatabricksApiException e = assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(ErrorCode.RateLimited, e.code());
        assertEquals(120, e.retryAfterSeconds().orElseThrow());
        assertEquals(1, getSpaceRequests(), "no in-process retry");
        assertTrue(tookMillis < 2000, "took " + tookMillis + " ms");
        RetryAdvice advice = RetryAdvice.from(e);
        assertEquals(ErrorCode.RateLimited, advice.error());
        assertEquals(120, advice.retryAfterSeconds());
    }

    @Test
    void a429StormEndsAfterThreeQuickAttemptsAsRateLimited() {
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withStatus(429)
                .withBody("{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"rate limit\"}")));

        long started = System.nanoTime();
        DatabricksApiException e = assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(ErrorCode.RateLimited, e.code());
        assertTrue(e.retryAfterSeconds().isEmpty(), "no server advice: the function falls back to RetryAdvice's default");
        assertEquals(3, getSpaceRequests());
        assertTrue(tookMillis < 3000, "bounded in-process waiting, took " + tookMillis + " ms");
    }

    @Test
    void a500IsUnavailableButNotRetriedInProcess() {
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withStatus(500)
                .withBody("{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"boom\"}")));
        DatabricksApiException e = assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE));
        assertEquals(ErrorCode.DatabricksUnavailable, e.code());
        assertEquals(1, getSpaceRequests());
    }

    @Test
    void aSlowServerTimesOutAndAReadIsRetriedWithinTheBudget() {
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(okJson(Fixtures.read("space.json")).withFixedDelay(2500)));

        long started = System.nanoTime();
        DatabricksApiException e = assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(ErrorCode.DatabricksUnavailable, e.code());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertEquals(3, getSpaceRequests());
        assertTrue(tookMillis < 8000, "three 1 s attempts, took " + tookMillis + " ms");
    }

    @Test
    void aSlowStartConversationIsNotRepeatedBecauseItWouldAskGenieTwice() {
        wm.stubFor(post(urlPathEqualTo(START_PATH)).willReturn(okJson(Fixtures.read("start-conversation.json")).withFixedDelay(2500)));

        DatabricksApiException e = assertThrows(DatabricksApiException.class, () -> conversations.startConversation(SPACE, "Q?"));

        assertEquals(ErrorCode.DatabricksUnavailable, e.code());
        assertEquals(1, wm.findAll(postRequestedFor(urlPathEqualTo(START_PATH))).size());
    }

    @Test
    void aStartConversationRefusedWith429IsRepeatedBecauseTheServerDidNothing() {
        wm.stubFor(post(urlPathEqualTo(START_PATH)).inScenario("q").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429)).willSetStateTo("ok"));
        wm.stubFor(post(urlPathEqualTo(START_PATH)).inScenario("q").whenScenarioStateIs("ok")
                .willReturn(okJson(Fixtures.read("start-conversation.json"))));

        assertEquals("m-1", conversations.startConversation(SPACE, "Q?").messageId());
        assertEquals(2, wm.findAll(postRequestedFor(urlPathEqualTo(START_PATH))).size());
    }

    @Test
    void truncatedJsonIsUnavailableAndARetryCanRecover() {
        String full = Fixtures.read("space.json");
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).inScenario("cut").whenScenarioStateIs(STARTED)
                .willReturn(okJson(full.substring(0, full.length() / 2))).willSetStateTo("whole"));
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).inScenario("cut").whenScenarioStateIs("whole")
                .willReturn(okJson(full)));

        assertEquals("etag-1", spaces.get(SPACE).etag());
        assertEquals(2, getSpaceRequests());

        wm.resetAll();
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(okJson("{\"space_id\": \"" + SPACE + "\", \"title\": \"Sal")));
        DatabricksApiException e = assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE));
        assertEquals(ErrorCode.DatabricksUnavailable, e.code());
        assertTrue(e.getMessage().contains("unreadable body"), e.getMessage());
        assertEquals(3, getSpaceRequests());
    }

    @Test
    void aConnectionResetIsUnavailable() {
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        DatabricksApiException e = assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE));
        assertEquals(ErrorCode.DatabricksUnavailable, e.code());
        assertEquals(3, getSpaceRequests());

        wm.resetAll();
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        assertEquals(ErrorCode.DatabricksUnavailable, assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE)).code());
    }

    @Test
    void repeatedUnavailabilityOpensTheCircuitAndLaterCallsFailFastWithAWait() {
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 4; i++) {
            assertEquals(ErrorCode.DatabricksUnavailable, assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE)).code());
        }
        assertEquals(4, getSpaceRequests());

        DatabricksApiException open = assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE));

        assertEquals(ErrorCode.DatabricksUnavailable, open.code());
        assertTrue(open.getMessage().contains("circuit breaker open"), open.getMessage());
        assertEquals(5, open.retryAfterSeconds().orElseThrow(), "the breaker's delay");
        assertEquals(4, getSpaceRequests(), "the open breaker did not call the server");
    }

    @Test
    void notFoundAnswersDoNotOpenTheCircuit() {
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withStatus(404)
                .withBody("{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"no\"}")));
        for (int i = 0; i < 6; i++) {
            assertEquals(ErrorCode.SpaceNotFound, assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE)).code());
        }
        assertEquals(6, getSpaceRequests());
    }
}
