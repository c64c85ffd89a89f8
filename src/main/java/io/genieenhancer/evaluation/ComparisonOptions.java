package io.genieenhancer.evaluation;

/**
 * How strictly two result sets are compared.
 *
 * @param decimals           numbers are rounded half-up to this many decimals before comparing (4 by default:
 *                           {@code 0.333333} and {@code 0.3333} agree, {@code 0.3333} and {@code 0.3334} do not)
 * @param allowExtraColumns  Genie's result may carry columns the ground truth does not have (e.g. an
 *                           extra count next to the asked-for sum); they are noted, not failed
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record ComparisonOptions(int decimals, boolean allowExtraColumns) {

    public static final ComparisonOptions DEFAULTS = new ComparisonOptions(4, true);

    public ComparisonOptions {
        if (decimals < 0 || decimals > 12) {
            throw new IllegalArgumentException("decimals must be 0..12, was " + decimals);
        }
    }
}
