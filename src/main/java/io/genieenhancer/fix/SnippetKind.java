package io.genieenhancer.fix;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/** The three SQL snippet lists of a space: a filter is a boolean condition, the others are expressions. */
@RegisterForReflection
public enum SnippetKind {
    FILTER, MEASURE, EXPRESSION;

    @JsonCreator
    public static SnippetKind of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("kind is required (filter, measure or expression)");
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        // the wire lists are plural; accept either spelling
        if (v.endsWith("S")) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            return valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind must be filter, measure or expression, was \"" + value + "\"");
        }
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
