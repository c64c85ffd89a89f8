package io.genieenhancer.fix;

import io.genieenhancer.error.Causes;
import io.genieenhancer.space.SpaceConfig.Table;
import io.genieenhancer.sql.SafeSql;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;

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
 * Checks SQL that a fix puts into the space with a real parser (JSqlParser; it reads the Databricks
 * spellings we meet: backticks, three-level names, {@code ::} casts, {@code :param} markers, lambdas,
 * {@code QUALIFY}, {@code GROUP BY ALL}). It must parse as the right kind (one read-only query, a boolean
 * condition, an expression), name only tables of the space, and name only known columns where the owner of
 * a column can be told (qualified columns; unqualified ones in single-table queries), and call only the
 * side-effect-free functions {@link SafeSql} allows (a space's SQL runs under its users' identities).
 */
final class SqlCheck {

    /** Deeper parenthesis nesting than this is no hand-written example; refusing it keeps parse time bounded. */
    static final int MAX_NESTING = 40;

    /** Names the parser reads as columns although they are keywords or lambda-free built-ins. */
    private static final Set<String> NOT_COLUMNS = Set.of("year", "quarter", "month", "week", "day", "dayofweek",
            "dayofyear", "hour", "minute", "second", "millisecond", "microsecond", "date", "timestamp", "true",
            "false", "null", "current_date", "current_timestamp", "current_user", "now");

    private final SpaceIndex index;

    SqlCheck(SpaceIndex index) {
        this.index = index;
    }

    /** Example SQL: exactly one SELECT (or WITH ... SELECT) over tables of the space. */
    List<Problem> query(String sql) {
        List<Problem> out = new ArrayList<>();
        if (!guard(sql, out)) {
            return out;
        }
        Statements statements;
        try {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(sql);
            statements = parser.Statements();
        } catch (ParseException | RuntimeException e) {
            out.add(new Problem(Problem.SQL_PARSES, "SQL does not parse: " + firstLine(e.getMessage())));
            return out;
        }
        if (statements.size() != 1) {
            out.add(new Problem(Problem.SQL_KIND, "must be exactly one statement, found " + statements.size()));
            return out;
        }
        Statement st = statements.get(0);
        if (!(st instanceof Select)) {
            out.add(new Problem(Problem.SQL_KIND, "must be a read-only SELECT query, was " + kind(st)));
            return out;
        }
        SafeSql.functionProblems(st).forEach(p -> out.add(new Problem(Problem.SQL_FUNCTIONS, p)));
        Refs refs = new Refs();
        refs.getTables(st);
        checkRefs(refs, false, out);
        if (out.isEmpty() && refs.tables.stream().noneMatch(t -> index.table(Text.ident(t.getFullyQualifiedName())).value().isPresent())) {
            out.add(new Problem(Problem.SQL_TABLES_IN_SPACE, "the query reads no table of the space"));
        }
        return out;
    }

    /** A snippet: a filter is a boolean condition without WHERE; a measure or expression is an expression. */
    List<Problem> snippet(SnippetKind kind, String sql) {
        List<Problem> out = new ArrayList<>();
        if (!guard(sql, out)) {
            return out;
        }
        String head = sql.stripLeading().toLowerCase(Locale.ROOT);
        if (head.startsWith("where ") || head.startsWith("select ") || head.startsWith("with ")) {
            out.add(new Problem(Problem.SQL_KIND, kind.json() + " snippets hold only the "
                    + (kind == SnippetKind.FILTER ? "condition" : "expression") + ", not a query or a WHERE clause"));
            return out;
        }
        Expression e;
        try {
            e = kind == SnippetKind.FILTER ? CCJSqlParserUtil.parseCondExpression(sql, false)
                    : CCJSqlParserUtil.parseExpression(sql, false);
        } catch (JSQLParserException | RuntimeException ex) {
            out.add(new Problem(Problem.SQL_PARSES, "SQL does not parse as a " + (kind == SnippetKind.FILTER
                    ? "condition" : "expression") + ": " + firstLine(ex.getMessage())));
            return out;
        }
        SafeSql.functionProblems(e).forEach(p -> out.add(new Problem(Problem.SQL_FUNCTIONS, p)));
        Refs refs = new Refs();
        refs.getTables(e);
        checkRefs(refs, true, out);
        return out;
    }

    /**
     * A join condition: must parse, be an AND of equalities between two columns, and its columns must
     * exist on the sides they name.
     */
    List<Problem> joinCondition(String condition, Table left, Table right, JoinCondition.Side l, JoinCondition.Side r) {
        List<Problem> out = new ArrayList<>();
        if (!guard(condition, out)) {
            return out;
        }
        Expression e;
        try {
            e = CCJSqlParserUtil.parseCondExpression(condition, false);
        } catch (JSQLParserException | RuntimeException ex) {
            out.add(new Problem(Problem.SQL_PARSES, "join condition does not parse: " + firstLine(ex.getMessage())));
            return out;
        }
        if (!equalitiesOnly(e)) {
            out.add(new Problem(Problem.JOIN_FORM, "a join condition is one or more column = column equalities joined by AND"));
            return out;
        }
        Optional<JoinCondition> c = JoinCondition.read(condition, l, r);
        if (c.isEmpty()) {
            out.add(new Problem(Problem.JOIN_FORM, "each equality must compare a column of " + l.alias() + " (" + left.identifier()
                    + ") with a column of " + r.alias() + " (" + right.identifier() + "), qualified by alias or table name"));
            return out;
        }
        for (JoinCondition.Pair p : c.get().pairs()) {
            checkColumn(left, p.leftColumn(), out);
            checkColumn(right, p.rightColumn(), out);
        }
        return out;
    }

    private static boolean equalitiesOnly(Expression e) {
        if (e instanceof AndExpression and) {
            return equalitiesOnly(and.getLeftExpression()) && equalitiesOnly(and.getRightExpression());
        }
        return e instanceof EqualsTo eq && eq.getLeftExpression() instanceof Column && eq.getRightExpression() instanceof Column;
    }

    private void checkColumn(Table table, String column, List<Problem> out) {
        index.knownColumns(table).ifPresent(known -> {
            if (!known.contains(Text.ident(column))) {
                out.add(new Problem(Problem.SQL_COLUMNS_EXIST, "column " + column + " is not a column of " + table.identifier()));
            }
        });
    }

    // ------------------------------------------------------------------------------------ references

    private void checkRefs(Refs refs, boolean snippet, List<Problem> out) {
        Set<String> ctes = new HashSet<>();
        refs.ctes.forEach(c -> ctes.add(Text.ident(c)));
        Map<String, Table> byQualifier = new HashMap<>();
        Set<String> outside = new LinkedHashSet<>();
        Set<Table> used = new LinkedHashSet<>();
        for (net.sf.jsqlparser.schema.Table t : refs.tables) {
            String name = Text.ident(t.getFullyQualifiedName());
            if (ctes.contains(name)) {
                continue;
            }
            SpaceIndex.Lookup<Table> found = index.table(name);
            if (found.value().isEmpty()) {
                outside.add(t.getFullyQualifiedName().replace("`", ""));
                continue;
            }
            Table st = found.value().get();
            used.add(st);
            if (t.getAlias() != null) {
                byQualifier.put(Text.ident(t.getAlias().getName()), st);
            }
            byQualifier.putIfAbsent(name, st);
            byQualifier.putIfAbsent(Text.lastPart(name), st);
        }
        for (String o : outside) {
            out.add(new Problem(Problem.SQL_TABLES_IN_SPACE, "table " + o + " is not a table of the space"));
        }
        Set<String> unknown = new LinkedHashSet<>();
        for (Column c : refs.columns) {
            String column = Text.ident(c.getColumnName());
            if (column.isEmpty() || !Character.isLetter(column.charAt(0)) && column.charAt(0) != '_') {
                continue;
            }
            net.sf.jsqlparser.schema.Table q = c.getTable();
            String qualifier = q == null || q.getFullyQualifiedName() == null ? "" : Text.ident(q.getFullyQualifiedName());
            Optional<Table> owner;
            if (qualifier.isEmpty()) {
                if (NOT_COLUMNS.contains(column) || refs.selectAliases.contains(column)) {
                    continue;
                }
                if (snippet) {
                    out.add(new Problem(Problem.SQL_QUALIFIED_COLUMNS, "column " + c.getColumnName()
                            + " must be qualified with its table (snippets have no FROM clause)"));
                    continue;
                }
                // only a single-table query without CTEs or lambdas tells whose column this is
                owner = used.size() == 1 && ctes.isEmpty() && refs.tables.size() == 1 && !refs.lambdas
                        ? Optional.of(used.iterator().next()) : Optional.empty();
            } else {
                owner = Optional.ofNullable(byQualifier.get(qualifier));
                if (owner.isEmpty() && snippet) {
                    SpaceIndex.Lookup<Table> t = index.table(qualifier);
                    owner = t.value();
                    if (owner.isEmpty()) {
                        out.add(new Problem(Problem.SQL_TABLES_IN_SPACE, "column " + c.getFullyQualifiedName().replace("`", "")
                                + " names " + qualifier + ", which is not a table of the space"));
                        continue;
                    }
                }
            }
            owner.ifPresent(t -> index.knownColumns(t).ifPresent(known -> {
                if (!known.contains(column)) {
                    unknown.add(column + " (" + t.identifier() + ")");
                }
            }));
        }
        for (String u : unknown) {
            out.add(new Problem(Problem.SQL_COLUMNS_EXIST, "column " + u + " is not a known column"));
        }
    }

    /** Collects table and column references while JSqlParser's own finder walks every clause it knows. */
    private static final class Refs extends TablesNamesFinder<Void> {
        final List<net.sf.jsqlparser.schema.Table> tables = new ArrayList<>();
        final List<Column> columns = new ArrayList<>();
        final Set<String> ctes = new HashSet<>();
        final Set<String> selectAliases = new HashSet<>();
        boolean lambdas;

        @Override
        public <S> Void visit(net.sf.jsqlparser.schema.Table table, S context) {
            tables.add(table);
            return super.visit(table, context);
        }

        @Override
        public <S> Void visit(Column column, S context) {
            columns.add(column);
            return null; // the finder would otherwise take a column's qualifier for a table
        }

        @Override
        public <S> Void visit(WithItem<?> with, S context) {
            ctes.add(with.getAliasName());
            return super.visit(with, context);
        }

        @Override
        public <S> Void visit(PlainSelect select, S context) {
            for (SelectItem<?> item : select.getSelectItems()) {
                if (item.getAlias() != null) {
                    selectAliases.add(Text.ident(item.getAlias().getName()));
                }
            }
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(net.sf.jsqlparser.expression.LambdaExpression lambda, S context) {
            lambdas = true;
            return super.visit(lambda, context);
        }
    }

    // ------------------------------------------------------------------------------------ helpers

    private static boolean guard(String sql, List<Problem> out) {
        if (sql.isBlank()) {
            out.add(new Problem(Problem.NON_EMPTY, "SQL is empty"));
            return false;
        }
        int depth = 0;
        int max = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '(') {
                max = Math.max(max, ++depth);
            } else if (c == ')') {
                depth--;
            }
        }
        if (max > MAX_NESTING) {
            out.add(new Problem(Problem.SQL_PARSES, "SQL nests parentheses " + max + " deep; the limit is " + MAX_NESTING));
            return false;
        }
        return true;
    }

    private static String kind(Statement st) {
        String n = st.getClass().getSimpleName();
        return n.isEmpty() ? "another statement" : n.toUpperCase(Locale.ROOT);
    }

    private static String firstLine(String s) {
        String line = Causes.firstLine(s == null ? null : s.strip());
        int p = line.indexOf("ParseException: ");
        return p >= 0 ? line.substring(p + "ParseException: ".length()) : line;
    }
}
