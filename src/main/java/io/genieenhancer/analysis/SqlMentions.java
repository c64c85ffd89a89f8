package io.genieenhancer.analysis;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a piece of SQL mentions, found by tokens rather than by parsing: Genie's SQL and benchmark SQL are
 * Databricks SQL, which a Java parser does not always read, and a failure whose SQL does not parse is exactly one
 * we want context for. Over-matching (a column called like a table) only adds a little context; string literals
 * are skipped so a value such as {@code 'orders'} does not pull a table in.
 */
final class SqlMentions {

    private static final Pattern LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.|'')*'");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(?:\\s*\\.\\s*[A-Za-z_][A-Za-z0-9_$]*)*");

    /** Every dotted name, lower case ({@code main.sales.orders}, {@code o.amount}, {@code amount}). */
    private final Set<String> dottedNames = new HashSet<>();
    /** Every single name part, lower case. */
    private final Set<String> parts = new HashSet<>();

    SqlMentions(List<String> sqlTexts) {
        for (String sql : sqlTexts) {
            String text = LITERAL.matcher(sql.replace("`", "").replace("\"", "")).replaceAll(" ");
            Matcher m = NAME.matcher(text);
            while (m.find()) {
                String dotted = m.group().replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
                dottedNames.add(dotted);
                for (String p : dotted.split("\\.")) {
                    parts.add(p);
                }
            }
        }
    }

    /** True when the SQL names the table by full identifier or by a trailing part of it ({@code sales.orders}, {@code orders}). */
    boolean mentionsTable(String identifier) {
        String id = identifier.replace("`", "").toLowerCase(Locale.ROOT);
        String[] p = id.split("\\.");
        for (int from = 0; from < p.length; from++) {
            String suffix = String.join(".", java.util.Arrays.copyOfRange(p, from, p.length));
            for (String name : dottedNames) {
                if (name.equals(suffix) || name.startsWith(suffix + ".") || name.endsWith("." + suffix)) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean mentionsName(String name) {
        return parts.contains(name.replace("`", "").toLowerCase(Locale.ROOT));
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }
}
