package io.genieenhancer.sandbox.genie;

import io.genieenhancer.sandbox.genie.Knowledge.Col;
import io.genieenhancer.sandbox.genie.Knowledge.DefaultFilter;
import io.genieenhancer.sandbox.genie.Knowledge.Fragment;
import io.genieenhancer.sandbox.genie.Knowledge.Tbl;
import io.genieenhancer.sandbox.genie.Planner.Agg;
import io.genieenhancer.sandbox.genie.Planner.RelatedF;
import io.genieenhancer.sandbox.genie.Planner.HavingF;
import io.genieenhancer.sandbox.genie.Planner.ColRef;
import io.genieenhancer.sandbox.genie.Planner.CompareF;
import io.genieenhancer.sandbox.genie.Planner.DiffRef;
import io.genieenhancer.sandbox.genie.Planner.ExprRef;
import io.genieenhancer.sandbox.genie.Planner.FilterReq;
import io.genieenhancer.sandbox.genie.Planner.Grain;
import io.genieenhancer.sandbox.genie.Planner.GrainRef;
import io.genieenhancer.sandbox.genie.Planner.MeasureRef;
import io.genieenhancer.sandbox.genie.Planner.MeasureReq;
import io.genieenhancer.sandbox.genie.Planner.Reading;
import io.genieenhancer.sandbox.genie.Planner.Ref;
import io.genieenhancer.sandbox.genie.Planner.SnippetF;
import io.genieenhancer.sandbox.genie.Planner.TblRef;
import io.genieenhancer.sandbox.genie.Planner.TimeF;
import io.genieenhancer.sandbox.genie.Planner.UnknownRef;
import io.genieenhancer.sandbox.genie.Planner.ValueF;
import io.genieenhancer.sandbox.sql.TableInfo.Kind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Step 3 of answering: decides the tables (root = where the measure lives), the time column, the joins
 * and the default filters, and writes the SQL.
 */
final class Composer {

    /** A piece of the query. {@code countOf} marks a row count, rendered once the joins are known. */
    record Part(String sql, String alias, Set<Tbl> tables, Tbl countOf, Set<Col> columns) {
        Part(String sql, String alias, Set<Tbl> tables) {
            this(sql, alias, tables, null, Set.of());
        }
    }

    /** The composed answer: SQL, or no SQL with the reason (Genie then asks a clarifying question). */
    record Composed(Optional<String> sql, String description, List<String> notes, boolean droppedFilter) {
    }

    private final Knowledge k;
    private final JoinGraph graph;
    private final List<String> notes = new ArrayList<>();

    Composer(Knowledge k) {
        this.k = k;
        this.graph = new JoinGraph(k);
    }

    Composed compose(Reading r, boolean dropFirstFilter) {
        notes.addAll(r.notes);
        boolean ranking = r.subject != null && r.rankByHighLow;
        List<Part> measures = new ArrayList<>();
        for (MeasureReq m : r.measures) {
            measure(m, r, ranking).ifPresent(measures::add);
        }
        measures = dedupe(measures);
        List<Part> dims = new ArrayList<>();
        List<Part> outputs = new ArrayList<>();
        for (Ref o : r.outputs) {
            if (!ListForms.ownerOfListedColumns(r, o)) {
                dimension(o, r).ifPresent(outputs::add);
            }
        }
        // an output list that names the subject's columns replaces the subject's default label
        boolean subjectListed = r.subject instanceof TblRef st && outputs.stream().anyMatch(o -> o.tables().equals(Set.of(st.table())));
        if (r.subject != null && !subjectListed) {
            dimension(r.subject, r).ifPresent(dims::add);
        }
        for (Part o : outputs) {
            boolean measured = measures.stream().anyMatch(m -> !m.columns().isEmpty() && m.columns().containsAll(o.columns()));
            if (!measured) {
                dims.add(o);
            }
        }
        List<Ref> grains = new ArrayList<>();
        for (Ref d : r.dims) {
            if (d instanceof GrainRef) {
                if (!grains.contains(d)) { // "per month (as a date) ... per month": one column
                    grains.add(d);
                }
            } else if (ListForms.ownerOfListedColumns(r, d)) {
                continue; // "for each coupon ... Return the coupon ID": the listed key, not the label too
            } else {
                dimension(d, r).ifPresent(dims::add);
            }
        }
        dims = dedupe(dims);
        List<Part> filters = new ArrayList<>();
        List<TimeF> times = new ArrayList<>();
        List<RelatedF> related = new ArrayList<>();
        List<HavingF> havings = new ArrayList<>();
        List<FilterReq> partCounts = new ArrayList<>();
        boolean weekends = false;
        for (FilterReq f : r.filters) {
            if (f instanceof Planner.CountIfF c) {
                partCounts.add(c.condition());
            } else if (f instanceof Planner.WeekendF) {
                weekends = true;
            } else if (f instanceof TimeF t) {
                times.add(t);
            } else if (f instanceof RelatedF a) {
                related.add(a);
            } else if (f instanceof HavingF h) {
                havings.add(h);
            } else {
                filters.add(filter(f));
            }
        }

        filters = eitherValue(filters);
        Tbl root = root(measures, dims, filters, r);
        if (root == null) {
            return new Composed(Optional.empty(), "", notes, false);
        }
        boolean everyRow = EveryRow.applies(r, root, measures, filters.stream().anyMatch(f -> r.everyRow == null || !Set.of(r.everyRow).containsAll(f.tables()))
                || !times.isEmpty() || !related.isEmpty() || !havings.isEmpty() || !grains.isEmpty());
        if (everyRow) {
            notes.add("'each " + r.everyRow.alias + "': every " + r.everyRow.alias + ", also those with no " + root.alias);
            root = r.everyRow;
        }
        final Tbl from = root; // the FROM table, settled: read by the lambdas below
        for (RelatedF a : related) {
            // "users who did not get a notification within a year of signing up": conditions on the related
            // rows belong inside the [NOT] EXISTS, not to the outer rows
            List<Part> inside = a.table() == root ? List.of() : filters.stream()
                    .filter(p -> p.tables().contains(a.table()) && Set.of(from, a.table()).containsAll(p.tables())).toList();
            filters.removeAll(inside);
            relatedRows(root, a, inside).ifPresent(filters::add);
        }
        boolean weekendCount = partCounts.stream().anyMatch(p -> p instanceof Planner.WeekendF);
        List<Part> partConditions = new ArrayList<>();
        if ((!times.isEmpty() || !grains.isEmpty() || weekends || weekendCount)) {
            // the event a time phrase names ("treatments that ended in 2022") beats the query's time column
            Optional<Col> timeCol = times.stream().flatMap(t -> t.column().stream()).findFirst().or(() -> timeColumn(from, r));
            if (timeCol.isEmpty()) {
                notes.add("no date column reachable from " + root.identifier + "; time phrases ignored");
            } else {
                for (Ref g : grains) {
                    dims.add(grainPart(((GrainRef) g).grain(), timeCol.get()));
                }
                for (TimeF t : times) {
                    Col c = t.column().orElse(timeCol.get());
                    List<String> conds = new ArrayList<>();
                    t.from().ifPresent(d -> conds.add(c.ref() + " >= DATE '" + d + "'"));
                    t.to().ifPresent(d -> conds.add(c.ref() + " < DATE '" + d + "'"));
                    filters.add(new Part(String.join(" AND ", conds), null, Set.of(c.table), null, Set.of(c)));
                }
                if (weekends) {
                    filters.add(weekend(timeCol.get()));
                }
                if (weekendCount) {
                    partConditions.add(weekend(timeCol.get()));
                }
            }
        }
        for (FilterReq condition : partCounts) {
            if (condition instanceof TimeF || condition instanceof RelatedF || condition instanceof HavingF) {
                // "how many of those this week": a period or a related-row test is no condition a CASE WHEN can hold here
                notes.add("part count condition not used: " + condition);
            } else if (!(condition instanceof Planner.WeekendF)) {
                partConditions.add(filter(condition));
            }
        }
        if (measures.isEmpty() && dims.isEmpty()) {
            dims.add(new Part(root.label().ref(), null, Set.of(root)));
            notes.add("nothing to measure or group; listing " + root.identifier);
        }

        // tables and joins
        Set<Tbl> needed = new LinkedHashSet<>();
        needed.add(root);
        for (List<Part> ps : List.of(measures, dims, filters, partConditions)) {
            ps.forEach(p -> needed.addAll(p.tables()));
        }
        havings.forEach(h -> needed.add(h.counted()));
        if (r.perAny != null) {
            needed.add(r.perAny);
        }
        Set<Tbl> joined = new LinkedHashSet<>(List.of(root));
        List<JoinGraph.Step> steps = new ArrayList<>();
        for (Tbl t : needed) {
            if (joined.contains(t)) {
                continue;
            }
            Optional<List<JoinGraph.Step>> path = graph.path(joined, t);
            if (path.isEmpty()) {
                notes.add("no way to join " + t.identifier + " to " + root.identifier + "; parts that need it are left out");
                continue;
            }
            for (JoinGraph.Step s : path.get()) {
                if (joined.add(s.to())) {
                    steps.add(s);
                    if (s.guessed()) {
                        notes.add("no join spec between " + s.from().identifier + " and " + s.to().identifier + "; guessed ON " + s.condition());
                    }
                }
            }
        }
        measures.removeIf(p -> !joined.containsAll(p.tables()));
        dims.removeIf(p -> !joined.containsAll(p.tables()));
        filters.removeIf(p -> !joined.containsAll(p.tables()));
        if (measures.isEmpty() && dims.isEmpty()) {
            dims.add(new Part(root.label().ref(), null, Set.of(root)));
        }

        // default filters from text instructions
        for (DefaultFilter df : k.defaultFilters) {
            boolean applies = joined.containsAll(df.condition().tables());
            boolean overridden = filters.stream().anyMatch(f -> f.columns().stream().anyMatch(df.columns()::contains));
            if (applies && !overridden) {
                filters.add(new Part(df.condition().sql(), null, df.condition().tables()));
                notes.add("instruction: always apply " + df.condition().sql());
            }
        }
        boolean dropped = false;
        if (dropFirstFilter && !filters.isEmpty()) {
            notes.add("(non-deterministic slip) forgot the filter " + filters.get(0).sql());
            filters.remove(0);
            dropped = true;
        }

        boolean hasJoins = !steps.isEmpty();
        Optional<Part> counted = measures.stream().filter(m -> m.countOf() != null).findFirst();
        for (Part condition : partConditions) {
            // "in total and on weekends": the first count again, of the rows that meet the condition only
            if (counted.isPresent() && joined.containsAll(condition.tables())) {
                Tbl t = counted.get().countOf();
                String sql = hasJoins ? "COUNT(DISTINCT CASE WHEN " + condition.sql() + " THEN " + t.primaryKey().ref() + " END)"
                        : "COUNT(CASE WHEN " + condition.sql() + " THEN 1 END)";
                measures.add(new Part(sql, "part_" + counted.get().alias(), condition.tables()));
                notes.add("a second count, of the rows where " + condition.sql());
            }
        }
        List<String> select = new ArrayList<>();
        List<String> groupBy = new ArrayList<>();
        for (Part d : dims) {
            select.add(d.alias() == null ? d.sql() : d.sql() + " AS " + d.alias());
            groupBy.add(d.sql());
        }
        Set<String> aliases = new LinkedHashSet<>();
        String orderAlias = null;
        String secondAlias = null;
        String firstMeasure = null;
        for (Part m : measures) {
            String sql = m.countOf() == null ? m.sql()
                    : hasJoins ? "COUNT(DISTINCT " + m.countOf().primaryKey().ref() + ")" : "COUNT(*)";
            sql = everyRow ? EveryRow.zeroIfNone(sql) : sql;
            String alias = m.alias();
            for (int n = 2; !aliases.add(alias); n++) {
                alias = m.alias() + "_" + n;
            }
            select.add(sql + " AS " + alias);
            if (orderAlias != null && secondAlias == null) {
                secondAlias = alias;
            }
            if (orderAlias == null) {
                orderAlias = alias;
                firstMeasure = sql;
            }
        }
        if (firstMeasure != null && r.rankFunction != null) {
            select.add(r.rankFunction + "() OVER (ORDER BY " + firstMeasure + (r.descending ? " DESC" : " ASC") + ") AS rank");
        }
        if (firstMeasure != null && r.perAny != null && joined.contains(r.perAny)) {
            // "the highest total of any customer": the measure per customer, then the largest of those
            String key = r.perAny.primaryKey().ref();
            String fn = r.descending ? "MAX" : "MIN";
            String inner = "SELECT " + key + ", " + firstMeasure + " AS " + orderAlias + "\nFROM " + root.identifier + " AS " + root.alias
                    + joins(steps) + where(filters) + "\nGROUP BY " + key;
            String sql = "SELECT " + fn + "(per_row." + orderAlias + ") AS " + fn.toLowerCase(java.util.Locale.ROOT) + "_" + orderAlias
                    + "\nFROM (\n" + inner + "\n) AS per_row";
            return new Composed(Optional.of(sql), "The " + (r.descending ? "highest" : "lowest") + " " + orderAlias.replace('_', ' ')
                    + " of any " + r.perAny.alias, notes, dropped);
        }
        List<String> having = new ArrayList<>();
        for (HavingF h : havings) {
            if (joined.contains(h.counted())) {
                String count = h.counted() == root && !hasJoins ? "COUNT(*)" : "COUNT(DISTINCT " + h.counted().primaryKey().ref() + ")";
                having.add(count + " " + h.op() + " " + h.number());
            }
        }
        if (!having.isEmpty() && groupBy.isEmpty()) {
            // "how many customers have at least 5 orders": count the groups that pass
            Col key = root.primaryKey();
            String inner = "SELECT " + key.ref() + "\nFROM " + root.identifier + " AS " + root.alias + joins(steps)
                    + where(filters) + "\nGROUP BY " + key.ref() + "\nHAVING " + String.join(" AND ", having);
            String sql = "SELECT COUNT(*) AS count_" + root.alias + "\nFROM (\n" + inner + "\n) AS qualifying";
            return new Composed(Optional.of(sql), "Number of " + root.alias + " with " + String.join(" and ", having), notes, dropped);
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        if (measures.isEmpty() && having.isEmpty()) {
            sql.append("DISTINCT ");
        }
        sql.append(String.join(", ", select));
        sql.append("\nFROM ").append(root.identifier).append(" AS ").append(root.alias);
        sql.append(everyRow ? EveryRow.leftJoins(steps) : joins(steps)).append(where(filters));
        if ((!measures.isEmpty() || !having.isEmpty()) && !groupBy.isEmpty()) {
            sql.append("\nGROUP BY ").append(String.join(", ", groupBy));
        }
        if (!having.isEmpty()) {
            sql.append("\nHAVING ").append(String.join(" AND ", having));
        }
        if (r.limit != null || ranking) {
            if (orderAlias != null) {
                sql.append("\nORDER BY ").append(orderAlias).append(r.descending ? " DESC" : " ASC");
                if (r.rankedByTwo && secondAlias != null) { // "by number of treatments and average amount"
                    sql.append(", ").append(secondAlias).append(r.descending ? " DESC" : " ASC");
                }
            }
            sql.append("\nLIMIT ").append(r.limit != null ? r.limit : 1);
        } else if (r.orderDescending != null && (orderAlias != null || !dims.isEmpty())) {
            String by = orderAlias != null ? orderAlias : dims.get(0).alias() != null ? dims.get(0).alias() : dims.get(0).sql();
            sql.append("\nORDER BY ").append(by).append(r.orderDescending ? " DESC" : " ASC");
        }
        Optional<Part> period = r.change == null || orderAlias == null ? Optional.empty() : dims.stream()
                .filter(d -> d.alias() != null && d.alias().endsWith("_" + r.change.name().toLowerCase(java.util.Locale.ROOT))).findFirst();
        if (period.isPresent()) {
            // "month-over-month change": each period's value minus the previous period's
            String lag = "per_period." + orderAlias + " - LAG(per_period." + orderAlias + ") OVER (ORDER BY per_period." + period.get().alias() + ")";
            sql.insert(0, "SELECT per_period.*, " + lag + " AS " + orderAlias + "_change\nFROM (\n");
            sql.append("\n) AS per_period\nORDER BY per_period.").append(period.get().alias());
            notes.add("change from the previous " + r.change.name().toLowerCase(java.util.Locale.ROOT) + " with LAG");
        }
        String description = describe(measures, dims, filters);
        return new Composed(Optional.of(sql.toString()), description, notes, dropped);
    }

    private static String joins(List<JoinGraph.Step> steps) {
        StringBuilder sb = new StringBuilder();
        for (JoinGraph.Step s : steps) {
            sb.append("\nJOIN ").append(s.to().identifier).append(" AS ").append(s.to().alias).append(" ON ").append(s.condition());
        }
        return sb.toString();
    }

    private static String where(List<Part> filters) {
        return filters.isEmpty() ? "" : "\nWHERE " + String.join("\n  AND ", filters.stream().map(f -> wrap(f.sql())).toList());
    }

    /**
     * NOT EXISTS over the join path from the root to {@code other}: the path's first condition correlates
     * the subquery with the outer row, the rest join inside it.
     */
    /** [NOT] EXISTS a row of the other table related to the root's row. */
    private Optional<Part> relatedRows(Tbl root, RelatedF f, List<Part> inside) {
        Tbl other = f.table();
        if (other == root) {
            return Optional.empty();
        }
        Optional<List<JoinGraph.Step>> path = graph.path(Set.of(root), other);
        if (path.isEmpty()) {
            notes.add("no way to join " + other.identifier + " to " + root.identifier + "; the condition is left out");
            return Optional.empty();
        }
        List<JoinGraph.Step> steps = path.get();
        JoinGraph.Step first = steps.get(0);
        String sub = (f.none() ? "NOT EXISTS" : "EXISTS") + " (SELECT 1 FROM " + first.to().identifier + " AS " + first.to().alias
                + joins(steps.subList(1, steps.size())).replace("\n", " ") + " WHERE " + first.condition()
                + inside.stream().map(p -> " AND " + wrap(p.sql())).reduce("", String::concat) + ")";
        return Optional.of(new Part(sub, null, Set.of(root)));
    }

    private static List<Part> dedupe(List<Part> parts) {
        List<Part> out = new ArrayList<>();
        for (Part p : parts) {
            if (out.stream().noneMatch(o -> (o.sql().equals(p.sql()) && o.countOf() == p.countOf()) || countsRowsOf(o, p.countOf())
                    || countsRowsOf(p, o.countOf()))) {
                out.add(p);
            }
        }
        return out;
    }

    /** "number of sales" next to a measure defined as COUNT(sales.id): the same count, asked for twice. */
    private static boolean countsRowsOf(Part p, Tbl t) {
        if (t == null || p.countOf() != null || !p.tables().equals(Set.of(t))) {
            return false;
        }
        String sql = p.sql().replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
        String key = t.primaryKey().ref().toLowerCase(java.util.Locale.ROOT);
        return sql.equals("count(*)") || sql.equals("count(" + key + ")") || sql.equals("count(distinct" + key + ")");
    }

    private static String wrap(String condition) {
        return condition.toUpperCase(java.util.Locale.ROOT).contains(" OR ") ? "(" + condition + ")" : condition;
    }

    private static String describe(List<Part> measures, List<Part> dims, List<Part> filters) {
        StringBuilder sb = new StringBuilder();
        sb.append(measures.isEmpty() ? "List of " : "");
        sb.append(String.join(", ", measures.stream().map(m -> m.alias().replace('_', ' ')).toList()));
        if (!dims.isEmpty()) {
            sb.append(measures.isEmpty() ? "" : " by ").append(String.join(", ",
                    dims.stream().map(d -> d.alias() != null ? d.alias() : d.sql().substring(d.sql().indexOf('.') + 1)).toList()));
        }
        if (!filters.isEmpty()) {
            sb.append(", filtered on ").append(filters.size()).append(filters.size() == 1 ? " condition" : " conditions");
        }
        return sb.toString().trim();
    }

    // ------------------------------------------------------------------------------------ parts

    private Optional<Part> measure(MeasureReq m, Reading r, boolean ranking) {
        Ref what = m.what();
        Agg agg = m.agg();
        if (agg == Agg.HIGH || agg == Agg.LOW) {
            agg = ranking ? Agg.SUM : (agg == Agg.HIGH ? Agg.MAX : Agg.MIN);
        }
        if (what instanceof MeasureRef mr) {
            Fragment f = mr.measure().expression();
            return Optional.of(new Part(f.sql(), mr.measure().alias(), f.tables()));
        }
        if (what instanceof TblRef t) {
            if (agg == Agg.AVG || agg == Agg.MAX || agg == Agg.MIN || agg == Agg.MEDIAN) {
                return numericGuess(agg, "", Optional.of(t.table()), r);
            }
            return Optional.of(count(t.table()));
        }
        if (what instanceof ColRef c) {
            Col col = c.col();
            if ((agg == Agg.COUNT || agg == Agg.SUM) && col == col.table.primaryKey()) {
                return Optional.of(count(col.table)); // "the total transaction count" named by the key: count the rows
            }
            if (agg == Agg.COUNT) {
                return Optional.of(col.measurable() ? aggregate(Agg.SUM, col) : countDistinct(col));
            }
            if ((agg == Agg.SUM || agg == Agg.AVG || agg == Agg.MEDIAN) && col.kind != Kind.NUMBER) {
                return Optional.of(countDistinct(col));
            }
            return Optional.of(aggregate(agg, col));
        }
        if (what instanceof UnknownRef u) {
            if (agg == Agg.COUNT) {
                Tbl t = u.hint().or(() -> r.mentioned.stream().findFirst())
                        .or(() -> r.filters.stream().map(Composer::tableOfFilter).flatMap(Optional::stream).findFirst())
                        .orElse(k.tables.get(0));
                if (!u.words().isBlank()) {
                    notes.add("'" + u.words() + "' is not defined in the space; counting rows of " + t.identifier);
                }
                return Optional.of(count(t));
            }
            return numericGuess(agg, u.words(), u.hint(), r);
        }
        if (what instanceof ExprRef e) {
            Fragment f = e.expression().expression();
            if (agg == Agg.AVG || agg == Agg.SUM || agg == Agg.MAX || agg == Agg.MIN || agg == Agg.MEDIAN) { // "the average session duration"
                String fn = agg.name();
                return Optional.of(new Part(fn + "(" + f.sql() + ")", fn.toLowerCase(java.util.Locale.ROOT) + "_" + e.expression().alias(), f.tables()));
            }
            return Optional.of(new Part(f.sql(), e.expression().alias(), f.tables()));
        }
        if (what instanceof DiffRef d) {
            String fn = agg == Agg.COUNT ? "SUM" : agg.name();
            return Optional.of(new Part(fn + "(" + daysBetween(d) + ")", fn.toLowerCase(java.util.Locale.ROOT) + "_days_between",
                    Set.copyOf(List.of(d.from().table, d.to().table)), null, Set.copyOf(List.of(d.from(), d.to()))));
        }
        return Optional.empty();
    }

    private static String daysBetween(DiffRef d) {
        return "DATEDIFF(" + d.to().ref() + ", " + d.from().ref() + ")";
    }

    /** An undefined measure: the first measurable column of the table at hand, else of the first table that has one. */
    private Optional<Part> numericGuess(Agg agg, String words, Optional<Tbl> hint, Reading r) {
        List<Tbl> order = new ArrayList<>();
        hint.ifPresent(order::add);
        order.addAll(r.mentioned);
        order.addAll(k.tables);
        for (Tbl t : order) {
            Optional<Col> c = t.columns.stream().filter(Col::measurable).findFirst();
            if (c.isPresent()) {
                notes.add("'" + (words.isBlank() ? "value" : words) + "' is not defined in the space; guessed " + c.get());
                return Optional.of(aggregate(agg == Agg.COUNT ? Agg.SUM : agg, c.get()));
            }
        }
        return Optional.empty();
    }

    private static Part aggregate(Agg agg, Col c) {
        String fn = agg == Agg.HIGH ? "MAX" : agg == Agg.LOW ? "MIN" : agg.name();
        return new Part(fn + "(" + c.ref() + ")", fn.toLowerCase(java.util.Locale.ROOT) + "_" + c.name, Set.of(c.table), null, Set.of(c));
    }

    private static Part countDistinct(Col c) {
        return new Part("COUNT(DISTINCT " + c.ref() + ")", "count_" + c.name, Set.of(c.table), null, Set.of(c));
    }

    private static Part count(Tbl t) {
        return new Part("", "count_" + t.alias, Set.of(t), t, Set.of());
    }

    private Optional<Part> dimension(Ref d, Reading r) {
        if (d instanceof DiffRef diff) {
            return Optional.of(new Part(daysBetween(diff), "days_between", Set.copyOf(List.of(diff.from().table, diff.to().table)), null,
                    Set.copyOf(List.of(diff.from(), diff.to()))));
        }
        if (d instanceof ColRef c) {
            return Optional.of(new Part(c.col().ref(), null, Set.of(c.col().table), null, Set.of(c.col())));
        }
        if (d instanceof TblRef t) {
            Col label = t.table().label();
            return Optional.of(new Part(label.ref(), null, Set.of(t.table()), null, Set.of(label)));
        }
        if (d instanceof ExprRef e) {
            Fragment f = e.expression().expression();
            return Optional.of(new Part(f.sql(), e.expression().alias(), f.tables()));
        }
        if (d instanceof UnknownRef u) {
            List<Tbl> order = new ArrayList<>();
            u.hint().ifPresent(order::add);
            order.addAll(r.mentioned);
            order.addAll(k.tables);
            for (Tbl t : order) {
                Optional<Col> c = t.columns.stream().filter(x -> x.kind == Kind.TEXT && !x.keyLike).findFirst();
                if (c.isPresent()) {
                    notes.add("'" + u.words() + "' is not defined in the space; grouped by " + c.get());
                    return Optional.of(new Part(c.get().ref(), null, Set.of(t), null, Set.of(c.get())));
                }
            }
        }
        return Optional.empty();
    }

    private static Part grainPart(Grain g, Col c) {
        String sql = switch (g) {
            case DAY -> c.ref();
            case WEEK -> "DATE_TRUNC('WEEK', " + c.ref() + ")";
            case MONTH -> "DATE_TRUNC('MONTH', " + c.ref() + ")";
            case QUARTER -> "DATE_TRUNC('QUARTER', " + c.ref() + ")";
            case YEAR -> "YEAR(" + c.ref() + ")";
        };
        return new Part(sql, g == Grain.DAY ? null : c.name + "_" + g.name().toLowerCase(java.util.Locale.ROOT), Set.of(c.table), null, Set.of(c));
    }

    private static final java.util.regex.Pattern EQUALS_VALUE = java.util.regex.Pattern.compile("(\\w+\\.\\w+) = '[^']*'");

    /**
     * "users in the US and Canada": a row has one value of a column, so two values asked of the same column
     * mean either of them ({@code (a OR b)}), not both.
     */
    private static List<Part> eitherValue(List<Part> filters) {
        List<Part> out = new ArrayList<>();
        for (Part f : filters) {
            java.util.regex.Matcher m = EQUALS_VALUE.matcher(f.sql());
            Optional<Part> same = !m.matches() ? Optional.empty() : out.stream()
                    .filter(o -> o.sql().startsWith(m.group(1) + " = '") || o.sql().startsWith("(" + m.group(1) + " = '")).findFirst();
            if (same.isPresent() && !same.get().sql().equals(f.sql())) {
                Part o = same.get();
                String inner = o.sql().startsWith("(") ? o.sql().substring(1, o.sql().length() - 1) : o.sql();
                out.set(out.indexOf(o), new Part("(" + inner + " OR " + f.sql() + ")", null, o.tables(), null, o.columns()));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /** Saturday or Sunday (Databricks' DAYOFWEEK: 1 is Sunday, 7 is Saturday). */
    private static Part weekend(Col date) {
        return new Part("DAYOFWEEK(" + date.ref() + ") IN (1, 7)", null, Set.of(date.table), null, Set.of(date));
    }

    private Part filter(FilterReq f) {
        if (f instanceof ValueF v) {
            return new Part(v.col().ref() + " = '" + v.value().replace("'", "''") + "'", null, Set.of(v.col().table), null, Set.of(v.col()));
        }
        if (f instanceof SnippetF s) {
            Fragment fr = s.filter().condition();
            Set<Col> cols = new LinkedHashSet<>();
            for (Tbl t : fr.tables()) {
                for (Col c : t.columns) {
                    if (fr.sql().toLowerCase(java.util.Locale.ROOT).contains(c.ref())) {
                        cols.add(c);
                    }
                }
            }
            return new Part(fr.sql(), null, fr.tables(), null, cols);
        }
        if (f instanceof CompareF c) {
            return new Part(c.col().ref() + " " + c.op() + " " + c.number(), null, Set.of(c.col().table), null, Set.of(c.col()));
        }
        throw new IllegalArgumentException(String.valueOf(f));
    }

    private static Optional<Tbl> tableOfFilter(FilterReq f) {
        if (f instanceof ValueF v) {
            return Optional.of(v.col().table);
        } else if (f instanceof SnippetF s) {
            return s.filter().condition().tables().stream().findFirst();
        } else if (f instanceof CompareF c) {
            return Optional.of(c.col().table);
        }
        return Optional.empty();
    }

    private Tbl root(List<Part> measures, List<Part> dims, List<Part> filters, Reading r) {
        for (List<Part> ps : List.of(measures, dims, filters)) {
            for (Part p : ps) {
                if (p.countOf() != null) {
                    return p.countOf();
                }
                Optional<Tbl> t = p.tables().stream().findFirst();
                if (t.isPresent()) {
                    return t.get();
                }
            }
        }
        return r.mentioned.stream().findFirst().orElse(null);
    }

    /**
     * A date column named in the question wins; otherwise the nearest table with a date column (the root
     * first), using the default date an instruction names for it, else its first date column.
     */
    private Optional<Col> timeColumn(Tbl root, Reading r) {
        if (!r.dateMentions.isEmpty()) {
            return Optional.of(r.dateMentions.get(0));
        }
        for (Tbl t : graph.byDistance(root)) {
            if (!t.dateColumns().isEmpty()) {
                Col c = k.defaultDates.getOrDefault(t, t.dateColumns().get(0));
                if (!k.defaultDates.containsKey(t) && t.dateColumns().size() > 1) {
                    notes.add(t.identifier + " has several date columns and no default; used the first, " + c);
                }
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
