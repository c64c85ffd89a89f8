package io.genieenhancer.llm;

import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.json.Json;

import java.net.URI;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides which chat endpoint the LLM analyser uses, if any:
 * <ol>
 * <li>{@code enhancer.llm.enabled=false} or no {@code enhancer.llm.model}: none (the rule-based analyser runs alone);</li>
 * <li>{@code enhancer.llm.base-url} set: that endpoint, with {@code api-key}; else, when it is on the configured
 *     Databricks workspace's host, the workspace's credentials; else the key in the secret named by
 *     {@code secret-id}; else no Authorization header (local servers);</li>
 * <li>otherwise the Databricks workspace, when one is configured: {@code https://<host>/serving-endpoints} with the
 *     workspace's own credentials (PAT or OAuth, from the databricks package, refreshed there);</li>
 * <li>otherwise none.</li>
 * </ol>
 */
public final class LlmEndpoints {

    /** The endpoint-related part of {@link LlmConfig}. */
    public record Settings(boolean enabled, Optional<String> baseUrl, Optional<String> model, Optional<String> apiKey,
            Optional<String> secretId) {
        public Settings {
            baseUrl = nonBlank(baseUrl);
            model = nonBlank(model);
            apiKey = nonBlank(apiKey);
            secretId = nonBlank(secretId);
        }

        public static Settings from(LlmConfig c) {
            return new Settings(c.enabled(), c.baseUrl(), c.model(), c.apiKey(), c.secretId());
        }
    }

    /** The Databricks workspace as far as the LLM cares: is there one, where, and the Authorization value for it. */
    public interface Workspace {
        boolean configured();

        URI baseUri();

        String authorizationHeader();
    }

    /** The endpoint, or why there is none (logged once). */
    public record Resolution(Optional<LlmEndpoint> endpoint, String explanation) {
    }

    private LlmEndpoints() {
    }

    public static Resolution resolve(Settings settings, Workspace workspace, Function<String, String> readSecret) {
        if (!settings.enabled()) {
            return new Resolution(Optional.empty(), "LLM analyser off (enhancer.llm.enabled=false)");
        }
        if (settings.model().isEmpty()) {
            return new Resolution(Optional.empty(),
                    "LLM analyser off: no enhancer.llm.model (for Databricks: the serving endpoint name)");
        }
        String model = settings.model().get();
        if (settings.baseUrl().isPresent()) {
            URI base = uri(settings.baseUrl().get());
            Optional<String> header;
            String origin;
            if (settings.apiKey().isPresent()) {
                header = Optional.of("Bearer " + settings.apiKey().get());
                origin = "enhancer.llm.api-key";
            } else if (sameHost(base, workspace)) {
                // the workspace's serving endpoints named explicitly: same Databricks credentials, no second key
                return new Resolution(Optional.of(new LlmEndpoint(base, model,
                        () -> Optional.of(workspace.authorizationHeader()), "the Databricks workspace")), "LLM analyser on");
            } else if (settings.secretId().isPresent()) {
                String secretId = settings.secretId().get();
                header = Optional.of("Bearer " + apiKeyFromSecret(secretId, read(readSecret, secretId)));
                origin = "secret " + secretId;
            } else {
                header = Optional.empty();
                origin = "no credentials";
            }
            Optional<String> fixed = header;
            return new Resolution(Optional.of(new LlmEndpoint(base, model, () -> fixed, origin)), "LLM analyser on");
        }
        if (workspace.configured()) {
            URI base;
            try {
                base = uri(workspace.baseUri().toString().replaceAll("/+$", "") + "/serving-endpoints");
            } catch (EnhancerException e) {
                throw new EnhancerException(ErrorCode.LlmUnavailable,
                        "the LLM uses the Databricks workspace's serving endpoints, but the workspace cannot be resolved: "
                                + e.getMessage(), e);
            }
            return new Resolution(Optional.of(new LlmEndpoint(base, model,
                    () -> Optional.of(workspace.authorizationHeader()), "the Databricks workspace")), "LLM analyser on");
        }
        return new Resolution(Optional.empty(),
                "LLM analyser off: no enhancer.llm.base-url and no Databricks workspace configured");
    }

    private static boolean sameHost(URI base, Workspace workspace) {
        if (!workspace.configured()) {
            return false;
        }
        URI host;
        try {
            host = workspace.baseUri();
        } catch (EnhancerException e) {
            return false; // the workspace cannot be resolved: then the LLM cannot borrow its credentials either
        }
        return host.getHost() != null && host.getHost().equalsIgnoreCase(base.getHost()) && host.getPort() == base.getPort();
    }

    /**
     * The key in a secret: the whole (trimmed) text, or JSON with {@code api_key} (also {@code apiKey}, {@code key},
     * {@code token}). The secret's content never appears in a message.
     */
    static String apiKeyFromSecret(String secretId, String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("{")) {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(t);
            } catch (java.io.IOException e) {
                json = null;
            }
            if (json != null && json.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String key = field.getKey().toLowerCase(Locale.ROOT).replace("-", "_");
                    if ((key.equals("api_key") || key.equals("apikey") || key.equals("key") || key.equals("token"))
                            && field.getValue().isTextual() && !field.getValue().asText().isBlank()) {
                        return field.getValue().asText().strip();
                    }
                }
            }
            throw new EnhancerException(ErrorCode.LlmUnavailable,
                    "secret " + secretId + " is JSON without a non-empty \"api_key\"");
        }
        if (t.isEmpty() || t.chars().anyMatch(Character::isWhitespace)) {
            throw new EnhancerException(ErrorCode.LlmUnavailable,
                    "secret " + secretId + " holds neither an API key nor JSON with \"api_key\"");
        }
        return t;
    }

    private static String read(Function<String, String> readSecret, String secretId) {
        try {
            return readSecret.apply(secretId);
        } catch (EnhancerException e) {
            throw new EnhancerException(ErrorCode.LlmUnavailable, "cannot read the LLM API key: " + e.getMessage(), e);
        }
    }

    private static URI uri(String text) {
        try {
            URI u = URI.create(text.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new EnhancerException(ErrorCode.LlmUnavailable, "the LLM base URL is not a URL: " + text);
        }
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value == null ? Optional.empty() : value.map(String::strip).filter(s -> !s.isEmpty());
    }
}
