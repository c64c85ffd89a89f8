package io.genieenhancer.cycle;

import io.genieenhancer.analysis.AnalysisConfig;
import io.genieenhancer.evaluation.FailurePolicy;
import io.genieenhancer.fix.Confidence;

/**
 * Tunables of one enhancement cycle.
 *
 * @param minConfidence          fixes below this are not applied ("conservative fixing")
 * @param indexingWaitSeconds    how long Genie needs after an update before re-testing
 * @param entityMatchingWaitSeconds the same when entity-matching settings changed (value dictionaries rebuild)
 * @param failurePolicy          which failures drive fixes (stable only by default; flaky ones are reported)
 * @param leakageGuard           refuse example SQL that copies a benchmark question or its ground truth
 */
public record CycleSettings(Confidence minConfidence, int indexingWaitSeconds, int entityMatchingWaitSeconds,
        FailurePolicy failurePolicy, boolean leakageGuard) {

    /** The configuration's defaults ({@link CycleConfig}, {@link AnalysisConfig#MIN_CONFIDENCE}). */
    public static CycleSettings defaults() {
        return new CycleSettings(Confidence.of(AnalysisConfig.MIN_CONFIDENCE), CycleConfig.INDEXING_WAIT_SECONDS,
                CycleConfig.ENTITY_MATCHING_WAIT_SECONDS,
                CycleConfig.INCLUDE_FLAKY ? FailurePolicy.INCLUDE_FLAKY : FailurePolicy.STABLE_ONLY, CycleConfig.LEAKAGE_GUARD);
    }
}
