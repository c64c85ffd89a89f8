package io.genieenhancer.databricks;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

import java.net.URI;

/**
 * AWS Secrets Manager through the plain AWS SDK client with the URL-connection HTTP client (one light HTTP stack,
 * no Apache/Netty in function.zip). The client is built on first use: a function that never needs a secret never
 * pays for it.
 */
@ApplicationScoped
public class AwsSecretsManagerSecretSource implements SecretSource {

    @Inject
    DatabricksConfig config;

    private SecretsManagerClient client;

    @Override
    public String secretString(String secretId) {
        try {
            String value = client().getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build()).secretString();
            if (value == null) {
                throw new EnhancerException(ErrorCode.AccessDenied, "secret " + secretId + " has no string value");
            }
            return value;
        } catch (ResourceNotFoundException e) {
            throw new EnhancerException(ErrorCode.AccessDenied, "secret " + secretId + " does not exist");
        } catch (SecretsManagerException e) {
            int status = e.statusCode();
            if (status >= 500 || status == 429) {
                throw new EnhancerException(ErrorCode.DatabricksUnavailable,
                        "cannot read secret " + secretId + ": Secrets Manager answered " + status, null, e);
            }
            throw new EnhancerException(ErrorCode.AccessDenied, "cannot read secret " + secretId + ": "
                    + (e.awsErrorDetails() == null ? "HTTP " + status : e.awsErrorDetails().errorCode()));
        } catch (SdkClientException e) {
            throw new EnhancerException(ErrorCode.DatabricksUnavailable,
                    "cannot reach Secrets Manager for secret " + secretId, null, e);
        }
    }

    private synchronized SecretsManagerClient client() {
        if (client == null) {
            SecretsManagerClientBuilder builder = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create());
            config.secretRegion().map(Region::of).ifPresent(builder::region);
            config.secretEndpointOverride().map(URI::create).ifPresent(builder::endpointOverride);
            client = builder.build();
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
