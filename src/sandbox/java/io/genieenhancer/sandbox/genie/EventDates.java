package io.genieenhancer.sandbox.genie;

import io.genieenhancer.sandbox.genie.Knowledge.Col;
import io.genieenhancer.sandbox.genie.Knowledge.ColumnT;
import io.genieenhancer.sandbox.genie.Knowledge.TableT;
import io.genieenhancer.sandbox.genie.Knowledge.Tbl;
import io.genieenhancer.sandbox.genie.Planner.FilterReq;
import io.genieenhancer.sandbox.genie.Planner.TimeF;
import io.genieenhancer.sandbox.genie.QuestionReader.Item;
import io.genieenhancer.sandbox.sql.TableInfo.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which date a time phrase is about, when the words just before it say so: a date column named there
 * ("with a start date in 2023"), an event verb that is a word of a date column's name ("treatments that
 * ended in 2022" -> {@code end_dt}, "merchants created last month" -> {@code created_at}), or a table of
 * events the rows had ("patients who had treatments in each of the last 3 months" -> that table's date).
 * A question can then filter two events on two dates, as a model reads it.
 */
final class EventDates {

    /** How far before the time phrase its event is looked for. */
    private static final int WINDOW = 6;

    private EventDates() {
    }

    /** Gives the time filters just read ({@code added}, a view of the plan's filters) the event date before position {@code at}. */
    static void attach(List<FilterReq> added, List<Item> items, int at, Knowledge k, List<String> notes) {
        Optional<Col> event = Optional.empty();
        for (int n = 0; n < added.size(); n++) {
            if (added.get(n) instanceof TimeF t && t.column().isEmpty()) {
                if (event.isEmpty()) {
                    event = eventDate(items, at, k);
                    if (event.isEmpty()) {
                        return;
                    }
                    notes.add("'" + t.text() + "' is about the date " + event.get());
                }
                added.set(n, new TimeF(t.from(), t.to(), t.text(), event));
            }
        }
    }

    static Optional<Col> eventDate(List<Item> items, int at, Knowledge k) {
        for (int b = at - 1; b >= 0 && b >= at - WINDOW; b--) {
            Item it = items.get(b);
            if (it.recognised()) {
                if (it.target() instanceof ColumnT c && c.column().kind == Kind.DATE && it.strength() >= Knowledge.COLUMN_DESCRIPTION) {
                    return Optional.of(c.column());
                }
                if (it.target() instanceof Knowledge.DatedT d) {
                    return Optional.of(d.date());
                }
                if (it.target() instanceof TableT t && b == at - 1 && b > 0 && items.get(b - 1).isWord("had", "have", "has")) {
                    return dateOf(t.table(), k);
                }
                continue;
            }
            Optional<Col> verb = verbDate(it.norm(), nearestTable(items, b), k);
            if (verb.isPresent()) {
                return verb;
            }
        }
        return Optional.empty();
    }

    /** The date a table's events happen on: its default date (instruction), else its first date column. */
    static Optional<Col> dateOf(Tbl t, Knowledge k) {
        return Optional.ofNullable(k.defaultDates.get(t)).or(() -> t.dateColumns().stream().findFirst());
    }

    private static Optional<Tbl> nearestTable(List<Item> items, int before) {
        for (int b = before - 1; b >= 0; b--) {
            if (items.get(b).recognised() && items.get(b).target() instanceof TableT t) {
                return Optional.of(t.table());
            }
        }
        return Optional.empty();
    }

    /** A past participle or gerund ("ended", "shipped", "starting") whose stem is a word of a date column's name. */
    static Optional<Col> verbDate(String w, Optional<Tbl> near, Knowledge k) {
        List<String> stems = stems(w);
        if (stems.isEmpty()) {
            return Optional.empty();
        }
        List<Tbl> order = new ArrayList<>();
        near.ifPresent(order::add);
        order.addAll(k.tables);
        for (Tbl t : order) {
            for (Col c : t.dateColumns()) {
                if (c.nameWords.stream().anyMatch(stems::contains)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** Words of date column names that say nothing about the event ("start_dt": "dt"; "created_at": "at"). */
    private static final java.util.Set<String> GENERIC = java.util.Set.of("date", "dt", "at", "day", "time", "ts", "timestamp", "on");

    /** The date column of {@code t} that a question word names: "start" or "starting" -> start_dt, "created" -> created_at. */
    static Optional<Col> namedDate(Tbl t, String w) {
        List<String> words = new ArrayList<>(stems(w));
        words.add(w);
        words.removeAll(GENERIC);
        return t.dateColumns().stream().filter(c -> c.nameWords.stream().anyMatch(words::contains)).findFirst();
    }

    static List<String> stems(String w) {
        List<String> out = new ArrayList<>();
        for (String suffix : List.of("ed", "ing")) {
            if (w.length() > suffix.length() + 2 && w.endsWith(suffix)) {
                String stem = w.substring(0, w.length() - suffix.length());
                out.add(w);
                out.add(stem);
                out.add(stem + "e"); // created -> create, starting -> start(e)
                int n = stem.length();
                if (stem.charAt(n - 1) == stem.charAt(n - 2)) {
                    out.add(stem.substring(0, n - 1)); // shipped -> ship
                }
            }
        }
        return out;
    }
}
