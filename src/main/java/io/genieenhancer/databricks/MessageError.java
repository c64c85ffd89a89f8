package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

/** Why Genie could not answer; {@code type} is a long, growing enum kept as text (e.g. CONTEXT_EXCEEDED_EXCEPTION). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageError(
        @JsonProperty("error") Optional<String> error,
        @JsonProperty("type") Optional<String> type) {

    public MessageError {
        error = Wire.opt(error);
        type = Wire.opt(type);
    }
}
