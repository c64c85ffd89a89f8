package io.genieenhancer.analysis;

import io.genieenhancer.fix.Fix;
import io.genieenhancer.llm.LlmUsage;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.ArrayList;
import java.util.List;

/**
 * What analysers proposed: fixes (not yet deduped or validated: that is {@code FixEngine.plan}'s job), the items
 * they could not use with the reason for each, and what the LLM cost (zero for the rule-based analyser).
 */
@RegisterForReflection
public record AnalysisResult(List<Fix> fixes, List<String> rejected, LlmUsage usage) {

    public AnalysisResult {
        fixes = List.copyOf(fixes);
        rejected = List.copyOf(rejected);
        usage = usage == null ? LlmUsage.NONE : usage;
    }

    public static AnalysisResult empty() {
        return new AnalysisResult(List.of(), List.of(), LlmUsage.NONE);
    }

    public static AnalysisResult of(List<Fix> fixes) {
        return new AnalysisResult(fixes, List.of(), LlmUsage.NONE);
    }

    /** Both analysers' results, for deduping together. */
    public AnalysisResult plus(AnalysisResult other) {
        List<Fix> f = new ArrayList<>(fixes);
        f.addAll(other.fixes);
        List<String> r = new ArrayList<>(rejected);
        r.addAll(other.rejected);
        return new AnalysisResult(f, r, usage.plus(other.usage));
    }
}
