package io.genieenhancer.sandbox.eval;

import io.genieenhancer.sandbox.sql.QueryResult;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the sandbox's eval runs judge an answer: by result set, not by SQL text, like Genie benchmarks.
 * Values are normalised (numbers rounded to 4 decimals without trailing zeros, midnight timestamps as
 * dates, NULL distinct from every string); rows are compared as a multiset (order ignored); columns are
 * matched by content, not by name or position. Reasons use the API's ScoreReason names.
 */
public final class ResultComparison {

    public enum Assessment { GOOD, BAD, NEEDS_REVIEW }

    public record Verdict(Assessment assessment, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }

        public boolean good() {
            return assessment == Assessment.GOOD;
        }
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final String NULL = "\u2205null";
    private static final int MAX_PERMUTED_COLUMNS = 6;

    private ResultComparison() {
    }

    public static Verdict compare(QueryResult expected, QueryResult actual) {
        List<List<String>> e = normalise(expected.rows());
        List<List<String>> a = normalise(actual.rows());
        int ec = expected.columns().size();
        int ac = actual.columns().size();
        if (ec == ac && sameUpToColumnOrder(e, a, ec)) {
            return new Verdict(Assessment.GOOD, List.of());
        }
        List<String> reasons = new ArrayList<>();
        if (a.isEmpty() && !e.isEmpty()) {
            reasons.add("EMPTY_RESULT");
        }
        if (ac < ec) {
            reasons.add("RESULT_MISSING_COLUMNS");
        } else if (ac > ec) {
            reasons.add("RESULT_EXTRA_COLUMNS");
        }
        if (!a.isEmpty() && a.size() < e.size()) {
            reasons.add("RESULT_MISSING_ROWS");
        } else if (a.size() > e.size()) {
            reasons.add("RESULT_EXTRA_ROWS");
        } else if (ac == ec && a.size() == e.size() && !a.isEmpty()) {
            reasons.add(differingCells(e, a) == 1 ? "SINGLE_CELL_DIFFERENCE" : "RESULT_MISSING_ROWS");
        }
        return new Verdict(Assessment.BAD, reasons);
    }

    /** The ground truth itself failed: the question cannot be judged (left out of the score). */
    public static Verdict groundTruthFailed() {
        return new Verdict(Assessment.NEEDS_REVIEW, List.of());
    }

    /** Genie produced no SQL, or its SQL failed. */
    public static Verdict noResult() {
        return new Verdict(Assessment.BAD, List.of("EMPTY_RESULT"));
    }

    static String normaliseValue(String v) {
        if (v == null) {
            return NULL;
        }
        String s = v.trim();
        if (NUMBER.matcher(s).matches()) {
            BigDecimal d = new BigDecimal(s).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
            return d.signum() == 0 ? "0" : d.toPlainString();
        }
        if (s.endsWith("T00:00:00.000Z")) {
            return s.substring(0, s.length() - "T00:00:00.000Z".length());
        }
        if (s.endsWith(" 00:00:00")) {
            return s.substring(0, s.length() - " 00:00:00".length());
        }
        return s;
    }

    private static List<List<String>> normalise(List<List<String>> rows) {
        return rows.stream().map(r -> r.stream().map(ResultComparison::normaliseValue).toList()).toList();
    }

    private static boolean sameUpToColumnOrder(List<List<String>> e, List<List<String>> a, int cols) {
        if (e.size() != a.size()) {
            return false;
        }
        if (sameRows(e, a)) {
            return true;
        }
        if (cols < 2 || cols > MAX_PERMUTED_COLUMNS) {
            return false;
        }
        for (int[] perm : permutations(cols)) {
            List<List<String>> permuted = a.stream().map(r -> {
                List<String> out = new ArrayList<>(cols);
                for (int p : perm) {
                    out.add(r.get(p));
                }
                return out;
            }).toList();
            if (sameRows(e, permuted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameRows(List<List<String>> e, List<List<String>> a) {
        Map<List<String>, Integer> counts = new HashMap<>();
        e.forEach(r -> counts.merge(r, 1, Integer::sum));
        for (List<String> r : a) {
            Integer n = counts.get(r);
            if (n == null) {
                return false;
            }
            if (n == 1) {
                counts.remove(r);
            } else {
                counts.put(r, n - 1);
            }
        }
        return counts.isEmpty();
    }

    private static int differingCells(List<List<String>> e, List<List<String>> a) {
        Comparator<List<String>> byText = Comparator.comparing(Object::toString);
        List<List<String>> se = e.stream().sorted(byText).toList();
        List<List<String>> sa = a.stream().sorted(byText).toList();
        int diff = 0;
        for (int i = 0; i < se.size(); i++) {
            for (int k = 0; k < se.get(i).size(); k++) {
                if (!se.get(i).get(k).equals(sa.get(i).get(k))) {
                    diff++;
                }
            }
        }
        return diff;
    }

    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int pos, List<int[]> out) {
        if (pos == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = 0; i < cur.length; i++) {
            if (!used[i]) {
                used[i] = true;
                cur[pos] = i;
                permute(cur, used, pos + 1, out);
                used[i] = false;
            }
        }
    }
}
