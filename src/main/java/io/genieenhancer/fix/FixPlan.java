package io.genieenhancer.fix;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The outcome of {@link FixEngine#plan}: one verdict per deduped fix (in first-proposed order), the
 * conflicts found, and the number of proposals that came in. {@link #accepted()} is what to apply.
 */
@RegisterForReflection
public record FixPlan(int proposed, List<FixVerdict> verdicts, List<Conflict> conflicts, FixPolicy policy) {

    public FixPlan {
        verdicts = List.copyOf(verdicts);
        conflicts = List.copyOf(conflicts);
    }

    /** The valid fixes, ready for {@link FixEngine#apply(io.genieenhancer.space.SpaceConfig, FixPlan)}. */
    public List<Fix> accepted() {
        return verdicts.stream().filter(FixVerdict::valid).map(FixVerdict::fix).toList();
    }

    /** Keys of the valid fixes. */
    public List<String> validKeys() {
        return verdicts.stream().filter(FixVerdict::valid).map(FixVerdict::key).toList();
    }

    public List<FixVerdict> rejected() {
        return verdicts.stream().filter(v -> !v.valid()).toList();
    }

    public List<FixVerdict> withStatus(FixVerdict.Status status) {
        return verdicts.stream().filter(v -> v.status() == status).toList();
    }

    public boolean allValid() {
        return verdicts.stream().allMatch(FixVerdict::valid);
    }
}
