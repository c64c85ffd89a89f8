package io.genieenhancer.evaluation;

import io.genieenhancer.databricks.ExecuteStatementRequest;
import io.genieenhancer.databricks.GenieAttachment;
import io.genieenhancer.databricks.GenieConversations;
import io.genieenhancer.databricks.GenieMessage;
import io.genieenhancer.databricks.GenieStartConversationResponse;
import io.genieenhancer.databricks.MessageError;
import io.genieenhancer.databricks.SqlStatements;
import io.genieenhancer.databricks.StatementResponse;
import io.genieenhancer.databricks.TextAttachment;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.error.RetryAdvice;
import io.genieenhancer.evaluation.AttemptState.Phase;
import io.genieenhancer.evaluation.EvaluationPlan.PlannedQuestion;
import io.genieenhancer.sql.SafeSql;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The self-run evaluator: for each attempt, run the benchmark's SQL through the Statement Execution API
 * (once per question, shared by repeats), ask Genie the question in a fresh conversation, wait for a
 * terminal status, read the result of the query Genie wrote, and compare.
 *
 * <p>The ground truth runs first: when it fails the question is NOT_SCORABLE and no Genie question (the
 * scarce resource, about 5 a minute) is spent on it. Each {@link #step} call works for at most the poll
 * budget and then returns {@link QuestionStep.Pending}; its progress is in the run store
 * ({@link AttemptState}). Rate limits and outages come back as {@link QuestionStep.RetryLater}, never as a
 * failed question.
 */
public final class SelfRunEvaluator implements Evaluator {

    private static final Logger LOG = Logger.getLogger(SelfRunEvaluator.class);

    static final int BASE_BACKOFF_SECONDS = 30;
    static final int MAX_BACKOFF_SECONDS = 300;
    static final int MAX_RETRY_AFTER_SECONDS = 3600;
    private static final int PAUSE_STEPS = 5;

    private final GenieConversations genie;
    private final SqlStatements statements;
    private final EvaluationStore store;
    private final EvaluationSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    public SelfRunEvaluator(GenieConversations genie, SqlStatements statements, EvaluationStore store,
                            EvaluationSettings settings, Clock clock, Sleeper sleeper) {
        this.genie = genie;
        this.statements = statements;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public EvaluationPlan start(EvaluationPlan plan) {
        if (plan.attempts().warehouseId().isEmpty() && plan.questions().stream().anyMatch(q -> q.groundTruthSql().isPresent())) {
            throw EnhancerException.invalidInput("self-run evaluation needs a SQL warehouse for the ground truth: set "
                    + "enhancer.evaluation.warehouse-id or give the space a warehouse_id");
        }
        return plan;
    }

    /**
     * Counts the finished attempts and advances the unfinished ones (no pauses, within the poll budget):
     * a Map iteration that ended on PENDING, or failed, leaves its attempt to the polls, which finish it
     * without ever asking Genie before the attempt's slot. A rate limit stops the round.
     */
    @Override
    public Progress poll(EvaluationPlan plan) {
        Set<String> finished = new HashSet<>(store.outcomeKeys(plan));
        List<QuestionItem> items = schedule(plan);
        int completed = 0;
        List<QuestionItem> open = new ArrayList<>();
        for (QuestionItem item : items) {
            if (finished.contains(EvaluationKeys.outcome(plan.spaceId(), plan.runId(), plan.iteration(), item.questionId(), item.repeat()))) {
                completed++;
            } else {
                open.add(item);
            }
        }
        Instant end = clock.instant().plus(settings.pollBudget());
        boolean first = true;
        for (QuestionItem item : open) {
            if (!first && !clock.instant().isBefore(end)) {
                break; // at least one attempt per poll, so a zero budget still makes progress
            }
            first = false;
            QuestionStep step = step(plan, item.questionId(), item.repeat(), Optional.of(item.notBefore()), Duration.ZERO);
            if (step instanceof QuestionStep.Done) {
                completed++;
            } else if (step instanceof QuestionStep.RetryLater r && r.advice().error() == ErrorCode.RateLimited) {
                break; // the others would be refused too
            }
        }
        return new Progress(completed >= plan.total(), completed, plan.total(), seconds(settings.pollInterval()));
    }

    /**
     * The last attempt's slot plus one question timeout, with the schedule counted twice: 429s and retries
     * push attempts behind their slots, and every attempt ends (answered or failed) within its timeout.
     */
    @Override
    public Instant deadline(EvaluationPlan plan) {
        long scheduleMillis = Math.round(plan.total() * settings.secondsBetweenQuestions() * 1000);
        return plan.createdAt().plusMillis(2 * scheduleMillis).plusSeconds(plan.attempts().questionTimeoutSeconds());
    }

    /**
     * One item per attempt, repeat-major (each round asks every question once), one slot per
     * 60 / questions-per-minute seconds from the plan's start: the rate budget holds whatever the Map
     * state's concurrency is, and the same plan always yields the same schedule.
     */
    public List<QuestionItem> schedule(EvaluationPlan plan) {
        List<QuestionItem> items = new ArrayList<>(plan.total());
        double gap = settings.secondsBetweenQuestions();
        int i = 0;
        for (int repeat = 0; repeat < plan.repeats(); repeat++) {
            for (PlannedQuestion q : plan.questions()) {
                Instant notBefore = plan.createdAt().plusMillis(Math.round(i * gap * 1000)).truncatedTo(ChronoUnit.SECONDS);
                items.add(new QuestionItem(plan.spaceId(), plan.runId(), plan.iteration(), q.id(), repeat, notBefore));
                i++;
            }
        }
        return items;
    }

    /**
     * Advances one attempt as far as the poll budget allows.
     *
     * @param notBefore the attempt's slot in the rate budget: Genie is not asked before it
     */
    public QuestionStep step(EvaluationPlan plan, String questionId, int repeat, Optional<Instant> notBefore) {
        return step(plan, questionId, repeat, notBefore, settings.pollBudget());
    }

    private QuestionStep step(EvaluationPlan plan, String questionId, int repeat, Optional<Instant> notBefore, Duration budget) {
        PlannedQuestion question = plan.question(questionId).orElseThrow(() -> EnhancerException.invalidInput(
                "question " + questionId + " is not in the evaluation plan of iteration " + plan.iteration()));
        if (repeat < 0 || repeat >= plan.repeats()) {
            throw EnhancerException.invalidInput("repeat must be 0.." + (plan.repeats() - 1) + ", was " + repeat);
        }
        Optional<QuestionOutcome> finished = store.outcome(plan, questionId, repeat);
        if (finished.isPresent()) {
            return new QuestionStep.Done(finished.get());
        }
        Instant now = clock.instant();
        AttemptState state = store.attempt(plan, questionId, repeat).orElseGet(() -> AttemptState.start(questionId, repeat, now));
        if (state.refusals().retryNotBefore().filter(now::isBefore).isPresent()) {
            // refused a moment ago: not again before the advised time (a poll may come sooner than the Map's wait)
            return new QuestionStep.Pending(state.phase(), (int) Duration.between(now, state.refusals().retryNotBefore().get()).toSeconds() + 1,
                    state.genie().conversationId(), state.genie().messageId());
        }
        Attempt attempt = new Attempt(plan, question, state, now.plus(budget), notBefore);
        try {
            QuestionStep step = attempt.run();
            if (step instanceof QuestionStep.Pending && attempt.state.refusals().consecutiveRetries() > 0) {
                attempt.save(attempt.state.unrefused());
            }
            return step;
        } catch (EnhancerException e) {
            if (!e.code().retryable()) {
                throw e;
            }
            return attempt.retryLater(e);
        }
    }

    /** One invocation's work on one attempt. */
    private final class Attempt {
        private final EvaluationPlan plan;
        private final PlannedQuestion question;
        private final Instant budgetEnd;
        private final Optional<Instant> notBefore;
        private AttemptState state;
        private Optional<GroundTruth> truth;
        private int pauses;

        Attempt(EvaluationPlan plan, PlannedQuestion question, AttemptState state, Instant budgetEnd, Optional<Instant> notBefore) {
            this.plan = plan;
            this.question = question;
            this.state = state;
            this.budgetEnd = budgetEnd;
            this.notBefore = notBefore;
        }

        QuestionStep run() {
            while (true) {
                switch (state.phase()) {
                    case GROUND_TRUTH -> {
                        Optional<QuestionStep> stop = groundTruthPhase();
                        if (stop.isPresent()) {
                            return stop.get();
                        }
                    }
                    case ASK -> {
                        Optional<QuestionStep> stop = askPhase();
                        if (stop.isPresent()) {
                            return stop.get();
                        }
                    }
                    case ANSWER -> {
                        Optional<QuestionStep> stop = answerPhase();
                        if (stop.isPresent()) {
                            return stop.get();
                        }
                    }
                    case RESULT -> {
                        StatementResponse rerun = statements.get(state.genie().resultStatementId().orElseThrow());
                        Optional<QuestionStep> stop = generatedResult(rerun, true);
                        if (stop.isPresent()) {
                            return stop.get();
                        }
                    }
                }
            }
        }

        // -------------------------------------------------------------- ground truth

        /** Read once per invocation: the ground truth is shared by all repeats and does not change. */
        private Optional<GroundTruth> truth() {
            if (truth == null) {
                truth = store.groundTruth(plan, question.id());
            }
            return truth;
        }

        private Optional<QuestionStep> groundTruthPhase() {
            Optional<GroundTruth> cached = truth();
            if (cached.isEmpty() && question.groundTruthSql().isEmpty()) {
                return Optional.of(finish(outcome(OutcomeStatus.NOT_SCORABLE, List.of(AssessmentReason.EMPTY_GOOD_SQL),
                        "the benchmark question has no SQL answer to compare with")));
            }
            if (cached.isEmpty()) {
                // the answer is run under the enhancer's identity: anything but one read-only query is never executed
                List<String> unsafe = SafeSql.readOnlyQueryProblems(question.groundTruthSql().get());
                if (!unsafe.isEmpty()) {
                    LOG.warnf("question %s: ground truth refused, not executed: %s", question.id(), String.join("; ", unsafe));
                    return Optional.of(finish(outcome(OutcomeStatus.NOT_SCORABLE, List.of(AssessmentReason.GROUND_TRUTH_FAILED),
                            "the ground-truth SQL was not run: " + String.join("; ", unsafe))));
                }
            }
            if (cached.isEmpty()) {
                StatementResponse response;
                if (state.groundTruth().groundTruthStatementId().isPresent()) {
                    response = statements.get(state.groundTruth().groundTruthStatementId().get());
                } else {
                    response = statements.execute(ExecuteStatementRequest.inlineJsonArray(plan.attempts().warehouseId().orElseThrow(),
                            question.groundTruthSql().get(), settings.statementWaitSeconds(), plan.attempts().rowCap()));
                    save(state.groundTruthStarted(response.statementId(), clock.instant()));
                }
                Instant started = state.groundTruth().groundTruthStartedAt().orElse(state.startedAt());
                long millis = Duration.between(started, clock.instant()).toMillis();
                switch (response.state()) {
                    case SUCCEEDED -> cached = Optional.of(GroundTruth.succeeded(question.id(),
                            StatementResults.read(response, plan.attempts().rowCap(), i -> statements.getResultChunk(response.statementId(), i)),
                            millis, response.statementId()));
                    case FAILED, CANCELED, CLOSED, UNKNOWN -> cached = Optional.of(GroundTruth.failed(question.id(),
                            StatementResults.error(response), millis, response.statementId()));
                    case PENDING, RUNNING -> {
                        if (timedOut(started)) {
                            cancelQuietly(response.statementId());
                            cached = Optional.of(GroundTruth.failed(question.id(), "the ground-truth SQL did not finish within "
                                    + plan.attempts().questionTimeoutSeconds() + " s", millis, response.statementId()));
                        } else {
                            return pauseOr(Phase.GROUND_TRUTH);
                        }
                    }
                }
                store.saveGroundTruth(plan, cached.get());
                truth = cached;
            }
            GroundTruth groundTruth = cached.get();
            if (!groundTruth.succeeded()) {
                LOG.infof("question %s: ground truth failed, not scorable: %s", question.id(), groundTruth.error().orElse(""));
                return Optional.of(finish(outcome(OutcomeStatus.NOT_SCORABLE, List.of(AssessmentReason.GROUND_TRUTH_FAILED),
                        "the ground-truth SQL failed: " + groundTruth.error().orElse("unknown error"))));
            }
            state = state.withPhase(Phase.ASK);
            return Optional.empty();
        }

        // -------------------------------------------------------------- Genie

        private Optional<QuestionStep> askPhase() {
            Instant now = clock.instant();
            if (notBefore.isPresent() && now.isBefore(notBefore.get())) {
                save(state);
                return Optional.of(pending(Phase.ASK, (int) Math.max(1, Duration.between(now, notBefore.get()).toSeconds() + 1)));
            }
            GenieStartConversationResponse started = genie.startConversation(plan.spaceId(), question.question());
            // saved before anything else can fail: a retried invocation must poll this conversation, not ask again
            save(state.asked(started.conversationId(), started.messageId(), now));
            Optional<GenieMessage> first = started.message().filter(m -> m.status().isTerminal());
            if (first.isPresent()) {
                return answered(first.get());
            }
            return pause() ? Optional.empty() : Optional.of(pending(Phase.ANSWER, seconds(settings.pollInterval())));
        }

        private Optional<QuestionStep> answerPhase() {
            GenieMessage message = genie.getMessage(plan.spaceId(), state.genie().conversationId().orElseThrow(),
                    state.genie().messageId().orElseThrow());
            if (message.status().isTerminal()) {
                return answered(message);
            }
            if (timedOut(state.genie().askedAt().orElse(state.startedAt()))) {
                return Optional.of(finish(outcome(OutcomeStatus.INCORRECT, List.of(AssessmentReason.GENIE_TIMEOUT),
                        "Genie did not finish within " + plan.attempts().questionTimeoutSeconds() + " s (last status "
                                + message.status() + ")")));
            }
            return pauseOr(Phase.ANSWER);
        }

        private Optional<QuestionStep> answered(GenieMessage message) {
            switch (message.status()) {
                case FAILED -> {
                    return Optional.of(finish(outcome(OutcomeStatus.INCORRECT, List.of(AssessmentReason.GENIE_FAILED),
                            "Genie failed: " + describe(message.error()))));
                }
                case CANCELLED -> {
                    return Optional.of(finish(outcome(OutcomeStatus.INCORRECT, List.of(AssessmentReason.GENIE_CANCELLED),
                            "the Genie message was cancelled")));
                }
                default -> {
                    // COMPLETED or QUERY_RESULT_EXPIRED
                }
            }
            Optional<GenieAttachment> query = message.queryAttachment();
            Optional<String> sql = query.flatMap(GenieAttachment::query).flatMap(q -> q.query()).filter(s -> !s.isBlank());
            if (sql.isEmpty()) {
                List<TextAttachment> texts = message.texts();
                Optional<TextAttachment> clarification = texts.stream().filter(TextAttachment::isFollowUpQuestion).findFirst();
                if (clarification.isPresent()) {
                    return Optional.of(finish(outcome(OutcomeStatus.INCORRECT, List.of(AssessmentReason.GENIE_CLARIFICATION),
                            "Genie asked a clarifying question: " + clarification.get().content().orElse(""))));
                }
                String text = texts.stream().flatMap(t -> t.content().stream()).findFirst().orElse("");
                return Optional.of(finish(outcome(OutcomeStatus.INCORRECT, List.of(AssessmentReason.GENIE_NO_SQL),
                        text.isBlank() ? "Genie answered without a query" : "Genie answered in text only: " + text)));
            }
            String attachmentId = query.get().attachmentId();
            state = state.answered(attachmentId, sql.get());
            StatementResponse result = switch (message.status()) {
                case QUERY_RESULT_EXPIRED -> rerun(attachmentId);
                default -> genie.getAttachmentQueryResult(plan.spaceId(), state.genie().conversationId().orElseThrow(),
                        state.genie().messageId().orElseThrow(), attachmentId);
            };
            return generatedResult(result, message.status() == io.genieenhancer.databricks.MessageStatus.QUERY_RESULT_EXPIRED);
        }

        private StatementResponse rerun(String attachmentId) {
            StatementResponse r = genie.executeAttachmentQuery(plan.spaceId(), state.genie().conversationId().orElseThrow(),
                    state.genie().messageId().orElseThrow(), attachmentId);
            save(state.rerunning(r.statementId()));
            return r;
        }

        private Optional<QuestionStep> generatedResult(StatementResponse response, boolean alreadyRerun) {
            switch (response.state()) {
                case SUCCEEDED -> {
                    ResultSet actual = StatementResults.read(response, genieRowCap(),
                            i -> statements.getResultChunk(response.statementId(), i));
                    return Optional.of(finish(compared(actual, response.statementId())));
                }
                case CLOSED -> {
                    if (alreadyRerun) {
                        return Optional.of(finish(outcome(OutcomeStatus.INCORRECT, List.of(AssessmentReason.GENERATED_SQL_FAILED),
                                "Genie's query result expired and could not be re-run")));
                    }
                    // the result expired between COMPLETED and our read: re-run the query once
                    return generatedResult(rerun(state.genie().attachmentId().orElseThrow()), true);
                }
                case FAILED, CANCELED, UNKNOWN -> {
                    return Optional.of(finish(outcome(OutcomeStatus.INCORRECT, List.of(AssessmentReason.GENERATED_SQL_FAILED),
                            "Genie's query did not run: " + StatementResults.error(response))));
                }
                default -> {
                    if (state.phase() != Phase.RESULT) {
                        save(state.rerunning(response.statementId()));
                    }
                    return pauseOr(Phase.RESULT);
                }
            }
        }

        /**
         * Genie's rows are read up to twice the ground truth's cap: a ground truth cut at the cap can then
         * still be found inside a complete Genie result instead of two truncated results being inconclusive.
         */
        private int genieRowCap() {
            return plan.attempts().rowCap() > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : plan.attempts().rowCap() * 2;
        }

        // -------------------------------------------------------------- outcome

        private QuestionOutcome compared(ResultSet actual, String statementId) {
            ResultSet expected = truth().flatMap(GroundTruth::result).orElseThrow();
            Comparison c = new ResultComparator(plan.attempts().comparison())
                    .compare(question.groundTruthSql().orElse(""), expected, state.genie().generatedSql().orElse(""), actual);
            OutcomeStatus status = switch (c.verdict()) {
                case MATCH -> OutcomeStatus.CORRECT;
                case MISMATCH -> OutcomeStatus.INCORRECT;
                case INCONCLUSIVE -> OutcomeStatus.NOT_SCORABLE;
            };
            Map<String, String> refs = references();
            if (statementId != null) {
                refs.put("statement_id", statementId);
            }
            return builder()
                    .status(status)
                    .reasons(c.reasons())
                    .detail(c.detail())
                    .expectedResult(Optional.of(ResultPreview.of(expected)))
                    .actualResult(Optional.of(ResultPreview.of(actual)))
                    .references(refs)
                    .build();
        }

        private QuestionOutcome outcome(OutcomeStatus status, List<AssessmentReason> reasons, String detail) {
            return builder().status(status).reasons(reasons).detail(detail).build();
        }

        private QuestionOutcome.Builder builder() {
            Instant now = clock.instant();
            Optional<Long> groundTruthMillis = truth().map(GroundTruth::millis);
            return QuestionOutcome.builder(question.id(), question.question(), state.repeat())
                    .expectedSql(question.groundTruthSql())
                    .generatedSql(state.genie().generatedSql())
                    .timings(new Timings(Optional.of(state.startedAt()), Optional.of(now),
                            state.genie().askedAt().map(a -> Duration.between(a, now).toMillis()), groundTruthMillis))
                    .references(references());
        }

        private Map<String, String> references() {
            Map<String, String> refs = new LinkedHashMap<>();
            state.genie().conversationId().ifPresent(v -> refs.put("conversation_id", v));
            state.genie().messageId().ifPresent(v -> refs.put("message_id", v));
            state.genie().attachmentId().ifPresent(v -> refs.put("attachment_id", v));
            return refs;
        }

        private QuestionStep finish(QuestionOutcome outcome) {
            store.saveOutcome(plan, outcome);
            try {
                store.deleteAttempt(plan, outcome.questionId(), outcome.repeat());
            } catch (RuntimeException e) {
                LOG.debugf("could not delete the attempt state of %s: %s", outcome.questionId(), e.getMessage());
            }
            LOG.infof("question %s attempt %d: %s %s", outcome.questionId(), outcome.repeat(), outcome.status(), outcome.reasons());
            return new QuestionStep.Done(outcome);
        }

        // -------------------------------------------------------------- waiting

        private boolean timedOut(Instant since) {
            return Duration.between(since, clock.instant()).toSeconds() >= plan.attempts().questionTimeoutSeconds();
        }

        /**
         * Pauses (a fifth of the poll interval, two fifths, ... up to the interval: 1 s, 2 s, ... 5 s by default)
         * if the budget allows; the caller then polls again.
         */
        private boolean pause() {
            Duration max = settings.pollInterval();
            Duration d = max.dividedBy(PAUSE_STEPS).multipliedBy(Math.min(PAUSE_STEPS, ++pauses));
            if (clock.instant().plus(d).isAfter(budgetEnd)) {
                return false;
            }
            try {
                sleeper.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return true;
        }

        private Optional<QuestionStep> pauseOr(Phase phase) {
            if (pause()) {
                return Optional.empty();
            }
            save(state.withPhase(phase));
            return Optional.of(pending(phase, seconds(settings.pollInterval())));
        }

        private QuestionStep pending(Phase phase, int after) {
            return new QuestionStep.Pending(phase, after, state.genie().conversationId(), state.genie().messageId());
        }

        private void save(AttemptState s) {
            state = s;
            store.saveAttempt(plan, s);
        }

        QuestionStep retryLater(EnhancerException e) {
            int n = state.refusals().consecutiveRetries() + 1;
            int wait = e.retryAfterSeconds()
                    .map(s -> Math.max(1, Math.min(MAX_RETRY_AFTER_SECONDS, s)))
                    .orElse(Math.min(MAX_BACKOFF_SECONDS, BASE_BACKOFF_SECONDS << Math.min(n - 1, 4)));
            try {
                save(state.refused(n, clock.instant().plusSeconds(wait)));
            } catch (RuntimeException storeDown) {
                LOG.debugf("could not save the attempt state of %s: %s", question.id(), storeDown.getMessage());
            }
            LOG.infof("question %s attempt %d: %s, retry in %d s (%d in a row)", question.id(), state.repeat(), e.getMessage(),
                    wait, n);
            return new QuestionStep.RetryLater(new RetryAdvice(e.code(), e.getMessage(), wait), state.phase());
        }

        private void cancelQuietly(String statementId) {
            try {
                statements.cancel(statementId);
            } catch (RuntimeException e) {
                LOG.debugf("could not cancel statement %s: %s", statementId, e.getMessage());
            }
        }
    }

    private static String describe(Optional<MessageError> error) {
        return error.map(e -> (e.type().orElse("") + (e.type().isPresent() && e.error().isPresent() ? ": " : "")
                        + e.error().orElse("")).trim())
                .filter(s -> !s.isEmpty())
                .map(StatementResults::clip)
                .orElse("no error detail");
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, d.toSeconds());
    }
}
