package io.genieenhancer.functions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.RetryAdvice;
import io.genieenhancer.evaluation.AssessmentReason;
import io.genieenhancer.evaluation.Evaluation;
import io.genieenhancer.evaluation.EvaluationConfig;
import io.genieenhancer.evaluation.EvaluationHandle;
import io.genieenhancer.evaluation.EvaluationService;
import io.genieenhancer.evaluation.EvaluatorMode;
import io.genieenhancer.evaluation.Judge;
import io.genieenhancer.evaluation.QuestionItem;
import io.genieenhancer.evaluation.QuestionStep;
import io.genieenhancer.store.RunKeys;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;

import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code startEvaluation}, {@code evaluateQuestion}, {@code pollEvaluation} and {@code judge}: evaluation as
 * steps of seconds for Step Functions (inputs and outputs are documented in docs/evaluation.md).
 */
public class EvaluationFunctions {

    @Inject
    EvaluationService evaluations;

    @Inject
    EvaluationConfig config;

    // ------------------------------------------------------------------ startEvaluation

    @RegisterForReflection
    public record StartEvaluationInput(String spaceId, String runId, Integer iteration, List<String> questionIds,
                                       Integer repeats, EvaluatorMode evaluator, String evalRunId, String resultsKey) {
        public StartEvaluationInput {
            requireIds(spaceId, runId, iteration);
            questionIds = questionIds == null ? List.of() : questionIds;
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StartEvaluationOutput(EvaluationHandle handle, List<QuestionItem> questionItems, Integer total,
                                        List<String> notes, RetryAdvice retry) {

        static StartEvaluationOutput retry(RetryAdvice retry) {
            return new StartEvaluationOutput(null, null, null, null, retry);
        }
    }

    @Funq
    public StartEvaluationOutput startEvaluation(JsonNode event) {
        StartEvaluationInput in = Inputs.bind(event, StartEvaluationInput.class);
        return Steps.run("startEvaluation", () -> {
            EvaluationService.Started s = evaluations.start(new EvaluationService.StartRequest(in.spaceId(), in.runId(),
                    in.iteration(), in.questionIds(), Optional.ofNullable(in.repeats()), Optional.ofNullable(in.evaluator()),
                    Optional.ofNullable(in.evalRunId()), Optional.ofNullable(in.resultsKey())));
            return new StartEvaluationOutput(s.handle(), s.questionItems(), s.total(), s.notes().isEmpty() ? null : s.notes(), null);
        }, StartEvaluationOutput::retry);
    }

    // ------------------------------------------------------------------ evaluateQuestion

    @RegisterForReflection
    public record EvaluateQuestionInput(String spaceId, String runId, Integer iteration, String questionId, Integer repeat,
                                        Instant notBefore) {
        public EvaluateQuestionInput {
            requireIds(spaceId, runId, iteration);
            RunKeys.safe("questionId", questionId);
            if (repeat == null || repeat < 0) {
                throw EnhancerException.invalidInput("field \"repeat\" is required (>= 0)");
            }
        }
    }

    /**
     * @param status CORRECT, INCORRECT, NOT_SCORABLE, or PENDING (call again after {@code pollAfterSeconds},
     *               or after {@code retry.retryAfterSeconds} when {@code retry} is present)
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EvaluateQuestionOutput(String questionId, Integer repeat, String status, Boolean done,
                                         Integer pollAfterSeconds, String phase, String conversationId, String messageId,
                                         List<AssessmentReason> reasons, RetryAdvice retry) {

        static EvaluateQuestionOutput of(EvaluateQuestionInput in, QuestionStep step) {
            // Java 17: no pattern switch yet; the three QuestionStep kinds are exhaustive (sealed)
            if (step instanceof QuestionStep.Done d) {
                return new EvaluateQuestionOutput(in.questionId(), in.repeat(), d.outcome().status().name(), true, null, null,
                        d.outcome().references().get("conversation_id"), d.outcome().references().get("message_id"),
                        d.outcome().reasons(), null);
            }
            if (step instanceof QuestionStep.Pending p) {
                return new EvaluateQuestionOutput(in.questionId(), in.repeat(), PENDING, false, p.pollAfterSeconds(),
                        p.phase().name(), p.conversationId().orElse(null), p.messageId().orElse(null), null, null);
            }
            QuestionStep.RetryLater r = (QuestionStep.RetryLater) step;
            return new EvaluateQuestionOutput(in.questionId(), in.repeat(), PENDING, false, null, r.phase().name(), null, null,
                    null, r.advice());
        }

        static EvaluateQuestionOutput retry(EvaluateQuestionInput in, RetryAdvice retry) {
            return new EvaluateQuestionOutput(in.questionId(), in.repeat(), PENDING, false, null, null, null, null, null, retry);
        }
    }

    public static final String PENDING = "PENDING";

    @Funq
    public EvaluateQuestionOutput evaluateQuestion(JsonNode event) {
        EvaluateQuestionInput in = Inputs.bind(event, EvaluateQuestionInput.class);
        return Steps.run("evaluateQuestion", () -> {
            QuestionStep step = evaluations.evaluateQuestion(in.spaceId(), in.runId(), in.iteration(), in.questionId(),
                    in.repeat(), Optional.ofNullable(in.notBefore()));
            return EvaluateQuestionOutput.of(in, step);
        }, retry -> EvaluateQuestionOutput.retry(in, retry));
    }

    // ------------------------------------------------------------------ pollEvaluation

    @RegisterForReflection
    public record PollEvaluationInput(String spaceId, String runId, Integer iteration, EvaluationHandle handle) {
        public PollEvaluationInput {
            requireIds(spaceId, runId, iteration);
            if (handle == null) {
                throw EnhancerException.invalidInput("field \"handle\" is required (the startEvaluation output's handle)");
            }
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PollEvaluationOutput(Boolean done, Integer completed, Integer total, @JsonUnwrapped Scores scores,
                                       Integer pollAfterSeconds, RetryAdvice retry) {

        /** Present once the evaluation is done: where it was stored and what it scored. */
        @RegisterForReflection
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Scores(String evaluationKey, double score, int correct, int scorable, int notScorable, int flaky) {
            static Scores of(String evaluationKey, Evaluation.Summary s) {
                return new Scores(evaluationKey, s.score(), s.correct(), s.scorable(), s.notScorableQuestions().size(),
                        s.flaky());
            }
        }

        static PollEvaluationOutput of(EvaluationService.Progress p) {
            Scores scores = p.summary().map(s -> Scores.of(p.evaluationKey().orElse(null), s)).orElse(null);
            return new PollEvaluationOutput(p.done(), p.completed(), p.total(), scores, p.done() ? null : p.pollAfterSeconds(),
                    null);
        }

        static PollEvaluationOutput retry(RetryAdvice retry) {
            return new PollEvaluationOutput(false, null, null, null, null, retry);
        }
    }

    @Funq
    public PollEvaluationOutput pollEvaluation(JsonNode event) {
        PollEvaluationInput in = Inputs.bind(event, PollEvaluationInput.class);
        return Steps.run("pollEvaluation", () -> {
            return PollEvaluationOutput.of(evaluations.poll(in.spaceId(), in.runId(), in.iteration(), in.handle()));
        }, PollEvaluationOutput::retry);
    }

    // ------------------------------------------------------------------ judge

    @RegisterForReflection
    public record JudgeInput(String spaceId, String runId, Integer iteration, Integer baselineIteration,
                             Integer previousIteration, Double targetScore, Double tolerance, Double alpha) {
        public JudgeInput {
            requireIds(spaceId, runId, iteration);
            if (previousIteration == null || previousIteration < 0) {
                throw EnhancerException.invalidInput("field \"previousIteration\" is required (>= 0)");
            }
            if (targetScore == null) {
                throw EnhancerException.invalidInput("field \"targetScore\" is required (0..1)");
            }
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JudgeOutput(Judge.Verdict verdict, Double score, Double previousScore, Double baselineScore,
                              Judge.Changes changed, String explanation, RetryAdvice retry) {

        static JudgeOutput retry(RetryAdvice retry) {
            return new JudgeOutput(null, null, null, null, null, null, retry);
        }
    }

    @Funq
    public JudgeOutput judge(JsonNode event) {
        JudgeInput in = Inputs.bind(event, JudgeInput.class);
        Judge.Options options;
        try {
            options = new Judge.Options(in.targetScore(),
                    in.tolerance() == null ? config.judge().tolerance() : in.tolerance(),
                    in.alpha() == null ? config.judge().alpha() : in.alpha());
        } catch (IllegalArgumentException e) {
            throw EnhancerException.invalidInput(e.getMessage());
        }
        return Steps.run("judge", () -> {
            EvaluationService.JudgeResult r = evaluations.judge(in.spaceId(), in.runId(), in.iteration(),
                    in.previousIteration(), in.baselineIteration() == null ? 0 : in.baselineIteration(), options);
            Judge.Judgement j = r.judgement();
            return new JudgeOutput(j.verdict(), j.score(), j.previousScore(), r.baselineScore().orElse(null), j.changes(),
                    j.explanation(), null);
        }, JudgeOutput::retry);
    }

    private static void requireIds(String spaceId, String runId, Integer iteration) {
        Inputs.requireRun(spaceId, runId);
        Inputs.requireIteration(iteration, 0);
    }
}
