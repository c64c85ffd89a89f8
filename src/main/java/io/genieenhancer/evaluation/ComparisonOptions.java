package io.genieenhancer.evaluation;

/**
 * How strictly two result sets are compared. The defaults are Databricks' benchmark ratings
 * (https://docs.databricks.com/aws/en/genie/benchmarks#interpret-ratings), so the self-run evaluator
 * scores as an eval run does; the sandbox's judge always uses them.
 *
 * @param significantDigits numbers are rounded half-up to this many significant digits before comparing
 *                          (4, as Databricks: {@code 0.333333} and {@code 0.3333} agree, {@code 0.3333} and
 *                          {@code 0.3334} do not; {@code 12345} and {@code 12349} agree)
 * @param allowExtraColumns Genie's result may carry columns the ground truth does not have; they are then
 *                          noted, not failed. Off by default: Databricks rates extra columns BAD
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record ComparisonOptions(int significantDigits, boolean allowExtraColumns) {

    public static final ComparisonOptions DEFAULTS = new ComparisonOptions(4, false);

    public ComparisonOptions {
        if (significantDigits < 1 || significantDigits > 18) {
            throw new IllegalArgumentException("significantDigits must be 1..18, was " + significantDigits);
        }
    }
}
