package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

/** Why a statement failed (HTTP 200 with state FAILED: the SQL was wrong, not the request). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceError(
        @JsonProperty("error_code") Optional<String> errorCode,
        @JsonProperty("message") Optional<String> message) {

    public ServiceError {
        errorCode = Wire.opt(errorCode);
        message = Wire.opt(message);
    }
}
