package io.genieenhancer.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

class LlmEndpointsTest {

    private static final Function<String, String> NO_SECRETS = id -> {
        throw new AssertionError("no secret should be read");
    };

    private static LlmEndpoints.Workspace workspace(String host, String header) {
        return new LlmEndpoints.Workspace() {
            @Override
            public boolean configured() {
                return host != null;
            }

            @Override
            public URI baseUri() {
                return URI.create(host);
            }

            @Override
            public String authorizationHeader() {
                return header;
            }
        };
    }

    private static LlmEndpoints.Settings settings(String baseUrl, String model, String apiKey, String secretId) {
        return new LlmEndpoints.Settings(true, Optional.ofNullable(baseUrl), Optional.ofNullable(model), Optional.ofNullable(apiKey),
                Optional.ofNullable(secretId));
    }

    @Test
    void withoutBaseUrlTheDatabricksServingEndpointsAreUsedWithTheWorkspacesCredentials() {
        LlmEndpoints.Resolution r = LlmEndpoints.resolve(settings(null, "databricks-claude-sonnet-4", null, null),
                workspace("https://adb-1.2.azuredatabricks.net", "Bearer dapi-secret"), NO_SECRETS);

        LlmEndpoint e = r.endpoint().orElseThrow();
        assertEquals("https://adb-1.2.azuredatabricks.net/serving-endpoints/chat/completions", e.completionsUrl());
        assertEquals("databricks-claude-sonnet-4", e.model());
        assertEquals(Optional.of("Bearer dapi-secret"), e.authorization().get());
        assertFalse(e.toString().contains("dapi-secret"));
    }

    @Test
    void anExplicitBaseUrlUsesTheConfiguredKey() {
        LlmEndpoint e = LlmEndpoints.resolve(settings("https://api.example.com/v1", "gpt-x", "sk-123", null),
                workspace("https://adb-1", "Bearer dapi"), NO_SECRETS).endpoint().orElseThrow();

        assertEquals("https://api.example.com/v1/chat/completions", e.completionsUrl());
        assertEquals(Optional.of("Bearer sk-123"), e.authorization().get());
        assertFalse(e.toString().contains("sk-123"));
    }

    @Test
    void aBaseUrlOnTheWorkspaceHostBorrowsTheWorkspaceCredentialsInsteadOfTheSecret() {
        LlmEndpoint e = LlmEndpoints.resolve(
                settings("https://adb-1.2.azuredatabricks.net/serving-endpoints", "databricks-x", null, "llm-key"),
                workspace("https://adb-1.2.azuredatabricks.net", "Bearer dapi-w"), NO_SECRETS).endpoint().orElseThrow();

        assertEquals(Optional.of("Bearer dapi-w"), e.authorization().get());
        assertEquals("the Databricks workspace", e.origin());
    }

    @Test
    void theKeyMayComeFromASecretAsBareTextOrJson() {
        LlmEndpoint bare = LlmEndpoints.resolve(settings("https://api.example.com/v1", "m", null, "llm-key"),
                workspace(null, null), id -> "  sk-bare\n").endpoint().orElseThrow();
        LlmEndpoint json = LlmEndpoints.resolve(settings("https://api.example.com/v1", "m", null, "llm-key"),
                workspace(null, null), id -> "{\"api_key\": \"sk-json\"}").endpoint().orElseThrow();

        assertEquals(Optional.of("Bearer sk-bare"), bare.authorization().get());
        assertEquals(Optional.of("Bearer sk-json"), json.authorization().get());
        assertEquals("secret llm-key", json.origin());
    }

    @Test
    void anUnusableSecretIsLlmUnavailableWithoutQuotingIt() {
        EnhancerException e = assertThrows(EnhancerException.class, () -> LlmEndpoints.resolve(
                settings("https://api.example.com/v1", "m", null, "llm-key"), workspace(null, null),
                id -> "{\"password\": \"hunter2\"}"));

        assertEquals(ErrorCode.LlmUnavailable, e.code());
        assertFalse(e.getMessage().contains("hunter2"));

        EnhancerException unreadable = assertThrows(EnhancerException.class, () -> LlmEndpoints.resolve(
                settings("https://api.example.com/v1", "m", null, "llm-key"), workspace(null, null), id -> {
                    throw new EnhancerException(ErrorCode.AccessDenied, "secret llm-key does not exist");
                }));
        assertEquals("[LlmUnavailable] cannot read the LLM API key: [AccessDenied] secret llm-key does not exist",
                unreadable.getMessage());
    }

    @Test
    void aLocalEndpointWithoutKeyIsCalledWithoutAuthorization() {
        LlmEndpoint e = LlmEndpoints.resolve(settings("http://127.0.0.1:8000/v1", "llama", null, null), workspace(null, null),
                NO_SECRETS).endpoint().orElseThrow();

        assertEquals(Optional.empty(), e.authorization().get());
    }

    @Test
    void theAnalyserIsOffWithoutModelWithoutEndpointOrWhenSwitchedOff() {
        assertEquals(Optional.empty(), LlmEndpoints.resolve(settings(null, null, null, null),
                workspace("https://adb-1", "Bearer x"), NO_SECRETS).endpoint());
        assertEquals(Optional.empty(), LlmEndpoints.resolve(settings(null, "m", null, null), workspace(null, null), NO_SECRETS)
                .endpoint());
        LlmEndpoints.Resolution off = LlmEndpoints.resolve(new LlmEndpoints.Settings(false, Optional.of("https://x"),
                Optional.of("m"), Optional.empty(), Optional.empty()), workspace("https://adb-1", "Bearer x"), NO_SECRETS);
        assertEquals(Optional.empty(), off.endpoint());
        assertTrue(off.explanation().contains("enhancer.llm.enabled=false"));
    }

    @Test
    void aBaseUrlThatIsNotAUrlIsANamedError() {
        EnhancerException e = assertThrows(EnhancerException.class, () -> LlmEndpoints.resolve(
                settings("not a url", "m", null, null), workspace(null, null), NO_SECRETS));
        assertEquals(ErrorCode.LlmUnavailable, e.code());
    }
}
