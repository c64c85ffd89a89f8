package io.genieenhancer.evaluation;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * One self-run attempt as a Step Functions Map item; its fields are exactly evaluateQuestion's input.
 *
 * @param notBefore the attempt's slot in Genie's rate budget (start time + index x 60 / questions-per-minute);
 *                  evaluateQuestion answers PENDING until then, so the budget holds whatever MaxConcurrency is
 */
@RegisterForReflection
public record QuestionItem(String spaceId, String runId, int iteration, String questionId, int repeat, Instant notBefore) {
}
