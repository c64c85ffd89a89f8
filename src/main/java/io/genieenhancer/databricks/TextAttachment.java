package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

/**
 * Genie's prose. {@code purpose} {@code FOLLOW_UP_QUESTION} means Genie asked a clarifying question instead of
 * answering; kept as text because the set of purposes is still growing.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record TextAttachment(
        @JsonProperty("content") Optional<String> content,
        @JsonProperty("purpose") Optional<String> purpose,
        @JsonProperty("id") Optional<String> id) {

    public static final String FOLLOW_UP_QUESTION = "FOLLOW_UP_QUESTION";

    public TextAttachment {
        content = Wire.opt(content);
        purpose = Wire.opt(purpose);
        id = Wire.opt(id);
    }

    public boolean isFollowUpQuestion() {
        return purpose.map(FOLLOW_UP_QUESTION::equals).orElse(false);
    }
}
