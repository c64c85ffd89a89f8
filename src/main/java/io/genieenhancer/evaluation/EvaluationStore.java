package io.genieenhancer.evaluation;

import io.genieenhancer.store.RunKeys;
import io.genieenhancer.store.RunStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to an evaluation's documents in the run store (keys: {@link EvaluationKeys}). Only
 * serialisation lives here; what is written when is the evaluators' business.
 */
public final class EvaluationStore {

    private static final Map<String, String> JSON = Map.of("content-type", "application/json");

    private final RunStore store;

    public EvaluationStore(RunStore store) {
        this.store = store;
    }

    public RunStore runStore() {
        return store;
    }

    // ------------------------------------------------------------------ plan

    public Optional<EvaluationPlan> plan(String spaceId, String runId, int iteration) {
        return read(EvaluationKeys.plan(spaceId, runId, iteration), EvaluationPlan.class);
    }

    public void savePlan(EvaluationPlan plan) {
        write(EvaluationKeys.plan(plan.spaceId(), plan.runId(), plan.iteration()), plan);
    }

    // ------------------------------------------------------------------ attempts

    public Optional<AttemptState> attempt(EvaluationPlan plan, String questionId, int repeat) {
        return read(EvaluationKeys.attempt(plan.spaceId(), plan.runId(), plan.iteration(), questionId, repeat), AttemptState.class);
    }

    public void saveAttempt(EvaluationPlan plan, AttemptState state) {
        write(EvaluationKeys.attempt(plan.spaceId(), plan.runId(), plan.iteration(), state.questionId(), state.repeat()), state);
    }

    public void deleteAttempt(EvaluationPlan plan, String questionId, int repeat) {
        store.delete(EvaluationKeys.attempt(plan.spaceId(), plan.runId(), plan.iteration(), questionId, repeat));
    }

    // ------------------------------------------------------------------ outcomes

    public Optional<QuestionOutcome> outcome(EvaluationPlan plan, String questionId, int repeat) {
        return read(EvaluationKeys.outcome(plan.spaceId(), plan.runId(), plan.iteration(), questionId, repeat), QuestionOutcome.class);
    }

    public void saveOutcome(EvaluationPlan plan, QuestionOutcome outcome) {
        write(EvaluationKeys.outcome(plan.spaceId(), plan.runId(), plan.iteration(), outcome.questionId(), outcome.repeat()), outcome);
    }

    /** Keys of the finished attempts (cheap: a listing, no reads). */
    public List<String> outcomeKeys(EvaluationPlan plan) {
        return store.list(EvaluationKeys.outcomes(plan.spaceId(), plan.runId(), plan.iteration()));
    }

    /** Every finished attempt, in plan order then repeat. */
    public List<QuestionOutcome> outcomes(EvaluationPlan plan) {
        List<QuestionOutcome> out = new ArrayList<>();
        for (String key : outcomeKeys(plan)) {
            read(key, QuestionOutcome.class).ifPresent(out::add);
        }
        out.sort(Comparator.comparingInt((QuestionOutcome o) -> plan.indexOf(o.questionId()))
                .thenComparing(QuestionOutcome::questionId)
                .thenComparingInt(QuestionOutcome::repeat));
        return out;
    }

    // ------------------------------------------------------------------ ground truth

    public Optional<GroundTruth> groundTruth(EvaluationPlan plan, String questionId) {
        return read(EvaluationKeys.groundTruth(plan.spaceId(), plan.runId(), plan.iteration(), questionId), GroundTruth.class);
    }

    public void saveGroundTruth(EvaluationPlan plan, GroundTruth groundTruth) {
        write(EvaluationKeys.groundTruth(plan.spaceId(), plan.runId(), plan.iteration(), groundTruth.questionId()), groundTruth);
    }

    // ------------------------------------------------------------------ finished evaluations

    public Optional<Evaluation> evaluation(String spaceId, String runId, int iteration) {
        String key = RunKeys.evaluation(spaceId, runId, iteration);
        return store.get(key).map(c -> EvaluationJson.read(c.content(), key));
    }

    /** @return the key written */
    public String saveEvaluation(Evaluation evaluation) {
        String key = RunKeys.evaluation(evaluation.spaceId(), evaluation.runId(), evaluation.iteration());
        store.put(key, EvaluationJson.write(evaluation), JSON);
        return key;
    }

    public void saveJudgement(String spaceId, String runId, int iteration, Object judgement) {
        write(EvaluationKeys.judgement(spaceId, runId, iteration), judgement);
    }

    // ------------------------------------------------------------------

    private <T> Optional<T> read(String key, Class<T> type) {
        return store.get(key).map(c -> EvaluationJson.read(c.content(), type, key));
    }

    private void write(String key, Object value) {
        store.put(key, EvaluationJson.bytes(value), JSON);
    }
}
