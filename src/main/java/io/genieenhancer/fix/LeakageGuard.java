package io.genieenhancer.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the benchmark honest: an example question that is (nearly) a benchmark question, or example SQL
 * that is (nearly) a benchmark's ground-truth SQL, would teach the space the answers to the test. Other
 * texts (instructions, descriptions, snippets, usage guidance) must not contain a whole ground-truth query
 * either. "Nearly" is a token-bigram Dice similarity at or above {@link FixPolicy#LEAKAGE_SIMILARITY}
 * between the {@link SqlShape normalised} forms (case, whitespace, quoting, comments, qualifiers, aliases), of the
 * whole candidate or of any query nested in it (a CTE body, a derived table), so renaming aliases, reformatting,
 * reordering clauses or wrapping the query does not get a copy through.
 */
final class LeakageGuard {

    /** Ground-truth SQL shorter than this many tokens is a fragment any good snippet may contain. */
    private static final int MIN_CONTAINED_TOKENS = 8;

    /** Below this many pieces, a query's clause multiset says too little to compare it out of order. */
    private static final int MIN_CLAUSES = 4;

    private record Guarded(String id, Text.Bigrams question, Text.Bigrams sql, String sqlText,
            Map<String, Integer> clauses) {
    }

    private final List<Guarded> guarded = new ArrayList<>();
    private final double threshold;

    LeakageGuard(List<FixPolicy.GuardedQuestion> questions, double threshold) {
        this.threshold = threshold;
        for (FixPolicy.GuardedQuestion q : questions) {
            List<String> sqlTokens = SqlShape.tokens(q.sql());
            guarded.add(new Guarded(q.id(), new Text.Bigrams(Text.words(q.question())),
                    sqlTokens.isEmpty() ? null : new Text.Bigrams(sqlTokens),
                    sqlTokens.size() >= MIN_CONTAINED_TOKENS ? " " + String.join(" ", sqlTokens) + " " : null,
                    SqlShape.clauses(sqlTokens)));
        }
    }

    Optional<Problem> exampleQuestion(String question) {
        Text.Bigrams b = new Text.Bigrams(Text.words(question));
        for (Guarded g : guarded) {
            if (Text.similarityBound(b, g.question) >= threshold && Text.similarity(b, g.question) >= threshold) {
                return Optional.of(new Problem(Problem.LEAKAGE, "the example question copies benchmark question " + g.id
                        + " (similarity " + pct(Text.similarity(b, g.question)) + ")"));
            }
        }
        return Optional.empty();
    }

    Optional<Problem> exampleSql(String sql) {
        for (List<String> part : SqlShape.parts(SqlShape.tokens(sql))) {
            Text.Bigrams b = new Text.Bigrams(part);
            for (Guarded g : guarded) {
                if (g.sql != null && Text.similarityBound(b, g.sql) >= threshold && Text.similarity(b, g.sql) >= threshold) {
                    return Optional.of(new Problem(Problem.LEAKAGE, "the example SQL copies the ground-truth SQL of benchmark question "
                            + g.id + " (similarity " + pct(Text.similarity(b, g.sql)) + ")"));
                }
                // the same pieces in another order: conditions, joins, select items or equality sides swapped
                double reordered = g.clauses.size() >= MIN_CLAUSES ? SqlShape.similarity(SqlShape.clauses(part), g.clauses) : 0;
                if (reordered >= threshold) {
                    return Optional.of(new Problem(Problem.LEAKAGE, "the example SQL copies the ground-truth SQL of benchmark question "
                            + g.id + " with its clauses reordered (similarity " + pct(reordered) + ")"));
                }
            }
        }
        return containsGroundTruth("the example SQL", sql);
    }

    /** Any other text: must not contain a whole ground-truth query. */
    Optional<Problem> containsGroundTruth(String field, String text) {
        if (text.length() < 20) {
            return Optional.empty();
        }
        List<String> raw = Text.sqlTokens(text);
        if (!raw.contains("select")) {
            return Optional.empty(); // every ground truth is a query; most texts are not: skip the scan
        }
        // normalise from each place a query may start, so the prose before it cannot pass for aliases
        for (int start = 0; start < raw.size(); start++) {
            if (!raw.get(start).equals("select") && !raw.get(start).equals("with")) {
                continue;
            }
            String tokens = " " + String.join(" ", SqlShape.normalise(raw.subList(start, raw.size()))) + " ";
            for (Guarded g : guarded) {
                if (g.sqlText != null && tokens.contains(g.sqlText)) {
                    return Optional.of(new Problem(Problem.LEAKAGE, field + " contains the ground-truth SQL of benchmark question " + g.id));
                }
            }
        }
        return Optional.empty();
    }

    private static String pct(double d) {
        return Math.round(d * 100) + "%";
    }
}
