package io.genieenhancer.databricks;

/**
 * Reads a secret's text by name. The production implementation is AWS Secrets Manager
 * ({@link AwsSecretsManagerSecretSource}); tests and the sandbox replace it.
 */
public interface SecretSource {

    /**
     * The secret's string value. Failures are {@link io.genieenhancer.error.EnhancerException}s: AccessDenied when
     * the secret is missing or not readable by us, DatabricksUnavailable when the service cannot be reached.
     * Implementations must never put the value into a message or a log line.
     */
    String secretString(String secretId);
}
