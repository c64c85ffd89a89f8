package io.genieenhancer.analysis;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.fix.Confidence;
import io.genieenhancer.llm.LlmClients;
import io.genieenhancer.llm.LlmConfig;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.time.Deadline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The LLM analyser as the enhance step sees it: configured from {@code enhancer.llm.*}; when no endpoint or model is
 * configured it is {@link #enabled() disabled} and proposes nothing, so the rule-based analyser runs alone.
 */
@ApplicationScoped
public class LlmFailureAnalyzer implements FailureAnalyzer {

    @Inject
    LlmClients clients;

    @Inject
    AnalysisConfig analysis;

    @Override
    public String name() {
        return "llm";
    }

    public boolean enabled() {
        return clients.client().isPresent();
    }

    @Override
    public AnalysisResult analyze(SpaceConfig space, List<FailureEvidence> failures) {
        return analyze(space, failures, Deadline.none(java.time.Clock.systemUTC()));
    }

    @Override
    public AnalysisResult analyze(SpaceConfig space, List<FailureEvidence> failures, Deadline deadline) {
        return clients.client()
                .map(c -> new LlmAnalyzer(c, settings(clients.config(), analysis.minimum())).analyze(space, failures, deadline))
                .orElseGet(AnalysisResult::empty);
    }

    static LlmAnalyzer.Settings settings(LlmConfig config, Confidence min) {
        // a call may time out once and be retried (OpenAiChatClient's quick retries) before it gives up
        return new LlmAnalyzer.Settings(config.batchSize(), config.tokenBudget(), min, config.timeout().multipliedBy(2));
    }
}
