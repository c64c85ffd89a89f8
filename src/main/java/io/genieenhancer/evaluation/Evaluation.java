package io.genieenhancer.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One evaluation of a space: every attempt at every benchmark question. Score, counts, stability and
 * the failures to fix are derived from {@code outcomes}; they are written to JSON for readers
 * ({@code summary}, {@code questions}) but recomputed, never trusted, when a document is read back.
 * The JSON shape is documented in docs/evaluation.md; it is also the shape accepted for external results.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonIgnoreProperties(value = {"summary", "questions"}, allowGetters = true)
public record Evaluation(
        int schemaVersion,
        String spaceId,
        String runId,
        int iteration,
        Mode mode,
        List<String> evalRunIds,
        int repeats,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        List<QuestionOutcome> outcomes,
        List<String> notes) {

    public static final int SCHEMA_VERSION = 1;

    /** Where the outcomes came from. */
    @RegisterForReflection
    public enum Mode {
        /** Databricks' eval-runs API (assessment GOOD / BAD / NEEDS_REVIEW). */
        EVAL_RUNS,
        /** Our own run: a Genie conversation per question, ground truth through the Statement API. */
        SELF_RUN,
        /** Results produced elsewhere and handed to us in this JSON shape. */
        EXTERNAL;

        /** {@code STORED} (the state machine's word for a given results key) reads as EXTERNAL. */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static Mode of(String value) {
            if (value == null) {
                return null;
            }
            String v = value.trim().toUpperCase(java.util.Locale.ROOT);
            return v.equals("STORED") ? EXTERNAL : valueOf(v);
        }
    }

    public Evaluation {
        Objects.requireNonNull(spaceId, "spaceId");
        Objects.requireNonNull(mode, "mode");
        schemaVersion = schemaVersion == 0 ? SCHEMA_VERSION : schemaVersion;
        runId = runId == null ? "" : runId;
        evalRunIds = evalRunIds == null ? List.of() : List.copyOf(evalRunIds);
        repeats = Math.max(1, repeats);
        startedAt = startedAt == null ? Optional.empty() : startedAt;
        finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** Counts over attempts; {@code score} = correct / scorable (0 when nothing was scorable). */
    @RegisterForReflection
    public record Summary(
            double score,
            int correct,
            int incorrect,
            int scorable,
            int notScorable,
            int attempts,
            int questions,
            int stablePass,
            int stableFail,
            int flaky,
            List<String> notScorableQuestions) {
    }

    @JsonProperty("summary")
    public Summary summary() {
        int correct = 0;
        int incorrect = 0;
        int notScorable = 0;
        for (QuestionOutcome o : outcomes) {
            switch (o.status()) {
                case CORRECT -> correct++;
                case INCORRECT -> incorrect++;
                case NOT_SCORABLE -> notScorable++;
            }
        }
        Map<Stability, Integer> byStability = new EnumMap<>(Stability.class);
        List<String> notScorableQuestions = new ArrayList<>();
        for (QuestionSummary q : questions()) {
            byStability.merge(q.stability(), 1, Integer::sum);
            if (q.stability() == Stability.NOT_SCORABLE) {
                notScorableQuestions.add(q.questionId());
            }
        }
        int scorable = correct + incorrect;
        return new Summary(scorable == 0 ? 0.0 : (double) correct / scorable, correct, incorrect, scorable, notScorable,
                outcomes.size(), byStability.values().stream().mapToInt(Integer::intValue).sum(),
                byStability.getOrDefault(Stability.STABLE_PASS, 0), byStability.getOrDefault(Stability.STABLE_FAIL, 0),
                byStability.getOrDefault(Stability.FLAKY, 0), List.copyOf(notScorableQuestions));
    }

    public double score() {
        return summary().score();
    }

    /** One entry per question, in the order the questions first appear in {@code outcomes}. */
    @JsonProperty("questions")
    public List<QuestionSummary> questions() {
        Map<String, List<QuestionOutcome>> byQuestion = new LinkedHashMap<>();
        for (QuestionOutcome o : outcomes) {
            byQuestion.computeIfAbsent(o.questionId(), k -> new ArrayList<>()).add(o);
        }
        List<QuestionSummary> out = new ArrayList<>(byQuestion.size());
        byQuestion.forEach((id, attempts) -> out.add(summarise(id, attempts)));
        return List.copyOf(out);
    }

    public Optional<QuestionSummary> question(String questionId) {
        return questions().stream().filter(q -> q.questionId().equals(questionId)).findFirst();
    }

    /** Stable failures: the questions the enhance step should fix. */
    public List<QuestionSummary> failuresToFix() {
        return failuresToFix(FailurePolicy.STABLE_ONLY);
    }

    public List<QuestionSummary> failuresToFix(FailurePolicy policy) {
        return questions().stream()
                .filter(q -> q.stability() == Stability.STABLE_FAIL
                        || (policy == FailurePolicy.INCLUDE_FLAKY && q.stability() == Stability.FLAKY))
                .toList();
    }

    /** Reported, not fixed by default. */
    public List<QuestionSummary> flaky() {
        return questions().stream().filter(q -> q.stability() == Stability.FLAKY).toList();
    }

    public List<QuestionSummary> notScorable() {
        return questions().stream().filter(q -> q.stability() == Stability.NOT_SCORABLE).toList();
    }

    private static QuestionSummary summarise(String questionId, List<QuestionOutcome> attempts) {
        int scorable = 0;
        int correct = 0;
        Map<AssessmentReason, Integer> reasonCounts = new LinkedHashMap<>();
        QuestionOutcome lastFailing = null;
        for (QuestionOutcome o : attempts) {
            if (o.scorable()) {
                scorable++;
            }
            if (o.correct()) {
                correct++;
            } else {
                o.reasons().forEach(r -> reasonCounts.merge(r, 1, Integer::sum));
                if (o.scorable() || lastFailing == null || !lastFailing.scorable()) {
                    lastFailing = o;
                }
            }
        }
        Stability stability = scorable == 0 ? Stability.NOT_SCORABLE
                : correct == scorable ? Stability.STABLE_PASS
                : correct == 0 ? Stability.STABLE_FAIL
                : Stability.FLAKY;
        QuestionOutcome evidence = lastFailing != null && stability != Stability.STABLE_PASS ? lastFailing
                : attempts.get(attempts.size() - 1);
        List<AssessmentReason> reasons = reasonCounts.entrySet().stream()
                .sorted(Map.Entry.<AssessmentReason, Integer>comparingByValue(Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .toList();
        String question = attempts.stream().map(QuestionOutcome::question).filter(s -> !s.isBlank()).findFirst().orElse("");
        return new QuestionSummary(questionId, question, stability, attempts.size(), scorable, correct,
                scorable == 0 ? 0.0 : (double) correct / scorable,
                stability == Stability.STABLE_PASS ? List.of() : reasons,
                evidence.expectedSql(), evidence.generatedSql(), evidence.detail(), evidence);
    }
}
