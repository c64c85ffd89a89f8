package io.genieenhancer.sandbox.genie;

import io.genieenhancer.sandbox.genie.Planner.CountIfF;
import io.genieenhancer.sandbox.genie.Planner.FilterReq;
import io.genieenhancer.sandbox.genie.Planner.WeekendF;
import io.genieenhancer.sandbox.genie.QuestionReader.Item;

import java.util.List;

/**
 * A count of part of the rows beside the count of all of them, as a model writes it: "how many payments in
 * total and on weekends", "How many of those were sent on weekends?", "Out of these, how many had treatments
 * with biologic drugs?". The condition read next is not a filter of the query but of a second count
 * ({@code COUNT(CASE WHEN <condition> ...)}); "on weekends" alone is a filter on the query's date.
 */
final class PartCounts {

    private final List<Item> items;
    /** How many filters the plan had when a "part of them" phrase was read (-1: none pending). */
    private int pendingFrom = -1;

    PartCounts(List<Item> items) {
        this.items = items;
    }

    /** Reads "in total and", "of those|these", "out of these|those" at {@code i}; returns where reading goes on, or -1. */
    int read(int i, List<FilterReq> filters, List<String> notes) {
        Item it = items.get(i);
        if (it.isWord("in") && is(i + 1, "total") && is(i + 2, "and")) {
            pendingFrom = filters.size();
            notes.add("'in total and ...': the next condition counts part of the rows");
            return i + 3;
        }
        // "out of these", "how many of those" (the count reads "how many of" itself)
        int these = it.isWord("out") && is(i + 1, "of") ? i + 2 : it.isWord("of") ? i + 1 : i;
        if (is(these, "these", "those") && these > 0 && items.get(these - 1).isWord("of")
                && (these >= 2 && items.get(these - 2).isWord("out", "many"))) {
            pendingFrom = filters.size();
            notes.add("'of these': the next condition counts part of the rows");
            return these + 1;
        }
        int before = i - 1;
        while (before >= 0 && items.get(before).isWord("the", "a")) {
            before--;
        }
        if (it.isWord("weekend", "weekends") && before >= 0 && items.get(before).isWord("on", "during", "over", "at")) {
            filters.add(new WeekendF()); // "on weekends"; "weekend payments" names a count, not a condition
            return i + 1;
        }
        return -1;
    }

    /**
     * "how many of those", or a "how many" right after "out of these": the count asked is the first one again
     * (of part of its rows), not a new measure. {@code after}: the item after "how many".
     */
    boolean countsTheSameRows(int after) {
        return pendingFrom >= 0 || (is(after, "of") && is(after + 1, "these", "those"));
    }

    /** After each step: the first condition read after a "part of them" phrase becomes a second count. */
    void settle(List<FilterReq> filters) {
        if (pendingFrom >= 0 && filters.size() > pendingFrom) {
            FilterReq condition = filters.remove(pendingFrom);
            filters.add(pendingFrom, new CountIfF(condition));
            pendingFrom = -1;
        }
    }

    private boolean is(int j, String... words) {
        return j < items.size() && items.get(j).isWord(words);
    }
}
