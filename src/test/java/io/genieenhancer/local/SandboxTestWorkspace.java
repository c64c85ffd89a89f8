package io.genieenhancer.local;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;

import io.genieenhancer.sandbox.Knobs;
import io.genieenhancer.sandbox.SandboxWorkspace;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The sandbox workspace as the Databricks workspace of a @QuarkusTest, configured as {@code ./run-local}
 * configures it. Init args: {@code scenario}, {@code reindexDelaySeconds}, {@code latencyMs},
 * {@code rateLimitPerMinute}, {@code questionsPerMinute} (the evaluator's own pace), {@code llm=wiremock}
 * (an OpenAI-compatible LLM endpoint served by WireMock).
 */
public class SandboxTestWorkspace implements QuarkusTestResourceLifecycleManager {

    private static volatile SandboxWorkspace workspace;
    private static volatile Path store;
    private static volatile WireMockServer llm;
    private Map<String, String> args = Map.of();

    public static SandboxWorkspace workspace() {
        return workspace;
    }

    public static Path store() {
        return store;
    }

    public static WireMockServer llm() {
        return llm;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        args = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        int reindex = Integer.parseInt(args.getOrDefault("reindexDelaySeconds", "0"));
        int rate = Integer.parseInt(args.getOrDefault("rateLimitPerMinute", "0"));
        Knobs knobs = new Knobs(Duration.ofSeconds(reindex), Duration.ofSeconds(reindex),
                Duration.ofMillis(Long.parseLong(args.getOrDefault("latencyMs", "0"))), rate, 0.0, 42L);
        workspace = SandboxWorkspace.start(args.getOrDefault("scenario", "retail"), knobs);
        try {
            store = Files.createTempDirectory("enhancer-runs");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("enhancer.databricks.host", workspace.url());
        config.put("enhancer.databricks.token", workspace.token());
        config.put("enhancer.store.kind", "local");
        config.put("enhancer.store.local-dir", store.toString());
        config.put("enhancer.enhance.indexing-wait", (reindex + 1) + "s");
        config.put("enhancer.enhance.entity-matching-wait", (reindex + 1) + "s");
        config.put("enhancer.evaluation.poll-interval", "50ms");
        config.put("enhancer.evaluation.questions-per-minute", args.getOrDefault("questionsPerMinute", "6000"));
        if ("wiremock".equals(args.get("llm"))) {
            llm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
            llm.start();
            config.put("enhancer.llm.base-url", "http://127.0.0.1:" + llm.port() + "/v1");
            config.put("enhancer.llm.model", "test-model");
            config.put("enhancer.llm.api-key", "sk-test-llm-key");
        }
        return config;
    }

    @Override
    public void stop() {
        if (workspace != null) {
            workspace.close();
        }
        if (llm != null) {
            llm.stop();
            llm = null;
        }
    }
}
