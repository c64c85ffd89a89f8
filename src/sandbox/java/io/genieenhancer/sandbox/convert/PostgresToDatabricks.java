package io.genieenhancer.sandbox.convert;

import io.genieenhancer.sandbox.sql.SqlLexer;
import io.genieenhancer.sandbox.sql.SqlLexer.Kind;
import io.genieenhancer.sandbox.sql.SqlLexer.Token;

import java.time.Duration;
import java.time.Period;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates one defog gold query from Postgres to Databricks SQL, rule by rule (each is tested in
 * {@code PostgresToDatabricksTest}):
 * <ul>
 *   <li>a table after {@code FROM}/{@code JOIN} gets its three-level name ({@code sales} →
 *       {@code main.car_dealership.sales}, {@code consumer_div.users} → {@code main.consumer_div.users});</li>
 *   <li>{@code x::type} → {@code CAST(x AS type)} (Databricks type names);</li>
 *   <li>{@code INTERVAL '3 months'} → {@code INTERVAL '3' MONTH} (weeks as 7 days), the ANSI form both
 *       Databricks and the sandbox warehouse read;</li>
 *   <li>{@code EXTRACT(DOW FROM x)} (0 = Sunday) → {@code (DAYOFWEEK(x) - 1)} (Databricks: 1 = Sunday);
 *       {@code EXTRACT(EPOCH FROM (a - b))} → {@code (UNIX_TIMESTAMP(a) - UNIX_TIMESTAMP(b))};
 *       {@code EXTRACT(YEAR FROM AGE(a, b))} → {@code TIMESTAMPDIFF(YEAR, b, a)};</li>
 *   <li>{@code date_column - date_column} (an integer of days in Postgres) → {@code DATEDIFF(a, b)};</li>
 *   <li>{@code TO_CHAR(x, 'YYYY-MM')} → {@code DATE_FORMAT(x, 'yyyy-MM')}; {@code TO_DATE(x, 'YYYY-MM-DD')} →
 *       {@code CAST(x AS DATE)};</li>
 *   <li>a trailing {@code ;} is dropped. {@code ILIKE}, {@code NULLIF}, {@code DATE_TRUNC}, {@code ||},
 *       {@code NULLS LAST}, {@code USING}, {@code PERCENTILE_CONT … WITHIN GROUP} are the same in both.</li>
 * </ul>
 *
 * @param catalog     the Unity Catalog catalog of the scenario
 * @param schemaOf    table name (lower case) → its schema
 * @param dateColumns names (lower case) of DATE columns, for date differences
 */
public record PostgresToDatabricks(String catalog, Map<String, String> schemaOf, Set<String> dateColumns) {

    public String translate(String postgres) {
        List<Token> t = new ArrayList<>(SqlLexer.tokenize(postgres.strip()));
        while (!t.isEmpty() && (t.get(t.size() - 1).isSymbol(";") || t.get(t.size() - 1).isBlank())) {
            t.remove(t.size() - 1);
        }
        // each rule reads a fresh token stream, so the text an earlier rule wrote is seen by the later ones
        String sql = SqlLexer.join(qualifyTables(t));
        sql = SqlLexer.join(intervals(SqlLexer.tokenize(sql)));
        sql = SqlLexer.join(extracts(SqlLexer.tokenize(sql)));
        sql = SqlLexer.join(casts(SqlLexer.tokenize(sql)));
        sql = SqlLexer.join(dateDifferences(SqlLexer.tokenize(sql)));
        return SqlLexer.join(formats(SqlLexer.tokenize(sql)));
    }

    private List<Token> qualifyTables(List<Token> in) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Token x = in.get(i);
            Token before = lastSolid(out);
            if (x.kind() == Kind.WORD && before != null && (before.isWord("FROM") || before.isWord("JOIN"))) {
                boolean dotted = i + 2 < in.size() && in.get(i + 1).isSymbol(".") && in.get(i + 2).kind() == Kind.WORD;
                String name = (dotted ? in.get(i + 2).value() : x.value()).toLowerCase(Locale.ROOT);
                String schema = schemaOf.get(name);
                if (schema != null && (!dotted || x.value().equalsIgnoreCase(schema))) {
                    out.add(word(catalog + "." + schema + "." + (dotted ? in.get(i + 2).value() : x.value())));
                    i += dotted ? 2 : 0;
                    continue;
                }
            }
            out.add(x);
        }
        return out;
    }

    private static List<Token> casts(List<Token> in) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Token x = in.get(i);
            if (!x.isSymbol("::")) {
                out.add(x);
                continue;
            }
            while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
                out.remove(out.size() - 1);
            }
            int start = operandStart(out);
            List<Token> operand = new ArrayList<>(out.subList(start, out.size()));
            out.subList(start, out.size()).clear();
            String type = in.get(++i).value().toUpperCase(Locale.ROOT);
            out.add(word("CAST(" + SqlLexer.join(operand) + " AS " + databricksType(type) + ")"));
        }
        return out;
    }

    private static String databricksType(String postgres) {
        return switch (postgres) {
            case "INTEGER", "INT", "INT4" -> "INT";
            case "BIGINT", "INT8" -> "BIGINT";
            case "FLOAT", "FLOAT8", "REAL" -> "DOUBLE";
            case "TEXT", "VARCHAR" -> "STRING";
            case "NUMERIC" -> "DECIMAL";
            default -> postgres;
        };
    }

    /** Where the operand ending at the end of {@code out} starts: a parenthesised group (with its function name) or a dotted name. */
    private static int operandStart(List<Token> out) {
        int i = out.size() - 1;
        if (out.get(i).isSymbol(")")) {
            int depth = 0;
            for (; i >= 0; i--) {
                if (out.get(i).isSymbol(")")) {
                    depth++;
                } else if (out.get(i).isSymbol("(") && --depth == 0) {
                    break;
                }
            }
            if (i > 0 && out.get(i - 1).kind() == Kind.WORD) {
                i--;
            }
            return i;
        }
        while (i >= 2 && out.get(i - 1).isSymbol(".") && out.get(i - 2).isIdentifier()) {
            i -= 2;
        }
        return i;
    }

    private static List<Token> intervals(List<Token> in) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Token x = in.get(i);
            int next = nextSolid(in, i + 1);
            if (x.isWord("INTERVAL") && next > 0 && in.get(next).kind() == Kind.STRING) {
                out.add(word(ansiInterval(in.get(next).value())));
                i = next;
            } else {
                out.add(x);
            }
        }
        return out;
    }

    static String ansiInterval(String postgres) {
        TemporalAmount amount = DefogDump.interval(postgres);
        if (amount instanceof Duration d) {
            return d.toMinutesPart() != 0 ? "INTERVAL '" + d.toMinutes() + "' MINUTE" : "INTERVAL '" + d.toHours() + "' HOUR";
        }
        Period p = (Period) amount;
        if (p.getYears() != 0) {
            return "INTERVAL '" + p.getYears() + "' YEAR";
        }
        if (p.getMonths() != 0) {
            return "INTERVAL '" + p.getMonths() + "' MONTH";
        }
        return "INTERVAL '" + p.getDays() + "' DAY";
    }

    private static List<Token> extracts(List<Token> in) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Token x = in.get(i);
            int open = nextSolid(in, i + 1);
            if (!x.isWord("EXTRACT") || open < 0 || !in.get(open).isSymbol("(")) {
                out.add(x);
                continue;
            }
            int close = DefogDump.matching(in, open);
            List<Token> inner = solidCopy(in.subList(open + 1, close));
            String field = inner.get(0).value().toUpperCase(Locale.ROOT);
            List<Token> arg = in.subList(indexAfterFrom(in, open, close), close);
            String argSql = SqlLexer.join(extracts(arg)).strip();
            switch (field) {
                case "DOW" -> out.add(word("(DAYOFWEEK(" + argSql + ") - 1)"));
                case "EPOCH" -> out.add(word(epoch(argSql)));
                case "YEAR" -> {
                    Matcher age = Pattern.compile("(?is)AGE\\((.+),(.+)\\)").matcher(argSql);
                    out.add(word(age.matches()
                            ? "TIMESTAMPDIFF(YEAR, " + age.group(2).strip() + ", " + age.group(1).strip() + ")"
                            : "EXTRACT(YEAR FROM " + argSql + ")"));
                }
                default -> out.add(word("EXTRACT(" + field + " FROM " + argSql + ")"));
            }
            i = close;
        }
        return out;
    }

    private static String epoch(String arg) {
        Matcher diff = Pattern.compile("\\(\\s*([\\w.]+)\\s*-\\s*([\\w.]+)\\s*\\)").matcher(arg);
        if (diff.matches()) {
            return "(UNIX_TIMESTAMP(" + diff.group(1) + ") - UNIX_TIMESTAMP(" + diff.group(2) + "))";
        }
        return "UNIX_TIMESTAMP(" + arg + ")";
    }

    private static int indexAfterFrom(List<Token> t, int open, int close) {
        for (int k = open + 1; k < close; k++) {
            if (t.get(k).isWord("FROM")) {
                return k + 1;
            }
        }
        throw new IllegalArgumentException("EXTRACT without FROM");
    }

    /** {@code a.x - b.y} with both DATE columns: Postgres yields days, Databricks needs DATEDIFF. */
    private List<Token> dateDifferences(List<Token> in) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Token x = in.get(i);
            if (x.isSymbol("-") && !out.isEmpty()) {
                List<Token> left = trimmedTail(out);
                int rightEnd = dottedNameEnd(in, nextSolid(in, i + 1));
                if (left != null && rightEnd > 0) {
                    List<Token> right = in.subList(nextSolid(in, i + 1), rightEnd);
                    if (isDateColumn(left) && isDateColumn(right)) {
                        int start = operandStart(stripBlanks(out));
                        out.subList(start, out.size()).clear();
                        out.add(word("DATEDIFF(" + SqlLexer.join(left) + ", " + SqlLexer.join(right) + ")"));
                        i = rightEnd - 1;
                        continue;
                    }
                }
            }
            out.add(x);
        }
        return out;
    }

    private static List<Token> stripBlanks(List<Token> out) {
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static List<Token> trimmedTail(List<Token> out) {
        List<Token> copy = stripBlanks(new ArrayList<>(out));
        if (copy.isEmpty() || !copy.get(copy.size() - 1).isIdentifier()) {
            return null;
        }
        return new ArrayList<>(copy.subList(operandStart(copy), copy.size()));
    }

    private static int dottedNameEnd(List<Token> t, int from) {
        if (from < 0 || !t.get(from).isIdentifier()) {
            return -1;
        }
        int k = from + 1;
        while (k + 1 < t.size() && t.get(k).isSymbol(".") && t.get(k + 1).isIdentifier()) {
            k += 2;
        }
        return k < t.size() && t.get(k).isSymbol("(") ? -1 : k;
    }

    private boolean isDateColumn(List<Token> name) {
        return dateColumns.contains(name.get(name.size() - 1).value().toLowerCase(Locale.ROOT));
    }

    private static List<Token> formats(List<Token> in) {
        String sql = SqlLexer.join(in);
        sql = sql.replaceAll("(?i)TO_CHAR\\(([^()]*(?:\\([^()]*\\)[^()]*)*),\\s*'YYYY-MM'\\)", "DATE_FORMAT($1, 'yyyy-MM')");
        sql = sql.replaceAll("(?i)TO_DATE\\(([\\w.]+),\\s*'YYYY-MM-DD'\\)", "CAST($1 AS DATE)");
        return SqlLexer.tokenize(sql);
    }

    private static Token lastSolid(List<Token> t) {
        for (int k = t.size() - 1; k >= 0; k--) {
            if (!t.get(k).isBlank()) {
                return t.get(k);
            }
        }
        return null;
    }

    private static int nextSolid(List<Token> t, int from) {
        for (int k = from; k < t.size(); k++) {
            if (!t.get(k).isBlank()) {
                return k;
            }
        }
        return -1;
    }

    private static List<Token> solidCopy(List<Token> t) {
        return t.stream().filter(x -> !x.isBlank()).toList();
    }

    /** Rewritten text, as one token until the next rule re-tokenizes the statement. */
    private static Token word(String text) {
        return new Token(Kind.WORD, text, text);
    }
}
