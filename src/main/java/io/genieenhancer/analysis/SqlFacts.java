package io.genieenhancer.analysis;

import io.genieenhancer.space.SpaceConfig;

import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one query says, in the terms the rules compare: the tables, the joins (column = column between two
 * tables), the WHERE conjuncts, the select items (plain columns, aggregates, derived expressions) and the
 * grouping, every column resolved to its table and every expression printed with canonical qualifiers (the
 * table's short name, {@link Tables#qualifier}), so that {@code o.status = 'X'} in the expected SQL and
 * {@code orders.status = 'X'} in Genie's SQL compare equal.
 *
 * <p>Reads the top-level SELECT (the first branch of a UNION, the main query after WITH) with JSqlParser, the
 * parser the fix engine checks SQL with; SQL it cannot read gives {@link #parsed()} false and the rules that
 * need structure skip that failure. Correlated subqueries are kept whole inside their predicate, with the outer
 * query's qualifiers made canonical, so a predicate like {@code NOT EXISTS (...)} can become a snippet.
 */
final class SqlFacts {

    /** A column of a table: the space's table identifier (or the name as written, lower case) and the column, lower case. */
    record ColumnRef(String table, String column) {
        @Override
        public String toString() {
            return table + "." + column;
        }
    }

    /** {@code left = right} with the two columns in different tables. */
    record JoinEdge(ColumnRef left, ColumnRef right) {
    }

    /**
     * One WHERE conjunct. {@code equalsColumn} is set for {@code column = 'literal'} and {@code column IN ('a', 'b')};
     * {@code dateLike} when it constrains a date (a DATE literal, a date function, or a column named like a date).
     */
    record Predicate(String sql, Set<ColumnRef> columns, List<String> strings, List<String> numbers, boolean dateLike,
            Optional<ColumnRef> equalsColumn) {
    }

    enum ItemKind {
        /** A bare column. */
        COLUMN,
        /** COUNT(*), or SUM, AVG, MIN, MAX ... over one bare column: the column is the thing to name. */
        SIMPLE_AGGREGATE,
        /**
         * Any other expression with an aggregate in it: SUM(x * y), SUM(a) / COUNT(DISTINCT b), and COUNT(x) /
         * COUNT(DISTINCT x), whose meaning ("buyers") is not the column's.
         */
        MEASURE,
        /** A derived value without aggregate: YEAR(d), CASE ... END, a * b. */
        EXPRESSION,
        /** A literal or anything without a column. */
        CONSTANT
    }

    /** A select or group-by item. {@code aggregate} is the function name for SIMPLE_AGGREGATE ({@code count} for COUNT(*)). */
    record Item(String sql, Optional<String> alias, ItemKind kind, Optional<String> aggregate, boolean distinct,
            Set<ColumnRef> columns) {
        boolean countStar() {
            return kind == ItemKind.SIMPLE_AGGREGATE && columns.isEmpty();
        }
    }

    private static final Set<String> AGGREGATES = Set.of("sum", "count", "avg", "min", "max", "median", "stddev", "variance",
            "count_if", "approx_count_distinct", "percentile", "percentile_approx", "any_value", "first", "last", "collect_set",
            "collect_list", "array_agg", "string_agg", "listagg", "mode", "sum_distinct", "avg_distinct", "bool_and", "bool_or",
            "every", "some", "max_by", "min_by", "try_sum", "try_avg");
    private static final Set<String> DATE_FUNCTIONS = Set.of("year", "month", "quarter", "day", "week", "weekofyear",
            "dayofweek", "dayofmonth", "dayofyear", "date_trunc", "trunc", "date", "to_date", "date_format", "extract",
            "date_add", "date_sub", "datediff", "add_months", "last_day", "current_date", "current_timestamp", "now", "hour");

    private final boolean parsed;
    private final String problem;
    private final Optional<String> root;
    private final Set<String> tables = new LinkedHashSet<>();
    private final List<JoinEdge> joins = new ArrayList<>();
    private final List<Predicate> predicates = new ArrayList<>();
    private final List<Item> selectItems = new ArrayList<>();
    private final List<Item> groupBy = new ArrayList<>();
    private final Set<ColumnRef> columns = new LinkedHashSet<>();
    private final Tables names;

    private SqlFacts(String problem) {
        this.names = null;
        this.parsed = false;
        this.problem = problem;
        this.root = Optional.empty();
    }

    private SqlFacts(PlainSelect select, Tables names) {
        this.names = names;
        this.parsed = true;
        this.problem = "";
        Scope scope = Scope.of(select, names, null);
        Canonicaliser canon = new Canonicaliser(scope, names);
        this.root = scope.root;
        tables.addAll(scope.byQualifier.values());
        select.setWhere(repairIn(select.getWhere()));
        select.setHaving(repairIn(select.getHaving()));

        Set<String> selectAliases = new HashSet<>();
        for (SelectItem<?> si : select.getSelectItems()) {
            if (si.getAlias() != null) {
                selectAliases.add(ident(si.getAlias().getName()));
            }
        }
        canon.selectAliases = selectAliases;

        List<Expression> conditions = new ArrayList<>();
        if (select.getJoins() != null) {
            for (Join j : select.getJoins()) {
                for (Expression on : j.getOnExpressions()) {
                    conditions.addAll(conjuncts(repairIn(on)));
                }
            }
        }
        for (Expression c : conditions) {
            canon.apply(c);
            edge(c).ifPresent(joins::add);
        }
        if (select.getWhere() != null) {
            for (Expression c : conjuncts(select.getWhere())) {
                Set<ColumnRef> used = canon.apply(c);
                columns.addAll(used);
                Optional<JoinEdge> e = edge(c);
                if (e.isPresent()) {
                    joins.add(e.get()); // an implicit join written in WHERE
                } else {
                    predicates.add(predicate(c, used));
                }
            }
        }
        for (SelectItem<?> si : select.getSelectItems()) {
            Expression e = si.getExpression();
            if (e instanceof AllColumns) {
                continue;
            }
            Set<ColumnRef> used = canon.apply(e);
            columns.addAll(used);
            selectItems.add(item(e, si.getAlias() == null ? Optional.empty() : Optional.of(ident(si.getAlias().getName())), used));
        }
        if (select.getGroupBy() != null && select.getGroupBy().getGroupByExpressionList() != null) {
            for (Object o : select.getGroupBy().getGroupByExpressionList()) {
                Expression e = (Expression) o;
                if (e instanceof LongValue pos && pos.getValue() >= 1 && pos.getValue() <= selectItems.size()) {
                    groupBy.add(selectItems.get((int) pos.getValue() - 1)); // GROUP BY 1
                    continue;
                }
                Set<ColumnRef> used = canon.apply(e);
                if (e instanceof Column c && used.isEmpty() && selectAliases.contains(ident(c.getColumnName()))) {
                    String alias = ident(c.getColumnName());
                    selectItems.stream().filter(i -> i.alias().orElse("").equals(alias)).findFirst().ifPresent(groupBy::add);
                    continue;
                }
                columns.addAll(used);
                groupBy.add(item(e, Optional.empty(), used));
            }
        }
        if (select.getHaving() != null) {
            columns.addAll(canon.apply(select.getHaving()));
        }
    }

    /** A query read by the parser once: its main SELECT, or why there is none. */
    record Parsed(Optional<PlainSelect> select, String problem) {
    }

    /** Parses {@code sql}; never throws: SQL that does not parse gives no SELECT and the reason. */
    static Parsed read(String sql) {
        if (sql == null || sql.isBlank()) {
            return new Parsed(Optional.empty(), "no SQL");
        }
        Statement st;
        try {
            st = parse(sql);
        } catch (Exception | StackOverflowError e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            int nl = m.indexOf('\n');
            return new Parsed(Optional.empty(), "does not parse: " + (nl < 0 ? m : m.substring(0, nl)));
        }
        Optional<PlainSelect> main = mainSelect(st);
        return new Parsed(main, main.isPresent() ? "" : "is not a SELECT query");
    }

    /**
     * The facts of a parsed query. Rewrites the parsed tree's qualifiers in place: learn the batch's columns
     * ({@link #learnColumns}) from every query before reading facts from any.
     */
    static SqlFacts of(Parsed parsed, Tables names) {
        return parsed.select().map(s -> new SqlFacts(s, names)).orElseGet(() -> new SqlFacts(parsed.problem()));
    }

    /** Parses, learns and reads one query on its own (tests, single failures). */
    static SqlFacts of(String sql, Tables names) {
        Parsed p = read(sql);
        learnColumns(p, names);
        return of(p, names);
    }

    static Statement parse(String sql) throws Exception {
        // the simple grammar first (fast), the complex one only for what it cannot read, as CCJSqlParserUtil.parse does
        try {
            return CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(false).Statement();
        } catch (Exception e) {
            return CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(true).Statement();
        }
    }

    /**
     * Columns a query shows belong to a table: qualified ones, and unqualified ones of a one-table query. Learnt
     * from every SQL of a batch first, so that an unqualified column of a join query can be placed.
     */
    static void learnColumns(Parsed parsed, Tables names) {
        parsed.select().ifPresent(s -> {
            Scope scope = Scope.of(s, names, null);
            new ExpressionVisitorAdapter<Void>() {
                @Override
                public <S> Void visit(Column column, S context) {
                    Table t = column.getTable();
                    String q = t == null || t.getFullyQualifiedName() == null ? "" : ident(t.getFullyQualifiedName());
                    String table = q.isEmpty() ? (new HashSet<>(scope.byQualifier.values()).size() == 1 ? scope.root.orElse(null) : null)
                            : scope.byQualifier.get(q);
                    if (table != null) {
                        names.learn(table, ident(column.getColumnName()));
                    }
                    return null;
                }

                @Override
                public <S> Void visit(Select select, S context) {
                    return null;
                }

                void walk(PlainSelect p) {
                    p.getSelectItems().forEach(i -> {
                        if (!(i.getExpression() instanceof AllColumns)) {
                            i.getExpression().accept(this, null);
                        }
                    });
                    if (p.getWhere() != null) {
                        p.getWhere().accept(this, null);
                    }
                    if (p.getJoins() != null) {
                        p.getJoins().forEach(j -> j.getOnExpressions().forEach(e -> e.accept(this, null)));
                    }
                }
            }.walk(s);
        });
    }

    private static Optional<PlainSelect> mainSelect(Statement st) {
        Statement s = st;
        while (true) {
            if (s instanceof PlainSelect p) {
                return Optional.of(p);
            }
            if (s instanceof ParenthesedSelect ps && ps.getSelect() != null) {
                s = ps.getSelect();
            } else if (s instanceof SetOperationList sol && !sol.getSelects().isEmpty()) {
                s = sol.getSelects().get(0);
            } else {
                return Optional.empty();
            }
        }
    }

    // ------------------------------------------------------------------------------------ reading

    /**
     * Undoes JSqlParser 5.3's mis-parse of {@code a IN (...) AND b} as {@code a IN ((...) AND b)} (JSqlParser issues
     * #2244, #2282, #2439; fixed after 5.3): the list is taken back into the IN and the IN put where the list was, so
     * the conditions split as written. Other trees are returned as they are.
     */
    static Expression repairIn(Expression e) {
        if (e == null) {
            return null;
        }
        if (e instanceof InExpression in && (in.getRightExpression() instanceof AndExpression
                || in.getRightExpression() instanceof OrExpression)) {
            BinaryExpression root = (BinaryExpression) in.getRightExpression();
            BinaryExpression bottom = root;
            while (bottom.getLeftExpression() instanceof AndExpression || bottom.getLeftExpression() instanceof OrExpression) {
                bottom = (BinaryExpression) bottom.getLeftExpression();
            }
            if (bottom.getLeftExpression() instanceof ExpressionList<?>) {
                in.setRightExpression(bottom.getLeftExpression());
                bottom.setLeftExpression(in);
                return repairIn(root);
            }
            return e;
        }
        if (e instanceof AndExpression || e instanceof OrExpression) {
            BinaryExpression b = (BinaryExpression) e;
            b.setLeftExpression(repairIn(b.getLeftExpression()));
            b.setRightExpression(repairIn(b.getRightExpression()));
            return b;
        }
        if (e instanceof NotExpression not) {
            not.setExpression(repairIn(not.getExpression()));
            return not;
        }
        if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            @SuppressWarnings("unchecked")
            ParenthesedExpressionList<Expression> list = (ParenthesedExpressionList<Expression>) p;
            list.set(0, repairIn(list.get(0)));
            return list;
        }
        return e;
    }

    /** The AND-ed parts of a condition, parentheses around a single condition dropped. */
    static List<Expression> conjuncts(Expression e) {
        List<Expression> out = new ArrayList<>();
        Expression x = unwrap(e);
        if (x instanceof AndExpression and) {
            out.addAll(conjuncts(and.getLeftExpression()));
            out.addAll(conjuncts(and.getRightExpression()));
        } else {
            out.add(x);
        }
        return out;
    }

    private static Expression unwrap(Expression e) {
        Expression x = e;
        while (x instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            x = p.get(0);
        }
        return x;
    }

    private Optional<JoinEdge> edge(Expression c) {
        if (c instanceof EqualsTo eq && unwrap(eq.getLeftExpression()) instanceof Column l
                && unwrap(eq.getRightExpression()) instanceof Column r && l.getTable() != null && r.getTable() != null) {
            ColumnRef a = ref(l);
            ColumnRef b = ref(r);
            if (a != null && b != null && !a.table().equals(b.table())) {
                return Optional.of(new JoinEdge(a, b));
            }
        }
        return Optional.empty();
    }

    private Predicate predicate(Expression c, Set<ColumnRef> used) {
        List<String> strings = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        boolean[] date = {false};
        c.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(StringValue v, S context) {
                strings.add(v.getValue().replace("''", "'"));
                return null;
            }

            @Override
            public <S> Void visit(LongValue v, S context) {
                numbers.add(v.getStringValue());
                return null;
            }

            @Override
            public <S> Void visit(DoubleValue v, S context) {
                numbers.add(String.valueOf(v.getValue()));
                return null;
            }

            @Override
            public <S> Void visit(DateTimeLiteralExpression v, S context) {
                date[0] = true;
                return null;
            }

            @Override
            public <S> Void visit(CastExpression v, S context) {
                String type = v.getColDataType() == null ? "" : v.getColDataType().getDataType().toLowerCase(Locale.ROOT);
                if (type.startsWith("date") || type.startsWith("timestamp")) {
                    date[0] = true; // DATE '2024-01-01' is read as a cast; its string is a date, not a value
                    return null;
                }
                return super.visit(v, context);
            }

            @Override
            public <S> Void visit(DateValue v, S context) {
                date[0] = true;
                return null;
            }

            @Override
            public <S> Void visit(TimestampValue v, S context) {
                date[0] = true;
                return null;
            }

            @Override
            public <S> Void visit(Function f, S context) {
                if (DATE_FUNCTIONS.contains(f.getName().toLowerCase(Locale.ROOT))) {
                    date[0] = true;
                }
                return super.visit(f, context);
            }

            @Override
            public <S> Void visit(Select s, S context) {
                return null; // a subquery's literals are not this predicate's values
            }
        }, null);
        if (!date[0] && !used.isEmpty() && used.stream().allMatch(r -> dateNamed(r.column())) && strings.isEmpty()) {
            date[0] = true;
        }
        Optional<ColumnRef> eqColumn = Optional.empty();
        if (c instanceof EqualsTo eq) {
            Expression l = unwrap(eq.getLeftExpression());
            Expression r = unwrap(eq.getRightExpression());
            if (l instanceof Column col && r instanceof StringValue) {
                eqColumn = Optional.ofNullable(ref(col));
            } else if (r instanceof Column col && l instanceof StringValue) {
                eqColumn = Optional.ofNullable(ref(col));
            }
        } else if (c instanceof InExpression in && !in.isNot() && unwrap(in.getLeftExpression()) instanceof Column col
                && in.getRightExpression() instanceof ExpressionList<?> list
                && list.stream().allMatch(x -> x instanceof StringValue)) {
            eqColumn = Optional.ofNullable(ref(col));
        }
        return new Predicate(c.toString(), Set.copyOf(used), List.copyOf(strings), List.copyOf(numbers), date[0], eqColumn);
    }

    static boolean dateNamed(String column) {
        String c = column.toLowerCase(Locale.ROOT);
        return c.endsWith("_dt") || c.endsWith("_date") || c.startsWith("date_") || c.equals("date") || c.endsWith("_at")
                || c.endsWith("_ts") || c.endsWith("_time") || c.endsWith("_day") || c.endsWith("timestamp");
    }

    private static Item item(Expression e, Optional<String> alias, Set<ColumnRef> used) {
        Expression x = unwrap(e);
        String sql = x.toString();
        if (x instanceof Column && used.size() == 1) {
            return new Item(sql, alias, ItemKind.COLUMN, Optional.empty(), false, Set.copyOf(used));
        }
        if (x instanceof Function f && isAggregate(f)) {
            ExpressionList<?> params = f.getParameters();
            boolean star = f.isAllColumns() || params == null || params.isEmpty()
                    || (params.size() == 1 && params.get(0) instanceof AllColumns);
            String fn = f.getName().toLowerCase(Locale.ROOT);
            if (star && fn.equals("count")) {
                return new Item(sql, alias, ItemKind.SIMPLE_AGGREGATE, Optional.of("count"), false, Set.of());
            }
            if (params != null && params.size() == 1 && unwrap(params.get(0)) instanceof Column && used.size() == 1
                    && !fn.equals("count")) {
                return new Item(sql, alias, ItemKind.SIMPLE_AGGREGATE, Optional.of(fn), f.isDistinct(), Set.copyOf(used));
            }
            return new Item(sql, alias, ItemKind.MEASURE, Optional.of(fn), f.isDistinct(), Set.copyOf(used));
        }
        if (containsAggregate(x)) {
            return new Item(sql, alias, ItemKind.MEASURE, Optional.empty(), false, Set.copyOf(used));
        }
        if (used.isEmpty()) {
            return new Item(sql, alias, ItemKind.CONSTANT, Optional.empty(), false, Set.of());
        }
        return new Item(sql, alias, ItemKind.EXPRESSION, Optional.empty(), false, Set.copyOf(used));
    }

    private static boolean isAggregate(Function f) {
        return AGGREGATES.contains(f.getName().toLowerCase(Locale.ROOT)) && f.getName().indexOf('.') < 0;
    }

    private static boolean containsAggregate(Expression e) {
        boolean[] found = {false};
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Function f, S context) {
                if (isAggregate(f)) {
                    found[0] = true;
                }
                return super.visit(f, context);
            }

            @Override
            public <S> Void visit(Select s, S context) {
                return null;
            }
        }, null);
        return found[0];
    }

    static String ident(String name) {
        return name.replace("`", "").replace("\"", "").strip().toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------------------------ scopes

    /** The tables a SELECT reads, by every qualifier that names them (alias, name, identifier). */
    private static final class Scope {
        final Map<String, String> byQualifier = new HashMap<>();
        /** Qualifiers defined by this scope's own FROM (not inherited). */
        final Set<String> own = new HashSet<>();
        final Scope outer;
        Optional<String> root = Optional.empty();

        private Scope(Scope outer) {
            this.outer = outer;
        }

        static Scope of(PlainSelect s, Tables names, Scope outer) {
            Scope scope = new Scope(outer);
            scope.root = scope.add(s.getFromItem(), names);
            if (s.getJoins() != null) {
                for (Join j : s.getJoins()) {
                    scope.add(j.getFromItem(), names);
                }
            }
            return scope;
        }

        private Optional<String> add(FromItem item, Tables names) {
            if (!(item instanceof Table t)) {
                return Optional.empty();
            }
            String written = ident(t.getFullyQualifiedName());
            String table = names.resolve(written);
            if (t.getAlias() != null) {
                put(ident(t.getAlias().getName()), table);
            }
            put(written, table);
            put(table, table);
            put(Tables.lastPart(written), table);
            return Optional.of(table);
        }

        private void put(String qualifier, String table) {
            byQualifier.putIfAbsent(qualifier, table);
            own.add(qualifier);
        }

        /** The table a qualifier names here or in an enclosing query. */
        Optional<Found> find(String qualifier) {
            for (Scope s = this; s != null; s = s.outer) {
                String t = s.byQualifier.get(qualifier);
                if (t != null) {
                    return Optional.of(new Found(t, s == this));
                }
            }
            return Optional.empty();
        }

        /** The one table of this scope that has the column, when exactly one has it. */
        Optional<String> owner(String column, Tables names) {
            Set<String> candidates = new LinkedHashSet<>(byQualifier.values());
            if (candidates.size() == 1) {
                return Optional.of(candidates.iterator().next());
            }
            List<String> having = candidates.stream().filter(t -> names.hasColumn(t, column)).toList();
            return having.size() == 1 ? Optional.of(having.get(0)) : Optional.empty();
        }
    }

    private record Found(String table, boolean local) {
    }

    /**
     * Resolves every column of an expression to its table and rewrites it in place: top-level and outer
     * references get the table's canonical qualifier, a subquery's own references keep its alias; names lower case.
     */
    private static final class Canonicaliser {
        final Scope scope;
        final Tables names;
        Set<String> selectAliases = Set.of();

        Canonicaliser(Scope scope, Tables names) {
            this.scope = scope;
            this.names = names;
        }

        /** Rewrites {@code e} and returns the columns of the top-level query it uses. */
        Set<ColumnRef> apply(Expression e) {
            Set<ColumnRef> used = new LinkedHashSet<>();
            e.accept(visitor(scope, used, true), null);
            return used;
        }

        private ExpressionVisitorAdapter<Void> visitor(Scope current, Set<ColumnRef> used, boolean top) {
            return new ExpressionVisitorAdapter<>() {
                @Override
                public <S> Void visit(Column column, S context) {
                    String name = ident(column.getColumnName());
                    Table t = column.getTable();
                    String q = t == null || t.getFullyQualifiedName() == null ? "" : ident(t.getFullyQualifiedName());
                    Optional<String> table;
                    boolean local = true;
                    if (q.isEmpty()) {
                        if (top && selectAliases.contains(name)) {
                            return null; // ORDER BY / HAVING on a select alias
                        }
                        table = current.owner(name, names);
                        if (table.isEmpty() && !top) {
                            table = scope.owner(name, names);
                            local = false;
                        }
                    } else {
                        Optional<Found> f = current.find(q);
                        table = f.map(Found::table);
                        local = f.map(Found::local).orElse(true);
                    }
                    column.setColumnName(name);
                    if (table.isEmpty()) {
                        return null; // a function keyword parsed as a column (CURRENT_DATE), or an unknown owner
                    }
                    if (top || !local) {
                        column.setTable(new Table(names.qualifier(table.get())));
                        if (top) {
                            used.add(new ColumnRef(table.get(), name));
                        }
                    }
                    return null;
                }

                @Override
                public <S> Void visit(Select s, S context) {
                    // subqueries (EXISTS, IN, scalar): Select.accept(ExpressionVisitor) lands here, not on ParenthesedSelect
                    Optional<PlainSelect> inner = mainSelect(s);
                    inner.ifPresent(p -> {
                        Scope sub = Scope.of(p, names, current);
                        ExpressionVisitorAdapter<Void> v = visitor(sub, used, false);
                        p.getSelectItems().forEach(i -> {
                            if (!(i.getExpression() instanceof AllColumns)) {
                                i.getExpression().accept(v, null);
                            }
                        });
                        if (p.getWhere() != null) {
                            p.getWhere().accept(v, null);
                        }
                        if (p.getJoins() != null) {
                            p.getJoins().forEach(j -> j.getOnExpressions().forEach(x -> x.accept(v, null)));
                        }
                    });
                    return null;
                }
            };
        }

    }

    /** The reference of a column already rewritten (its qualifier is a canonical table qualifier). */
    private ColumnRef ref(Column c) {
        Table t = c.getTable();
        if (t == null || t.getFullyQualifiedName() == null) {
            return null;
        }
        return new ColumnRef(names.byQualifier(ident(t.getFullyQualifiedName())), ident(c.getColumnName()));
    }

    // ------------------------------------------------------------------------------------ accessors

    boolean parsed() {
        return parsed;
    }

    String problem() {
        return problem;
    }

    Optional<String> root() {
        return root;
    }

    Set<String> tables() {
        return tables;
    }

    List<JoinEdge> joins() {
        return joins;
    }

    List<Predicate> predicates() {
        return predicates;
    }

    List<Item> selectItems() {
        return selectItems;
    }

    List<Item> groupBy() {
        return groupBy;
    }

    Set<ColumnRef> columns() {
        return columns;
    }

    boolean hasPredicate(String sql) {
        String k = key(sql);
        return predicates.stream().anyMatch(p -> key(p.sql()).equals(k));
    }

    boolean hasItem(String sql) {
        String k = key(sql);
        return selectItems.stream().anyMatch(i -> key(i.sql()).equals(k)) || groupBy.stream().anyMatch(i -> key(i.sql()).equals(k));
    }

    /** SQL for comparison: case folded outside string literals, white space folded. */
    static String key(String sql) {
        StringBuilder b = new StringBuilder(sql.length());
        boolean inString = false;
        boolean space = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                inString = !inString;
            }
            if (!inString && Character.isWhitespace(c)) {
                space = b.length() > 0;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.append(inString ? c : Character.toLowerCase(c));
        }
        return b.toString();
    }

}
