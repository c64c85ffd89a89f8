package io.genieenhancer.analysis;

import io.genieenhancer.fix.Confidence;
import io.genieenhancer.fix.Fix;
import io.genieenhancer.fix.FixLog;
import io.genieenhancer.fix.FixMeta;
import io.genieenhancer.fix.FixVerdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run did with fixes in its earlier iterations, read back from the run store (each iteration's fix log and
 * the run's rolled-back keys), so the analysis learns across iterations without keeping anything in memory:
 * fixes proposed, fixes cut for being below the minimum confidence, fixes applied, fixes rejected by a rollback.
 *
 * <p><b>Escalation</b>: a question that still fails and that nothing proposed now at or above the minimum
 * confidence explains gets the best fix an earlier iteration proposed for it and cut, raised to the minimum. The
 * judge and the rollback still guard it: if it makes things worse the iteration is rolled back and the fix joins
 * the rejected keys, never to be proposed again in the run.
 *
 * @param cut      fixes an earlier iteration cut below the minimum confidence, by key (latest reading)
 * @param applied  keys of fixes an earlier iteration applied
 * @param rejected keys of fixes a rollback rejected
 */
public record RunMemory(Map<String, Fix> cut, Set<String> applied, Set<String> rejected) {

    public static final RunMemory EMPTY = new RunMemory(Map.of(), Set.of(), Set.of());

    public RunMemory {
        cut = Map.copyOf(cut);
        applied = Set.copyOf(applied);
        rejected = Set.copyOf(rejected);
    }

    /** The memory of a run from its earlier iterations' fix logs (oldest first) and its rejected keys. */
    public static RunMemory of(List<FixLog> logs, Set<String> rejectedKeys) {
        Map<String, Fix> cut = new LinkedHashMap<>();
        Set<String> applied = new HashSet<>();
        for (FixLog log : logs) {
            for (FixLog.Entry e : log.entries()) {
                if (e.outcome() == FixLog.Outcome.APPLIED || e.outcome() == FixLog.Outcome.NO_OP) {
                    applied.add(e.key());
                    cut.remove(e.key());
                } else if (e.status() == FixVerdict.Status.BELOW_MIN_CONFIDENCE && e.fix() != null) {
                    cut.put(e.key(), e.fix());
                }
            }
        }
        return new RunMemory(cut, applied, rejectedKeys);
    }

    /**
     * The cut fixes to try now: one per still-failing question that no fix proposed now at or above {@code min}
     * names, the best of those earlier cut for it (or cut now: {@code proposedNow} below {@code min} count too) —
     * highest confidence, then most questions, then one that teaches a term over one that names a value — with its
     * confidence raised to {@code min} and a reason saying why.
     */
    public List<Fix> escalate(List<Fix> proposedNow, Set<String> failingIds, Confidence min) {
        Set<String> explained = new HashSet<>();
        Map<String, Fix> candidates = new LinkedHashMap<>(cut);
        for (Fix f : proposedNow) {
            if (f.meta().confidence().atLeast(min)) {
                explained.addAll(f.meta().questionIds());
            } else if (cut.containsKey(f.key())) {
                candidates.put(f.key(), f); // the same fix cut twice: its latest reading
            }
        }
        Comparator<Fix> best = Comparator.<Fix, Confidence>comparing(f -> f.meta().confidence())
                .thenComparingInt(f -> f.meta().questionIds().size())
                .thenComparingInt(RunMemory::teaches).reversed();
        List<Fix> out = new ArrayList<>();
        Set<String> chosen = new HashSet<>();
        for (String id : failingIds.stream().sorted().toList()) {
            if (explained.contains(id)) {
                continue;
            }
            candidates.values().stream()
                    .filter(f -> f.meta().questionIds().contains(id) && !rejected.contains(f.key()) && !applied.contains(f.key()))
                    .min(best)
                    .filter(f -> chosen.add(f.key()))
                    .ifPresent(f -> {
                        List<String> reasons = new ArrayList<>(f.meta().reasoning());
                        reasons.add("escalated from " + f.meta().confidence().name().toLowerCase() + ": question " + id
                                + " still fails and no other fix explains it (the judge and the rollback guard it)");
                        FixMeta m = f.meta();
                        out.add(f.withMeta(new FixMeta(m.questionIds(), reasons, min, m.source())));
                        explained.addAll(m.questionIds());
                    });
        }
        return out;
    }

    /** A fix that teaches Genie a term (a named snippet, a synonym, a description) ranks above one that does not. */
    private static int teaches(Fix f) {
        return f instanceof Fix.AddSqlSnippet || f instanceof Fix.AddSynonym || f instanceof Fix.ExtendColumnDescription
                || f instanceof Fix.SetTableDescription ? 1 : 0;
    }
}
