package io.genieenhancer.evaluation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether Genie's result answers the benchmark question the way the ground truth does, and if
 * not, says why in Databricks' {@code assessment_reasons} vocabulary. This is the one definition of a
 * correct answer: the self-run evaluator uses it, and so does the sandbox's eval-run judge.
 *
 * <p>The rules are Databricks' benchmark ratings ("Interpret ratings",
 * https://docs.databricks.com/aws/en/genie/benchmarks#interpret-ratings): SQL identical to the SQL answer
 * is GOOD; the same data sorted differently is GOOD (row order never counts, ORDER BY or not); numbers
 * that round to the same {@link ComparisonOptions#significantDigits() 4 significant digits} are equal;
 * an empty result, extra columns, or a different single cell are BAD. What the page leaves open is
 * settled here: column names are ignored (Genie's aliases are its own) and columns are paired by their
 * values, then by position; NULL only equals NULL; a midnight timestamp equals its date. When a side hit
 * the row cap only the rows it shows are evidence: a truncated ground truth must be contained in Genie's
 * rows, a truncated Genie result in the ground truth's, and two truncated results that differ are
 * INCONCLUSIVE rather than wrong.
 */
public final class ResultComparator {

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d{1,4})?");
    /** 2024-01-01T00:00:00.000Z (Statement API), 2024-01-01 00:00:00, 2024-01-01T00:00 ... */
    private static final Pattern MIDNIGHT = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[T ]00:00(:00(\\.0+)?)?(Z|[+-]00:?00)?");

    private final ComparisonOptions options;

    public ResultComparator(ComparisonOptions options) {
        this.options = Objects.requireNonNull(options);
    }

    public ResultComparator() {
        this(ComparisonOptions.DEFAULTS);
    }

    /**
     * Compares the SQL first: Genie's SQL identical to the SQL answer is a match whatever the rows (two
     * runs of a non-deterministic query may differ), as in Databricks' ratings.
     */
    public Comparison compare(String expectedSql, ResultSet expected, String generatedSql, ResultSet actual) {
        if (sameSql(expectedSql, generatedSql)) {
            return Comparison.match(List.of(), "Genie's SQL is the SQL answer");
        }
        return compare(expected, actual);
    }

    /** Identical up to white space and a trailing semicolon; case counts (string literals are case-sensitive). */
    public static boolean sameSql(String expectedSql, String generatedSql) {
        return expectedSql != null && generatedSql != null && !expectedSql.isBlank()
                && canonicalSql(expectedSql).equals(canonicalSql(generatedSql));
    }

    private static String canonicalSql(String sql) {
        String s = sql.trim().replaceAll("\\s+", " ");
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).trim();
        }
        return s;
    }

    /**
     * @param expected the ground truth's result
     * @param actual   Genie's result
     */
    public Comparison compare(ResultSet expected, ResultSet actual) {
        List<List<String>> e = normalize(expected);
        List<List<String>> a = normalize(actual);
        if (e.isEmpty() && a.isEmpty()) {
            return Comparison.match(List.of(), "both results are empty");
        }
        if (a.isEmpty()) {
            return Comparison.mismatch(List.of(AssessmentReason.EMPTY_RESULT),
                    "Genie's result is empty; the ground truth has " + rows(e.size(), expected.truncated()));
        }
        if (e.isEmpty()) {
            return Comparison.mismatch(List.of(AssessmentReason.RESULT_EXTRA_ROWS),
                    "the ground truth is empty; Genie returned " + rows(a.size(), actual.truncated()));
        }

        int[] mapping = ColumnMatcher.match(e, expected.columnCount(), a, actual.columnCount());
        List<Integer> mapped = new ArrayList<>();
        for (int j = 0; j < mapping.length; j++) {
            if (mapping[j] >= 0) {
                mapped.add(j);
            }
        }
        int missingColumns = expected.columnCount() - mapped.size();
        int extraColumns = actual.columnCount() - mapped.size();

        Set<AssessmentReason> reasons = new LinkedHashSet<>();
        List<AssessmentReason> tolerated = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (missingColumns > 0) {
            reasons.add(AssessmentReason.RESULT_MISSING_COLUMNS);
            notes.add(missingColumns + " expected column(s) not found in Genie's result");
        }
        if (extraColumns > 0) {
            if (options.allowExtraColumns()) {
                tolerated.add(AssessmentReason.RESULT_EXTRA_COLUMNS);
            } else {
                reasons.add(AssessmentReason.RESULT_EXTRA_COLUMNS);
                notes.add(extraColumns + " extra column(s) in Genie's result");
            }
        }

        List<List<String>> eProjected = project(e, mapped, null);
        List<List<String>> aProjected = project(a, mapped, mapping);
        RowVerdict rows = compareRows(eProjected, expected.truncated(), aProjected, actual.truncated());
        reasons.addAll(rows.reasons);
        if (!rows.detail.isEmpty()) {
            notes.add(rows.detail);
        }

        if (reasons.isEmpty() && rows.inconclusive) {
            return new Comparison(Comparison.Verdict.INCONCLUSIVE, List.of(AssessmentReason.RESULT_TRUNCATED), tolerated,
                    String.join("; ", notes));
        }
        if (reasons.isEmpty()) {
            return Comparison.match(tolerated, tolerated.isEmpty() ? "results match"
                    : "results match; Genie added " + extraColumns + " column(s)");
        }
        if (typesDiffer(expected, actual, mapping)) {
            reasons.add(AssessmentReason.COLUMN_TYPE_DIFFERENCE);
            notes.add("a paired column has a different type");
        }
        return Comparison.mismatch(List.copyOf(reasons), String.join("; ", notes)
                + " (ground truth " + rows(e.size(), expected.truncated()) + ", Genie " + rows(a.size(), actual.truncated()) + ")");
    }

    // ---------------------------------------------------------------- rows

    private record RowVerdict(List<AssessmentReason> reasons, boolean inconclusive, String detail) {
        static final RowVerdict SAME = new RowVerdict(List.of(), false, "");
    }

    private static RowVerdict compareRows(List<List<String>> e, boolean eTruncated, List<List<String>> a, boolean aTruncated) {
        Map<List<String>, Integer> missing = minus(e, a);
        Map<List<String>, Integer> extra = minus(a, e);
        // rows beyond a cap are unknown: Genie's "extra" rows may be further down a truncated ground truth,
        // and the ground truth's "missing" rows further down a truncated Genie result
        int missingCount = aTruncated ? 0 : count(missing);
        int extraCount = eTruncated ? 0 : count(extra);
        if (missingCount == 0 && extraCount == 0) {
            boolean hidden = count(missing) + count(extra) > 0;
            return hidden && eTruncated && aTruncated
                    ? new RowVerdict(List.of(), true, "both results are truncated and their visible rows differ")
                    : RowVerdict.SAME;
        }
        // the API's SINGLE_CELL_DIFFERENCE: "single value result was produced but differs from ground truth result"
        if (e.size() == 1 && a.size() == 1 && e.get(0).size() == 1 && a.get(0).size() == 1) {
            return new RowVerdict(List.of(AssessmentReason.SINGLE_CELL_DIFFERENCE), false,
                    "the single value differs (" + e.get(0).get(0) + " expected, " + a.get(0).get(0) + " returned)");
        }
        return rowCounts(missingCount, extraCount);
    }

    private static RowVerdict rowCounts(int missing, int extra) {
        List<AssessmentReason> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (missing > 0) {
            reasons.add(AssessmentReason.RESULT_MISSING_ROWS);
            notes.add(missing + " expected row(s) missing");
        }
        if (extra > 0) {
            reasons.add(AssessmentReason.RESULT_EXTRA_ROWS);
            notes.add(extra + " extra row(s)");
        }
        return new RowVerdict(reasons, false, String.join(", ", notes));
    }

    // ---------------------------------------------------------------- values

    private List<List<String>> normalize(ResultSet rs) {
        List<List<String>> out = new ArrayList<>(rs.rowCount());
        for (List<String> row : rs.rows()) {
            List<String> n = new ArrayList<>(row.size());
            for (String v : row) {
                n.add(normalizeValue(v));
            }
            out.add(n);
        }
        return out;
    }

    /**
     * Numbers become their plain form rounded to the significant digits ({@code 5}, {@code 5.0},
     * {@code 5.00001} all read {@code 5}; {@code 0.333333} reads {@code 0.3333}); a midnight timestamp
     * becomes its date ({@code 2024-01-01T00:00:00.000Z} reads {@code 2024-01-01}): a DATE and a
     * TIMESTAMP holding the same day are the same answer. Other text is compared exactly.
     */
    String normalizeValue(String v) {
        if (v == null) {
            return null;
        }
        String t = v.trim();
        if (NUMBER.matcher(t).matches()) {
            BigDecimal d = new BigDecimal(t);
            if (d.signum() == 0) {
                return "0";
            }
            return d.round(new MathContext(options.significantDigits(), RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString();
        }
        java.util.regex.Matcher midnight = MIDNIGHT.matcher(t);
        if (midnight.matches()) {
            return midnight.group(1);
        }
        return v;
    }

    private static List<List<String>> project(List<List<String>> rows, List<Integer> columns, int[] mapping) {
        List<List<String>> out = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            List<String> p = new ArrayList<>(columns.size());
            for (int j : columns) {
                p.add(row.get(mapping == null ? j : mapping[j]));
            }
            out.add(p);
        }
        return out;
    }

    private static Map<List<String>, Integer> minus(List<List<String>> from, List<List<String>> take) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (List<String> r : from) {
            counts.merge(r, 1, Integer::sum);
        }
        for (List<String> r : take) {
            counts.computeIfPresent(r, (k, c) -> c == 1 ? null : c - 1);
        }
        return counts;
    }

    private static int count(Map<List<String>, Integer> multiset) {
        return multiset.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String rows(int n, boolean truncated) {
        return n + (n == 1 ? " row" : " rows") + (truncated ? " (truncated)" : "");
    }

    // ---------------------------------------------------------------- types

    private static boolean typesDiffer(ResultSet expected, ResultSet actual, int[] mapping) {
        if (expected.columnTypes().isEmpty() || actual.columnTypes().isEmpty()) {
            return false;
        }
        for (int j = 0; j < mapping.length; j++) {
            if (mapping[j] >= 0 && !typeFamily(expected.columnTypes().get(j)).equals(typeFamily(actual.columnTypes().get(mapping[j])))) {
                return true;
            }
        }
        return false;
    }

    /** INT vs BIGINT or DOUBLE vs DECIMAL is not a type difference worth reporting; DATE vs TIMESTAMP is. */
    static String typeFamily(String typeName) {
        String t = typeName == null ? "" : typeName.trim().toUpperCase(Locale.ROOT);
        int paren = t.indexOf('(');
        if (paren >= 0) {
            t = t.substring(0, paren);
        }
        return switch (t) {
            case "BYTE", "TINYINT", "SHORT", "SMALLINT", "INT", "INTEGER", "LONG", "BIGINT", "FLOAT", "REAL", "DOUBLE",
                 "DECIMAL", "NUMERIC", "DEC" -> "NUMBER";
            case "STRING", "CHAR", "VARCHAR" -> "TEXT";
            case "TIMESTAMP", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ" -> "TIMESTAMP";
            default -> t;
        };
    }

    // ---------------------------------------------------------------- columns

    /**
     * Pairs each expected column with a distinct actual column: first columns whose values are the same
     * multiset (same position preferred), then the one sharing most values, then what is left by
     * position. Names never count: {@code SUM(amount)} and {@code total_revenue} are the same column.
     */
    static final class ColumnMatcher {

        private ColumnMatcher() {
        }

        static int[] match(List<List<String>> e, int expectedColumns, List<List<String>> a, int actualColumns) {
            List<Map<String, Integer>> eValues = columnValues(e, expectedColumns);
            List<Map<String, Integer>> aValues = columnValues(a, actualColumns);
            int[] mapping = new int[expectedColumns];
            java.util.Arrays.fill(mapping, -1);
            boolean[] used = new boolean[actualColumns];

            // 1. identical value multisets, same position first, then nearest position
            for (int j = 0; j < expectedColumns; j++) {
                if (j < actualColumns && eValues.get(j).equals(aValues.get(j))) {
                    mapping[j] = j;
                    used[j] = true;
                }
            }
            for (int j = 0; j < expectedColumns; j++) {
                if (mapping[j] < 0) {
                    Map<String, Integer> wanted = eValues.get(j);
                    int k = nearest(j, used, actualColumns, col -> wanted.equals(aValues.get(col)));
                    assign(mapping, used, j, k);
                }
            }
            // 2. most shared values (partial answers: missing or extra rows)
            for (int j = 0; j < expectedColumns; j++) {
                if (mapping[j] >= 0) {
                    continue;
                }
                int best = -1;
                int bestOverlap = 0;
                for (int k = 0; k < actualColumns; k++) {
                    if (used[k]) {
                        continue;
                    }
                    int overlap = overlap(eValues.get(j), aValues.get(k));
                    if (overlap > bestOverlap || (overlap == bestOverlap && overlap > 0 && Math.abs(k - j) < Math.abs(best - j))) {
                        best = k;
                        bestOverlap = overlap;
                    }
                }
                assign(mapping, used, j, best);
            }
            // 3. whatever is left, by position
            for (int j = 0; j < expectedColumns; j++) {
                if (mapping[j] < 0) {
                    assign(mapping, used, j, nearest(j, used, actualColumns, col -> true));
                }
            }
            return mapping;
        }

        private static void assign(int[] mapping, boolean[] used, int j, int k) {
            if (k >= 0) {
                mapping[j] = k;
                used[k] = true;
            }
        }

        private static int nearest(int j, boolean[] used, int columns, java.util.function.IntPredicate fits) {
            int best = -1;
            for (int k = 0; k < columns; k++) {
                if (!used[k] && fits.test(k) && (best < 0 || Math.abs(k - j) < Math.abs(best - j))) {
                    best = k;
                }
            }
            return best;
        }

        private static List<Map<String, Integer>> columnValues(List<List<String>> rows, int columns) {
            List<Map<String, Integer>> out = new ArrayList<>(columns);
            for (int c = 0; c < columns; c++) {
                Map<String, Integer> values = new HashMap<>();
                for (List<String> row : rows) {
                    values.merge(row.get(c) == null ? NULL_KEY : row.get(c), 1, Integer::sum);
                }
                out.add(values);
            }
            return out;
        }

        private static int overlap(Map<String, Integer> x, Map<String, Integer> y) {
            int n = 0;
            for (Map.Entry<String, Integer> en : x.entrySet()) {
                n += Math.min(en.getValue(), y.getOrDefault(en.getKey(), 0));
            }
            return n;
        }

        // HashMap allows a null key, but a distinct marker keeps the intent obvious; it cannot collide with
        // a database value because it contains a NUL character
        private static final String NULL_KEY = "\u0000NULL";
    }
}
