package io.genieenhancer.sandbox.convert;

import io.genieenhancer.sandbox.sql.SqlLexer;
import io.genieenhancer.sandbox.sql.SqlLexer.Kind;
import io.genieenhancer.sandbox.sql.SqlLexer.Token;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A defog-data Postgres dump ({@code CREATE TABLE} + {@code INSERT}) read into tables and rows of plain text
 * values, with every value pinned to one snapshot date: {@code NOW()}, {@code CURRENT_DATE},
 * {@code DATE_TRUNC('week'|'month', …)}, {@code ± INTERVAL 'n unit'} and {@code EXTRACT(YEAR FROM …)} are
 * evaluated as Postgres would on {@code today}. {@code SERIAL} ids an INSERT leaves out are numbered from 1 in
 * insertion order (as Postgres assigns them), and omitted {@code DEFAULT NOW()} columns get {@code today}.
 */
public record DefogDump(List<Table> tables) {

    public DefogDump {
        tables = List.copyOf(tables);
    }

    /** A column: its Postgres type as written and whether Postgres fills it when an INSERT omits it. */
    public record Column(String name, String postgresType, boolean notNull, boolean serial, boolean defaultsToNow) {

        /** The Databricks SQL type for this Postgres type. */
        public String databricksType() {
            String t = postgresType.toUpperCase(Locale.ROOT).replace(" ", "");
            if (t.equals("SERIAL") || t.equals("INTEGER") || t.equals("INT")) {
                return "INT";
            }
            if (t.equals("BIGINT") || t.equals("BIGSERIAL")) {
                return "BIGINT";
            }
            if (t.startsWith("NUMERIC") || t.startsWith("DECIMAL")) {
                return t.replace("NUMERIC", "DECIMAL").replace(",", ", ");
            }
            if (t.equals("FLOAT") || t.equals("DOUBLEPRECISION") || t.equals("REAL")) {
                return "DOUBLE";
            }
            if (t.equals("TEXT") || t.startsWith("VARCHAR") || t.startsWith("CHAR")) {
                return "STRING";
            }
            if (t.equals("BOOLEAN") || t.equals("DATE") || t.equals("TIMESTAMP")) {
                return t;
            }
            throw new IllegalArgumentException("no Databricks type for Postgres type " + postgresType + " of column " + name);
        }
    }

    /** A table: {@code schema} is the Postgres schema when the dump names one. Values are text, or null for NULL. */
    public record Table(Optional<String> schema, String name, List<Column> columns, List<List<String>> rows) {
        public Table {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static DefogDump parse(String dumpSql, LocalDate today) {
        Map<String, Table> tables = new LinkedHashMap<>();
        Map<String, List<List<String>>> rows = new LinkedHashMap<>();
        for (SqlLexer.Numbered statement : SqlLexer.splitStatements(dumpSql)) {
            List<Token> t = solid(statement.sql());
            if (t.isEmpty()) {
                continue;
            }
            try {
                if (t.get(0).isWord("CREATE") && t.get(1).isWord("TABLE")) {
                    Table table = createTable(t);
                    tables.put(table.name(), table);
                    rows.put(table.name(), new ArrayList<>());
                } else if (t.get(0).isWord("INSERT")) {
                    insert(t, tables, rows, today);
                } else if (!(t.get(0).isWord("CREATE") && t.get(1).isWord("SCHEMA"))) {
                    throw new IllegalArgumentException("unexpected statement");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("dump line " + statement.line() + ": " + e.getMessage(), e);
            }
        }
        return new DefogDump(tables.values().stream()
                .map(x -> new Table(x.schema(), x.name(), x.columns(), rows.get(x.name()))).toList());
    }

    public Table table(String name) {
        return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + name));
    }

    private static List<Token> solid(String sql) {
        return SqlLexer.tokenize(sql).stream().filter(t -> !t.isBlank()).toList();
    }

    private static Table createTable(List<Token> t) {
        int i = 2;
        if (t.get(i).isWord("IF")) {
            i += 3; // IF NOT EXISTS
        }
        Optional<String> schema = Optional.empty();
        String name = t.get(i).value();
        if (t.get(i + 1).isSymbol(".")) {
            schema = Optional.of(name);
            name = t.get(i + 2).value();
            i += 2;
        }
        int open = i + 1;
        List<Column> columns = new ArrayList<>();
        for (List<Token> def : splitTopLevel(t, open + 1, matching(t, open))) {
            Token first = def.get(0);
            if (first.isWord("PRIMARY") || first.isWord("FOREIGN") || first.isWord("UNIQUE") || first.isWord("CONSTRAINT")) {
                continue;
            }
            StringBuilder type = new StringBuilder();
            int k = 1;
            while (k < def.size() && !isConstraintWord(def.get(k))) {
                type.append(def.get(k).text());
                if (def.get(k).isSymbol(",")) {
                    type.append(' ');
                }
                k++;
            }
            String constraints = SqlLexer.join(def.subList(k, def.size())).toUpperCase(Locale.ROOT);
            boolean serial = type.toString().equalsIgnoreCase("SERIAL");
            boolean notNull = serial || constraints.contains("NOTNULL") || constraints.contains("PRIMARY");
            boolean now = constraints.contains("DEFAULTNOW") || constraints.contains("DEFAULTCURRENT_TIMESTAMP");
            columns.add(new Column(first.value(), type.toString(), notNull, serial, now));
        }
        return new Table(schema, name, columns, List.of());
    }

    private static boolean isConstraintWord(Token t) {
        return List.of("PRIMARY", "NOT", "NULL", "DEFAULT", "REFERENCES", "UNIQUE", "CHECK").stream().anyMatch(t::isWord);
    }

    private static void insert(List<Token> t, Map<String, Table> tables, Map<String, List<List<String>>> rows, LocalDate today) {
        int i = 2; // INSERT INTO
        String name = t.get(i).value();
        if (t.get(i + 1).isSymbol(".")) {
            name = t.get(i + 2).value();
            i += 2;
        }
        Table table = tables.get(name);
        if (table == null) {
            throw new IllegalArgumentException("INSERT into unknown table " + name);
        }
        int open = i + 1;
        int close = matching(t, open);
        List<String> named = splitTopLevel(t, open + 1, close).stream().map(c -> c.get(0).value().toLowerCase(Locale.ROOT)).toList();
        if (!t.get(close + 1).isWord("VALUES")) {
            throw new IllegalArgumentException("INSERT without VALUES");
        }
        List<List<String>> out = rows.get(name);
        int k = close + 2;
        while (k < t.size()) {
            if (t.get(k).isSymbol(",")) {
                k++;
                continue;
            }
            int end = matching(t, k);
            List<List<Token>> values = splitTopLevel(t, k + 1, end);
            if (values.size() != named.size()) {
                throw new IllegalArgumentException(name + ": " + values.size() + " values for " + named.size() + " columns");
            }
            List<String> row = new ArrayList<>();
            for (Column c : table.columns()) {
                int at = named.indexOf(c.name().toLowerCase(Locale.ROOT));
                if (at >= 0) {
                    row.add(render(new Evaluator(values.get(at), today).expression(), c));
                } else if (c.serial()) {
                    row.add(String.valueOf(out.size() + 1));
                } else if (c.defaultsToNow()) {
                    row.add(render(today.atStartOfDay(), c));
                } else {
                    row.add(null);
                }
            }
            out.add(row);
            k = end + 1;
        }
    }

    /** A value as the CSV holds it, converted to the column's type (Postgres casts on insert). */
    private static String render(Object v, Column c) {
        String type = c.databricksType();
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDateTime ts) {
            return switch (type) {
                case "DATE" -> ts.toLocalDate().toString();
                case "TIMESTAMP" -> ts.format(TIMESTAMP);
                default -> throw new IllegalArgumentException("a date value for " + type + " column " + c.name());
            };
        }
        if (v instanceof LocalDate d) {
            return type.equals("TIMESTAMP") ? d.atStartOfDay().format(TIMESTAMP) : d.toString();
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        return v.toString();
    }

    static int matching(List<Token> t, int open) {
        if (!t.get(open).isSymbol("(")) {
            throw new IllegalArgumentException("expected ( but found " + t.get(open).text());
        }
        int depth = 0;
        for (int k = open; k < t.size(); k++) {
            if (t.get(k).isSymbol("(")) {
                depth++;
            } else if (t.get(k).isSymbol(")") && --depth == 0) {
                return k;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses");
    }

    private static List<List<Token>> splitTopLevel(List<Token> t, int from, int to) {
        List<List<Token>> parts = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (int k = from; k < to; k++) {
            Token x = t.get(k);
            if (x.isSymbol("(")) {
                depth++;
            } else if (x.isSymbol(")")) {
                depth--;
            }
            if (depth == 0 && x.isSymbol(",")) {
                parts.add(current);
                current = new ArrayList<>();
            } else {
                current.add(x);
            }
        }
        if (!current.isEmpty()) {
            parts.add(current);
        }
        return parts;
    }

    /**
     * Evaluates one value expression of the dump. Values: null, String, Boolean, a number as its literal text,
     * LocalDate (CURRENT_DATE), LocalDateTime (NOW(), or a date moved by an interval, as in Postgres), an interval (TemporalAmount).
     */
    private static final class Evaluator {
        private final List<Token> t;
        private final LocalDate today;
        private int k;

        Evaluator(List<Token> tokens, LocalDate today) {
            this.t = tokens;
            this.today = today;
        }

        Object expression() {
            Object v = sum();
            if (k != t.size()) {
                throw new IllegalArgumentException("cannot evaluate " + SqlLexer.join(t));
            }
            return v;
        }

        private Object sum() {
            Object v = term();
            while (k < t.size() && (t.get(k).isSymbol("+") || t.get(k).isSymbol("-"))) {
                boolean minus = t.get(k++).isSymbol("-");
                v = combine(v, term(), minus);
            }
            return v;
        }

        private Object term() {
            Token x = t.get(k++);
            if (x.isWord("NULL")) {
                return null;
            }
            if (x.isWord("TRUE") || x.isWord("FALSE")) {
                return Boolean.valueOf(x.text().toLowerCase(Locale.ROOT));
            }
            if (x.kind() == Kind.STRING) {
                return x.value();
            }
            if (x.kind() == Kind.NUMBER) {
                return x.text();
            }
            if (x.isSymbol("-") && t.get(k).kind() == Kind.NUMBER) {
                return "-" + t.get(k++).text();
            }
            if (x.isWord("CURRENT_DATE")) {
                return today;
            }
            if (x.isWord("CURRENT_TIMESTAMP")) {
                return today.atStartOfDay();
            }
            if (x.isWord("NOW")) {
                expect("(");
                expect(")");
                return today.atStartOfDay();
            }
            if (x.isWord("INTERVAL")) {
                return interval(t.get(k++).value());
            }
            if (x.isWord("DATE_TRUNC")) {
                expect("(");
                String unit = t.get(k++).value().toLowerCase(Locale.ROOT);
                expect(",");
                LocalDateTime d = asTimestamp(sum());
                expect(")");
                LocalDate day = d.toLocalDate();
                return switch (unit) {
                    case "day" -> day.atStartOfDay();
                    case "week" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay();
                    case "month" -> day.withDayOfMonth(1).atStartOfDay();
                    case "year" -> day.withDayOfYear(1).atStartOfDay();
                    default -> throw new IllegalArgumentException("DATE_TRUNC unit " + unit);
                };
            }
            if (x.isWord("EXTRACT")) {
                expect("(");
                String field = t.get(k++).value();
                if (!field.equalsIgnoreCase("YEAR") || !t.get(k++).isWord("FROM")) {
                    throw new IllegalArgumentException("EXTRACT of " + field);
                }
                LocalDateTime d = asTimestamp(sum());
                expect(")");
                return String.valueOf(d.getYear());
            }
            throw new IllegalArgumentException("cannot evaluate " + x.text() + " in " + SqlLexer.join(t));
        }

        private void expect(String symbol) {
            if (!t.get(k++).isSymbol(symbol)) {
                throw new IllegalArgumentException("expected " + symbol + " in " + SqlLexer.join(t));
            }
        }

        private static LocalDateTime asTimestamp(Object v) {
            if (v instanceof LocalDate d) {
                return d.atStartOfDay();
            }
            if (v instanceof LocalDateTime ts) {
                return ts;
            }
            throw new IllegalArgumentException("not a date: " + v);
        }

        private static Object combine(Object a, Object b, boolean minus) {
            if (b instanceof TemporalAmount p) {
                return minus ? asTimestamp(a).minus(p) : asTimestamp(a).plus(p);
            }
            if (a instanceof String x && b instanceof String y) { // integers, e.g. EXTRACT(YEAR …) - 2
                long r = minus ? Long.parseLong(x) - Long.parseLong(y) : Long.parseLong(x) + Long.parseLong(y);
                return String.valueOf(r);
            }
            throw new IllegalArgumentException("cannot combine " + a + (minus ? " - " : " + ") + b);
        }
    }

    /** Postgres interval text such as {@code '3 months'}, {@code '1 week'}, {@code '2 years'}, {@code '15 min'}. */
    static TemporalAmount interval(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("interval '" + text + "'");
        }
        int n = Integer.parseInt(parts[0]);
        String unit = parts[1].endsWith("s") ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
        return switch (unit) {
            case "day" -> Period.ofDays(n);
            case "week" -> Period.ofWeeks(n);
            case "month" -> Period.ofMonths(n);
            case "year" -> Period.ofYears(n);
            case "hour" -> Duration.ofHours(n);
            case "min", "minute" -> Duration.ofMinutes(n);
            case "sec", "second" -> Duration.ofSeconds(n);
            default -> throw new IllegalArgumentException("interval unit " + unit);
        };
    }
}
