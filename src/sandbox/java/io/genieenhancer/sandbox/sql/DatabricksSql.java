package io.genieenhancer.sandbox.sql;

import io.genieenhancer.sandbox.sql.SqlLexer.Kind;
import io.genieenhancer.sandbox.sql.SqlLexer.Token;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where Databricks SQL becomes H2 SQL (see docs/sandbox.md, "Databricks SQL on H2").
 *
 * <ul>
 *   <li>Three-level names {@code catalog.schema.table}: the scenario's catalog is dropped, the Databricks
 *       schema is an H2 schema of the same name ({@code main.retail.orders} runs as {@code retail.orders}).</li>
 *   <li>{@code `quoted`} identifiers become {@code "quoted"} (H2 runs case-insensitive for identifiers);
 *       {@code "text"} is a string literal in Databricks and becomes {@code 'text'}.</li>
 *   <li>Functions H2 lacks or spells differently: {@code IF}, {@code DATE_ADD}, {@code DATE_SUB},
 *       two-argument {@code DATEDIFF}, {@code DATE_FORMAT}, {@code TRY_CAST}; the type {@code STRING}
 *       (in casts and column definitions) becomes {@code VARCHAR}; {@code DATE_TRUNC('week', d)} truncates to
 *       Monday (H2's own WEEK follows the JVM's locale).</li>
 *   <li>With a scenario's "today", {@code CURRENT_DATE}, {@code NOW()}, {@code CURRENT_TIMESTAMP} and their
 *       aliases become that date (timestamps at midnight).</li>
 * </ul>
 * Everything else (DATE_TRUNC, YEAR, QUARTER, MONTH, GROUP BY ordinals, QUALIFY, ILIKE, LIMIT) H2 runs as
 * is in MySQL mode. Integer division is the one known difference: {@code 7/2} is 3 on H2, 3.5 on Databricks.
 */
public final class DatabricksSql {

    /** Functions that read the clock; with a pinned "today" they all return it (timestamps at midnight). */
    private static final Set<String> CLOCK_DATE_FUNCTIONS = Set.of("CURRENT_DATE", "CURDATE");
    private static final Set<String> CLOCK_TIMESTAMP_FUNCTIONS = Set.of("NOW", "CURRENT_TIMESTAMP", "GETDATE", "LOCALTIMESTAMP");

    private final String catalog;
    private final Optional<LocalDate> today;

    public DatabricksSql(String catalog) {
        this(catalog, Optional.empty());
    }

    /**
     * @param today the scenario's snapshot date: SQL that asks for the current date or time gets this date,
     *              so relative-date questions ("past 30 days") have one answer whatever day the tests run
     */
    public DatabricksSql(String catalog, Optional<LocalDate> today) {
        this.catalog = catalog;
        this.today = today;
    }

    public Optional<LocalDate> today() {
        return today;
    }

    public String catalog() {
        return catalog;
    }

    public String toH2(String databricksSql) {
        List<Token> tokens = new ArrayList<>(SqlLexer.tokenize(databricksSql));
        tokens = dropCatalog(tokens);
        tokens = rewriteFunctions(tokens);
        tokens = pinClock(tokens);
        StringBuilder sb = new StringBuilder();
        Token previousSolid = null;
        for (Token t : tokens) {
            switch (t.kind()) {
                case BACKTICK_IDENT -> sb.append('"').append(t.value().replace("\"", "\"\"")).append('"');
                case STRING -> sb.append('\'').append(t.value().replace("'", "''")).append('\'');
                case WORD -> {
                    if (t.text().equalsIgnoreCase("STRING") && (previousSolid == null || !previousSolid.isSymbol("."))) {
                        sb.append("VARCHAR");
                    } else {
                        sb.append(t.text());
                    }
                }
                default -> sb.append(t.text());
            }
            if (!t.isBlank()) {
                previousSolid = t;
            }
        }
        return sb.toString();
    }

    /** Removes the catalog part of {@code catalog.schema.x[.y]} chains and of {@code CREATE SCHEMA catalog.schema}. */
    private List<Token> dropCatalog(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isIdentifier() && t.value().equalsIgnoreCase(catalog) && !precededByDot(out)) {
                int parts = chainLength(tokens, i);
                if (parts >= 3 || (parts == 2 && afterSchemaKeyword(out))) {
                    i += 1; // skip the catalog and its dot; the loop's i++ moves past the dot
                    continue;
                }
            }
            out.add(t);
        }
        return out;
    }

    /** Replaces clock functions (with or without parentheses) by the pinned date; a no-op without one. */
    private List<Token> pinClock(List<Token> tokens) {
        if (today.isEmpty()) {
            return tokens;
        }
        List<Token> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String name = t.kind() == Kind.WORD ? t.text().toUpperCase(Locale.ROOT) : "";
            boolean date = CLOCK_DATE_FUNCTIONS.contains(name);
            if ((date || CLOCK_TIMESTAMP_FUNCTIONS.contains(name)) && !precededByDot(out)) {
                int open = nextSolid(tokens, i + 1);
                boolean call = open >= 0 && tokens.get(open).isSymbol("(");
                int close = call ? nextSolid(tokens, open + 1) : -1;
                if (call && (close < 0 || !tokens.get(close).isSymbol(")"))) {
                    out.add(t); // a call with arguments is not a clock read
                    continue;
                }
                String literal = date ? "DATE '" + today.get() + "'" : "TIMESTAMP '" + today.get() + " 00:00:00'";
                out.addAll(SqlLexer.tokenize(literal));
                if (call) {
                    i = close;
                }
                continue;
            }
            out.add(t);
        }
        return out;
    }

    private static boolean precededByDot(List<Token> out) {
        return !out.isEmpty() && out.get(out.size() - 1).isSymbol(".");
    }

    private static int chainLength(List<Token> tokens, int i) {
        int parts = 1;
        int k = i + 1;
        while (k + 1 < tokens.size() && tokens.get(k).isSymbol(".") && tokens.get(k + 1).isIdentifier()) {
            parts++;
            k += 2;
        }
        return parts;
    }

    private static boolean afterSchemaKeyword(List<Token> out) {
        List<String> words = new ArrayList<>();
        for (int k = out.size() - 1; k >= 0 && words.size() < 4; k--) {
            if (!out.get(k).isBlank()) {
                words.add(out.get(k).text().toUpperCase(Locale.ROOT));
            }
        }
        return !words.isEmpty() && (words.get(0).equals("SCHEMA") || words.get(0).equals("DATABASE")
                || (words.size() >= 4 && words.get(0).equals("EXISTS") && words.get(3).equals("SCHEMA")));
    }

    private List<Token> rewriteFunctions(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens.size());
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            int open = t.kind() == Kind.WORD && !precededByDot(out) ? nextSolid(tokens, i + 1) : -1;
            if (open >= 0 && tokens.get(open).isSymbol("(")) {
                int close = matching(tokens, open);
                if (close > 0) {
                    List<List<Token>> args = arguments(tokens, open, close);
                    String rewritten = rewriteCall(t.text().toUpperCase(Locale.ROOT), args);
                    if (rewritten != null) {
                        out.addAll(SqlLexer.tokenize(rewritten));
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.add(t);
            i++;
        }
        return out;
    }

    /** H2 text for a call H2 lacks, or null to keep the call as written. Arguments are translated recursively. */
    private String rewriteCall(String name, List<List<Token>> rawArgs) {
        List<String> a = rawArgs.stream().map(arg -> SqlLexer.join(rewriteFunctions(arg)).trim()).toList();
        return switch (name) {
            case "IF" -> a.size() == 3 ? "CASEWHEN(" + a.get(0) + ", " + a.get(1) + ", " + a.get(2) + ")" : null;
            case "DATE_ADD" -> a.size() == 2 ? "DATEADD('DAY', " + a.get(1) + ", " + a.get(0) + ")" : null;
            case "DATE_SUB" -> a.size() == 2 ? "DATEADD('DAY', -(" + a.get(1) + "), " + a.get(0) + ")" : null;
            case "DATEDIFF" -> a.size() == 2 ? "DATEDIFF('DAY', " + a.get(1) + ", " + a.get(0) + ")" : null;
            case "DATE_FORMAT" -> a.size() == 2 ? "FORMATDATETIME(" + a.get(0) + ", " + a.get(1) + ")" : null;
            case "TRY_CAST" -> "CAST(" + String.join(", ", a) + ")";
            // Databricks' weeks start on Monday; H2's WEEK follows the JVM's locale (Sunday in the US)
            case "DATE_TRUNC" -> a.size() == 2 && a.get(0).replaceAll("[`'\"]", "").equalsIgnoreCase("week")
                    ? "DATE_TRUNC('ISO_WEEK', " + a.get(1) + ")" : null;
            default -> null;
        };
    }

    private static int nextSolid(List<Token> tokens, int from) {
        for (int k = from; k < tokens.size(); k++) {
            if (!tokens.get(k).isBlank()) {
                return k;
            }
        }
        return -1;
    }

    private static int matching(List<Token> tokens, int open) {
        int depth = 0;
        for (int k = open; k < tokens.size(); k++) {
            if (tokens.get(k).isSymbol("(")) {
                depth++;
            } else if (tokens.get(k).isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
        }
        return -1;
    }

    private static List<List<Token>> arguments(List<Token> tokens, int open, int close) {
        List<List<Token>> args = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (int k = open + 1; k < close; k++) {
            Token t = tokens.get(k);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            if (depth == 0 && t.isSymbol(",")) {
                args.add(current);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        if (!current.isEmpty() || !args.isEmpty()) {
            args.add(current);
        }
        return args;
    }
}
