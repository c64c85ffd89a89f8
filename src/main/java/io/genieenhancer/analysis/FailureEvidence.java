package io.genieenhancer.analysis;

import io.genieenhancer.evaluation.AssessmentReason;
import io.genieenhancer.evaluation.QuestionSummary;
import io.genieenhancer.evaluation.ResultPreview;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an analyser knows about one failing benchmark question: the question, the expected and the generated
 * SQL, why the evaluation judged it wrong and, when there were rows, a preview of both results. Built from the
 * evaluation's {@link QuestionSummary} (its representative failing attempt).
 */
public record FailureEvidence(
        String questionId,
        String question,
        Optional<String> expectedSql,
        Optional<String> generatedSql,
        List<AssessmentReason> reasons,
        Optional<String> detail,
        Optional<ResultPreview> expectedResult,
        Optional<ResultPreview> actualResult) {

    public FailureEvidence {
        Objects.requireNonNull(questionId, "questionId");
        question = question == null ? "" : question;
        expectedSql = expectedSql == null ? Optional.empty() : expectedSql;
        generatedSql = generatedSql == null ? Optional.empty() : generatedSql;
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        detail = detail == null ? Optional.empty() : detail;
        expectedResult = expectedResult == null ? Optional.empty() : expectedResult;
        actualResult = actualResult == null ? Optional.empty() : actualResult;
    }

    public static FailureEvidence of(QuestionSummary q) {
        return new FailureEvidence(q.questionId(), q.question(), q.expectedSql(), q.generatedSql(), q.reasons(), q.detail(),
                q.evidence() == null ? Optional.empty() : q.evidence().expectedResult(),
                q.evidence() == null ? Optional.empty() : q.evidence().actualResult());
    }

    /** Evidence without result previews (tests, external inputs). */
    public static FailureEvidence of(String questionId, String question, String expectedSql, String generatedSql,
            List<AssessmentReason> reasons) {
        return new FailureEvidence(questionId, question, Optional.ofNullable(expectedSql), Optional.ofNullable(generatedSql),
                reasons, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The SQL texts this failure is about, for finding the part of the space it touches. */
    public List<String> sqlTexts() {
        return java.util.stream.Stream.of(expectedSql, generatedSql).flatMap(Optional::stream).toList();
    }
}
