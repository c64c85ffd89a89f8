package io.genieenhancer.fix;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * What planning decided about one (deduped) fix and why. {@code proposals} counts the proposals merged into
 * it; {@code problems} is empty exactly when the status is {@link Status#VALID}.
 */
@RegisterForReflection
public record FixVerdict(Fix fix, String key, Status status, List<Problem> problems, int proposals) {

    public enum Status {
        /** Passed every check and fits the budgets: will be applied. */
        VALID,
        /** Broke at least one rule (see problems). */
        INVALID,
        /** Contradicts another fix of the batch; neither is applied. */
        CONFLICT,
        /** Less confident than the policy's minimum. */
        BELOW_MIN_CONFIDENCE,
        /** Would exceed a server budget; lower-priority fixes are cut first. Kept in the log for a later iteration. */
        CUT
    }

    public FixVerdict {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return status == Status.VALID;
    }
}
