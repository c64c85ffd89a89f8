package io.genieenhancer.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one enhancement run did, iteration by iteration: scores, verdicts, the fixes with their reasoning
 * and question ids, what was rolled back, and the config diffs. Written as report.json / .md / .html.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(
        String spaceId,
        String runId,
        String outcome,
        String error,
        @JsonUnwrapped Tally tally,
        Instant startedAt,
        Instant finishedAt,
        List<IterationRow> rows,
        List<FixRow> fixes,
        Map<Integer, String> diffs,
        List<String> flakyQuestions,
        List<String> notScorableQuestions) {

    /**
     * The run in five figures; also what {@code finish} returns. Unwrapped: report.json keeps them at its top
     * level, as it always had.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tally(Double baselineScore, Double finalScore, int iterations, int fixesApplied, int fixesRolledBack) {
    }

    public RunReport withFinalScore(Double score) {
        return new RunReport(spaceId, runId, outcome, error,
                new Tally(tally.baselineScore(), score, tally.iterations(), tally.fixesApplied(), tally.fixesRolledBack()),
                startedAt, finishedAt, rows, fixes, diffs, flakyQuestions, notScorableQuestions);
    }

    /** One line of the run table; iteration 0 is the baseline. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IterationRow(int iteration, Double score, Integer correct, Integer scorable, String verdict,
            String enhanceStatus, int fixesApplied, Map<String, Integer> byType, boolean rolledBack,
            Integer indexingWaitSeconds, Long llmPromptTokens, Long llmCompletionTokens) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FixRow(int iteration, String type, String target, String value, List<String> reasoning,
            List<String> questionIds, String confidence, String source, String status, String outcome,
            boolean rolledBack) {
    }
}
