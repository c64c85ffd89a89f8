package io.genieenhancer.fix;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * Fixes of one batch that contradict each other (one synonym for two columns, two descriptions for one
 * column, a relationship both many-to-one and one-to-one ...). None of them is applied; the analyser or a
 * person has to choose.
 */
@RegisterForReflection
public record Conflict(String subject, String reason, List<String> keys) {
    public Conflict {
        keys = List.copyOf(keys);
    }
}
