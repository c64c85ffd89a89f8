package io.genieenhancer.evaluation;

import static org.junit.jupiter.api.Assertions.*;

import io.genieenhancer.databricks.GenieConversations;
import io.genieenhancer.databricks.GenieEvalRuns;
import io.genieenhancer.databricks.GenieSpaces;
import io.genieenhancer.databricks.SqlStatements;
import io.genieenhancer.sandbox.SandboxTestWorkspace;
import io.genieenhancer.store.LocalRunStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Both evaluators on the sandbox workspace (bundled retail scenario, 46 benchmarks) through the product's
 * HTTP clients. The sandbox's eval runs judge with its own, independently written result comparison, so
 * agreement between our self-run verdicts and its eval-run verdicts checks the comparator on realistic
 * answers, right and wrong.
 */
@QuarkusTest
@TestProfile(SandboxTestWorkspace.Profile.class)
class EvaluationOnSandboxTest {

    static final String RUN = "sandbox-eval";

    @Inject
    GenieSpaces spaces;
    @Inject
    GenieEvalRuns evalRuns;
    @Inject
    GenieConversations conversations;
    @Inject
    SqlStatements statements;

    @TempDir
    Path dir;

    @Test
    void self_run_and_eval_runs_agree_on_every_scorable_question_of_the_sandbox_benchmark() {
        String space = SandboxTestWorkspace.workspace().spaceId();
        ManualClock clock = new ManualClock(Instant.now());
        LocalRunStore store = new LocalRunStore(dir);
        EvaluationSettings selfRunSettings = EvaluationSettings.DEFAULTS.withEvaluator(EvaluatorMode.SELF_RUN)
                .withPollBudget(Duration.ofSeconds(30));
        EvaluationService selfRun = new EvaluationService(spaces, evalRuns, conversations, statements, store, selfRunSettings,
                clock, clock.sleeper());

        EvaluationService.Started started = selfRun.start(new EvaluationService.StartRequest(space, RUN, 0, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        for (QuestionItem item : started.questionItems()) {
            QuestionStep step = selfRun.evaluateQuestion(space, RUN, 0, item.questionId(), item.repeat(), Optional.empty());
            for (int i = 0; i < 20 && !(step instanceof QuestionStep.Done); i++) {
                clock.advance(Duration.ofSeconds(30));
                step = selfRun.evaluateQuestion(space, RUN, 0, item.questionId(), item.repeat(), Optional.empty());
            }
            assertInstanceOf(QuestionStep.Done.class, step, item.questionId());
        }
        EvaluationService.Progress selfRunDone = selfRun.poll(space, RUN, 0, started.handle());

        EvaluationService official = new EvaluationService(spaces, evalRuns, conversations, statements, store,
                EvaluationSettings.DEFAULTS.withEvaluator(EvaluatorMode.EVAL_RUNS), clock, clock.sleeper());
        EvaluationService.Started evalRunStarted = official.start(new EvaluationService.StartRequest(space, RUN, 1, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        EvaluationService.Progress evalRunDone = official.poll(space, RUN, 1, evalRunStarted.handle());
        for (int i = 0; i < 100 && !evalRunDone.done(); i++) {
            clock.advance(Duration.ofSeconds(30));
            evalRunDone = official.poll(space, RUN, 1, evalRunStarted.handle());
        }

        assertTrue(selfRunDone.done());
        assertTrue(evalRunDone.done());
        EvaluationStore evaluations = new EvaluationStore(store);
        Evaluation mine = evaluations.evaluation(space, RUN, 0).orElseThrow();
        Evaluation theirs = evaluations.evaluation(space, RUN, 1).orElseThrow();
        Map<String, QuestionOutcome> byId = theirs.outcomes().stream()
                .collect(Collectors.toMap(QuestionOutcome::questionId, Function.identity()));
        int compared = 0;
        int agreed = 0;
        StringBuilder disagreements = new StringBuilder();
        for (QuestionOutcome o : mine.outcomes()) {
            QuestionOutcome other = byId.get(o.questionId());
            if (other == null || !o.scorable() || !other.scorable()) {
                continue;
            }
            compared++;
            if (o.status() == other.status()) {
                agreed++;
            } else {
                disagreements.append("\n  ").append(o.question()).append(": self-run ").append(o.status()).append(o.reasons())
                        .append(", eval run ").append(other.status()).append(other.reasons());
            }
        }
        System.out.printf("sandbox retail: self-run score %.3f (%d/%d scorable, %d not scorable); eval-runs score %.3f (%d/%d); "
                        + "verdicts agree on %d of %d questions%s%n",
                mine.score(), mine.summary().correct(), mine.summary().scorable(), mine.summary().notScorable(),
                theirs.score(), theirs.summary().correct(), theirs.summary().scorable(), agreed, compared, disagreements);
        assertEquals(46, mine.outcomes().size());
        assertTrue(compared >= 40, "compared " + compared);
        assertEquals(compared, agreed, "disagreements:" + disagreements);
        assertFalse(mine.failuresToFix().isEmpty(), "the bundled scenario starts with failures to fix");
    }
}
