package io.genieenhancer.analysis;

import io.genieenhancer.space.SpaceConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The rule-based analyser as the enhance step sees it (one of the {@link FailureAnalyzer} beans the cycle runs, named
 * {@code rule}, so it runs before {@code llm}): on unless {@code enhancer.analysis.rule.enabled=false}, in which case
 * it proposes nothing.
 */
@ApplicationScoped
public class RuleFailureAnalyzer implements FailureAnalyzer {

    @Inject
    AnalysisConfig config;

    private final RuleBasedAnalyzer rules = new RuleBasedAnalyzer();

    @Override
    public String name() {
        return rules.name();
    }

    public boolean enabled() {
        return config.rule().enabled();
    }

    @Override
    public AnalysisResult analyze(SpaceConfig space, List<FailureEvidence> failures) {
        return enabled() ? rules.analyze(space, failures) : AnalysisResult.empty();
    }
}
