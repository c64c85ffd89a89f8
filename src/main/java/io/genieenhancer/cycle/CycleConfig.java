package io.genieenhancer.cycle;

import io.genieenhancer.evaluation.FailurePolicy;
import io.genieenhancer.fix.Confidence;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code enhancer.enhance.*}: see README "Configuration". The minimum confidence is {@code enhancer.analysis.*}'s. */
@ConfigMapping(prefix = "enhancer.enhance")
public interface CycleConfig {

    // the defaults, once: the annotations below and CycleSettings.defaults() read these
    int INDEXING_WAIT_SECONDS = 30;
    int ENTITY_MATCHING_WAIT_SECONDS = 90;
    boolean INCLUDE_FLAKY = false;
    boolean LEAKAGE_GUARD = true;
    int TIME_BUDGET_SECONDS = 900;

    @WithDefault(INDEXING_WAIT_SECONDS + "s")
    Duration indexingWait();

    @WithDefault(ENTITY_MATCHING_WAIT_SECONDS + "s")
    Duration entityMatchingWait();

    /** Also fix flaky questions (by default only stable failures drive fixes). */
    @WithDefault("" + INCLUDE_FLAKY)
    boolean includeFlaky();

    /** Refuse example SQL that copies a benchmark question or its ground truth. */
    @WithDefault("" + LEAKAGE_GUARD)
    boolean leakageGuard();

    /**
     * How long one {@code enhance} invocation may take, counted from its start: the Lambda's timeout (Funqy does not
     * hand the function the Lambda context, so it cannot ask for its remaining time). Set it to the enhance
     * function's timeout when that changes; a local run may set it lower.
     */
    @WithDefault(TIME_BUDGET_SECONDS + "s")
    Duration timeBudget();

    /** @param minConfidence {@code enhancer.analysis.min-confidence}, the one setting for it */
    default CycleSettings settings(Confidence minConfidence) {
        return new CycleSettings(minConfidence, (int) indexingWait().toSeconds(), (int) entityMatchingWait().toSeconds(),
                includeFlaky() ? FailurePolicy.INCLUDE_FLAKY : FailurePolicy.STABLE_ONLY, leakageGuard());
    }
}
