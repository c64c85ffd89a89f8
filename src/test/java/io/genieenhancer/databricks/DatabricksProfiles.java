package io.genieenhancer.databricks;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** One Quarkus start per credentials mode; test classes sharing a profile share the running app and WireMock. */
public final class DatabricksProfiles {

    private DatabricksProfiles() {
    }

    /** No Docker here: no dev services (the S3 extension would try LocalStack), and no fixed mock-event-server port. */
    static Map<String, String> common(Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(more);
        all.put("quarkus.devservices.enabled", "false");
        all.put("quarkus.s3.devservices.enabled", "false");
        // other sessions on this machine run Quarkus tests too: never the fixed default 8081
        all.put("quarkus.lambda.mock-event-server.test-port", "0");
        return all;
    }

    /** Personal access token in configuration. */
    public static class Pat implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(WireMockDatabricks.class, Map.of("mode", "pat")));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // Turn the REST client's own request logging on: the Authorization header must stay masked even then.
            return common(Map.of("quarkus.rest-client.logging.scope", "request-response",
                    "quarkus.log.category.\"org.jboss.resteasy.reactive.client.logging\".level", "DEBUG",
                    "quarkus.log.category.\"io.genieenhancer.databricks\".level", "DEBUG"));
        }
    }

    /** OAuth M2M client credentials in configuration. */
    public static class OAuth implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(WireMockDatabricks.class, Map.of("mode", "oauth")));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return common(Map.of("quarkus.log.category.\"io.genieenhancer.databricks\".level", "DEBUG"));
        }
    }

    /** Host and credentials from an AWS Secrets Manager secret. */
    public static class Secret implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(WireMockDatabricks.class, Map.of("mode", "secret")));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return common(Map.of());
        }
    }
}
