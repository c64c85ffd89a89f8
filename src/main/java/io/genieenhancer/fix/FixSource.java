package io.genieenhancer.fix;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/** Who proposed a fix: the deterministic rule-based analyser or the LLM analyser. */
@RegisterForReflection
public enum FixSource {
    RULE, LLM;

    @JsonCreator
    public static FixSource of(String value) {
        if (value == null || value.isBlank()) {
            return LLM; // unattributed input is treated like the less trusted source
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source must be rule or llm, was \"" + value + "\"");
        }
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
