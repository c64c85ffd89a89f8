package io.genieenhancer.llm;

import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A resolved chat endpoint: base URL ({@code .../serving-endpoints} for Databricks), model, and where the bearer
 * token comes from (a supplier, so a Databricks OAuth token is refreshed by its owner). {@link #toString()} never
 * shows the token.
 */
public record LlmEndpoint(URI baseUri, String model, Supplier<String> bearerToken, String origin) {

    public LlmEndpoint {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(origin, "origin");
    }

    /** {@code <base>/chat/completions}, for messages. */
    public String completionsUrl() {
        String base = baseUri.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/chat/completions";
    }

    @Override
    public String toString() {
        return "LlmEndpoint[" + completionsUrl() + ", model=" + model + ", credentials=" + origin + "]";
    }
}
