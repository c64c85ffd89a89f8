package io.genieenhancer.evaluation;

import static io.genieenhancer.evaluation.Outcomes.*;
import static org.junit.jupiter.api.Assertions.*;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.store.LocalRunStore;
import io.genieenhancer.store.RunKeys;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Adopting external results and judging stored evaluations. */
class EvaluationServiceTest {

    static final String SPACE = "space1";
    static final String RUN = "run1";

    @TempDir
    Path dir;

    LocalRunStore store;
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));

    @BeforeEach
    void setUp() {
        store = new LocalRunStore(dir);
    }

    EvaluationService service() {
        return new EvaluationService(new FakeWorkspace.Spaces(FakeWorkspace.space(SPACE, Map.of())), new FakeWorkspace.EvalRuns(),
                new FakeWorkspace.Genie(), new FakeWorkspace.Statements(), store, EvaluationSettings.DEFAULTS, clock, clock.sleeper());
    }

    EvaluationService.Started adopt(String key) {
        return service().start(new EvaluationService.StartRequest(SPACE, RUN, 0, List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(key)));
    }

    @Test
    void results_in_our_json_shape_are_adopted_as_the_iterations_evaluation() {
        String key = RunKeys.space(SPACE) + "external/benchmark-2026-11-27.json";
        store.put(key, """
                {"spaceId":"space1","mode":"SELF_RUN","outcomes":[
                  {"questionId":"q1","question":"How many?","status":"CORRECT"},
                  {"questionId":"q2","question":"Which?","status":"INCORRECT","reasons":["RESULT_EXTRA_ROWS"],
                   "expectedSql":"SELECT a FROM t","generatedSql":"SELECT a FROM t, u"}]}
                """.getBytes(StandardCharsets.UTF_8), Map.of());

        EvaluationService.Started started = adopt(key);
        EvaluationService.Progress p = service().poll(SPACE, RUN, 0, started.handle());

        assertEquals(Evaluation.Mode.EXTERNAL, started.handle().mode());
        assertTrue(p.done());
        assertEquals(0.5, p.summary().orElseThrow().score());
        Evaluation e = new EvaluationStore(store).evaluation(SPACE, RUN, 0).orElseThrow();
        assertEquals(RUN, e.runId());
        assertEquals(Optional.of("SELECT a FROM t, u"), e.failuresToFix().get(0).generatedSql());
        assertTrue(e.notes().get(0).contains(key));
    }

    @Test
    void results_of_another_space_or_outside_the_spaces_folder_are_refused() {
        String other = RunKeys.space(SPACE) + "external/other.json";
        store.put(other, "{\"spaceId\":\"space2\",\"mode\":\"EXTERNAL\",\"outcomes\":[{\"questionId\":\"q\",\"status\":\"CORRECT\"}]}"
                .getBytes(StandardCharsets.UTF_8), Map.of());

        assertEquals(ErrorCode.InvalidInput, assertThrows(EnhancerException.class, () -> adopt(other)).code());
        assertEquals(ErrorCode.InvalidInput, assertThrows(EnhancerException.class, () -> adopt("spaces/space2/x.json")).code());
        assertEquals(ErrorCode.EvaluationNotFound,
                assertThrows(EnhancerException.class, () -> adopt(RunKeys.space(SPACE) + "missing.json")).code());
    }

    @Test
    void the_judge_compares_stored_iterations_and_keeps_its_verdict_next_to_them() {
        EvaluationStore evaluations = new EvaluationStore(store);
        evaluations.saveEvaluation(relabel(passing(0, 20, java.util.Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)), 0));
        evaluations.saveEvaluation(relabel(passing(1, 20, java.util.Set.of(0, 1, 2, 3)), 1));

        EvaluationService.JudgeResult r = service().judge(SPACE, RUN, 1, 0, 0, Judge.Options.target(0.9));

        assertEquals(Judge.Verdict.REGRESSED, r.judgement().verdict());
        assertEquals(Optional.of(0.5), r.baselineScore());
        assertTrue(store.get(EvaluationKeys.judgement(SPACE, RUN, 1)).isPresent());
    }

    @Test
    void judging_an_iteration_that_was_never_evaluated_is_evaluation_not_found() {
        EnhancerException e = assertThrows(EnhancerException.class,
                () -> service().judge(SPACE, RUN, 1, 0, 0, Judge.Options.target(0.9)));

        assertEquals(ErrorCode.EvaluationNotFound, e.code());
    }

    private static Evaluation relabel(Evaluation e, int iteration) {
        return new Evaluation(1, SPACE, RUN, iteration, e.mode(), List.of(), e.repeats(), Optional.empty(), Optional.empty(),
                e.outcomes(), List.of());
    }
}
