package io.genieenhancer.databricks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Everything the workspace client reads from configuration ({@code enhancer.databricks.*}); every property is
 * documented in docs/databricks.md. Credentials may instead come from an AWS Secrets Manager secret
 * ({@link #secretId()}): configured values win, the secret fills the gaps.
 */
@ConfigMapping(prefix = "enhancer.databricks")
public interface DatabricksConfig {

    /** Workspace URL or host name; {@code https://} is assumed when no scheme is given. */
    Optional<String> host();

    /** Personal access token. */
    Optional<String> token();

    /** OAuth machine-to-machine (service principal) client id; used instead of a token when set with the secret. */
    Optional<String> clientId();

    Optional<String> clientSecret();

    /** Name or ARN of a Secrets Manager secret holding JSON with host/token or client_id/client_secret. */
    Optional<String> secretId();

    /** Region of the secret; the AWS default region chain (AWS_REGION in Lambda) when absent. */
    Optional<String> secretRegion();

    /** Secrets Manager endpoint override (tests, private endpoints). */
    Optional<String> secretEndpointOverride();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest wait for one response; must exceed the statement wait_timeout the callers ask for. */
    @WithDefault("60s")
    Duration readTimeout();

    Retry retry();

    CircuitBreaker circuitBreaker();

    OAuth oauth();

    interface Retry {
        /** Attempts in process, the first included. More waiting is Step Functions' job. */
        @WithDefault("3")
        int maxAttempts();

        @WithDefault("250ms")
        Duration initialDelay();

        @WithDefault("2s")
        Duration maxDelay();

        /** The longest server-advised Retry-After honoured in process; a longer one goes back to Step Functions. */
        @WithDefault("3s")
        Duration maxRetryAfter();

        /** No new attempt starts once this much time has passed since the first one. */
        @WithDefault("30s")
        Duration maxDuration();
    }

    interface CircuitBreaker {
        /** Calls in the rolling window. */
        @WithDefault("8")
        int requestVolumeThreshold();

        @WithDefault("0.75")
        double failureRatio();

        /** How long the breaker stays open; also the wait advised to Step Functions while it is open. */
        @WithDefault("30s")
        Duration delay();

        @WithDefault("1")
        int successThreshold();
    }

    interface OAuth {
        @WithDefault("all-apis")
        String scope();

        /** Refresh a cached OAuth token this long before it expires. */
        @WithDefault("60s")
        Duration refreshMargin();
    }
}
