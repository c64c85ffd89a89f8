package io.genieenhancer.fix;

import io.genieenhancer.space.SpaceConfig;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The new config (canonical, passes the server's rules) and what each fix did to it.
 *
 * @param entityMatchingChanged the caller should wait longer for re-indexing when this is true
 */
public record ApplyResult(SpaceConfig config, List<FixOutcome> outcomes, Diff diff, boolean entityMatchingChanged) {

    public ApplyResult {
        outcomes = List.copyOf(outcomes);
    }

    public List<FixOutcome> applied() {
        return outcomes.stream().filter(FixOutcome::applied).toList();
    }

    /** Fixes that changed the config, counted by type. */
    public Map<String, Integer> byType() {
        Map<String, Integer> m = new TreeMap<>();
        for (FixOutcome o : outcomes) {
            if (o.applied()) {
                m.merge(o.fix().type(), 1, Integer::sum);
            }
        }
        return m;
    }

    /** True when nothing changed (every fix was a no-op). */
    public boolean unchanged() {
        return outcomes.stream().noneMatch(FixOutcome::applied);
    }
}
