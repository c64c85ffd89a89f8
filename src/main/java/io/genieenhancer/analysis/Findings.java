package io.genieenhancer.analysis;

import io.genieenhancer.fix.Confidence;
import io.genieenhancer.fix.Fix;
import io.genieenhancer.fix.FixMeta;
import io.genieenhancer.fix.FixSource;
import io.genieenhancer.llm.LlmUsage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the rules found, before it becomes fixes: every finding is one rule's reading of one failure. The same
 * fix found in several failures becomes one fix carrying every question id and reason; seen in two or more
 * failures it is HIGH confidence (two independent failures agreeing is the rule-based analyser's strongest
 * evidence). Findings that claim one thing two ways (one word as synonym of two columns, one snippet name for two
 * SQLs) are settled here by majority, so the fix engine gets no self-made conflicts; a tie drops both, with the
 * reason in {@code rejected}.
 */
final class Findings {

    /**
     * One rule's proposal from one failure. {@code claim} names what the fix decides exclusively (e.g.
     * {@code synonym:revenue}) and {@code claimValue} how; empty when the fix decides nothing exclusively.
     */
    record Finding(String rule, Fix fix, String questionId, Confidence confidence, String reasoning, String claim,
            String claimValue) {
    }

    /** Reasons kept per fix: enough to judge it, short enough for the fix log. */
    static final int MAX_REASONS = 5;

    private final List<Finding> all = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();

    void add(String rule, Fix fix, String questionId, Confidence confidence, String reasoning) {
        all.add(new Finding(rule, fix, questionId, confidence, reasoning, "", ""));
    }

    void add(String rule, Fix fix, String questionId, Confidence confidence, String reasoning, String claim, String claimValue) {
        all.add(new Finding(rule, fix, questionId, confidence, reasoning, claim, claimValue));
    }

    void reject(String why) {
        rejected.add(why);
    }

    List<Finding> all() {
        return all;
    }

    AnalysisResult result() {
        List<Finding> kept = settleClaims();
        Map<String, List<Finding>> byKey = new LinkedHashMap<>();
        for (Finding f : kept) {
            byKey.computeIfAbsent(f.fix().key(), k -> new ArrayList<>()).add(f);
        }
        List<Fix> fixes = new ArrayList<>(byKey.size());
        for (List<Finding> group : byKey.values()) {
            Set<String> ids = new LinkedHashSet<>();
            Set<String> reasons = new LinkedHashSet<>();
            int untold = 0;
            for (Finding f : group) {
                ids.add(f.questionId());
                String r = f.rule() + ": " + f.reasoning();
                if (reasons.size() < MAX_REASONS) {
                    reasons.add(r);
                } else if (!reasons.contains(r)) {
                    untold++;
                }
            }
            if (untold > 0) {
                reasons.add("... and " + untold + " more readings of the same (question ids above)");
            }
            Confidence c = combined(group, ids.size());
            fixes.add(group.get(0).fix().withMeta(new FixMeta(List.copyOf(ids), List.copyOf(reasons), c, FixSource.RULE)));
        }
        return new AnalysisResult(fixes, rejected, LlmUsage.NONE);
    }

    /**
     * The strongest single reading; two failures agreeing lift MEDIUM to HIGH and LOW to MEDIUM (two guesses that
     * agree are still partly guesses).
     */
    static Confidence combined(List<Finding> group, int questions) {
        Confidence best = group.stream().map(Finding::confidence).max(Comparator.naturalOrder()).orElse(Confidence.LOW);
        if (questions >= 2) {
            long solid = group.stream().filter(f -> f.confidence().atLeast(Confidence.MEDIUM)).map(Finding::questionId).distinct().count();
            if (solid >= 2) {
                return Confidence.HIGH;
            }
            return best.atLeast(Confidence.MEDIUM) ? best : Confidence.MEDIUM;
        }
        return best;
    }

    /** Per claim, the value most failures support wins; a tie keeps none of them. */
    private List<Finding> settleClaims() {
        Map<String, Map<String, Set<String>>> support = new LinkedHashMap<>();
        for (Finding f : all) {
            if (!f.claim().isEmpty()) {
                support.computeIfAbsent(f.claim(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(f.claimValue(), k -> new LinkedHashSet<>()).add(f.questionId());
            }
        }
        Map<String, String> winner = new LinkedHashMap<>();
        support.forEach((claim, values) -> {
            if (values.size() == 1) {
                winner.put(claim, values.keySet().iterator().next());
                return;
            }
            int max = values.values().stream().mapToInt(Set::size).max().orElse(0);
            List<String> top = values.entrySet().stream().filter(e -> e.getValue().size() == max).map(Map.Entry::getKey).toList();
            if (top.size() == 1) {
                winner.put(claim, top.get(0));
                values.forEach((v, ids) -> {
                    if (!v.equals(top.get(0))) {
                        rejected.add("rule: " + claim + " = " + v + " (questions " + ids + ") dropped: more failures say "
                                + top.get(0) + " (" + max + ")");
                    }
                });
            } else {
                rejected.add("rule: " + claim + " is ambiguous, the failures say " + values.keySet() + " equally often; nothing proposed");
            }
        });
        List<Finding> out = new ArrayList<>(all.size());
        for (Finding f : all) {
            if (f.claim().isEmpty() || f.claimValue().equals(winner.get(f.claim()))) {
                out.add(f);
            }
        }
        return out;
    }
}
