package io.genieenhancer.evaluation;

import java.util.Locale;

/**
 * Whether a query's result has a defined row order: an {@code ORDER BY} at the top level of the final
 * query. {@code ORDER BY} inside parentheses (window functions, sub-queries, CTE bodies), comments and
 * string literals does not count. A lexical scan rather than a parser: Databricks SQL has syntax a
 * generic parser rejects, and only this one question is asked.
 */
public final class SqlOrdering {

    private SqlOrdering() {
    }

    public static boolean ordersRows(String sql) {
        if (sql == null) {
            return false;
        }
        String code = topLevelCode(sql).toUpperCase(Locale.ROOT);
        return code.matches("(?s).*\\bORDER\\s+BY\\b.*");
    }

    /** The SQL with comments, literals, quoted identifiers and parenthesised parts blanked out. */
    static String topLevelCode(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int depth = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                out.append(' ');
            } else if (c == '/' && next == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
                out.append(' ');
            } else if (c == '(') {
                depth++;
                i++;
                out.append(' ');
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                i++;
                out.append(' ');
            } else {
                out.append(depth == 0 ? c : ' ');
                i++;
            }
        }
        return out.toString();
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote escapes itself
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return i;
    }
}
