package io.genieenhancer.databricks;

import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;

import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the workspace URL and credentials: configuration first ({@code enhancer.databricks.*}), then the
 * Secrets Manager secret named by {@code enhancer.databricks.secret-id} for whatever configuration left out.
 * The result is cached for the life of the container (a Lambda reads its secret once per cold start) and dropped
 * by {@link #invalidate()} after a 401, so a rotated secret is picked up.
 */
@ApplicationScoped
public class WorkspaceSettingsResolver {

    private static final Logger LOG = Logger.getLogger(WorkspaceSettingsResolver.class);

    @Inject
    DatabricksConfig config;

    @Inject
    SecretSource secrets;

    private WorkspaceSettings cached;

    synchronized WorkspaceSettings current() {
        if (cached == null) {
            cached = resolve();
            LOG.infof("Databricks workspace %s, credentials %s%s", cached.baseUri(), cached.credentials(),
                    cached.fromSecret() ? " (from secret " + config.secretId().orElse("") + ")" : "");
        }
        return cached;
    }

    /** Forget the settings so the next call reads them again; true when that may give different credentials. */
    synchronized boolean invalidate() {
        boolean fromSecret = cached != null && cached.fromSecret();
        if (fromSecret) {
            cached = null;
        }
        return fromSecret;
    }

    private WorkspaceSettings resolve() {
        Optional<String> host = nonBlank(config.host());
        Optional<String> token = nonBlank(config.token());
        Optional<String> clientId = nonBlank(config.clientId());
        Optional<String> clientSecret = nonBlank(config.clientSecret());
        boolean configComplete = host.isPresent() && (token.isPresent() || (clientId.isPresent() && clientSecret.isPresent()));
        boolean fromSecret = false;
        Optional<String> secretId = nonBlank(config.secretId());
        if (!configComplete && secretId.isPresent()) {
            Map<String, String> secret = readSecret(secretId.get());
            fromSecret = true;
            host = host.or(() -> Optional.ofNullable(secret.get("host")));
            if (token.isEmpty() && clientId.isEmpty()) {
                token = Optional.ofNullable(secret.get("token"));
                clientId = Optional.ofNullable(secret.get("client_id"));
                clientSecret = clientSecret.or(() -> Optional.ofNullable(secret.get("client_secret")));
            }
        }
        if (host.isEmpty()) {
            throw new EnhancerException(ErrorCode.Internal, "no Databricks workspace configured: set enhancer.databricks.host"
                    + " (env DATABRICKS_HOST) or a secret with \"host\" named by enhancer.databricks.secret-id");
        }
        WorkspaceCredentials credentials;
        if (clientId.isPresent() && clientSecret.isPresent()) {
            credentials = new WorkspaceCredentials.OAuthClientCredentials(clientId.get(), clientSecret.get());
        } else if (token.isPresent()) {
            credentials = new WorkspaceCredentials.PersonalAccessToken(token.get());
        } else {
            throw new EnhancerException(ErrorCode.AccessDenied, "no Databricks credentials: set enhancer.databricks.token,"
                    + " or enhancer.databricks.client-id and client-secret, or a secret named by enhancer.databricks.secret-id");
        }
        try {
            return new WorkspaceSettings(WorkspaceSettings.baseUri(host.get()), credentials, fromSecret);
        } catch (IllegalArgumentException e) {
            throw new EnhancerException(ErrorCode.Internal, e.getMessage());
        }
    }

    /**
     * The secret as JSON, keys normalised: {@code host}, {@code token}, {@code client_id}, {@code client_secret}
     * (also accepted: the SDK's environment names such as {@code DATABRICKS_HOST}, and dashes for underscores).
     */
    private Map<String, String> readSecret(String secretId) {
        String text = secrets.secretString(secretId);
        JsonNode json;
        try {
            json = DatabricksJson.MAPPER.readTree(text);
        } catch (Exception e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            // never echo the content: it is a secret even when malformed
            throw new EnhancerException(ErrorCode.AccessDenied, "secret " + secretId
                    + " is not a JSON object with host and token, or client_id and client_secret");
        }
        Map<String, String> values = new java.util.HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isTextual() && !field.getValue().asText().isBlank()) {
                String key = field.getKey().toLowerCase(Locale.ROOT).replace('-', '_');
                if (key.startsWith("databricks_")) {
                    key = key.substring("databricks_".length());
                }
                values.put(key, field.getValue().asText().trim());
            }
        }
        return values;
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::trim).filter(v -> !v.isEmpty());
    }
}
