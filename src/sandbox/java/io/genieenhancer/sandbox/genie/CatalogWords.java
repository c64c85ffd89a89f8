package io.genieenhancer.sandbox.genie;

import io.genieenhancer.sandbox.genie.Knowledge.Col;
import io.genieenhancer.sandbox.genie.Knowledge.Tbl;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The words of the catalog's own names (tables and columns), which weigh more than the same word inside a
 * description: a question that says "first and last name" or "payments made" uses the names, and a
 * question that says "received" next to a column two tables share means the table named with it.
 */
final class CatalogWords {

    private CatalogWords() {
    }

    /** Every word of every visible table and column name (normalised). */
    static Set<String> nameWords(Knowledge k) {
        Set<String> out = new HashSet<>();
        for (Tbl t : k.tables) {
            out.addAll(t.nameWords);
            for (Col c : t.columns) {
                out.addAll(c.nameWords);
            }
        }
        return out;
    }

    /** How many words of the table's name the question holds ("payments received" -> 2 for payments_received). */
    static int namedIn(Tbl t, List<String> questionWords) {
        int n = 0;
        for (String w : new HashSet<>(t.nameWords)) {
            if (questionWords.contains(w)) {
                n++;
            }
        }
        return n;
    }
}
