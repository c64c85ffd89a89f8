package io.genieenhancer.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

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
        @JsonUnwrapped GroundTruthRun groundTruth,
        @JsonUnwrapped GenieRun genie,
        @JsonUnwrapped Refusals refusals) {

    /** Where the attempt stands. */
    @RegisterForReflection
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

    /** The benchmark's own SQL, once started. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record GroundTruthRun(Optional<String> groundTruthStatementId, Optional<Instant> groundTruthStartedAt) {
        public GroundTruthRun {
            groundTruthStatementId = opt(groundTruthStatementId);
            groundTruthStartedAt = opt(groundTruthStartedAt);
        }

        static final GroundTruthRun NOT_STARTED = new GroundTruthRun(null, null);
    }

    /** The question put to Genie: its conversation and message, its answer's SQL, the statement re-running it. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record GenieRun(Optional<String> conversationId, Optional<String> messageId, Optional<Instant> askedAt,
            Optional<String> attachmentId, Optional<String> generatedSql, Optional<String> resultStatementId) {
        public GenieRun {
            conversationId = opt(conversationId);
            messageId = opt(messageId);
            askedAt = opt(askedAt);
            attachmentId = opt(attachmentId);
            generatedSql = opt(generatedSql);
            resultStatementId = opt(resultStatementId);
        }

        static final GenieRun NOT_ASKED = new GenieRun(null, null, null, null, null, null);
    }

    /** Transient refusals in a row, and when the attempt may be tried again. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record Refusals(int consecutiveRetries, Optional<Instant> retryNotBefore) {
        public Refusals {
            retryNotBefore = opt(retryNotBefore);
        }

        static final Refusals NONE = new Refusals(0, null);
    }

    public AttemptState {
        // a document from before a group existed reads it as all-absent
        groundTruth = groundTruth == null ? GroundTruthRun.NOT_STARTED : groundTruth;
        genie = genie == null ? GenieRun.NOT_ASKED : genie;
        refusals = refusals == null ? Refusals.NONE : refusals;
    }

    private static <T> Optional<T> opt(Optional<T> o) {
        return o == null ? Optional.empty() : o;
    }

    public static AttemptState start(String questionId, int repeat, Instant now) {
        return new AttemptState(questionId, repeat, Phase.GROUND_TRUTH, now, GroundTruthRun.NOT_STARTED, GenieRun.NOT_ASKED,
                Refusals.NONE);
    }

    public AttemptState withPhase(Phase p) {
        return new AttemptState(questionId, repeat, p, startedAt, groundTruth, genie, refusals);
    }

    public AttemptState groundTruthStarted(String statementId, Instant at) {
        return new AttemptState(questionId, repeat, phase, startedAt,
                new GroundTruthRun(Optional.ofNullable(statementId), Optional.of(at)), genie, refusals);
    }

    public AttemptState asked(String conversation, String message, Instant at) {
        return new AttemptState(questionId, repeat, Phase.ANSWER, startedAt, groundTruth,
                new GenieRun(Optional.of(conversation), Optional.of(message), Optional.of(at), genie.attachmentId(),
                        genie.generatedSql(), genie.resultStatementId()), refusals);
    }

    public AttemptState answered(String attachment, String sql) {
        return new AttemptState(questionId, repeat, phase, startedAt, groundTruth,
                new GenieRun(genie.conversationId(), genie.messageId(), genie.askedAt(), Optional.ofNullable(attachment),
                        Optional.ofNullable(sql), genie.resultStatementId()), refusals);
    }

    public AttemptState rerunning(String statementId) {
        return new AttemptState(questionId, repeat, Phase.RESULT, startedAt, groundTruth,
                new GenieRun(genie.conversationId(), genie.messageId(), genie.askedAt(), genie.attachmentId(),
                        genie.generatedSql(), Optional.ofNullable(statementId)), refusals);
    }

    /** After a transient refusal: the n-th in a row, not to be tried again before {@code until}. */
    public AttemptState refused(int n, Instant until) {
        return new AttemptState(questionId, repeat, phase, startedAt, groundTruth, genie, new Refusals(n, Optional.of(until)));
    }

    /** Progress again: the refusals are over. */
    public AttemptState unrefused() {
        return new AttemptState(questionId, repeat, phase, startedAt, groundTruth, genie, Refusals.NONE);
    }
}
