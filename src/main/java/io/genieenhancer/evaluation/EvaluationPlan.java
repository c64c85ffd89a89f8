package io.genieenhancer.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one evaluation asks, frozen when it starts and kept in the run store
 * ({@link EvaluationKeys#plan}): the benchmark questions with their ground truth as the space held them
 * then, the mode, the eval run ids and the settings every attempt must share. Later steps read the
 * plan instead of the space, so an edit to the space mid-evaluation cannot mix two benchmarks.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record EvaluationPlan(
        String spaceId,
        String runId,
        int iteration,
        Evaluation.Mode mode,
        int repeats,
        boolean allQuestions,
        List<PlannedQuestion> questions,
        List<String> evalRunIds,
        @JsonUnwrapped AttemptSettings attempts,
        Instant createdAt,
        List<String> notes) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record PlannedQuestion(String id, String question, Optional<String> groundTruthSql) {
        public PlannedQuestion {
            Objects.requireNonNull(id, "id");
            question = question == null ? "" : question;
            groundTruthSql = groundTruthSql == null ? Optional.empty() : groundTruthSql.filter(s -> !s.isBlank());
        }
    }

    /**
     * The settings every attempt of this evaluation shares, frozen with the plan: the warehouse the ground truth runs
     * on, the row cap, how results are compared, how long one question may take.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record AttemptSettings(Optional<String> warehouseId, int rowCap, ComparisonOptions comparison,
            long questionTimeoutSeconds) {
        public AttemptSettings {
            warehouseId = warehouseId == null ? Optional.empty() : warehouseId;
            comparison = comparison == null ? ComparisonOptions.DEFAULTS : comparison;
        }
    }

    public EvaluationPlan {
        Objects.requireNonNull(spaceId, "spaceId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(mode, "mode");
        questions = List.copyOf(questions);
        evalRunIds = evalRunIds == null ? List.of() : List.copyOf(evalRunIds);
        Objects.requireNonNull(attempts, "attempts");
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** Attempts expected: questions x repeats. */
    public int total() {
        return questions.size() * repeats;
    }

    public Optional<PlannedQuestion> question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    /** Position of a question in the plan (outcomes are reported in this order). */
    public int indexOf(String questionId) {
        for (int i = 0; i < questions.size(); i++) {
            if (questions.get(i).id().equals(questionId)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    public List<String> questionIds() {
        return questions.stream().map(PlannedQuestion::id).toList();
    }

    public EvaluationPlan withEvalRunIds(List<String> ids) {
        return new EvaluationPlan(spaceId, runId, iteration, mode, repeats, allQuestions, questions, ids, attempts, createdAt,
                notes);
    }

    public EvaluationPlan withMode(Evaluation.Mode m, String note) {
        List<String> n = new ArrayList<>(notes);
        if (note != null) {
            n.add(note);
        }
        return new EvaluationPlan(spaceId, runId, iteration, m, repeats, allQuestions, questions, evalRunIds, attempts,
                createdAt, n);
    }
}
