package io.genieenhancer.evaluation;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.store.LocalRunStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A space with one benchmark question, scripted Databricks ports and a local run store, for tests outside this package. */
public final class EvaluationTestKit {

    public static final String SPACE = "space1";
    public static final String RUN = "run1";
    public static final String Q1 = "01f0a1b2c3d4e5f60718293a4b5c6d87";

    final FakeWorkspace.Spaces spaces = new FakeWorkspace.Spaces(FakeWorkspace.space(SPACE,
            Map.of(Q1, new String[] {"Sales by region?", "SELECT region, SUM(amount) FROM t GROUP BY region"})));
    final FakeWorkspace.Genie genie = new FakeWorkspace.Genie();
    final FakeWorkspace.Statements statements = new FakeWorkspace.Statements();
    final FakeWorkspace.EvalRuns evalRuns = new FakeWorkspace.EvalRuns();
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
    final LocalRunStore store;

    public EvaluationTestKit(Path dir) {
        store = new LocalRunStore(dir);
    }

    /** How often the space was read (invalid input must never get that far). */
    public int spaceReads() {
        return spaces.gets;
    }

    public EvaluationService service(EvaluationSettings settings) {
        return new EvaluationService(spaces, evalRuns, genie, statements, store, settings, clock, clock.sleeper());
    }

    public void answersCorrectly() {
        List<List<String>> rows = List.of(ResultSet.row("AMER", "1"));
        statements.executes.then(Wire.succeeded("gt", List.of("region", "total"), rows));
        genie.starts.then(Wire.started("c-1", "m-1"));
        genie.messages.then(Wire.withQuery("COMPLETED", "SELECT region, SUM(amount) FROM t GROUP BY 1"));
        genie.queryResults.then(Wire.succeeded("g", List.of("r", "t"), rows));
    }

    public void rateLimitedOnce(int retryAfterSeconds) {
        answersCorrectly();
        genie.starts.only(new EnhancerException(ErrorCode.RateLimited, "HTTP 429", retryAfterSeconds, null))
                .then(Wire.started("c-1", "m-1"));
    }

    /** Stores iterations 0 and 1 of run1 with one question per flag (true = correct). */
    public void storeIterations(boolean[] iteration0, boolean[] iteration1) {
        EvaluationStore evaluations = new EvaluationStore(store);
        evaluations.saveEvaluation(evaluation(0, iteration0));
        evaluations.saveEvaluation(evaluation(1, iteration1));
    }

    private static Evaluation evaluation(int iteration, boolean[] correct) {
        List<QuestionOutcome> o = new ArrayList<>();
        for (int i = 0; i < correct.length; i++) {
            o.add(correct[i] ? Outcomes.pass("q" + i, 0) : Outcomes.fail("q" + i, 0, AssessmentReason.RESULT_MISSING_ROWS));
        }
        return new Evaluation(1, SPACE, RUN, iteration, Evaluation.Mode.SELF_RUN, List.of(), 1, Optional.empty(),
                Optional.empty(), o, List.of());
    }
}
