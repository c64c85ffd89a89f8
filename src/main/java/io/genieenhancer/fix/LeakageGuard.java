package io.genieenhancer.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the benchmark honest: an example question that is (nearly) a benchmark question, or example SQL
 * that is (nearly) a benchmark's ground-truth SQL, would teach the space the answers to the test. Other
 * texts (instructions, descriptions, snippets, usage guidance) must not contain a whole ground-truth query
 * either. "Nearly" is a token-bigram Dice similarity at or above {@link FixPolicy#LEAKAGE_SIMILARITY}
 * after normalisation (case, whitespace, quoting, comments), so renaming an alias or reformatting does not
 * get a copy through.
 */
final class LeakageGuard {

    /** Ground-truth SQL shorter than this many tokens is a fragment any good snippet may contain. */
    private static final int MIN_CONTAINED_TOKENS = 8;

    private record Guarded(String id, Text.Bigrams question, Text.Bigrams sql, String sqlText) {
    }

    private final List<Guarded> guarded = new ArrayList<>();
    private final double threshold;

    LeakageGuard(List<FixPolicy.GuardedQuestion> questions, double threshold) {
        this.threshold = threshold;
        for (FixPolicy.GuardedQuestion q : questions) {
            List<String> sqlTokens = Text.sqlTokens(q.sql());
            guarded.add(new Guarded(q.id(), new Text.Bigrams(Text.words(q.question())),
                    sqlTokens.isEmpty() ? null : new Text.Bigrams(sqlTokens),
                    sqlTokens.size() >= MIN_CONTAINED_TOKENS ? " " + String.join(" ", sqlTokens) + " " : null));
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
        Text.Bigrams b = new Text.Bigrams(Text.sqlTokens(sql));
        for (Guarded g : guarded) {
            if (g.sql != null && Text.similarityBound(b, g.sql) >= threshold && Text.similarity(b, g.sql) >= threshold) {
                return Optional.of(new Problem(Problem.LEAKAGE, "the example SQL copies the ground-truth SQL of benchmark question "
                        + g.id + " (similarity " + pct(Text.similarity(b, g.sql)) + ")"));
            }
        }
        return containsGroundTruth("the example SQL", sql);
    }

    /** Any other text: must not contain a whole ground-truth query. */
    Optional<Problem> containsGroundTruth(String field, String text) {
        if (text.length() < 20) {
            return Optional.empty();
        }
        String tokens = " " + String.join(" ", Text.sqlTokens(text)) + " ";
        if (!tokens.contains(" select ")) {
            return Optional.empty(); // every ground truth is a query; most texts are not: skip the scan
        }
        for (Guarded g : guarded) {
            if (g.sqlText != null && tokens.contains(g.sqlText)) {
                return Optional.of(new Problem(Problem.LEAKAGE, field + " contains the ground-truth SQL of benchmark question " + g.id));
            }
        }
        return Optional.empty();
    }

    private static String pct(double d) {
        return Math.round(d * 100) + "%";
    }
}
