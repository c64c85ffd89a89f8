package io.genieenhancer.llm;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A resolved chat endpoint: base URL ({@code .../serving-endpoints} for Databricks), model, and where the
 * {@code Authorization} header comes from (a supplier, asked on every call, so a Databricks OAuth token is refreshed
 * by its owner; empty for endpoints without authentication). {@code origin} says which credentials these are, for
 * messages. {@link #toString()} never shows the header.
 */
public record LlmEndpoint(URI baseUri, String model, Supplier<Optional<String>> authorization, String origin) {

    public LlmEndpoint {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(authorization, "authorization");
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
