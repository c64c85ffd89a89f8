package io.genieenhancer.analysis;

import io.genieenhancer.space.SpaceConfig;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Several analysers over the same failures, their results concatenated ({@link AnalysisResult#plus}) so that the
 * fix engine dedupes and validates every proposal together: a synonym both the rules and the LLM propose becomes
 * one fix with both reasons. Runs the analysers in the given order (rules first: cheap, and they never fail).
 */
public final class CombinedAnalyzer implements FailureAnalyzer {

    private final List<FailureAnalyzer> analyzers;

    public CombinedAnalyzer(List<FailureAnalyzer> analyzers) {
        this.analyzers = List.copyOf(analyzers);
    }

    public List<FailureAnalyzer> analyzers() {
        return analyzers;
    }

    @Override
    public String name() {
        return analyzers.isEmpty() ? "none" : analyzers.stream().map(FailureAnalyzer::name).collect(Collectors.joining("+"));
    }

    @Override
    public AnalysisResult analyze(SpaceConfig space, List<FailureEvidence> failures) {
        AnalysisResult all = AnalysisResult.empty();
        for (FailureAnalyzer a : analyzers) {
            all = all.plus(a.analyze(space, failures));
        }
        return all;
    }
}
