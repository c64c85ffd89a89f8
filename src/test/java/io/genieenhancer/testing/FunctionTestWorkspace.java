package io.genieenhancer.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import software.amazon.awssdk.services.s3.S3Client;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Everything a function test needs outside the JVM's own code: WireMock as the Databricks workspace
 * and a real S3-compatible server (s3proxy) as the run store, both on 127.0.0.1 and ephemeral ports.
 */
public class FunctionTestWorkspace implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "dapi-function-test-token";
    public static final String BUCKET = "enhancer-runs";

    private static volatile WireMockServer databricks;
    private static volatile S3ProxyServer s3;

    public static WireMockServer databricks() {
        return databricks;
    }

    public static S3Client s3Client() {
        return s3.client();
    }

    @Override
    public Map<String, String> start() {
        databricks = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        databricks.start();
        s3 = S3ProxyServer.start(BUCKET);
        Map<String, String> config = new HashMap<>();
        config.put("enhancer.databricks.host", "http://127.0.0.1:" + databricks.port());
        config.put("enhancer.databricks.token", TOKEN);
        config.put("enhancer.databricks.read-timeout", "2s");
        config.put("enhancer.databricks.retry.initial-delay", "10ms");
        config.put("enhancer.databricks.retry.max-delay", "50ms");
        config.put("enhancer.store.kind", "s3");
        config.put("enhancer.store.bucket", BUCKET);
        config.put("quarkus.s3.endpoint-override", s3.endpoint().toString());
        config.put("quarkus.s3.path-style-access", "true");
        config.put("quarkus.s3.aws.region", "us-east-1");
        config.put("quarkus.s3.aws.credentials.type", "static");
        config.put("quarkus.s3.aws.credentials.static-provider.access-key-id", S3ProxyServer.ACCESS_KEY);
        config.put("quarkus.s3.aws.credentials.static-provider.secret-access-key", S3ProxyServer.SECRET_KEY);
        return config;
    }

    @Override
    public void stop() {
        if (databricks != null) {
            databricks.stop();
        }
        if (s3 != null) {
            s3.close();
        }
    }
}
