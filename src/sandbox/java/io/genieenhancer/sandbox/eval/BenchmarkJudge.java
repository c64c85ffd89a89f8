package io.genieenhancer.sandbox.eval;

import io.genieenhancer.sandbox.genie.Genie;
import io.genieenhancer.sandbox.genie.Knowledge;
import io.genieenhancer.sandbox.genie.SandboxGenie;
import io.genieenhancer.sandbox.sql.QueryResult;
import io.genieenhancer.sandbox.sql.SandboxDatabase;
import io.genieenhancer.sandbox.sql.SqlFailure;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.BenchmarkQuestion;

import java.util.List;
import java.util.Optional;

/**
 * Runs one benchmark question the way a Genie eval run does: ask the Genie (a fresh conversation), run
 * its SQL and the ground truth on the warehouse, compare the result sets.
 */
public final class BenchmarkJudge {

    /** Genie results are capped like a Genie query attachment; ground truth like a statement's row_limit. */
    public static final int ROW_LIMIT = 10_000;

    public record Outcome(
            BenchmarkQuestion question,
            SandboxGenie.Answer answer,
            Optional<QueryResult> expected,
            Optional<SqlFailure> expectedError,
            Optional<QueryResult> actual,
            Optional<SqlFailure> actualError,
            ResultComparison.Verdict verdict) {
    }

    private BenchmarkJudge() {
    }

    /** What the Genie knows about {@code space} on this warehouse (entity values read from the data). */
    public static Knowledge knowledge(SpaceConfig space, SandboxDatabase db) {
        return Knowledge.of(space, db.tables(), (table, column) -> db.distinctValues(table, column, 1024), db.today());
    }

    /** With the deterministic Genie. */
    public static Outcome judge(SandboxDatabase db, Knowledge k, BenchmarkQuestion q, boolean slip) {
        return judge(db, q, SandboxGenie.answer(k, q.questionText(), slip));
    }

    /** @param space the space version in effect ({@code k} is its deterministic reading) */
    public static Outcome judge(SandboxDatabase db, Genie genie, SpaceConfig space, Knowledge k, BenchmarkQuestion q, boolean slip) {
        return judge(db, q, genie.answer(space, k, q.questionText(), slip));
    }

    private static Outcome judge(SandboxDatabase db, BenchmarkQuestion q, SandboxGenie.Answer answer) {
        Optional<QueryResult> expected = Optional.empty();
        Optional<SqlFailure> expectedError = Optional.empty();
        try {
            expected = Optional.of(db.query(q.groundTruthSql().orElse(""), ROW_LIMIT));
        } catch (SqlFailure e) {
            expectedError = Optional.of(e);
        }
        Optional<QueryResult> actual = Optional.empty();
        Optional<SqlFailure> actualError = Optional.empty();
        if (answer instanceof SandboxGenie.SqlAnswer sql) {
            try {
                actual = Optional.of(db.query(sql.sql(), ROW_LIMIT));
            } catch (SqlFailure e) {
                actualError = Optional.of(e);
            }
        }
        ResultComparison.Verdict verdict;
        if (expected.isEmpty()) {
            verdict = ResultComparison.groundTruthFailed();
        } else if (actual.isEmpty()) {
            verdict = ResultComparison.noResult();
        } else {
            verdict = ResultComparison.compare(q.groundTruthSql().orElse(""), expected.get(),
                    ((SandboxGenie.SqlAnswer) answer).sql(), actual.get());
        }
        return new Outcome(q, answer, expected, expectedError, actual, actualError, verdict);
    }

    /** Every question asked of a fresh Genie that knows {@code space}, in order, without slips. */
    public static List<Outcome> judgeAll(SandboxDatabase db, SpaceConfig space, List<BenchmarkQuestion> questions) {
        Knowledge k = knowledge(space, db);
        return questions.stream().map(q -> judge(db, k, q, false)).toList();
    }

    /** Share of GOOD among judged questions (NEEDS_REVIEW left out), 0..1. */
    public static double score(List<Outcome> outcomes) {
        long judged = outcomes.stream().filter(o -> o.verdict().assessment() != ResultComparison.Assessment.NEEDS_REVIEW).count();
        long good = outcomes.stream().filter(o -> o.verdict().good()).count();
        return judged == 0 ? 0 : (double) good / judged;
    }
}
