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

    /** Participles of the verbs that arrange results: "grouped by X" groups, it does not name an agent. */
    private static final String[] ARRANGED = {"grouped", "sorted", "ordered", "split", "broken", "ranked", "partitioned",
            "aggregated", "summarized", "summarised", "bucketed", "segmented", "organized", "organised", "arranged"};

    /** "Give me the description, treatment id and name": an output list, like "Return". */
    static boolean giveMe(List<Item> items, int i) {
        return items.get(i).isWord("give") && i + 1 < items.size() && items.get(i + 1).isWord("me");
    }

    /**
     * A group word that does not group: "across all treatments" (everything), "sent by users" (the agent of a
     * participle, like "placed by"), "offered by merchant with ID 1" (a filter). Returns where reading
     * continues, or -1 when the words do group.
     */
    static int notAGrouping(List<Item> items, int i, int after, Reading r) {
        if (items.get(i).isWord("across", "over", "by") && after < items.size() && items.get(after).isWord("all")) {
            return after + 1;
        }
        int j = after;
        while (j < items.size() && items.get(j).isWord("the", "a", "an")) {
            j++;
        }
        int withId = withId(items, j, r);
        if (withId > 0) {
            return withId;
        }
        boolean agent = items.get(i).isWord("by") && i > 0 && !items.get(i - 1).recognised() && Text.isParticiple(items.get(i - 1).norm())
                && !items.get(i - 1).isWord(ARRANGED); // "grouped by customer" groups
        if (agent && j < items.size() && items.get(j).target() instanceof TableT) {
            r.notes.add("'" + items.get(i - 1).word() + " by " + items.get(j).word() + "' names who did it; not a grouping");
            return j + 1;
        }
        return -1;
    }

    /** "the average drug amount per treatment" when the amount is a column of treatments: the measure's own rows. */
    static boolean perOwnRow(List<Item> items, int i, Planner.Ref ref, Reading r) {
        if (!items.get(i).isWord("per") || !(ref instanceof Planner.TblRef t) || r.measures.isEmpty()) {
            return false;
        }
        Planner.Ref measured = r.measures.get(r.measures.size() - 1).what();
        return measured instanceof ColRef c && c.col().table == t.table();
    }

    /** "for each salesperson", "each doctor's ...": the grouped table's rows are all answered (see {@link EveryRow}). */
    static void everyRow(List<Item> items, int i, Planner.Ref ref, Reading r) {
        boolean each = items.get(i).isWord("each", "every") || (items.get(i).isWord("for") && i + 1 < items.size() && items.get(i + 1).isWord("each", "every"));
        if (each && r.everyRow == null) {
            if (ref instanceof Planner.TblRef t) {
                r.everyRow = t.table();
            } else if (ref instanceof ColRef c) {
                r.everyRow = c.col().table;
            }
        }
    }

    private static final String[] AGGREGATE_WORDS = {"number", "count", "total", "sum", "average", "avg", "mean", "maximum", "max",
        "minimum", "min", "highest", "lowest"};

    /** "by maximum itch score and number of distinct patients": after the first measure, "and" starts a second one. */
    static boolean secondMeasureFollows(List<Item> items, int first) {
        for (int j = first + 1; j + 1 < items.size() && j <= first + 10; j++) {
            if (items.get(j).isWord("return", "for", "in", "during", "where", "with", "that", "who", "which")) {
                return false;
            }
            if (items.get(j).isWord("and") && items.get(j + 1).isWord(AGGREGATE_WORDS)) {
                return true;
            }
        }
        return false;
    }

    /**
     * "sorted by total duration with the longest duration first": a superlative, the measure's noun, then
     * "first" is the order. Returns where reading continues, or -1.
     */
    static int superlativeFirst(List<Item> items, int i, Reading r) {
        Item it = items.get(i);
        boolean high = it.isWord("longest", "highest", "largest", "biggest", "most", "latest", "newest");
        boolean low = it.isWord("shortest", "lowest", "smallest", "least", "fewest", "earliest", "oldest");
        int noun = i + 1;
        while (noun < items.size() && items.get(noun).isWord("average", "total", "mean", "median")) {
            noun++; // "the lowest average PASI score first": the measure already read
        }
        if (!(high || low) || noun + 1 >= items.size() || !items.get(noun).recognised() || !items.get(noun + 1).isWord("first")) {
            return -1;
        }
        r.orderDescending = high;
        return noun + 2;
    }

    /** "revenue amount": a column right after a measure whose SQL uses it is that measure's noun, not one more column. */
    static boolean headOfMeasure(List<Item> items, int i, Col c) {
        return i > 0 && items.get(i - 1).target() instanceof Knowledge.MeasureT m
                && m.expression().sql().toLowerCase(java.util.Locale.ROOT).contains(c.ref().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The one table whose join spec points at {@code t}'s key (transactions -> coupons.cid): the rows that
     * "use" a row of {@code t}. Empty when none or several do.
     */
    static Optional<Knowledge.Tbl> onlyReferrer(Knowledge k, Knowledge.Tbl t) {
        String key = t.primaryKey().ref().toLowerCase(java.util.Locale.ROOT);
        List<Knowledge.Tbl> referrers = k.joinSpecs.stream()
                .filter(j -> (j.left() == t || j.right() == t) && j.other(t) != t
                        && j.condition().toLowerCase(java.util.Locale.ROOT).contains(key)
                        // user_sessions.user_id is no key of sessions: it points at users
                        && !t.primaryKey().name.equals(Text.singular(j.other(t).alias) + "_id"))
                .map(j -> j.other(t)).distinct().toList();
        return referrers.size() == 1 ? Optional.of(referrers.get(0)) : Optional.empty();
    }

    /** "for all active merchants", "among the Gold customers": a table after "for"/"among" says which rows, it is not listed. */
    static boolean scope(List<Item> items, int i) {
        int j = i - 1;
        while (j >= 0 && (items.get(j).isWord("all", "the", "our") || items.get(j).target() instanceof Knowledge.ValueT
                || items.get(j).target() instanceof Knowledge.FilterT)) {
            j--;
        }
        return j >= 0 && items.get(j).isWord("for", "among", "across");
    }

    /** "Do not include merchants in the query": which rows to leave out, said about the query, not "users without merchants". */
    static boolean notInclude(List<Item> items, int i) {
        return items.get(i).isWord("not", "dont") && i + 1 < items.size() && items.get(i + 1).isWord("include", "including", "count", "counting");
    }

    /**
     * In an output list, "treatment start date" / "adverse event date": a table's name, maybe a word, then
     * "date" is that table's date column whose name holds the word (start_dt), else its default or only date
     * column. Returns where reading continues, or -1.
     */
    static int tableDate(List<Item> items, int i, Knowledge k, Reading r) {
        if (!(items.get(i).target() instanceof TableT t) || i + 1 >= items.size()) {
            return -1;
        }
        List<Col> dates = t.table().dateColumns();
        int j = i + 1;
        Optional<Col> col = Optional.empty();
        if (isDateWord(items.get(j))) {
            col = Optional.ofNullable(k.defaultDates.get(t.table())).or(() -> dates.size() == 1 ? Optional.of(dates.get(0)) : Optional.empty());
        } else if (j + 1 < items.size() && weak(items.get(j)) && isDateWord(items.get(j + 1))) {
            String word = items.get(j).norm();
            col = dates.stream().filter(c -> c.nameWords.contains(word)).findFirst();
            j++;
        }
        if (col.isEmpty()) {
            return -1;
        }
        r.outputs.add(new ColRef(col.get()));
        r.notes.add("'" + items.get(i).word() + " ... " + items.get(j).word() + "' in the output list -> " + col.get());
        return j + 1;
    }

    private static boolean weak(Item it) {
        return !it.recognised() || it.strength() <= Knowledge.NAME_WORD;
    }

    private static boolean isDateWord(Item it) {
        return weak(it) && (it.norm().equals("date") || it.norm().equals("dates"));
    }

    /** "merchant with ID 1": the table's key equals the number (a filter). Returns where reading continues, or -1. */
    static int withId(List<Item> items, int j, Reading r) {
        if (j + 3 >= items.size() || !(items.get(j).target() instanceof TableT t) || !items.get(j + 1).isWord("with")) {
            return -1;
        }
        Item id = items.get(j + 2);
        Item n = items.get(j + 3);
        if (!(id.norm().equals("id")) || n.recognised() || !n.norm().matches("\\d+")) {
            return -1;
        }
        Col key = t.table().primaryKey();
        r.filters.add(new Planner.CompareF(key, "=", n.norm()));
        r.mentioned.add(t.table());
        r.notes.add("'" + items.get(j).word() + " with ID " + n.word() + "' -> " + key + " = " + n.norm());
        return j + 4;
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
