package io.genieenhancer.evaluation;

import io.genieenhancer.databricks.GenieConversations;
import io.genieenhancer.databricks.GenieEvalRuns;
import io.genieenhancer.databricks.GenieSpace;
import io.genieenhancer.databricks.GenieSpaces;
import io.genieenhancer.databricks.SqlStatements;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.evaluation.EvaluationPlan.PlannedQuestion;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.BenchmarkQuestion;
import io.genieenhancer.space.SpaceFormatException;
import io.genieenhancer.space.SpaceJson;
import io.genieenhancer.store.RunKeys;
import io.genieenhancer.store.RunStore;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Evaluation as steps that each finish in seconds, for Step Functions: {@link #start}, {@link #evaluateQuestion}
 * (self-run, one Map item), {@link #poll} and {@link #judge}. Chooses the evaluator (with the logged
 * fallback from eval-runs to self-run), freezes the plan in the run store, and writes the finished
 * {@link Evaluation} to {@link RunKeys#evaluation}. Every step is idempotent: repeating it after a
 * timeout continues the same evaluation.
 */
public final class EvaluationService {

    private static final Logger LOG = Logger.getLogger(EvaluationService.class);

    private final GenieSpaces spaces;
    private final EvaluationStore store;
    private final EvaluationSettings settings;
    private final Clock clock;
    private final EvalRunsEvaluator evalRuns;
    private final SelfRunEvaluator selfRun;

    public EvaluationService(GenieSpaces spaces, GenieEvalRuns evalRunsApi, GenieConversations conversations,
                             SqlStatements statements, RunStore runStore, EvaluationSettings settings, Clock clock, Sleeper sleeper) {
        this.spaces = spaces;
        this.store = new EvaluationStore(runStore);
        this.settings = settings;
        this.clock = clock;
        this.evalRuns = new EvalRunsEvaluator(evalRunsApi, store, settings, clock);
        this.selfRun = new SelfRunEvaluator(conversations, statements, store, settings, clock, sleeper);
    }

    // ================================================================== start

    /**
     * @param questionIds  a subset of the benchmark (empty = all)
     * @param repeats      attempts per question (default from settings)
     * @param evaluator    AUTO / EVAL_RUNS / SELF_RUN (default from settings)
     * @param evalRunId    adopt an eval run that already ran (e.g. from a benchmark-completed event)
     * @param resultsKey   adopt results stored in our evaluation JSON shape under {@code spaces/{spaceId}/}
     */
    public record StartRequest(String spaceId, String runId, int iteration, List<String> questionIds,
                               Optional<Integer> repeats, Optional<EvaluatorMode> evaluator, Optional<String> evalRunId,
                               Optional<String> resultsKey) {
        public StartRequest {
            questionIds = questionIds == null ? List.of() : List.copyOf(questionIds);
            repeats = repeats == null ? Optional.empty() : repeats;
            evaluator = evaluator == null ? Optional.empty() : evaluator;
            evalRunId = evalRunId == null ? Optional.empty() : evalRunId.filter(s -> !s.isBlank());
            resultsKey = resultsKey == null ? Optional.empty() : resultsKey.filter(s -> !s.isBlank());
            if (evalRunId.isPresent() && resultsKey.isPresent()) {
                throw EnhancerException.invalidInput("give evalRunId or resultsKey, not both");
            }
        }
    }

    public record Started(EvaluationHandle handle, List<QuestionItem> questionItems, int total, List<String> notes) {
    }

    public Started start(StartRequest request) {
        RunKeys.iteration(request.spaceId(), request.runId(), request.iteration()); // validates the ids early
        fence(request.spaceId(), request.runId());
        if (request.resultsKey().isPresent()) {
            return adoptResults(request);
        }
        Optional<EvaluationPlan> existing = store.plan(request.spaceId(), request.runId(), request.iteration());
        if (existing.isPresent()) {
            return resume(existing.get(), request);
        }
        GenieSpace space = spaces.get(request.spaceId());
        List<PlannedQuestion> questions = select(benchmarks(space), request.questionIds());
        int repeats = request.repeats().orElse(settings.repeats());
        if (repeats < 1 || repeats > EvaluationSettings.MAX_REPEATS) {
            throw EnhancerException.invalidInput("repeats must be 1.." + EvaluationSettings.MAX_REPEATS + ", was " + repeats);
        }
        Optional<String> warehouse = settings.warehouseId().or(() -> Optional.ofNullable(space.warehouseId()))
                .filter(w -> !w.isBlank());
        boolean adopting = request.evalRunId().isPresent();
        EvaluatorMode mode = adopting ? EvaluatorMode.EVAL_RUNS : request.evaluator().orElse(settings.evaluator());
        EvaluationPlan plan = new EvaluationPlan(request.spaceId(), request.runId(), request.iteration(),
                mode == EvaluatorMode.SELF_RUN ? Evaluation.Mode.SELF_RUN : Evaluation.Mode.EVAL_RUNS,
                adopting ? 1 : repeats, request.questionIds().isEmpty(), questions,
                request.evalRunId().map(List::of).orElse(List.of()),
                new EvaluationPlan.AttemptSettings(warehouse, settings.rowCap(), settings.comparison(),
                        settings.questionTimeout().toSeconds()), clock.instant(),
                adopting ? List.of("adopted eval run " + request.evalRunId().get()) : List.of());
        if (plan.mode() == Evaluation.Mode.SELF_RUN) {
            checkItemLimit(plan);
            plan = selfRun.start(plan);
        } else if (!adopting) {
            plan = startEvalRuns(plan, mode);
        }
        store.savePlan(plan);
        LOG.infof("space %s run %s iteration %d: %s evaluation of %d question(s) x %d started", plan.spaceId(), plan.runId(),
                plan.iteration(), plan.mode(), plan.questions().size(), plan.repeats());
        return started(plan);
    }

    private EvaluationPlan startEvalRuns(EvaluationPlan plan, EvaluatorMode requested) {
        try {
            return evalRuns.start(plan);
        } catch (EvalRunsEvaluator.Unavailable e) {
            if (requested == EvaluatorMode.EVAL_RUNS) {
                throw new EnhancerException(ErrorCode.EvaluationFailed, e.getMessage()
                        + " for space " + plan.spaceId() + "; the evaluator is set to EVAL_RUNS (use AUTO or SELF_RUN)", e);
            }
            String note = e.getMessage() + "; fell back to the self-run evaluator";
            LOG.warnf("space %s: %s", plan.spaceId(), note);
            EvaluationPlan selfRunPlan = plan.withMode(Evaluation.Mode.SELF_RUN, note);
            checkItemLimit(selfRunPlan);
            return selfRun.start(selfRunPlan);
        }
    }

    /** A start repeated after a timeout continues the evaluation already planned (never a second one). */
    private Started resume(EvaluationPlan plan, StartRequest request) {
        Set<String> asked = Set.copyOf(request.questionIds());
        boolean sameQuestions = request.evalRunId().isPresent()
                ? plan.evalRunIds().contains(request.evalRunId().get())
                : asked.isEmpty() ? plan.allQuestions() : asked.equals(Set.copyOf(plan.questionIds()));
        boolean sameRepeats = request.evalRunId().isPresent() || request.repeats().map(r -> r == plan.repeats()).orElse(true);
        if (!sameQuestions || !sameRepeats) {
            throw EnhancerException.invalidInput("an evaluation of iteration " + plan.iteration() + " of run " + plan.runId()
                    + " was already started with other questions or repeats; use a new iteration");
        }
        EvaluationPlan resumed = plan;
        if (plan.mode() == Evaluation.Mode.EVAL_RUNS && plan.evalRunIds().size() < plan.repeats()) {
            resumed = startEvalRuns(plan, request.evaluator().orElse(settings.evaluator()));
            store.savePlan(resumed);
        }
        LOG.infof("space %s run %s iteration %d: evaluation already started, continuing it", plan.spaceId(), plan.runId(),
                plan.iteration());
        return started(resumed);
    }

    private Started started(EvaluationPlan plan) {
        List<QuestionItem> items = plan.mode() == Evaluation.Mode.SELF_RUN ? selfRun.schedule(plan) : List.of();
        return new Started(EvaluationHandle.of(plan), items, plan.total(), plan.notes());
    }

    private void checkItemLimit(EvaluationPlan plan) {
        if (plan.total() > settings.maxQuestionItems()) {
            throw EnhancerException.invalidInput(plan.questions().size() + " questions x " + plan.repeats() + " repeats = "
                    + plan.total() + " self-run items, more than enhancer.evaluation.max-question-items ("
                    + settings.maxQuestionItems() + ", bounded by the 256 KB Step Functions payload); evaluate a subset "
                    + "or fewer repeats");
        }
    }

    private static List<BenchmarkQuestion> benchmarks(GenieSpace space) {
        SpaceConfig config;
        try {
            config = SpaceJson.parse(space.serializedSpace());
        } catch (SpaceFormatException e) {
            throw new EnhancerException(ErrorCode.InvalidSpaceConfig, "space " + space.spaceId() + ": " + e.getMessage(), e);
        }
        return config.benchmarks().questions();
    }

    private static List<PlannedQuestion> select(List<BenchmarkQuestion> benchmarks, List<String> questionIds) {
        if (benchmarks.isEmpty()) {
            throw EnhancerException.invalidInput("the space has no benchmark questions to evaluate");
        }
        Map<String, BenchmarkQuestion> byId = benchmarks.stream()
                .collect(Collectors.toMap(BenchmarkQuestion::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
        List<BenchmarkQuestion> chosen;
        if (questionIds.isEmpty()) {
            chosen = List.copyOf(byId.values());
        } else {
            List<String> unknown = questionIds.stream().filter(id -> !byId.containsKey(id)).toList();
            if (!unknown.isEmpty()) {
                throw EnhancerException.invalidInput("unknown benchmark question id(s): " + unknown);
            }
            chosen = new LinkedHashSet<>(questionIds).stream().map(byId::get).toList();
        }
        // ids become run-store keys: a malformed one fails here, not in the middle of the evaluation
        chosen.forEach(b -> RunKeys.safe("benchmark question id", b.id()));
        return chosen.stream()
                .map(b -> new PlannedQuestion(b.id(), b.questionText(), b.groundTruthSql()))
                .toList();
    }

    /** External results in our JSON shape: validated, re-labelled for this run and iteration, stored. */
    private Started adoptResults(StartRequest request) {
        String key = request.resultsKey().get();
        String allowed = RunKeys.space(request.spaceId());
        if (!key.startsWith(allowed) || key.contains("..")) {
            throw EnhancerException.invalidInput("resultsKey must be a run-store key under " + allowed + ", was " + key);
        }
        RunStore.StoredContent content = store.runStore().get(key).orElseThrow(() ->
                new EnhancerException(ErrorCode.EvaluationNotFound, "no results at " + store.runStore().location() + " " + key));
        Evaluation external = EvaluationJson.read(content.content(), key);
        if (!external.spaceId().equals(request.spaceId())) {
            throw EnhancerException.invalidInput(key + " holds results of space " + external.spaceId() + ", not " + request.spaceId());
        }
        if (external.outcomes().isEmpty()) {
            throw EnhancerException.invalidInput(key + " holds no outcomes");
        }
        List<String> notes = new ArrayList<>(external.notes());
        notes.add("adopted from " + key + " (" + external.mode() + ")");
        Evaluation adopted = new Evaluation(Evaluation.SCHEMA_VERSION, request.spaceId(), request.runId(), request.iteration(),
                Evaluation.Mode.EXTERNAL, external.evalRunIds(), external.repeats(), external.startedAt(),
                external.finishedAt().or(() -> Optional.of(clock.instant())), external.outcomes(), notes);
        store.saveEvaluation(adopted);
        LOG.infof("space %s run %s iteration %d: adopted %d outcome(s) from %s, score %.3f", request.spaceId(), request.runId(),
                request.iteration(), adopted.outcomes().size(), key, adopted.score());
        return new Started(new EvaluationHandle(Evaluation.Mode.EXTERNAL, adopted.evalRunIds(), adopted.outcomes().size()),
                List.of(), adopted.outcomes().size(), notes);
    }

    // ================================================================== one question (self-run)

    public QuestionStep evaluateQuestion(String spaceId, String runId, int iteration, String questionId, int repeat,
                                         Optional<Instant> notBefore) {
        fence(spaceId, runId);
        EvaluationPlan plan = plan(spaceId, runId, iteration);
        if (plan.mode() != Evaluation.Mode.SELF_RUN) {
            throw EnhancerException.invalidInput("iteration " + iteration + " is evaluated by " + plan.mode()
                    + "; evaluateQuestion is for self-run evaluations only");
        }
        return selfRun.step(plan, questionId, repeat, notBefore);
    }

    /**
     * Every evaluation step writes to the run store and asks Genie for this run: a run whose lock another run has
     * taken stops here ({@code LockLost}) instead of spending the new holder's Genie budget and scoring its space.
     */
    private void fence(String spaceId, String runId) {
        new io.genieenhancer.store.SpaceLocks(store.runStore()).fence(spaceId, runId);
    }

    // ================================================================== poll

    public record Progress(boolean done, int completed, int total, Optional<String> evaluationKey,
                           Optional<Evaluation.Summary> summary, int pollAfterSeconds) {
    }

    public Progress poll(String spaceId, String runId, int iteration, EvaluationHandle handle) {
        fence(spaceId, runId);
        Optional<Evaluation> finished = store.evaluation(spaceId, runId, iteration);
        if (finished.isPresent()) {
            return done(finished.get());
        }
        Optional<EvaluationPlan> stored = store.plan(spaceId, runId, iteration);
        if (stored.isEmpty() && (handle.evalRunId().isPresent() || handle.resultsKey().isPresent())) {
            // a handle built by the state machine from a benchmark-completed event: adopt on the first poll
            Started adopted = start(new StartRequest(spaceId, runId, iteration, List.of(), Optional.empty(), Optional.empty(),
                    handle.evalRunId(), handle.resultsKey()));
            if (adopted.handle().mode() == Evaluation.Mode.EXTERNAL) {
                return done(store.evaluation(spaceId, runId, iteration).orElseThrow());
            }
            stored = store.plan(spaceId, runId, iteration);
        }
        if (handle.mode() == Evaluation.Mode.EXTERNAL) {
            throw new EnhancerException(ErrorCode.EvaluationNotFound, "the adopted evaluation of iteration " + iteration
                    + " is missing from the run store");
        }
        EvaluationPlan plan = stored.orElseThrow(() -> new EnhancerException(ErrorCode.EvaluationNotFound,
                "no evaluation was started for space " + spaceId + " run " + runId + " iteration " + iteration));
        if (handle.mode() != plan.mode()) {
            throw EnhancerException.invalidInput("the handle says " + handle.mode() + " but iteration " + iteration
                    + " is evaluated by " + plan.mode());
        }
        Evaluator evaluator = plan.mode() == Evaluation.Mode.EVAL_RUNS ? evalRuns : selfRun;
        Evaluator.Progress p = evaluator.poll(plan);
        if (!p.done()) {
            Instant deadline = evaluator.deadline(plan);
            if (clock.instant().isAfter(deadline)) {
                throw new EnhancerException(ErrorCode.EvaluationTimedOut, "evaluation of space " + spaceId + " run " + runId
                        + " iteration " + iteration + " (" + plan.mode() + ") was not done by its deadline " + deadline + ": "
                        + p.completed() + " of " + p.total() + " attempts finished");
            }
            return new Progress(false, p.completed(), p.total(), Optional.empty(), Optional.empty(), p.pollAfterSeconds());
        }
        Evaluation evaluation = new Evaluation(Evaluation.SCHEMA_VERSION, spaceId, runId, iteration, plan.mode(),
                plan.evalRunIds(), plan.repeats(), Optional.of(plan.createdAt()), Optional.of(clock.instant()),
                store.outcomes(plan), plan.notes());
        store.saveEvaluation(evaluation);
        Evaluation.Summary s = evaluation.summary();
        LOG.infof("space %s run %s iteration %d: score %.3f (%d/%d scorable, %d not scorable, %d flaky)", spaceId, runId,
                iteration, s.score(), s.correct(), s.scorable(), s.notScorable(), s.flaky());
        return done(evaluation);
    }

    private Progress done(Evaluation e) {
        return new Progress(true, e.outcomes().size(), e.outcomes().size(),
                Optional.of(RunKeys.evaluation(e.spaceId(), e.runId(), e.iteration())), Optional.of(e.summary()), 0);
    }

    private EvaluationPlan plan(String spaceId, String runId, int iteration) {
        return store.plan(spaceId, runId, iteration).orElseThrow(() -> new EnhancerException(ErrorCode.EvaluationNotFound,
                "no evaluation was started for space " + spaceId + " run " + runId + " iteration " + iteration));
    }

    // ================================================================== judge

    /** The judge's verdict with the scores around it; also written next to the iteration's evaluation. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record JudgeResult(Judge.Judgement judgement, Optional<Double> baselineScore) {
    }

    public JudgeResult judge(String spaceId, String runId, int iteration, int previousIteration, int baselineIteration,
                         Judge.Options options) {
        fence(spaceId, runId);
        Evaluation current = evaluation(spaceId, runId, iteration);
        Evaluation previous = evaluation(spaceId, runId, previousIteration);
        Optional<Double> baseline = baselineIteration == previousIteration ? Optional.of(previous.score())
                : store.evaluation(spaceId, runId, baselineIteration).map(Evaluation::score);
        Judge.Judgement j = new Judge().judge(current, previous, options);
        store.saveJudgement(spaceId, runId, iteration, new JudgeResult(j, baseline));
        LOG.infof("space %s run %s iteration %d vs %d: %s (%s)", spaceId, runId, iteration, previousIteration, j.verdict(),
                j.explanation());
        return new JudgeResult(j, baseline);
    }

    private Evaluation evaluation(String spaceId, String runId, int iteration) {
        return store.evaluation(spaceId, runId, iteration).orElseThrow(() -> new EnhancerException(ErrorCode.EvaluationNotFound,
                "no evaluation stored for space " + spaceId + " run " + runId + " iteration " + iteration + " ("
                        + RunKeys.evaluation(spaceId, runId, iteration) + ")"));
    }
}
