package io.genieenhancer.fix;

import io.genieenhancer.fix.Fix.AddSqlSnippet;
import io.genieenhancer.space.SpaceConfig.Snippet;
import io.genieenhancer.space.SpaceConfig.SqlSnippets;

import java.util.List;
import java.util.Locale;

/** Small helpers shared by the validator, the budget and the applier for SQL snippets. */
final class Snippets {

    private Snippets() {
    }

    /** The alias a measure or expression gets: the fix's own, else derived from the display name. */
    static String alias(AddSqlSnippet f) {
        if (!f.alias().isBlank()) {
            return f.alias().strip();
        }
        String a = Text.norm(f.displayName()).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (a.isEmpty()) {
            return "";
        }
        return Character.isDigit(a.charAt(0)) ? "_" + a : a.toLowerCase(Locale.ROOT);
    }

    static List<Snippet> of(SqlSnippets s, SnippetKind kind) {
        return switch (kind) {
            case FILTER -> s.filters();
            case MEASURE -> s.measures();
            case EXPRESSION -> s.expressions();
        };
    }
}
