package io.genieenhancer.sandbox.genie;

import io.genieenhancer.sandbox.genie.Knowledge.Col;
import io.genieenhancer.sandbox.genie.Knowledge.ColumnT;
import io.genieenhancer.sandbox.genie.Knowledge.TableT;
import io.genieenhancer.sandbox.genie.Planner.ColRef;
import io.genieenhancer.sandbox.genie.Planner.Reading;
import io.genieenhancer.sandbox.genie.Planner.RelatedF;
import io.genieenhancer.sandbox.genie.QuestionReader.Item;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Forms of output lists and of the joins a question spells out, read for {@link Planner}:
 * "first and last name" (one noun shared by two columns), "based on joining the customers and sales
 * tables" (only rows that have a related row), "by doing a left join" (a manner, not a grouping).
 */
final class ListForms {

    private ListForms() {
    }

    /**
     * "the first and last name", "start and end date": a word followed by "and" and a column whose name
     * starts with another word; the word names the column of the same table whose name differs only in that
     * first word (first_name next to last_name). Empty when there is no such column.
     */
    static Optional<Col> elided(List<Item> items, int i) {
        Item it = items.get(i);
        if (it.end() - it.start() != 1 || i + 2 >= items.size() || !items.get(i + 1).isWord("and")) {
            return Optional.empty();
        }
        if (it.recognised() && it.strength() >= Knowledge.COLUMN_DESCRIPTION) {
            return Optional.empty(); // a word that is a column of its own
        }
        Item next = items.get(i + 2);
        if (!(next.target() instanceof ColumnT c) || c.column().nameWords.size() < 2) {
            return Optional.empty();
        }
        List<String> wanted = new ArrayList<>(c.column().nameWords);
        wanted.set(0, it.norm());
        return c.column().table.columns.stream().filter(x -> x.nameWords.equals(wanted)).findFirst();
    }

    /**
     * "based on joining the customers and sales tables", "join payments with sales": every table named
     * right after the verb must have a related row (a semi-join; the root is left out by the composer).
     * A left or outer join keeps rows without one, so it adds nothing. Returns where reading continues, or -1.
     */
    static int joining(List<Item> items, int i, Reading r) {
        Item it = items.get(i);
        if (!it.isWord("joining", "join", "joined") || (i > 0 && items.get(i - 1).isWord("left", "outer", "right", "full", "anti"))) {
            return -1;
        }
        int j = i + 1;
        int found = 0;
        while (j < items.size() && j <= i + 8) {
            Item x = items.get(j);
            if (x.target() instanceof TableT t) {
                r.filters.add(new RelatedF(t.table(), false));
                r.notes.add("'" + it.word() + " ... " + x.word() + "' -> a related row in " + t.table().identifier);
                found++;
            } else if (!x.isWord("the", "and", "with", "to", "on", "table", "tables", "a", "an")) {
                break;
            }
            j++;
        }
        return found > 0 ? j : -1;
    }

    /**
     * "total revenue (based on sale price)": a column after "based on" explains a measure; it is neither
     * an output nor a grouping. Returns where reading continues, or -1. ("based on joining ..." is a join.)
     */
    static int aside(List<Item> items, int i) {
        if (!items.get(i).isWord("based") || i + 2 >= items.size() || !items.get(i + 1).isWord("on")
                || !(items.get(i + 2).target() instanceof ColumnT)) {
            return -1;
        }
        return i + 3;
    }

    /** "by doing a left join", "by using ...": "by" before a verb in -ing is how, not what to group by. */
    static boolean byManner(List<Item> items, int i) {
        if (!items.get(i).isWord("by") || i + 1 >= items.size()) {
            return false;
        }
        Item next = items.get(i + 1);
        return !next.recognised() && next.norm().length() >= 5 && next.norm().endsWith("ing");
    }

    /** "Return the first and last stop of trips": the table whose columns the list names owns them; it is not one more column. */
    static boolean ownerOfListedColumns(Reading r, Planner.Ref o) {
        return o instanceof Planner.TblRef t && r.outputs.stream().anyMatch(x -> x instanceof ColRef c && c.col().table == t.table());
    }

    /** The table of the latest column in the output list ("Return the car ID, make, model and year": cars). */
    static Optional<Knowledge.Tbl> lastListedTable(Reading r) {
        for (int x = r.outputs.size() - 1; x >= 0; x--) {
            if (r.outputs.get(x) instanceof ColRef c) {
                return Optional.of(c.col().table);
            }
        }
        return Optional.empty();
    }
}
