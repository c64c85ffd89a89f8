package io.genieenhancer.databricks;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Starts WireMock on 127.0.0.1 and an ephemeral port as the Databricks workspace (and, in "secret" mode, also as
 * AWS Secrets Manager), and points the client at it. Init arg {@code mode}: {@code pat} (token in config),
 * {@code oauth} (client id/secret in config) or {@code secret} (everything from a Secrets Manager secret).
 * Timeouts and retry delays are shortened so that failure tests run in seconds.
 */
public class WireMockDatabricks implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "dapi-contract-test-token-0123456789";
    public static final String CLIENT_ID = "sp-client-id-1";
    public static final String CLIENT_SECRET = "sp-client-secret-never-log-me";
    public static final String SECRET_ID = "genie-enhancer/databricks";

    private static volatile WireMockServer server;
    private String mode = "pat";

    public static WireMockServer server() {
        return server;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        mode = initArgs.getOrDefault("mode", "pat");
    }

    @Override
    public Map<String, String> start() {
        // the notifier prints to the console, not the application log the secret-leak tests read
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        server.start();
        String url = "http://127.0.0.1:" + server.port();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.funqy.export", ContractProbeFunction.NAME);
        config.put("enhancer.databricks.connect-timeout", "1s");
        config.put("enhancer.databricks.read-timeout", "1s");
        config.put("enhancer.databricks.retry.max-attempts", "3");
        config.put("enhancer.databricks.retry.initial-delay", "20ms");
        config.put("enhancer.databricks.retry.max-delay", "100ms");
        config.put("enhancer.databricks.retry.max-retry-after", "2s");
        config.put("enhancer.databricks.retry.max-duration", "10s");
        config.put("enhancer.databricks.circuit-breaker.request-volume-threshold", "4");
        config.put("enhancer.databricks.circuit-breaker.failure-ratio", "1.0");
        config.put("enhancer.databricks.circuit-breaker.delay", "5s");
        switch (mode) {
            case "pat" -> {
                config.put("enhancer.databricks.host", url);
                config.put("enhancer.databricks.token", TOKEN);
            }
            case "oauth" -> {
                config.put("enhancer.databricks.host", url);
                config.put("enhancer.databricks.client-id", CLIENT_ID);
                config.put("enhancer.databricks.client-secret", CLIENT_SECRET);
            }
            case "secret" -> {
                config.put("enhancer.databricks.secret-id", SECRET_ID);
                config.put("enhancer.databricks.secret-region", "us-east-1");
                config.put("enhancer.databricks.secret-endpoint-override", url);
                // the AWS SDK signs requests: any static credentials do for WireMock
                System.setProperty("aws.accessKeyId", "AKIDTESTTESTTEST");
                System.setProperty("aws.secretAccessKey", "test-aws-secret");
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
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
