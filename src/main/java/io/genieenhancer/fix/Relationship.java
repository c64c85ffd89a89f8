package io.genieenhancer.fix;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cardinality of a join from the left table to the right table. On the wire it is the second element of
 * a join spec's {@code sql}: {@code --rt=FROM_RELATIONSHIP_TYPE_MANY_TO_ONE--}.
 */
@RegisterForReflection
public enum Relationship {
    MANY_TO_ONE, ONE_TO_MANY, ONE_TO_ONE, MANY_TO_MANY;

    private static final String PREFIX = "FROM_RELATIONSHIP_TYPE_";
    private static final Pattern ANNOTATION = Pattern.compile("--rt=" + PREFIX + "([A-Z_]+)--");

    /** Accepts {@code many_to_one}, {@code MANY_TO_ONE}, {@code many-to-one} or the full wire name. */
    @JsonCreator
    public static Relationship of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("relationship is required (many_to_one, one_to_many, one_to_one, many_to_many)");
        }
        String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (v.startsWith(PREFIX)) {
            v = v.substring(PREFIX.length());
        }
        try {
            return valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("relationship must be many_to_one, one_to_many, one_to_one or many_to_many, was \""
                    + value + "\"");
        }
    }

    /** Reads the annotation element of an existing join spec. */
    public static Optional<Relationship> fromAnnotation(String element) {
        Matcher m = ANNOTATION.matcher(element.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(m.group(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String annotation() {
        return "--rt=" + PREFIX + name() + "--";
    }

    /** The same relationship seen from the other table. */
    public Relationship reversed() {
        return switch (this) {
            case MANY_TO_ONE -> ONE_TO_MANY;
            case ONE_TO_MANY -> MANY_TO_ONE;
            default -> this;
        };
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
