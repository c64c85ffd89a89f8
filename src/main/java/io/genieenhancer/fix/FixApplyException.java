package io.genieenhancer.fix;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.space.Violation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The fixes cannot be applied as a whole: a fix does not fit the space, or the resulting config would break
 * a rule. Nothing was applied; {@link #violations()} lists every problem, not only the first
 * ({@code [InvalidSpaceConfig]} for the state machine).
 */
public final class FixApplyException extends EnhancerException {

    private final transient List<Violation> violations;

    public FixApplyException(List<Violation> violations) {
        super(ErrorCode.InvalidSpaceConfig, "the fixed config would break " + violations.size() + " rule(s), nothing applied: "
                + violations.stream().limit(20).map(Violation::toString).collect(Collectors.joining("; "))
                + (violations.size() > 20 ? "; ... " + (violations.size() - 20) + " more" : ""));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
