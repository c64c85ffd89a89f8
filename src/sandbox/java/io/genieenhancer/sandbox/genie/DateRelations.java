package io.genieenhancer.sandbox.genie;

import io.genieenhancer.sandbox.genie.Knowledge.Col;
import io.genieenhancer.sandbox.genie.Knowledge.ColumnT;
import io.genieenhancer.sandbox.genie.Knowledge.FilterT;
import io.genieenhancer.sandbox.genie.Knowledge.Fragment;
import io.genieenhancer.sandbox.genie.Knowledge.TableT;
import io.genieenhancer.sandbox.genie.Knowledge.Tbl;
import io.genieenhancer.sandbox.genie.Planner.FilterReq;
import io.genieenhancer.sandbox.genie.Planner.SnippetF;
import io.genieenhancer.sandbox.genie.QuestionReader.Item;
import io.genieenhancer.sandbox.sql.TableInfo.Kind;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A condition between the dates of two events, the way a model writes it:
 * <ul>
 *   <li>{@code within N days|weeks|months|years after|of|from <event>} and {@code within the first year of
 *       <event>}: {@code A BETWEEN B AND B + INTERVAL 'N' UNIT};</li>
 *   <li>{@code within|in|on the same day|week|month|year as|that <event>}:
 *       {@code DATE_TRUNC('UNIT', A) = DATE_TRUNC('UNIT', B)}.</li>
 * </ul>
 * A is the date of the rows the phrase follows ({@link EventDates}, else the default date of the table named
 * last before it); B is the event after it: a date column named there, an event verb ("starting the
 * treatment", "the merchant was created"), or a table's default date.
 */
final class DateRelations {

    private static final int WINDOW = 6;

    private DateRelations() {
    }

    /** Reads a relation starting at item {@code i}: adds its condition and returns where reading goes on, or -1. */
    static int read(List<Item> items, int i, Knowledge k, List<FilterReq> filters, List<String> notes) {
        Item it = items.get(i);
        if (!it.isWord("within", "in", "on", "during")) {
            return -1;
        }
        int j = skip(items, i + 1, "the");
        String sql;
        int event;
        if (is(items, j, "same") && j + 1 < items.size() && unit(items.get(j + 1).norm()) != null
                && is(items, j + 2, "as", "that", "of")) {
            String unit = unit(items.get(j + 1).norm());
            event = j + 3;
            sql = "DATE_TRUNC('" + unit + "', %1$s) = DATE_TRUNC('" + unit + "', %2$s)";
        } else if (it.isWord("within")) {
            boolean first = is(items, j, "first");
            int n = first ? j + 1 : j;
            int count;
            if (n < items.size() && !items.get(n).recognised() && items.get(n).norm().matches("\\d{1,3}")) {
                count = Integer.parseInt(items.get(n).norm());
                n++;
            } else if (is(items, n, "a", "an", "one") || first) {
                count = 1;
                n += is(items, n, "a", "an", "one") ? 1 : 0;
            } else {
                return -1;
            }
            String unit = n < items.size() ? unit(items.get(n).norm()) : null;
            if (unit == null || !is(items, n + 1, "after", "of", "from", "since")) {
                return -1;
            }
            if (unit.equals("WEEK")) {
                count *= 7;
                unit = "DAY";
            }
            event = n + 2;
            sql = "%1$s BETWEEN %2$s AND %2$s + INTERVAL '" + count + "' " + unit;
        } else {
            return -1;
        }
        Optional<Col> a = subjectDate(items, i, k);
        Optional<Event> b = event(items, event, k, a);
        if (a.isEmpty() || b.isEmpty()) {
            return -1;
        }
        String condition = String.format(Locale.ROOT, sql, a.get().ref(), b.get().date().ref());
        Set<Tbl> tables = new LinkedHashSet<>(List.of(a.get().table, b.get().date().table));
        filters.add(new SnippetF(new FilterT("date relation", new Fragment(condition, Set.copyOf(tables)))));
        notes.add("dates of two events -> " + condition);
        return b.get().next();
    }

    private record Event(Col date, int next) {
    }

    /**
     * The event after the relation: the first table named there, and its date column that a word there names
     * ("starting the treatment", "the treatment start date"), else its default date; with no table, a date
     * column named there or an event verb of any table. Never {@code other}.
     */
    private static Optional<Event> event(List<Item> items, int from, Knowledge k, Optional<Col> other) {
        int stop = from;
        Optional<Tbl> table = Optional.empty();
        int end = from;
        while (stop < items.size() && stop < from + WINDOW && !(stop > from && items.get(stop).isWord("and", "or", "but", "return", "which", "who"))) {
            if (table.isEmpty() && items.get(stop).recognised() && items.get(stop).target() instanceof TableT t) {
                table = Optional.of(t.table());
                end = stop + 1;
            }
            stop++;
        }
        Optional<Col> date = Optional.empty();
        for (int j = from; j < stop && date.isEmpty(); j++) {
            Item it = items.get(j);
            if (it.recognised() && it.target() instanceof ColumnT c && c.column().kind == Kind.DATE
                    && table.map(t -> t == c.column().table).orElse(true)) {
                date = Optional.of(c.column());
            } else if (table.isPresent()) {
                date = EventDates.namedDate(table.get(), it.norm());
            } else if (!it.recognised()) {
                date = EventDates.verbDate(it.norm(), Optional.empty(), k);
            }
            if (date.isPresent()) {
                end = Math.max(end, j + 1);
            }
        }
        if (date.isEmpty()) {
            date = table.flatMap(t -> EventDates.dateOf(t, k));
        }
        if (date.isEmpty() && stop > from) {
            // "within the first year of signing up": an event of the rows the question is about (its first table)
            date = items.stream().filter(it -> it.recognised() && it.target() instanceof TableT).map(it -> ((TableT) it.target()).table())
                    .filter(t -> other.map(o -> o.table != t).orElse(true)).findFirst().flatMap(t -> EventDates.dateOf(t, k));
            end = stop;
        }
        if (date.isEmpty() || date.equals(other)) {
            return Optional.empty();
        }
        return Optional.of(new Event(date.get(), end));
    }

    /**
     * The date of the rows the relation is about: the table named last before it, and its date column that a
     * word of the clause names ("coupons ... created" -> coupons.created_at, "adverse events reported" ->
     * reported_dt), else its default date.
     */
    private static Optional<Col> subjectDate(List<Item> items, int i, Knowledge k) {
        Optional<Tbl> table = tableBefore(items, i);
        if (table.isEmpty()) {
            return EventDates.eventDate(items, i, k);
        }
        for (int b = i - 1; b >= 0 && b >= i - 2 * WINDOW; b--) {
            Item it = items.get(b);
            if (it.recognised() && it.target() instanceof ColumnT c && c.column().table == table.get() && c.column().kind == Kind.DATE) {
                return Optional.of(c.column());
            }
            Optional<Col> named = EventDates.namedDate(table.get(), it.norm());
            if (named.isPresent()) {
                return named;
            }
        }
        return EventDates.dateOf(table.get(), k);
    }

    private static Optional<Tbl> tableBefore(List<Item> items, int i) {
        for (int b = i - 1; b >= 0; b--) {
            if (items.get(b).recognised() && items.get(b).target() instanceof TableT t) {
                return Optional.of(t.table());
            }
        }
        return Optional.empty();
    }

    private static String unit(String w) {
        return switch (w) {
            case "day" -> "DAY";
            case "week" -> "WEEK";
            case "month" -> "MONTH";
            case "year" -> "YEAR";
            default -> null;
        };
    }

    private static boolean is(List<Item> items, int j, String... words) {
        return j < items.size() && items.get(j).isWord(words);
    }

    private static int skip(List<Item> items, int i, String... words) {
        int j = i;
        while (is(items, j, words)) {
            j++;
        }
        return j;
    }
}
