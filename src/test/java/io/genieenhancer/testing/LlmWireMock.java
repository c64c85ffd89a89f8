package io.genieenhancer.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A WireMock server standing in for an OpenAI-compatible chat endpoint ({@code /v1/chat/completions}), with the
 * LLM client pointed at it and the in-process retries shortened so failure tests take milliseconds.
 */
public class LlmWireMock implements QuarkusTestResourceLifecycleManager {

    /**
     * The profile of tests that never invoke a function: the Lambda mock event server goes to a random port instead
     * of the shared 8081, which parallel builds on the same machine also want (it starts before test resources, so
     * only a profile can move it).
     */
    public static class Profile implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.mock-event-server.test-port", "0");
        }
    }

    public static final String API_KEY = "sk-test-secret-key";
    public static final String MODEL = "test-model";

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String retry = "quarkus.fault-tolerance.\"io.genieenhancer.llm.ChatTransport/send\".";
        return Map.ofEntries(
                Map.entry("enhancer.llm.base-url", "http://127.0.0.1:" + server.port() + "/v1"),
                Map.entry("enhancer.llm.model", MODEL),
                Map.entry("enhancer.llm.api-key", API_KEY),
                Map.entry("enhancer.llm.timeout", "3s"),
                Map.entry("enhancer.llm.batch-size", "8"),
                Map.entry(retry + "retry.delay", "10"),
                Map.entry(retry + "retry.jitter", "0"),
                Map.entry(retry + "exponential-backoff.max-delay", "50"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
