package io.genieenhancer.fix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds repeated proposals into one fix and finds contradictions. The same fix recommended by three
 * failures becomes one fix with the three question ids and reasons; near-duplicates fold too because the
 * key is canonical (see {@link FixKeys}). The representative is the most confident proposal, the first one
 * on a tie, so the outcome does not depend on how often a weaker variant was repeated.
 */
final class Dedupe {

    /** A deduped fix, how many proposals it stands for, and its key (computed once). */
    record Merged(Fix fix, String key, int proposals) {
    }

    private Dedupe() {
    }

    static List<Merged> merge(List<Fix> fixes) {
        Map<String, List<Fix>> byKey = new LinkedHashMap<>();
        for (Fix f : fixes) {
            byKey.computeIfAbsent(f.key(), k -> new ArrayList<>(1)).add(f);
        }
        List<Merged> out = new ArrayList<>(byKey.size());
        for (var e : byKey.entrySet()) {
            List<Fix> group = e.getValue();
            Fix rep = group.get(0);
            for (Fix f : group) {
                if (f.meta().confidence().compareTo(rep.meta().confidence()) > 0) {
                    rep = f;
                }
            }
            FixMeta meta = rep.meta();
            for (Fix f : group) {
                if (f != rep) {
                    meta = meta.mergedWith(f.meta());
                }
            }
            out.add(new Merged(group.size() == 1 ? rep : rep.withMeta(meta), e.getKey(), group.size()));
        }
        return out;
    }

    static List<Conflict> conflicts(List<Merged> merged) {
        Map<String, Map<String, List<String>>> bySlot = new LinkedHashMap<>();
        Map<String, String> subjects = new LinkedHashMap<>();
        for (Merged m : merged) {
            for (FixKeys.Claim c : FixKeys.claims(m.fix())) {
                bySlot.computeIfAbsent(c.slot(), s -> new LinkedHashMap<>())
                        .computeIfAbsent(c.value(), v -> new ArrayList<>(1)).add(m.key());
                subjects.putIfAbsent(c.slot(), c.subject());
            }
        }
        List<Conflict> out = new ArrayList<>();
        for (var e : bySlot.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            Set<String> keys = new LinkedHashSet<>();
            e.getValue().values().forEach(keys::addAll);
            String reason = "proposed as " + String.join(" and as ", e.getValue().keySet().stream().map(v -> "\"" + v + "\"").toList());
            out.add(new Conflict(subjects.get(e.getKey()), reason, List.copyOf(keys)));
        }
        return out;
    }
}
