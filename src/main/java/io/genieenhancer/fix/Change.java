package io.genieenhancer.fix;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What applying one fix did to one field of the config, in words: section ({@code column}, {@code table},
 * {@code text_instruction}, {@code example_sql}, {@code join_spec}, {@code sql_snippet},
 * {@code instruction}), target (which one), field, and the field's text before and after.
 */
@RegisterForReflection
public record Change(Kind kind, String section, String target, String field, String before, String after) {

    public enum Kind {
        ADDED, CHANGED, REMOVED, NONE
    }

    static Change of(String section, String target, String field, String before, String after) {
        Kind k = before.equals(after) ? Kind.NONE : before.isEmpty() ? Kind.ADDED : after.isEmpty() ? Kind.REMOVED : Kind.CHANGED;
        return new Change(k, section, target, field, before, after);
    }

    static Change none(String section, String target, String field, String value) {
        return new Change(Kind.NONE, section, target, field, value, value);
    }
}
