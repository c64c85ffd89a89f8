package io.genieenhancer.evaluation;

import io.genieenhancer.databricks.DatabricksApiException;
import io.genieenhancer.databricks.EvaluationStatusType;
import io.genieenhancer.databricks.GenieEvalResponse;
import io.genieenhancer.databricks.GenieEvalResult;
import io.genieenhancer.databricks.GenieEvalResultDetails;
import io.genieenhancer.databricks.GenieEvalRunResponse;
import io.genieenhancer.databricks.GenieEvalRuns;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.evaluation.EvaluationPlan.PlannedQuestion;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The official evaluator: Databricks' eval-runs API runs the benchmark and judges each answer (GOOD, BAD,
 * NEEDS_REVIEW with {@code assessment_reasons}). One eval run per repeat. Polling reads the runs' status;
 * once all are DONE it collects each result's details into {@link QuestionOutcome}s, as many per
 * invocation as the poll budget allows (one request each), so even a large benchmark is read in steps of
 * seconds.
 */
public final class EvalRunsEvaluator implements Evaluator {

    private static final Logger LOG = Logger.getLogger(EvalRunsEvaluator.class);

    /** Suggested wait between status polls: eval runs take minutes. */
    static final int RUNNING_POLL_SECONDS = 30;

    /** The workspace has no (usable) eval-runs API: the caller may fall back to self-run. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final GenieEvalRuns evalRuns;
    private final EvaluationStore store;
    private final EvaluationSettings settings;
    private final Clock clock;

    public EvalRunsEvaluator(GenieEvalRuns evalRuns, EvaluationStore store, EvaluationSettings settings, Clock clock) {
        this.evalRuns = evalRuns;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Creates the missing eval runs (one per repeat), saving the plan after each so a retried start
     * never creates a run twice.
     *
     * <p>A create whose answer was lost (a timeout, or the plan could not be saved after it) has started a run we
     * do not know the id of; the API takes no idempotency key. So the plan is saved before each create, and a start
     * that finds its plan already saved (a retry) first adopts the space's eval runs created since the plan was made
     * over the same number of questions, instead of starting another one and leaving the first an orphan. The run
     * holds the space's lock, so no other enhancement run creates eval runs on the space meanwhile.
     *
     * @throws Unavailable when the first run cannot be created because the API is missing or disabled
     */
    @Override
    public EvaluationPlan start(EvaluationPlan plan) {
        List<String> ids = new ArrayList<>(plan.evalRunIds());
        List<String> questionIds = plan.allQuestions() ? List.of() : plan.questionIds();
        boolean retried = store.plan(plan.spaceId(), plan.runId(), plan.iteration()).isPresent();
        if (retried && ids.size() < plan.repeats()) {
            for (String lost : startedSince(plan, ids)) {
                if (ids.size() < plan.repeats()) {
                    ids.add(lost);
                    LOG.infof("space %s: adopted eval run %s, started by an earlier attempt whose answer was lost",
                            plan.spaceId(), lost);
                }
            }
        }
        while (ids.size() < plan.repeats()) {
            store.savePlan(plan.withEvalRunIds(ids)); // the intent: a retry knows a create may have happened
            GenieEvalRunResponse run;
            try {
                run = evalRuns.create(plan.spaceId(), questionIds);
            } catch (DatabricksApiException e) {
                if (ids.isEmpty() && unavailable(e)) {
                    throw unavailableBecause(e);
                }
                throw e;
            }
            ids.add(run.evalRunId());
            store.savePlan(plan.withEvalRunIds(ids));
            LOG.infof("space %s: eval run %s started (%d of %d)", plan.spaceId(), run.evalRunId(), ids.size(), plan.repeats());
        }
        return plan.withEvalRunIds(ids);
    }

    /** Tolerated difference between our clock and the workspace's when telling runs started since the plan. */
    static final long CLOCK_SKEW_MILLIS = 5_000;

    /** The space's eval runs started since the plan was made, over its number of questions, not yet in it; oldest first. */
    private List<String> startedSince(EvaluationPlan plan, List<String> known) {
        long since = plan.createdAt().toEpochMilli() - CLOCK_SKEW_MILLIS;
        List<GenieEvalRunResponse> runs;
        try {
            runs = evalRuns.list(plan.spaceId());
        } catch (DatabricksApiException e) {
            if (known.isEmpty() && unavailable(e)) {
                throw unavailableBecause(e);
            }
            throw e;
        }
        return runs.stream()
                .filter(r -> r.createdTimestamp() >= since && !known.contains(r.evalRunId()))
                // 0: the counters of a run that has not started yet may still be empty
                .filter(r -> r.numQuestions() == plan.questions().size() || r.numQuestions() == 0)
                .sorted(java.util.Comparator.comparingLong(GenieEvalRunResponse::createdTimestamp))
                .map(GenieEvalRunResponse::evalRunId).toList();
    }

    private static Unavailable unavailableBecause(DatabricksApiException e) {
        return new Unavailable("eval-runs API not available (HTTP " + e.httpStatus().map(String::valueOf).orElse("?")
                + e.databricksErrorCode().map(c -> " " + c).orElse("") + ")", e);
    }

    /** 404/501, or a 400 saying the feature is off: the API is not there for us (a missing space fails earlier). */
    static boolean unavailable(DatabricksApiException e) {
        int status = e.httpStatus().orElse(0);
        String code = e.databricksErrorCode().orElse("");
        return status == 404 || status == 501 || code.equals("ENDPOINT_NOT_FOUND") || code.equals("FEATURE_DISABLED")
                || code.equals("NOT_IMPLEMENTED");
    }

    @Override
    public Progress poll(EvaluationPlan plan) {
        Instant now = clock.instant();
        long done = 0;
        long questions = 0;
        boolean allDone = true;
        for (String id : plan.evalRunIds()) {
            GenieEvalRunResponse run = evalRuns.get(plan.spaceId(), id);
            EvaluationStatusType status = run.evalRunStatus();
            if (status == EvaluationStatusType.EVALUATION_FAILED || status == EvaluationStatusType.EVALUATION_CANCELLED
                    || status == EvaluationStatusType.EVALUATION_TIMEOUT) {
                throw new EnhancerException(ErrorCode.EvaluationFailed, "eval run " + id + " of space " + plan.spaceId()
                        + " ended " + status + " (" + run.numDone() + " of " + run.numQuestions() + " questions done)");
            }
            allDone &= status == EvaluationStatusType.DONE;
            done += run.numDone();
            questions += run.numQuestions();
        }
        int total = questions > 0 ? (int) questions : plan.total();
        if (!allDone) {
            return new Progress(false, (int) Math.min(done, total), total, RUNNING_POLL_SECONDS);
        }
        return collect(plan, now.plus(settings.pollBudget()));
    }

    /** Eval runs are Databricks' to pace: they get {@code eval-run-timeout} from the plan's start. */
    @Override
    public Instant deadline(EvaluationPlan plan) {
        return plan.createdAt().plus(settings.evalRunTimeout());
    }

    /** Reads result details not yet stored, until the budget is spent. */
    private Progress collect(EvaluationPlan plan, Instant budgetEnd) {
        Set<String> stored = new HashSet<>(store.outcomeKeys(plan));
        int expected = 0;
        int collected = 0;
        boolean budgetLeft = true;
        int fetched = 0;
        for (int repeat = 0; repeat < plan.evalRunIds().size(); repeat++) {
            String runId = plan.evalRunIds().get(repeat);
            List<GenieEvalResult> results = evalRuns.listResults(plan.spaceId(), runId);
            expected += results.size();
            for (GenieEvalResult result : results) {
                String key = EvaluationKeys.outcome(plan.spaceId(), plan.runId(), plan.iteration(), questionId(result), repeat);
                if (stored.contains(key)) {
                    collected++;
                    continue;
                }
                // at least one per poll, so a zero budget still makes progress
                if (!budgetLeft || (fetched > 0 && !clock.instant().isBefore(budgetEnd))) {
                    budgetLeft = false;
                    continue;
                }
                GenieEvalResultDetails details = evalRuns.getResultDetails(plan.spaceId(), runId, result.resultId());
                store.saveOutcome(plan, outcome(plan, runId, repeat, result, details));
                stored.add(key);
                collected++;
                fetched++;
            }
        }
        return new Progress(collected >= expected, collected, expected, 1);
    }

    static QuestionOutcome outcome(EvaluationPlan plan, String evalRunId, int repeat, GenieEvalResult result,
                                   GenieEvalResultDetails details) {
        Optional<PlannedQuestion> planned = plan.question(questionId(result));
        List<AssessmentReason> reasons = new ArrayList<>();
        List<String> unrecognised = new ArrayList<>();
        OutcomeStatus status = switch (details.assessment()) {
            case GOOD -> OutcomeStatus.CORRECT;
            case BAD -> OutcomeStatus.INCORRECT;
            case NEEDS_REVIEW -> {
                reasons.add(AssessmentReason.NEEDS_REVIEW);
                yield OutcomeStatus.NOT_SCORABLE;
            }
            case UNKNOWN -> {
                reasons.add(AssessmentReason.TRANSIENT_ERROR);
                yield OutcomeStatus.NOT_SCORABLE;
            }
        };
        for (String raw : details.assessmentReasons()) {
            AssessmentReason r = AssessmentReason.parse(raw);
            if (r == AssessmentReason.UNKNOWN) {
                unrecognised.add(raw);
            }
            if (!reasons.contains(r)) {
                reasons.add(r);
            }
        }
        Optional<GenieEvalResponse> expected = firstSql(details.expectedResponse());
        Optional<GenieEvalResponse> actual = firstSql(details.actualResponse());
        List<String> detail = new ArrayList<>();
        detail.add("assessment " + details.assessment() + (details.manualAssessment() ? " (manual)" : ""));
        details.actualResponse().stream().filter(r -> !r.isSql()).flatMap(r -> r.response().stream()).findFirst()
                .ifPresent(text -> detail.add("Genie answered in text: " + StatementResults.clip(text)));
        if (!unrecognised.isEmpty()) {
            detail.add("unrecognised reasons " + unrecognised);
        }
        Map<String, String> refs = new LinkedHashMap<>();
        refs.put("eval_run_id", evalRunId);
        refs.put("result_id", result.resultId());
        String question = result.question() != null && !result.question().isBlank() ? result.question()
                : planned.map(PlannedQuestion::question).orElse("");
        return QuestionOutcome.builder(questionId(result), question, repeat)
                .status(status)
                .reasons(reasons)
                .expectedSql(expected.flatMap(GenieEvalResponse::response).or(() -> planned.flatMap(PlannedQuestion::groundTruthSql)))
                .generatedSql(actual.flatMap(GenieEvalResponse::response))
                .detail(String.join("; ", detail))
                .expectedResult(expected.flatMap(GenieEvalResponse::sqlExecutionResult).flatMap(StatementResults::preview))
                .actualResult(actual.flatMap(GenieEvalResponse::sqlExecutionResult).flatMap(StatementResults::preview))
                .references(refs)
                .build();
    }

    /** The benchmark question's id; a result without one (not seen, but not excluded) is kept under its result id. */
    static String questionId(GenieEvalResult result) {
        return result.benchmarkQuestionId() != null && !result.benchmarkQuestionId().isBlank() ? result.benchmarkQuestionId()
                : "result-" + result.resultId();
    }

    private static Optional<GenieEvalResponse> firstSql(List<GenieEvalResponse> responses) {
        return responses.stream().filter(GenieEvalResponse::isSql).findFirst();
    }
}
