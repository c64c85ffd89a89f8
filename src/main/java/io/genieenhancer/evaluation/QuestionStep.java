package io.genieenhancer.evaluation;

import io.genieenhancer.error.RetryAdvice;

import java.util.Optional;

/** What one evaluateQuestion invocation achieved for one attempt. */
public sealed interface QuestionStep {

    /** The attempt is finished and its outcome stored. */
    record Done(QuestionOutcome outcome) implements QuestionStep {
    }

    /** Still going (waiting for Genie, the ground truth, or its slot in the rate budget): call again later. */
    record Pending(AttemptState.Phase phase, int pollAfterSeconds, Optional<String> conversationId,
                   Optional<String> messageId) implements QuestionStep {
    }

    /** A transient refusal (429, 5xx): call again after the advised wait; never a failed question. */
    record RetryLater(RetryAdvice advice, AttemptState.Phase phase) implements QuestionStep {
    }
}
