package io.genieenhancer.fix;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What applying one fix did. {@code NO_OP} means the config already said what the fix says (applying the
 * same fixes twice gives only NO_OPs the second time).
 */
@RegisterForReflection
public record FixOutcome(Fix fix, String key, Result result, String detail, Change change) {

    public enum Result {
        APPLIED, NO_OP
    }

    public boolean applied() {
        return result == Result.APPLIED;
    }
}
