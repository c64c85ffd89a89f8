package io.genieenhancer.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt at one benchmark question, with the evidence the analysers need: the question, the
 * expected and the generated SQL, the reasons and, when there were rows, a preview of both results.
 *
 * @param repeat     0-based attempt index (questions are asked {@code repeats} times to expose flakiness)
 * @param detail     one sentence: the comparison's explanation, Genie's error, the clarifying question ...
 * @param references ids to trace the attempt back: {@code conversation_id}, {@code message_id},
 *                   {@code eval_run_id}, {@code result_id}, {@code statement_id}
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record QuestionOutcome(
        String questionId,
        String question,
        int repeat,
        OutcomeStatus status,
        List<AssessmentReason> reasons,
        Optional<String> expectedSql,
        Optional<String> generatedSql,
        Optional<String> detail,
        Timings timings,
        Optional<ResultPreview> expectedResult,
        Optional<ResultPreview> actualResult,
        Map<String, String> references) {

    public QuestionOutcome {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(status, "status");
        if (repeat < 0) {
            throw new IllegalArgumentException("repeat must be >= 0");
        }
        question = question == null ? "" : question;
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        expectedSql = expectedSql == null ? Optional.empty() : expectedSql;
        generatedSql = generatedSql == null ? Optional.empty() : generatedSql;
        detail = detail == null ? Optional.empty() : detail;
        timings = timings == null ? Timings.NONE : timings;
        expectedResult = expectedResult == null ? Optional.empty() : expectedResult;
        actualResult = actualResult == null ? Optional.empty() : actualResult;
        references = references == null ? Map.of() : Map.copyOf(references);
    }

    public boolean correct() {
        return status == OutcomeStatus.CORRECT;
    }

    public boolean scorable() {
        return status != OutcomeStatus.NOT_SCORABLE;
    }

    public static Builder builder(String questionId, String question, int repeat) {
        return new Builder(questionId, question, repeat);
    }

    /** Outcomes are assembled step by step by the evaluators; a builder keeps those call sites readable. */
    public static final class Builder {
        private final String questionId;
        private final String question;
        private final int repeat;
        private OutcomeStatus status = OutcomeStatus.INCORRECT;
        private List<AssessmentReason> reasons = List.of();
        private Optional<String> expectedSql = Optional.empty();
        private Optional<String> generatedSql = Optional.empty();
        private Optional<String> detail = Optional.empty();
        private Timings timings = Timings.NONE;
        private Optional<ResultPreview> expectedResult = Optional.empty();
        private Optional<ResultPreview> actualResult = Optional.empty();
        private Map<String, String> references = Map.of();

        private Builder(String questionId, String question, int repeat) {
            this.questionId = questionId;
            this.question = question;
            this.repeat = repeat;
        }

        public Builder status(OutcomeStatus s) {
            status = s;
            return this;
        }

        public Builder reasons(List<AssessmentReason> r) {
            reasons = r;
            return this;
        }

        public Builder reason(AssessmentReason r) {
            reasons = List.of(r);
            return this;
        }

        public Builder expectedSql(Optional<String> sql) {
            expectedSql = sql;
            return this;
        }

        public Builder generatedSql(Optional<String> sql) {
            generatedSql = sql;
            return this;
        }

        public Builder detail(String d) {
            detail = Optional.ofNullable(d).filter(s -> !s.isBlank());
            return this;
        }

        public Builder timings(Timings t) {
            timings = t;
            return this;
        }

        public Builder expectedResult(Optional<ResultPreview> p) {
            expectedResult = p;
            return this;
        }

        public Builder actualResult(Optional<ResultPreview> p) {
            actualResult = p;
            return this;
        }

        public Builder references(Map<String, String> r) {
            references = r;
            return this;
        }

        public QuestionOutcome build() {
            return new QuestionOutcome(questionId, question, repeat, status, reasons, expectedSql, generatedSql, detail,
                    timings, expectedResult, actualResult, references);
        }
    }
}
