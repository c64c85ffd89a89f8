package io.genieenhancer.analysis;

import io.genieenhancer.llm.ChatPrompt;
import io.genieenhancer.llm.TokenEstimate;
import io.genieenhancer.space.SpaceConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cycle's failures into LLM calls. Failures are taken in order and packed into a batch until it holds
 * {@code batchSize} failures or the next one would push the estimated prompt over {@code tokenBudget}; so a cycle
 * makes ⌈failures / batchSize⌉ calls unless the budget binds first. A failure that does not fit the budget even
 * alone is sent with a compact slice of the space; if even that is too big it is not sent, and says so.
 *
 * <p>Tokens are estimated as characters / 4 ({@link TokenEstimate}) over system + user message.
 */
public final class BatchPlan {

    /** One call: its failures and the prompt built for them. */
    public record Batch(List<FailureEvidence> failures, ChatPrompt prompt, int estimatedTokens, SpaceSlice.Detail detail) {
        public List<String> questionIds() {
            return failures.stream().map(FailureEvidence::questionId).toList();
        }
    }

    public record Plan(List<Batch> batches, List<String> skipped) {
    }

    private BatchPlan() {
    }

    public static Plan of(SpaceConfig space, List<FailureEvidence> failures, int batchSize, int tokenBudget) {
        if (batchSize < 1 || tokenBudget < 1) {
            throw new IllegalArgumentException("enhancer.llm.batch-size and token-budget must be positive");
        }
        List<Batch> batches = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<FailureEvidence> current = new ArrayList<>();
        Batch currentBatch = null;
        for (FailureEvidence f : failures) {
            if (!current.isEmpty() && current.size() < batchSize) {
                List<FailureEvidence> candidate = new ArrayList<>(current);
                candidate.add(f);
                Batch grown = batch(space, candidate, SpaceSlice.Detail.FULL);
                if (grown.estimatedTokens() <= tokenBudget) {
                    current = candidate;
                    currentBatch = grown;
                    continue;
                }
            }
            if (currentBatch != null) {
                batches.add(currentBatch);
                current = new ArrayList<>();
                currentBatch = null;
            }
            Batch alone = batch(space, List.of(f), SpaceSlice.Detail.FULL);
            if (alone.estimatedTokens() <= tokenBudget) {
                current.add(f);
                currentBatch = alone;
                continue;
            }
            Batch compact = batch(space, List.of(f), SpaceSlice.Detail.COMPACT);
            if (compact.estimatedTokens() <= tokenBudget) {
                batches.add(compact); // a compact batch is not grown: it is already at the edge of the budget
            } else {
                skipped.add("question " + f.questionId() + ": not sent to the LLM, its prompt alone is about "
                        + compact.estimatedTokens() + " tokens, over enhancer.llm.token-budget " + tokenBudget);
            }
        }
        if (currentBatch != null) {
            batches.add(currentBatch);
        }
        return new Plan(List.copyOf(batches), List.copyOf(skipped));
    }

    private static Batch batch(SpaceConfig space, List<FailureEvidence> failures, SpaceSlice.Detail detail) {
        ChatPrompt prompt = AnalysisPrompt.build(space, failures, detail);
        return new Batch(List.copyOf(failures), prompt, TokenEstimate.ofChars(prompt.length()), detail);
    }
}
