package io.genieenhancer.cycle;

import io.genieenhancer.fix.Fix;

import java.util.List;
import java.util.Locale;

/**
 * How many of the valid fixes one enhancement cycle applies (batch-all is the default;
 * by-category and one-by-one are research / A-B modes). What a cycle does not apply is carried in the
 * run store and proposed again next iteration.
 */
public enum Strategy {
    /** Every valid fix in one update. */
    BATCH_ALL,
    /** The first category (in {@link #CATEGORY_ORDER}) that has valid fixes. */
    BY_CATEGORY,
    /** One fix: the first valid one (fixes arrive ordered by confidence, then by how many questions asked). */
    ONE_BY_ONE;

    /**
     * Category order of BY_CATEGORY: vocabulary first (cheap, local, rarely harmful), then meaning, then
     * relationships and logic, free-text guidance last.
     */
    public static final List<String> CATEGORY_ORDER = List.of("columns", "descriptions", "joins", "snippets", "examples",
            "instructions");

    public static Strategy of(String value) {
        if (value == null || value.isBlank()) {
            return BATCH_ALL;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw io.genieenhancer.error.EnhancerException.invalidInput(
                    "strategy must be BATCH_ALL, BY_CATEGORY or ONE_BY_ONE, was " + value);
        }
    }

    public static String category(Fix fix) {
        return switch (fix.type()) {
            case Fix.AddSynonym.TYPE, Fix.RemoveSynonym.TYPE, Fix.EnableEntityMatching.TYPE,
                    Fix.EnableFormatAssistance.TYPE -> "columns";
            case Fix.SetColumnDescription.TYPE, Fix.ExtendColumnDescription.TYPE, Fix.SetTableDescription.TYPE ->
                    "descriptions";
            case Fix.AddJoinSpec.TYPE, Fix.RemoveJoinSpec.TYPE -> "joins";
            case Fix.AddSqlSnippet.TYPE -> "snippets";
            case Fix.AddExampleSql.TYPE -> "examples";
            default -> "instructions";
        };
    }

    /** The fixes this strategy applies now, in their given order. */
    public List<Fix> select(List<Fix> valid) {
        return switch (this) {
            case BATCH_ALL -> valid;
            case ONE_BY_ONE -> valid.isEmpty() ? List.of() : List.of(valid.get(0));
            case BY_CATEGORY -> CATEGORY_ORDER.stream()
                    .map(c -> valid.stream().filter(f -> category(f).equals(c)).toList())
                    .filter(l -> !l.isEmpty()).findFirst().orElse(List.of());
        };
    }
}
