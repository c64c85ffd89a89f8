package io.genieenhancer.databricks;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host and token from an AWS Secrets Manager secret, read through the real AWS SDK client (URL-connection HTTP)
 * from WireMock speaking the Secrets Manager JSON protocol.
 */
@QuarkusTest
@TestProfile(DatabricksProfiles.Secret.class)
class SecretsManagerContractTest {

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
        settings.invalidate();          // every test starts like a cold container
    }

    private static MappingBuilder getSecretValue() {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(WireMockDatabricks.SECRET_ID)));
    }

    private String secretAnswer(String secretJson) {
        String escaped = secretJson.replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:genie-enhancer/databricks-AbCdEf\","
                + "\"Name\":\"" + WireMockDatabricks.SECRET_ID + "\",\"VersionId\":\"v1\",\"SecretString\":\"" + escaped + "\","
                + "\"CreatedDate\":1.764150000E9}";
    }

    private String patSecret(String token) {
        return "{\"host\":\"http://127.0.0.1:" + wm.port() + "\",\"token\":\"" + token + "\"}";
    }

    private int secretReads() {
        return wm.findAll(postRequestedFor(urlEqualTo("/"))).size();
    }

    @Test
    void theSecretIsReadOnceAndItsHostAndTokenAreUsed() {
        wm.stubFor(getSecretValue().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody(secretAnswer(patSecret("dapi-from-secret-1")))));
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).withHeader("Authorization", equalTo("Bearer dapi-from-secret-1"))
                .willReturn(okJson(Fixtures.read("space.json"))));

        spaces.get(SPACE);
        spaces.get(SPACE);

        assertEquals(1, secretReads(), "cached for the container");
        assertEquals(2, wm.findAll(getRequestedFor(urlPathEqualTo(SPACE_PATH))).size());
    }

    @Test
    void aRotatedSecretIsReadAgainAfterA401() {
        wm.stubFor(getSecretValue().inScenario("rotation").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(secretAnswer(patSecret("dapi-old"))))
                .willSetStateTo("rotated"));
        wm.stubFor(getSecretValue().inScenario("rotation").whenScenarioStateIs("rotated")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(secretAnswer(patSecret("dapi-new")))));
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).withHeader("Authorization", equalTo("Bearer dapi-old"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"revoked\"}")));
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).withHeader("Authorization", equalTo("Bearer dapi-new"))
                .willReturn(okJson(Fixtures.read("space.json"))));

        assertEquals(SPACE, spaces.get(SPACE).spaceId());
        assertEquals(2, secretReads());
    }

    @Test
    void aMissingSecretIsAccessDenied() {
        wm.stubFor(getSecretValue().willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                .withBody("{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}")));

        EnhancerException e = assertThrows(EnhancerException.class, () -> spaces.get(SPACE));

        assertEquals(ErrorCode.AccessDenied, e.code());
        assertTrue(e.getMessage().contains(WireMockDatabricks.SECRET_ID + " does not exist"), e.getMessage());
        assertEquals(0, wm.findAll(getRequestedFor(urlPathEqualTo(SPACE_PATH))).size());
    }

    @Test
    void aSecretThatIsNotTheExpectedJsonIsAccessDeniedWithoutEchoingIt() {
        wm.stubFor(getSecretValue().willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(secretAnswer("dapi-raw-token-not-json"))));

        EnhancerException e = assertThrows(EnhancerException.class, () -> spaces.get(SPACE));

        assertEquals(ErrorCode.AccessDenied, e.code());
        assertFalse(e.getMessage().contains("dapi-raw-token-not-json"), e.getMessage());
    }

    @Test
    void oauthClientCredentialsInTheSecretUseTheSdkVariableNamesToo() {
        String secret = "{\"DATABRICKS_HOST\":\"http://127.0.0.1:" + wm.port() + "\",\"DATABRICKS_CLIENT_ID\":\"sp-1\","
                + "\"DATABRICKS_CLIENT_SECRET\":\"sp-secret-1\"}";
        wm.stubFor(getSecretValue().willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(secretAnswer(secret))));
        wm.stubFor(post(urlPathEqualTo("/oidc/v1/token"))
                .willReturn(okJson("{\"access_token\":\"from-sp-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        wm.stubFor(get(urlPathEqualTo(SPACE_PATH)).withHeader("Authorization", equalTo("Bearer from-sp-1"))
                .willReturn(okJson(Fixtures.read("space.json"))));

        assertEquals(SPACE, spaces.get(SPACE).spaceId());
    }
}
