package io.genieenhancer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genieenhancer.evaluation.AssessmentReason;

import org.junit.jupiter.api.Test;

import java.util.List;

class BatchPlanTest {

    private static final int GENEROUS = 1_000_000;

    @Test
    void withAGenerousBudgetCallsAreTheCeilingOfFailuresOverBatchSize() {
        for (int failures : new int[] {1, 7, 8, 9, 20}) {
            BatchPlan.Plan plan = BatchPlan.of(Retail.space(), Retail.manyFailures(failures), 8, GENEROUS);
            assertEquals((failures + 7) / 8, plan.batches().size(), failures + " failures");
            assertEquals(failures, plan.batches().stream().mapToInt(b -> b.failures().size()).sum());
        }
    }

    @Test
    void failuresKeepTheirOrderAcrossBatches() {
        BatchPlan.Plan plan = BatchPlan.of(Retail.space(), Retail.manyFailures(5), 2, GENEROUS);

        assertEquals(List.of(List.of("q0", "q1"), List.of("q2", "q3"), List.of("q4")),
                plan.batches().stream().map(BatchPlan.Batch::questionIds).toList());
    }

    @Test
    void theTokenBudgetClosesABatchEarly() {
        int one = BatchPlan.of(Retail.space(), Retail.manyFailures(1), 8, GENEROUS).batches().get(0).estimatedTokens();
        int two = BatchPlan.of(Retail.space(), Retail.manyFailures(2), 8, GENEROUS).batches().get(0).estimatedTokens();
        int budget = two + (two - one) / 2; // room for two failures, not three

        BatchPlan.Plan plan = BatchPlan.of(Retail.space(), Retail.manyFailures(6), 8, budget);

        assertEquals(3, plan.batches().size());
        plan.batches().forEach(b -> assertTrue(b.estimatedTokens() <= budget));
    }

    @Test
    void aFailureTooBigForTheBudgetGoesAloneWithACompactSliceOrNotAtAll() {
        FailureEvidence big = FailureEvidence.of("big", "q", "SELECT * FROM main.retail.orders", null,
                List.of(AssessmentReason.LLM_JUDGE_OTHER));
        int full = BatchPlan.of(Retail.space(), List.of(big), 8, GENEROUS).batches().get(0).estimatedTokens();
        BatchPlan.Plan compact = BatchPlan.of(Retail.space(), List.of(big), 8, full - 1);

        assertEquals(SpaceSlice.Detail.COMPACT, compact.batches().get(0).detail());

        BatchPlan.Plan none = BatchPlan.of(Retail.space(), List.of(big), 8, 100);
        assertEquals(0, none.batches().size());
        assertTrue(none.skipped().get(0).startsWith("question big: not sent to the LLM, its prompt alone is about"),
                none.skipped().get(0));
    }
}
