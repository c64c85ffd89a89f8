package io.genieenhancer.llm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.Optional;

/**
 * One request to the model: the system message (task and output contract), the user message (the data) and,
 * optionally, the JSON schema the reply must follow ({@code response_format}).
 */
public record ChatPrompt(String system, String user, Optional<OutputSchema> outputSchema) {

    public ChatPrompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        outputSchema = outputSchema == null ? Optional.empty() : outputSchema;
    }

    /** {@code name} is what the endpoint calls the schema ([a-zA-Z0-9_-], at most 64 characters). */
    public record OutputSchema(String name, JsonNode schema) {
    }

    /** Characters sent, for the token estimate (see {@link TokenEstimate}). */
    public int length() {
        return system.length() + user.length();
    }
}
