package io.genieenhancer.analysis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code enhancer.analysis.*}: which analysers run in the enhance step and how sure a fix must be to be applied
 * ("conservative fixing"). The LLM analyser's own switch and endpoint are {@code enhancer.llm.*}; it
 * runs next to the rule-based one when it is configured. Documented in docs/analysis.md.
 */
@ConfigMapping(prefix = "enhancer.analysis")
public interface AnalysisConfig {

    /** Lowest confidence of a fix that is applied, whatever analyser proposed it: HIGH, MEDIUM or LOW. */
    @WithDefault("MEDIUM")
    String minConfidence();

    Rule rule();

    /** The rule-based analyser: on unless switched off here. */
    interface Rule {
        @WithDefault("true")
        boolean enabled();
    }
}
