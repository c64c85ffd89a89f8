package io.genieenhancer.sandbox;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a sandbox workspace (bundled "retail", no delays) and points the product's Databricks client at it,
 * as a user without a Databricks workspace would.
 */
public class SandboxTestWorkspace implements QuarkusTestResourceLifecycleManager {

    private static volatile SandboxWorkspace workspace;

    public static SandboxWorkspace workspace() {
        return workspace;
    }

    @Override
    public Map<String, String> start() {
        workspace = SandboxWorkspace.start("retail", Knobs.instant());
        Map<String, String> config = new HashMap<>();
        config.put("enhancer.databricks.host", workspace.url());
        config.put("enhancer.databricks.token", workspace.token());
        config.put("enhancer.databricks.retry.initial-delay", "20ms");
        return config;
    }

    @Override
    public void stop() {
        if (workspace != null) {
            workspace.stop();
        }
    }

    /** One Quarkus start for the sandbox-backed tests. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SandboxTestWorkspace.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.devservices.enabled", "false",
                    "quarkus.s3.devservices.enabled", "false",
                    "quarkus.lambda.mock-event-server.test-port", "0",
                    "quarkus.funqy.export", io.genieenhancer.databricks.ContractProbeFunction.NAME);
        }
    }
}
