package io.genieenhancer.evaluation;

/** One attempt at one benchmark question. NOT_SCORABLE attempts are left out of the score's denominator. */
@io.quarkus.runtime.annotations.RegisterForReflection
public enum OutcomeStatus {
    CORRECT,
    INCORRECT,
    /** The ground truth itself failed, needs manual review, or the comparison was inconclusive. */
    NOT_SCORABLE
}
