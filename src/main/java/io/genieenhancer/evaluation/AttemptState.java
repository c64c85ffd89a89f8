package io.genieenhancer.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Optional;

/**
 * A self-run attempt between two invocations of evaluateQuestion, kept in the run store so a Lambda never
 * waits for Genie: each invocation advances the attempt as far as it can in a few seconds and returns.
 * The ids of everything already started (ground-truth statement, conversation, re-run statement) are
 * saved before anything else can fail, so a retried invocation continues and never asks Genie twice.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record AttemptState(
        String questionId,
        int repeat,
        Phase phase,
        Instant startedAt,
        Optional<String> groundTruthStatementId,
        Optional<Instant> groundTruthStartedAt,
        Optional<String> conversationId,
        Optional<String> messageId,
        Optional<Instant> askedAt,
        Optional<String> attachmentId,
        Optional<String> generatedSql,
        Optional<String> resultStatementId,
        int consecutiveRetries) {

    /** Where the attempt stands. */
    public enum Phase {
        /** Running (or waiting for) the benchmark's own SQL. */
        GROUND_TRUTH,
        /** Ready to ask Genie (waiting for its slot in the rate budget). */
        ASK,
        /** Waiting for Genie's message to reach a terminal status. */
        ANSWER,
        /** Genie's query is being re-run (its result had expired). */
        RESULT
    }

    public AttemptState {
        groundTruthStatementId = opt(groundTruthStatementId);
        groundTruthStartedAt = opt(groundTruthStartedAt);
        conversationId = opt(conversationId);
        messageId = opt(messageId);
        askedAt = opt(askedAt);
        attachmentId = opt(attachmentId);
        generatedSql = opt(generatedSql);
        resultStatementId = opt(resultStatementId);
    }

    private static <T> Optional<T> opt(Optional<T> o) {
        return o == null ? Optional.empty() : o;
    }

    public static AttemptState start(String questionId, int repeat, Instant now) {
        return new AttemptState(questionId, repeat, Phase.GROUND_TRUTH, now, null, null, null, null, null, null, null, null, 0);
    }

    public AttemptState withPhase(Phase p) {
        return new AttemptState(questionId, repeat, p, startedAt, groundTruthStatementId, groundTruthStartedAt, conversationId,
                messageId, askedAt, attachmentId, generatedSql, resultStatementId, consecutiveRetries);
    }

    public AttemptState groundTruthStarted(String statementId, Instant at) {
        return new AttemptState(questionId, repeat, phase, startedAt, Optional.ofNullable(statementId), Optional.of(at),
                conversationId, messageId, askedAt, attachmentId, generatedSql, resultStatementId, consecutiveRetries);
    }

    public AttemptState asked(String conversation, String message, Instant at) {
        return new AttemptState(questionId, repeat, Phase.ANSWER, startedAt, groundTruthStatementId, groundTruthStartedAt,
                Optional.of(conversation), Optional.of(message), Optional.of(at), attachmentId, generatedSql, resultStatementId,
                consecutiveRetries);
    }

    public AttemptState answered(String attachment, String sql) {
        return new AttemptState(questionId, repeat, phase, startedAt, groundTruthStatementId, groundTruthStartedAt,
                conversationId, messageId, askedAt, Optional.ofNullable(attachment), Optional.ofNullable(sql), resultStatementId,
                consecutiveRetries);
    }

    public AttemptState rerunning(String statementId) {
        return new AttemptState(questionId, repeat, Phase.RESULT, startedAt, groundTruthStatementId, groundTruthStartedAt,
                conversationId, messageId, askedAt, attachmentId, generatedSql, Optional.ofNullable(statementId), consecutiveRetries);
    }

    public AttemptState withConsecutiveRetries(int n) {
        return new AttemptState(questionId, repeat, phase, startedAt, groundTruthStatementId, groundTruthStartedAt,
                conversationId, messageId, askedAt, attachmentId, generatedSql, resultStatementId, n);
    }
}
