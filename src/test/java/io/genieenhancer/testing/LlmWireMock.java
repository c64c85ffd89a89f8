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


    public static final String API_KEY = "sk-test-secret-key";
    public static final String MODEL = "test-model";

    public static final String DATABRICKS_TOKEN = "dapi-test-token";
    public static final String SERVING_ENDPOINT = "databricks-test-endpoint";

    private static WireMockServer server;
    private boolean databricks;

    /** {@code mode=databricks}: no LLM base URL; the WireMock server plays the Databricks workspace instead. */
    @Override
    public void init(Map<String, String> initArgs) {
        databricks = "databricks".equals(initArgs.get("mode"));
    }

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String retry = "quarkus.fault-tolerance.\"io.genieenhancer.llm.ChatTransport/send\".";
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "enhancer.llm.timeout", "3s",
                "enhancer.llm.batch-size", "8",
                retry + "retry.delay", "10",
                retry + "retry.jitter", "0",
                retry + "exponential-backoff.max-delay", "50"));
        String url = "http://127.0.0.1:" + server.port();
        if (databricks) {
            config.put("enhancer.databricks.host", url);
            config.put("enhancer.databricks.token", DATABRICKS_TOKEN);
            config.put("enhancer.llm.model", SERVING_ENDPOINT);
        } else {
            config.put("enhancer.llm.base-url", url + "/v1");
            config.put("enhancer.llm.model", MODEL);
            config.put("enhancer.llm.api-key", API_KEY);
        }
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
