package io.genieenhancer.fix;

import io.genieenhancer.fix.Fix.AddSynonym;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.ColumnConfig;
import io.genieenhancer.space.SpaceConfig.Table;
import io.genieenhancer.space.SpaceRules;
import io.genieenhancer.space.Violation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fix engine: pure functions from a space and proposed fixes to a plan, and from a space and accepted
 * fixes to a new space. The enhance cycle calls {@code plan}, then {@code apply(space, plan)}, then writes
 * {@code SpaceJson.print(result.config())} in one update and stores {@code FixLog.of(plan, result)}.
 *
 * <pre>{@code
 * FixPlan plan = FixEngine.plan(space, proposed, FixPolicy.defaults(space));
 * ApplyResult result = FixEngine.apply(space, plan);   // throws FixApplyException, nothing applied
 * FixLog log = FixLog.of(plan, result);                 // by_type, every verdict; result.diff().markdown()
 * }</pre>
 *
 * See docs/fixes.md for the fix types, the dedupe and validation rules, the leakage guard and the budget cut.
 */
public final class FixEngine {

    private FixEngine() {
    }

    /**
     * Dedupes the proposals, finds conflicts, checks each fix against the space and the policy, and cuts
     * what would exceed a server budget, highest priority first: removals (they free room), then by
     * confidence, then by the number of failing questions a fix answers, rule-based before LLM, then key.
     */
    public static FixPlan plan(SpaceConfig space, List<Fix> proposed, FixPolicy policy) {
        SpaceIndex index = new SpaceIndex(space, policy.schema());
        FixValidator validator = new FixValidator(index, policy);
        Names names = new Names(index);
        List<Fix> resolved = new ArrayList<>(proposed.size());
        for (Fix f : proposed) {
            resolved.add(names.resolve(f));
        }
        List<Dedupe.Merged> merged = Dedupe.merge(resolved);
        List<Conflict> conflicts = Dedupe.conflicts(merged);
        Map<String, List<Problem>> conflicting = new HashMap<>();
        for (Conflict c : conflicts) {
            for (String key : c.keys()) {
                conflicting.computeIfAbsent(key, k -> new ArrayList<>(1))
                        .add(new Problem(Problem.CONFLICT, c.subject() + " is " + c.reason()));
            }
        }

        List<Dedupe.Merged> byPriority = new ArrayList<>(merged);
        byPriority.sort(PRIORITY);
        Budget budget = new Budget(space);
        Map<String, FixVerdict> verdicts = new HashMap<>(merged.size() * 2);
        for (Dedupe.Merged m : byPriority) {
            Fix f = m.fix();
            FixVerdict v;
            List<Problem> conflict = conflicting.get(m.key());
            if (conflict != null) {
                v = verdict(m, FixVerdict.Status.CONFLICT, conflict);
            } else if (!f.meta().confidence().atLeast(policy.minConfidence())) {
                v = verdict(m, FixVerdict.Status.BELOW_MIN_CONFIDENCE, List.of(new Problem(Problem.MIN_CONFIDENCE,
                        "confidence " + f.meta().confidence().json() + " is below the minimum " + policy.minConfidence().json())));
            } else {
                var over = budget.check(f);
                if (over.isPresent()) {
                    // cut before the costlier checks: a cut fix is reported with its budget, not parsed
                    v = verdict(m, FixVerdict.Status.CUT, List.of(over.get()));
                } else {
                    List<Problem> problems = validator.validate(f);
                    if (problems.isEmpty()) {
                        budget.take(f);
                        validator.accepted(f);
                        v = verdict(m, FixVerdict.Status.VALID, List.of());
                    } else {
                        v = verdict(m, FixVerdict.Status.INVALID, problems);
                    }
                }
            }
            verdicts.put(m.key(), v);
        }
        List<FixVerdict> ordered = new ArrayList<>(merged.size());
        for (Dedupe.Merged m : merged) {
            ordered.add(verdicts.get(m.key()));
        }
        return new FixPlan(proposed.size(), ordered, conflicts, policy);
    }

    private static final Set<String> REMOVALS = Set.of(Fix.RemoveSynonym.TYPE, Fix.RemoveJoinSpec.TYPE, Fix.RemoveInstruction.TYPE);

    private static final Comparator<Dedupe.Merged> PRIORITY = Comparator
            .<Dedupe.Merged>comparingInt(m -> REMOVALS.contains(m.fix().type()) ? 0 : 1)
            .thenComparing(m -> m.fix().meta().confidence(), Comparator.reverseOrder())
            .thenComparing(m -> m.fix().meta().questionIds().size(), Comparator.reverseOrder())
            .thenComparing(m -> m.fix().meta().source())
            .thenComparing(Dedupe.Merged::key);

    private static FixVerdict verdict(Dedupe.Merged m, FixVerdict.Status status, List<Problem> problems) {
        return new FixVerdict(m.fix(), m.key(), status, problems, m.proposals());
    }

    /** Applies the plan's accepted fixes (with the plan's schema, so unconfigured columns can get a config). */
    public static ApplyResult apply(SpaceConfig space, FixPlan plan) {
        return apply(space, plan.accepted(), plan.policy().schema());
    }

    /**
     * Applies fixes in one go and returns the canonical new config with one outcome per fix. The fixes
     * should come from {@link #plan}; apply re-checks only what it needs to stay safe: every fix must fit
     * the space, fixes must not contradict each other, and the result must pass {@link SpaceRules} and keep
     * synonyms unique. Otherwise it throws {@link FixApplyException} listing every problem and nothing is
     * applied. Violations the input config already had are not blamed on the fixes.
     */
    public static ApplyResult apply(SpaceConfig space, List<Fix> fixes) {
        return apply(space, fixes, Map.of());
    }

    public static ApplyResult apply(SpaceConfig space, List<Fix> fixes, Map<String, Set<String>> schema) {
        SpaceIndex index = new SpaceIndex(space, schema);
        List<Fix> resolved = new ArrayList<>(fixes.size());
        Names names = new Names(index);
        for (Fix f : fixes) {
            resolved.add(names.resolve(f));
        }
        List<Dedupe.Merged> merged = Dedupe.merge(resolved);
        List<Violation> violations = new ArrayList<>();
        for (Conflict c : Dedupe.conflicts(merged)) {
            violations.add(new Violation("fixes " + String.join(", ", c.keys()), Problem.CONFLICT, c.subject() + " is " + c.reason()));
        }
        Applier.Applied applied = new Applier(space, index).run(merged.stream().map(Dedupe.Merged::fix).toList());
        violations.addAll(applied.problems());
        SpaceConfig config = SpaceRules.canonical(applied.config());
        List<Violation> after = SpaceRules.validate(config);
        if (!after.isEmpty()) {
            // only now is it worth knowing what the input already broke
            Set<String> before = new HashSet<>();
            SpaceRules.validate(SpaceRules.canonical(space)).forEach(v -> before.add(v.toString()));
            for (Violation v : after) {
                if (!before.contains(v.toString())) {
                    violations.add(v);
                }
            }
        }
        violations.addAll(newSynonymClashes(config, applied.outcomes()));
        if (!violations.isEmpty()) {
            throw new FixApplyException(violations);
        }
        return new ApplyResult(config, applied.outcomes(), Diff.of(applied.outcomes()), applied.entityMatchingChanged());
    }

    /** A synonym this apply added must belong to one column only. */
    private static List<Violation> newSynonymClashes(SpaceConfig config, List<FixOutcome> outcomes) {
        Map<String, String> added = new LinkedHashMap<>(); // synonym key -> column that got it
        for (FixOutcome o : outcomes) {
            if (o.applied() && o.fix() instanceof AddSynonym s) {
                added.put(Text.synonymKey(s.synonym()), FixKeys.column(s.table(), s.column()));
            }
        }
        if (added.isEmpty()) {
            return List.of();
        }
        Map<String, Set<String>> owners = new HashMap<>();
        config.allTables().forEach((Table t) -> {
            for (ColumnConfig c : t.columnConfigs()) {
                for (String s : c.synonyms()) {
                    String k = Text.synonymKey(s);
                    if (added.containsKey(k)) {
                        owners.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(FixKeys.column(t.identifier(), c.columnName()));
                    }
                }
            }
        });
        List<Violation> out = new ArrayList<>();
        added.forEach((k, col) -> {
            Set<String> o = owners.getOrDefault(k, Set.of());
            if (o.size() > 1) {
                out.add(new Violation("synonym \"" + k + "\"", Problem.SYNONYM_UNIQUE, "claimed by " + String.join(" and ", o)));
            }
        });
        return out;
    }
}
