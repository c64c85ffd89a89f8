package io.genieenhancer.fix;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/** How sure the analyser is of a fix. Orders the budget cut: high confidence survives first. */
@RegisterForReflection
public enum Confidence {
    LOW, MEDIUM, HIGH;

    /** Lenient on case because the LLM writes "High" as often as "high". */
    @JsonCreator
    public static Confidence of(String value) {
        if (value == null || value.isBlank()) {
            return LOW; // an analyser that does not say how sure it is gets the benefit of no doubt
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("confidence must be high, medium or low, was \"" + value + "\"");
        }
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Confidence other) {
        return compareTo(other) >= 0;
    }
}
