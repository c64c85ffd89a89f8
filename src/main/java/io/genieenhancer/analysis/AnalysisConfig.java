package io.genieenhancer.analysis;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.fix.Confidence;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code enhancer.analysis.*}: which analysers run in the enhance step and how sure a fix must be to be applied
 * ("conservative fixing"). The LLM analyser's own switch and endpoint are {@code enhancer.llm.*}; it
 * runs next to the rule-based one when it is configured. Documented in docs/analysis.md.
 */
@ConfigMapping(prefix = "enhancer.analysis")
public interface AnalysisConfig {

    /** The default of {@link #minConfidence()}; also what {@code CycleSettings.defaults()} uses. */
    String MIN_CONFIDENCE = "MEDIUM";

    /**
     * Lowest confidence of a fix that is applied, whatever analyser proposed it: HIGH, MEDIUM or LOW. The one
     * setting for it: the LLM analyser drops weaker fixes when it reads its reply, the cycle cuts weaker fixes from
     * the plan.
     */
    @WithDefault(MIN_CONFIDENCE)
    String minConfidence();

    /** {@link #minConfidence()} read; a misspelt value stops the step with the property's name. */
    default Confidence minimum() {
        try {
            return Confidence.of(minConfidence());
        } catch (IllegalArgumentException e) {
            throw new EnhancerException(ErrorCode.Internal, "enhancer.analysis.min-confidence: " + e.getMessage());
        }
    }

    Rule rule();

    /** The rule-based analyser: on unless switched off here. */
    interface Rule {
        @WithDefault("true")
        boolean enabled();
    }
}
