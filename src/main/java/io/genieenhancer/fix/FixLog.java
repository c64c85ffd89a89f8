package io.genieenhancer.fix;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The record of one enhancement batch, stored in the run store: every deduped fix with its log fields, the
 * planning verdict (valid, invalid and why, conflict, cut) and what applying it did; the counts and the
 * {@code by_type} statistics of the fixes that changed the config. Nothing proposed is lost: a cut fix is
 * here with its reason and can be proposed again next iteration.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FixLog(
        int proposed,
        int unique,
        int valid,
        int applied,
        int noOp,
        int invalid,
        int conflicts,
        int belowMinConfidence,
        int cut,
        Map<String, Integer> byType,
        List<Entry> entries) {

    public enum Outcome {
        APPLIED, NO_OP, NOT_APPLIED
    }

    /** One deduped fix; its {@link FixMeta} fields are unwrapped, so the entry stays the flat object it always was. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Entry(
            String key,
            String type,
            String target,
            String value,
            @JsonUnwrapped FixMeta meta,
            FixVerdict.Status status,
            Outcome outcome,
            List<Problem> problems,
            String detail,
            int proposals,
            Fix fix) {
        public Entry {
            problems = List.copyOf(problems);
        }
    }

    public FixLog {
        byType = new TreeMap<>(byType);
        entries = List.copyOf(entries);
    }

    /** A plan that was not applied (dry run): every outcome is NOT_APPLIED. */
    public static FixLog of(FixPlan plan) {
        return build(plan, Map.of());
    }

    public static FixLog of(FixPlan plan, ApplyResult result) {
        Map<String, FixOutcome> byKey = new HashMap<>();
        result.outcomes().forEach(o -> byKey.put(o.key(), o));
        return build(plan, byKey);
    }

    private static FixLog build(FixPlan plan, Map<String, FixOutcome> outcomes) {
        List<Entry> entries = new ArrayList<>(plan.verdicts().size());
        Map<String, Integer> byType = new TreeMap<>();
        int applied = 0;
        int noOp = 0;
        for (FixVerdict v : plan.verdicts()) {
            FixOutcome o = outcomes.get(v.key());
            Outcome outcome = o == null ? Outcome.NOT_APPLIED : o.applied() ? Outcome.APPLIED : Outcome.NO_OP;
            if (outcome == Outcome.APPLIED) {
                applied++;
                byType.merge(v.fix().type(), 1, Integer::sum);
            } else if (outcome == Outcome.NO_OP) {
                noOp++;
            }
            Fix f = v.fix();
            entries.add(new Entry(v.key(), f.type(), f.target(), f.value(), f.meta(), v.status(), outcome, v.problems(),
                    o == null ? "" : o.detail(), v.proposals(), f));
        }
        return new FixLog(plan.proposed(), plan.verdicts().size(), plan.withStatus(FixVerdict.Status.VALID).size(), applied, noOp,
                plan.withStatus(FixVerdict.Status.INVALID).size(), plan.withStatus(FixVerdict.Status.CONFLICT).size(),
                plan.withStatus(FixVerdict.Status.BELOW_MIN_CONFIDENCE).size(), plan.withStatus(FixVerdict.Status.CUT).size(),
                byType, entries);
    }
}
