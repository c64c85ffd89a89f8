package io.genieenhancer.analysis;

import io.genieenhancer.fix.Confidence;
import io.genieenhancer.fix.Fix;
import io.genieenhancer.llm.ChatClient;
import io.genieenhancer.llm.ChatResult;
import io.genieenhancer.llm.LlmUsage;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.time.Deadline;

import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * The LLM analyser: plans the batches ({@link BatchPlan}), sends each batch's fat prompt, reads each answer with
 * {@link LlmReplyReader}. A batch whose reply is unusable costs that batch's fixes and is reported; an endpoint
 * that stays down throws {@code [LlmUnavailable]} out of {@link #analyze} (the step fails, nothing was written).
 */
public final class LlmAnalyzer implements FailureAnalyzer {

    private static final Logger LOG = Logger.getLogger(LlmAnalyzer.class);

    /**
     * Batch size, prompt token budget (estimated, chars / 4), the lowest confidence kept, and how long one batch
     * may take at worst (its call with the client's retries): no batch starts with less time left than that.
     */
    public record Settings(int batchSize, int tokenBudget, Confidence minConfidence, java.time.Duration batchAllowance) {
        /** One batch's worst case when nothing else is known: a 90 s call and one retry. */
        public static final java.time.Duration DEFAULT_BATCH_ALLOWANCE = java.time.Duration.ofSeconds(180);

        public Settings {
            if (batchSize < 1 || tokenBudget < 1) {
                throw new IllegalArgumentException("enhancer.llm.batch-size and enhancer.llm.token-budget must be positive");
            }
            minConfidence = minConfidence == null ? Confidence.MEDIUM : minConfidence;
            batchAllowance = batchAllowance == null ? DEFAULT_BATCH_ALLOWANCE : batchAllowance;
        }

        public Settings(int batchSize, int tokenBudget, Confidence minConfidence) {
            this(batchSize, tokenBudget, minConfidence, DEFAULT_BATCH_ALLOWANCE);
        }
    }

    private final ChatClient client;
    private final Settings settings;

    public LlmAnalyzer(ChatClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public AnalysisResult analyze(SpaceConfig space, List<FailureEvidence> failures) {
        return analyze(space, failures, Deadline.none(java.time.Clock.systemUTC()));
    }

    @Override
    public AnalysisResult analyze(SpaceConfig space, List<FailureEvidence> failures, Deadline deadline) {
        if (failures.isEmpty()) {
            return AnalysisResult.empty();
        }
        BatchPlan.Plan plan = BatchPlan.of(space, failures, settings.batchSize(), settings.tokenBudget());
        List<Fix> fixes = new ArrayList<>();
        List<String> rejected = new ArrayList<>(plan.skipped());
        LlmUsage usage = LlmUsage.NONE;
        for (BatchPlan.Batch batch : plan.batches()) {
            if (!deadline.allows(settings.batchAllowance())) {
                // a call cut off by the Lambda timeout would be repeated by every retry: stop while time is left
                rejected.add("LLM batch " + batch.questionIds() + ": skipped, less than "
                        + settings.batchAllowance().toSeconds() + " s of the time budget left");
                continue;
            }
            LOG.debugf("LLM batch %s: about %d prompt tokens (%s slice)", batch.questionIds(), batch.estimatedTokens(),
                    batch.detail());
            ChatResult result = client.complete(batch.prompt());
            usage = usage.plus(result.usage());
            if (result instanceof ChatResult.Answer answer) {
                LlmReplyReader.Read read = LlmReplyReader.read(answer.content(), answer.truncated(), batch.questionIds(),
                        settings.minConfidence());
                fixes.addAll(read.fixes());
                rejected.addAll(read.rejected());
            } else if (result instanceof ChatResult.Unusable unusable) {
                rejected.add("LLM batch " + batch.questionIds() + ": " + unusable.reason());
            }
        }
        rejected.forEach(r -> LOG.infof("LLM item rejected: %s", r));
        LOG.infof("LLM analysis of %d failures: %d calls, %d prompt + %d completion tokens, %d fixes proposed, %d items rejected",
                failures.size(), usage.calls(), usage.promptTokens(), usage.completionTokens(), fixes.size(), rejected.size());
        return new AnalysisResult(fixes, rejected, usage);
    }
}
