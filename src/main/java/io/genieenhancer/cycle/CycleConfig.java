package io.genieenhancer.cycle;

import io.genieenhancer.evaluation.FailurePolicy;
import io.genieenhancer.fix.Confidence;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code enhancer.enhance.*}: see README "Configuration". */
@ConfigMapping(prefix = "enhancer.enhance")
public interface CycleConfig {

    /** HIGH, MEDIUM or LOW: fixes below it are not applied. */
    @WithDefault("MEDIUM")
    String minConfidence();

    @WithDefault("30s")
    Duration indexingWait();

    @WithDefault("90s")
    Duration entityMatchingWait();

    /** Also fix flaky questions (by default only stable failures drive fixes). */
    @WithDefault("false")
    boolean includeFlaky();

    /** Refuse example SQL that copies a benchmark question or its ground truth. */
    @WithDefault("true")
    boolean leakageGuard();

    /**
     * How long one {@code enhance} invocation may take, counted from its start: the Lambda's timeout (Funqy does not
     * hand the function the Lambda context, so it cannot ask for its remaining time). Set it to the enhance
     * function's timeout when that changes; a local run may set it lower.
     */
    @WithDefault("900s")
    Duration timeBudget();

    default CycleSettings settings() {
        Confidence c;
        try {
            c = Confidence.of(minConfidence());
        } catch (IllegalArgumentException e) {
            throw new io.genieenhancer.error.EnhancerException(io.genieenhancer.error.ErrorCode.Internal,
                    "enhancer.enhance.min-confidence: " + e.getMessage());
        }
        return new CycleSettings(c, (int) indexingWait().toSeconds(), (int) entityMatchingWait().toSeconds(),
                includeFlaky() ? FailurePolicy.INCLUDE_FLAKY : FailurePolicy.STABLE_ONLY, leakageGuard());
    }
}
