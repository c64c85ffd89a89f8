package io.genieenhancer.databricks;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(DatabricksProfiles.Pat.class)
class GenieSpacesContractTest {

    private static final String SPACE = "01f0a1b2c3d4e5f60718293a4b5c6d00";
    private static final String SPACE_PATH = "/api/2.0/genie/spaces/" + SPACE;

    @Inject
    RestGenieSpaces spaces;

    @Inject
    DatabricksWorkspace workspace;

    WireMockServer wm;

    @BeforeEach
    void reset() {
        wm = WireMockDatabricks.server();
        wm.resetAll();
        workspace.resetCircuitBreaker();
    }

    @Test
    void getAsksForTheSerializedSpaceWithTheBearerTokenAndReadsTheDocumentedPayload() {
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(okJson(Fixtures.read("space.json"))));

        GenieSpace space = spaces.get(SPACE);

        assertEquals(SPACE, space.spaceId());
        assertEquals("Sales analytics", space.title());
        assertEquals("abcdef1234567890", space.warehouseId());
        assertEquals("etag-1", space.etag());
        assertTrue(space.serializedSpace().startsWith("{\"version\":2"), space.serializedSpace());
        wm.verify(getRequestedFor(urlPathEqualTo(SPACE_PATH))
                .withQueryParam("include_serialized_space", equalTo("true"))
                .withHeader("Authorization", equalTo("Bearer " + WireMockDatabricks.TOKEN)));
    }

    @Test
    void updatePatchesTheWholeSerializedSpaceWithTheEtagAndReturnsTheNewVersion() {
        wm.stubFor(patch(urlPathEqualTo(SPACE_PATH))
                .willReturn(okJson("{\"space_id\":\"" + SPACE + "\",\"title\":\"Sales analytics\",\"etag\":\"etag-2\"}")));

        GenieSpace updated = spaces.update(SPACE, new GenieSpaceUpdate("{\"version\":2}", "etag-1"));

        assertEquals("etag-2", updated.etag());
        wm.verify(patchRequestedFor(urlPathEqualTo(SPACE_PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"serialized_space\":\"{\\\"version\\\":2}\",\"etag\":\"etag-1\"}")));
    }

    @Test
    void anUnconditionalUpdateSendsNoEtag() {
        wm.stubFor(patch(urlPathEqualTo(SPACE_PATH)).willReturn(okJson("{\"space_id\":\"" + SPACE + "\",\"etag\":\"etag-3\"}")));
        spaces.update(SPACE, new GenieSpaceUpdate("{\"version\":2}", null));
        wm.verify(patchRequestedFor(urlPathEqualTo(SPACE_PATH)).withRequestBody(equalToJson("{\"serialized_space\":\"{\\\"version\\\":2}\"}")));
        assertEquals(0, wm.findAll(patchRequestedFor(urlPathEqualTo(SPACE_PATH))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.etag"))).size());
    }

    @Test
    void aRejectedConfigurationIsInvalidSpaceConfigWithTheServersReasonAndIsNotRetried() {
        wm.stubFor(patch(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"Invalid serialized_space: column_configs must be sorted by column_name\"}")));

        DatabricksApiException e = assertThrows(DatabricksApiException.class,
                () -> spaces.update(SPACE, new GenieSpaceUpdate("{\"version\":2}", "etag-1")));

        assertEquals(ErrorCode.InvalidSpaceConfig, e.code());
        assertEquals("INVALID_PARAMETER_VALUE", e.databricksErrorCode().orElseThrow());
        assertTrue(e.getMessage().contains("column_configs must be sorted by column_name"), e.getMessage());
        assertEquals(1, wm.findAll(patchRequestedFor(urlPathEqualTo(SPACE_PATH))).size());
    }

    @Test
    void anEtagMismatchIsConcurrentModificationWhenSomeoneElseChangedTheSpace() {
        wm.stubFor(patch(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withStatus(409)
                .withBody("{\"error_code\":\"ABORTED\",\"message\":\"etag does not match\"}")));
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(okJson(Fixtures.read("space.json"))));

        DatabricksApiException e = assertThrows(DatabricksApiException.class,
                () -> spaces.update(SPACE, new GenieSpaceUpdate("{\"version\":2,\"config\":{}}", "etag-0")));

        assertEquals(ErrorCode.ConcurrentModification, e.code());
        assertTrue(e.getMessage().startsWith("[ConcurrentModification] updateSpace " + SPACE + ": HTTP 409 ABORTED"), e.getMessage());
    }

    @Test
    void anEtagMismatchCausedByOurOwnTimedOutFirstAttemptCountsAsSuccess() {
        // the space already holds exactly what we send (key order differs: compared as JSON)
        wm.stubFor(patch(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withStatus(409)
                .withBody("{\"error_code\":\"RESOURCE_CONFLICT\",\"message\":\"etag mismatch\"}")));
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(okJson(
                "{\"space_id\":\"" + SPACE + "\",\"etag\":\"etag-9\",\"serialized_space\":\"{\\\"config\\\":{},\\\"version\\\":2}\"}")));

        GenieSpace result = spaces.update(SPACE, new GenieSpaceUpdate("{\"version\":2,\"config\":{}}", "etag-0"));

        assertEquals("etag-9", result.etag());
    }

    @Test
    void anUnknownSpaceIsSpaceNotFoundAfterOneRequest() {
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withStatus(404)
                .withBody("{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"Space " + SPACE + " does not exist.\"}")));

        DatabricksApiException e = assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE));

        assertEquals(ErrorCode.SpaceNotFound, e.code());
        assertEquals(404, e.httpStatus().orElseThrow());
        assertEquals(1, wm.findAll(getRequestedFor(urlPathEqualTo(SPACE_PATH))).size());
    }

    @Test
    void missingPermissionIsAccessDeniedWithoutRetry() {
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withStatus(403)
                .withBody("{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"You need CAN EDIT to read serialized_space\"}")));
        assertEquals(ErrorCode.AccessDenied, assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE)).code());
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"Invalid access token.\"}")));
        assertEquals(ErrorCode.AccessDenied, assertThrows(DatabricksApiException.class, () -> spaces.get(SPACE)).code());
        // a static token cannot get better by asking again
        assertEquals(2, wm.findAll(getRequestedFor(urlPathEqualTo(SPACE_PATH))).size());
    }

    @Test
    void listFollowsPageTokensUntilTheLastPage() {
        wm.stubFor(get(urlPathEqualTo("/api/2.0/genie/spaces")).withQueryParam("page_token", absent())
                .willReturn(okJson(Fixtures.read("spaces-page-1.json"))));
        wm.stubFor(get(urlPathEqualTo("/api/2.0/genie/spaces")).withQueryParam("page_token", equalTo("page-2"))
                .willReturn(okJson(Fixtures.read("spaces-page-2.json"))));
        wm.stubFor(get(urlPathEqualTo("/api/2.0/genie/spaces")).withQueryParam("page_token", equalTo("page-3"))
                .willReturn(okJson(Fixtures.read("spaces-page-3.json"))));

        List<GenieSpace> all = spaces.list();

        assertEquals(List.of("01f0000000000000000000000000000a", "01f0000000000000000000000000000b", "01f0000000000000000000000000000c"),
                all.stream().map(GenieSpace::spaceId).toList());
        assertEquals(3, wm.findAll(getRequestedFor(urlPathEqualTo("/api/2.0/genie/spaces"))).size());
    }

    @Test
    void aServerThatRepeatsAPageTokenDoesNotLoopForever() {
        wm.stubFor(get(urlPathEqualTo("/api/2.0/genie/spaces")).willReturn(okJson("{\"spaces\":[],\"next_page_token\":\"same\"}")));
        DatabricksApiException e = assertThrows(DatabricksApiException.class, () -> spaces.list());
        assertEquals(ErrorCode.DatabricksUnavailable, e.code());
    }

    @Test
    void aBlankSpaceIdIsInvalidInputAndNeverCallsDatabricks() {
        EnhancerException e = assertThrows(EnhancerException.class, () -> spaces.get(" "));
        assertEquals(ErrorCode.InvalidInput, e.code());
        assertEquals(0, wm.getAllServeEvents().size());
    }
}
