package io.genieenhancer.analysis;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.fix.Confidence;
import io.genieenhancer.fix.FixPolicy;
import io.genieenhancer.space.SpaceConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * The analysis the enhance step runs, as configured: the rule-based analyser (unless
 * {@code enhancer.analysis.rule.enabled=false}) and the LLM analyser when {@code enhancer.llm.*} configures one,
 * combined; and the confidence floor every fix must reach to be applied ({@link #policy}).
 */
@ApplicationScoped
public class FailureAnalysis {

    @Inject
    AnalysisConfig config;

    @Inject
    LlmFailureAnalyzer llm;

    private final RuleBasedAnalyzer rules = new RuleBasedAnalyzer();

    /** The analysers that run, rules first. */
    public CombinedAnalyzer analyzer() {
        return of(config.rule().enabled(), llm.enabled() ? llm : null, rules);
    }

    public AnalysisResult analyze(SpaceConfig space, List<FailureEvidence> failures) {
        return analyzer().analyze(space, failures);
    }

    public Confidence minConfidence() {
        return minConfidence(config);
    }

    /** The fix policy for the space with the configured confidence floor (leakage guard on, the space's benchmarks guarded). */
    public FixPolicy policy(SpaceConfig space) {
        return FixPolicy.defaults(space).withMinConfidence(minConfidence());
    }

    static CombinedAnalyzer of(boolean rulesEnabled, FailureAnalyzer llmOrNull, RuleBasedAnalyzer rules) {
        List<FailureAnalyzer> list = new ArrayList<>(2);
        if (rulesEnabled) {
            list.add(rules);
        }
        if (llmOrNull != null) {
            list.add(llmOrNull);
        }
        return new CombinedAnalyzer(list);
    }

    static Confidence minConfidence(AnalysisConfig config) {
        try {
            return Confidence.of(config.minConfidence());
        } catch (IllegalArgumentException e) {
            throw new EnhancerException(ErrorCode.Internal, "enhancer.analysis.min-confidence: " + e.getMessage());
        }
    }
}
