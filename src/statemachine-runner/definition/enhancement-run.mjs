// THE SOURCE of the EnhancementRun state machine. Edit this file, then regenerate the deployed template:
//   node src/statemachine-runner/generate-definition.mjs
// which writes terraform/statemachine/enhancement-run.asl.json.tftpl (never edit that file by hand;
// .ci/statemachine-check fails when it differs from what this source generates).
//
// A Lambda task is one lambdaTask(...) call: the generator adds its retry-advice loop (Result, RetryCount,
// Backoff, GaveUp states, see lib/asl.mjs). ClassifyFailure and the Failed<Code> states come from
// ErrorCode.java. '${name}' strings and tfNumber('name') are Terraform templatefile() placeholders.
import {
  and, causeNames, choice, equals, or, errorRouting, isBoolean, isNumber, isString, isTrue, not, present,
  raise, tfNumber, when, lambdaTask,
} from '../lib/asl.mjs';
import { readRunContract } from '../lib/java-contract.mjs';

/** The most iterations one run may ask for. */
export const MAX_ITERATIONS = 20;

/** What onRegression may say (only the state machine reads it). */
export const ON_REGRESSION = ['STOP', 'CONTINUE'];

/** Errors the state machine raises itself (not ErrorCode names: the functions never throw these). */
export const MACHINE_ERRORS = ['UnexpectedFunctionResult', 'RollbackFailed', 'HistoryBudgetExhausted'];

/**
 * Step Functions ends an execution at 25,000 history events, with no Catch, no cleanup and no report. The run
 * keeps an estimate ($.history.events) and stops itself while the cleanup still fits. Per poll round: Pass,
 * Wait, Task (5 events) and Choice; per iteration: about 16 states, 6 of them Lambda tasks, and the Distributed
 * Map's own events (its questions run in child executions, each with its own history). The estimate errs high.
 */
export const HISTORY = { limit: 25000, start: 120, perPoll: 15, perIteration: 90 };
// The budget itself is the template's history_budget (24,000 from Terraform): the local interpreter keeps no
// history and skips waits, so a poll loop there spins where AWS waits 30 s, and local runs lift the budget.

const ids = { 'spaceId.$': '$.run.spaceId', 'runId.$': '$.run.runId' };
const iteration = { 'iteration.$': '$.loop.iteration' };
const freshRetries = { n: 0, backoffSeconds: 0 };
const outcome = (value) => ({ Type: 'Pass', Result: value, ResultPath: '$.outcome', Next: 'BeginFinish' });
/** The loop record ($.loop) carried unchanged except for `changes`. */
const loopWith = (changes) => ({
  ...Object.fromEntries(['iteration', 'keptIteration', 'keptEvaluationKey', 'baselineScore', 'keptScore', 'fixesApplied', 'fixesRolledBack']
    .map((field) => [`${field}.$`, `$.loop.${field}`])),
  ...changes,
});
const loopState = (changes, next, comment) => ({ Type: 'Pass', ...(comment && { Comment: comment }), Parameters: loopWith(changes), ResultPath: '$.loop', Next: next });
/** What an event may set; the request is rebuilt from these fields only (ReadInput → EventInput). */
export const EVENT_FIELDS = ['spaceId', 'evalRunId', 'resultsKey'];
const eventRequest = (baseline) => ({
  Type: 'Pass',
  Parameters: {
    request: { 'spaceId.$': '$.request.spaceId', ...baseline },
    'trigger.$': '$.trigger', 'executionName.$': '$$.Execution.Name', 'expectedName.$': "States.Format('evt-{}', $.trigger.eventId)",
  },
  Next: 'NamedAfterEvent',
});
/** finish after a failure: only fields every failure path has ($.loop is set from ResolveRun on). */
const failedFinish = (extra) => ({
  ...ids, outcome: 'FAILED', 'error.$': '$.error.Error', 'cause.$': '$.error.Cause', 'iterations.$': '$.loop.iteration',
  'keptIteration.$': '$.loop.keptIteration', 'fixesApplied.$': '$.loop.fixesApplied', 'fixesRolledBack.$': '$.loop.fixesRolledBack', ...extra,
});
/** The execution id makes a second execution with the same runId a LockHeld, and a call from this one a renewal. */
const lockPayload = { ...ids, 'ttlSeconds.$': '$.run.lockTtlSeconds', 'executionId.$': '$$.Execution.Id' };
const givenHandle = (handle) => ({ Type: 'Pass', Parameters: { result: { handle } }, ResultPath: '$.start', Next: 'PollEvaluation' });

/** @param {{name: string, retryable: boolean}[]} errorCodes  ErrorCode.java, in declaration order */
/**
 * @param {{strategies: string[], evaluators: string[], maxRepeats: number}} contract  values from the Java enums
 */
export function enhancementRun(errorCodes, contract = readRunContract()) {
  const oneOf = (v, values) => or(...values.map((value) => equals(v, value)));
  const code = (name) => {
    if (!errorCodes.some((c) => c.name === name)) throw new Error(`${name} is not an ErrorCode`);
    return name;
  };
  const machineError = (name) => {
    if (!MACHINE_ERRORS.includes(name)) throw new Error(`${name} is not declared in MACHINE_ERRORS`);
    return name;
  };
  const unexpected = (cause, next = 'BeginCleanup') => raise(machineError('UnexpectedFunctionResult'), cause, next);

  return {
    // a run cannot outlive this; its lock then expires within lock_ttl_seconds of the last renewal
    TimeoutSeconds: tfNumber('execution_timeout_seconds'),
    StartAt: 'ReadInput',
    States: {
      // ---- input: three ways in, one named execution per event ------------------------------------
      ReadInput: choice([
        when(and(present('$.request'), present('$.trigger.eventId')), 'EventInput'),
        when(present('$.request'), 'WrappedInput'),
      ], 'DirectInput', 'Three ways in: an EventBridge event (input transformer output {request, trigger}), {request} from a caller, or the flat console/.sync input.'),
      EventInput: choice([
        when(not(isString('$.request.spaceId')), 'InvalidRequest'),
        when(and(present('$.request.evalRunId'), present('$.request.resultsKey')), 'InvalidRequest'),
        when(present('$.request.evalRunId'), 'EventWithEvalRun'),
        when(present('$.request.resultsKey'), 'EventWithResults'),
      ], 'EventWithSpaceOnly', 'Anyone allowed to put events on the bus could otherwise set runId, maxIterations, onRegression ...: an event names the space and its baseline (EVENT_FIELDS); every other run parameter is the operator\'s default.'),
      EventWithEvalRun: eventRequest({ 'evalRunId.$': '$.request.evalRunId' }),
      EventWithResults: eventRequest({ 'resultsKey.$': '$.request.resultsKey' }),
      EventWithSpaceOnly: eventRequest({}),
      NamedAfterEvent: choice([
        when({ Variable: '$.executionName', StringEqualsPath: '$.expectedName' }, 'ValidateInput'),
      ], 'StartNamedExecution', 'EventBridge cannot name an execution; the run restarts itself under a name derived from the event id, so a redelivered event cannot start a second run.'),
      StartNamedExecution: {
        Type: 'Task',
        Resource: 'arn:aws:states:::states:startExecution',
        Parameters: { 'StateMachineArn.$': '$$.StateMachine.Id', 'Name.$': '$.expectedName', Input: { 'request.$': '$.request', 'trigger.$': '$.trigger' } },
        ResultSelector: { 'executionArn.$': '$.ExecutionArn' },
        ResultPath: '$.handover',
        Retry: [{
          ErrorEquals: ['StepFunctions.SdkClientException', 'StepFunctions.AWSStepFunctionsException', 'StepFunctions.ExecutionLimitExceededException'],
          IntervalSeconds: 2, MaxAttempts: 5, BackoffRate: 2, JitterStrategy: 'FULL',
        }],
        Catch: [{ ErrorEquals: ['StepFunctions.ExecutionAlreadyExistsException'], ResultPath: '$.error', Next: 'DuplicateEvent' }],
        Next: 'HandedOver',
      },
      HandedOver: {
        Type: 'Pass',
        Parameters: { outcome: 'HANDED_OVER', 'executionName.$': '$.expectedName', 'executionArn.$': '$.handover.executionArn' },
        End: true,
      },
      DuplicateEvent: {
        Type: 'Pass',
        Comment: 'An execution named after this event already ran: nothing to do.',
        Parameters: { outcome: 'DUPLICATE_EVENT', 'executionName.$': '$.expectedName' },
        End: true,
      },
      WrappedInput: { Type: 'Pass', Parameters: { 'request.$': '$.request', trigger: { source: 'direct' } }, Next: 'ValidateInput' },
      DirectInput: { Type: 'Pass', Parameters: { 'request.$': '$', trigger: { source: 'direct' } }, Next: 'ValidateInput' },
      ValidateInput: choice([when(not(isString('$.request.spaceId')), 'InvalidRequest')], 'ApplyDefaults'),
      InvalidRequest: {
        Type: 'Fail',
        Error: code('InvalidInput'),
        Cause: 'The input needs a string field spaceId (see docs/orchestration.md, input contract).',
      },

      // ---- run parameters: request over defaults, operator settings over both ---------------------
      ApplyDefaults: {
        Type: 'Pass',
        Comment: 'defaults: a request may override them; settings: chosen by the operator in Terraform, not by a request.',
        Parameters: {
          defaults: {
            'runId.$': '$$.Execution.Name',
            maxIterations: tfNumber('default_max_iterations'),
            targetScore: tfNumber('default_target_score'),
            strategy: '${default_strategy}',
            evaluator: '${default_evaluator}',
            repeats: 1,
            tolerance: tfNumber('default_tolerance'),
            dryRun: false,
            onRegression: 'STOP',
          },
          settings: {
            lockTtlSeconds: tfNumber('lock_ttl_seconds'),
            evaluationPollSeconds: tfNumber('evaluation_poll_seconds'),
            maxTransientRetries: tfNumber('max_transient_retries'),
            historyBudget: tfNumber('history_budget'),
          },
          'request.$': '$.request',
          'trigger.$': '$.trigger',
        },
        Next: 'ResolveRun',
      },
      ResolveRun: {
        Type: 'Pass',
        Parameters: {
          'run.$': 'States.JsonMerge(States.JsonMerge($.defaults, $.request, false), $.settings, false)',
          'trigger.$': '$.trigger',
          loop: { iteration: 0, keptIteration: 0, fixesApplied: 0, fixesRolledBack: 0 },
          retries: freshRetries,
          history: { events: HISTORY.start },
        },
        Next: 'ValidateRun',
      },
      ValidateRun: choice([
        when(not(isString('$.run.runId')), 'InvalidRun'),
        when(not(isNumber('$.run.maxIterations')), 'InvalidRun'),
        when({ Variable: '$.run.maxIterations', NumericLessThan: 0 }, 'InvalidRun'),
        // each iteration costs an evaluation and history events; an unbounded request would run until a limit no Catch sees
        when({ Variable: '$.run.maxIterations', NumericGreaterThan: MAX_ITERATIONS }, 'InvalidRun'),
        when(not(isNumber('$.run.targetScore')), 'InvalidRun'),
        when({ Variable: '$.run.targetScore', NumericLessThan: 0 }, 'InvalidRun'),
        when({ Variable: '$.run.targetScore', NumericGreaterThan: 1 }, 'InvalidRun'),
        when(not(isString('$.run.strategy')), 'InvalidRun'),
        when(not(oneOf('$.run.strategy', contract.strategies)), 'InvalidRun'),
        when(not(isString('$.run.evaluator')), 'InvalidRun'),
        when(not(oneOf('$.run.evaluator', contract.evaluators)), 'InvalidRun'),
        when(not(isNumber('$.run.repeats')), 'InvalidRun'),
        when({ Variable: '$.run.repeats', NumericLessThan: 1 }, 'InvalidRun'),
        when({ Variable: '$.run.repeats', NumericGreaterThan: contract.maxRepeats }, 'InvalidRun'),
        when(not(isNumber('$.run.tolerance')), 'InvalidRun'),
        when({ Variable: '$.run.tolerance', NumericLessThan: 0 }, 'InvalidRun'),
        when({ Variable: '$.run.tolerance', NumericGreaterThanEquals: 1 }, 'InvalidRun'),
        when(not(isBoolean('$.run.dryRun')), 'InvalidRun'),
        when(not(isString('$.run.onRegression')), 'InvalidRun'),
        when(not(oneOf('$.run.onRegression', ON_REGRESSION)), 'InvalidRun'),
        when(and(present('$.run.evalRunId'), not({ Variable: '$.run.evalRunId', IsString: true })), 'InvalidRun'),
        when(and(present('$.run.resultsKey'), not({ Variable: '$.run.resultsKey', IsString: true })), 'InvalidRun'),
      ], 'AcquireLock', 'Reject a malformed request before taking the lock: later states rely on these types.'),
      InvalidRun: {
        Type: 'Fail',
        Error: code('InvalidInput'),
        Cause: 'A run parameter has the wrong type or range: runId string, maxIterations number 0..' + MAX_ITERATIONS + ', targetScore 0..1, '
          + `strategy one of ${contract.strategies.join('/')}, evaluator one of ${contract.evaluators.join('/')}, onRegression one of ${ON_REGRESSION.join('/')}, `
          + `repeats 1..${contract.maxRepeats}, tolerance 0..<1, dryRun boolean, evalRunId/resultsKey strings.`,
      },

      // ---- lock -------------------------------------------------------------------------------------
      ...lambdaTask('AcquireLock', {
        fn: 'acquireLock', payload: lockPayload, result: '$.lock',
        onError: 'LockNotAcquired', gaveUp: 'ReleaseLockAfterFailure',
      }, [when(isTrue('$.lock.result.acquired'), 'ChooseBaseline')], 'LockRefused'),
      LockRefused: raise(code('LockHeld'), 'acquireLock did not report acquired=true', 'FailedLockHeld'),
      LockNotAcquired: choice([when(causeNames(code('LockHeld')), 'FailedLockHeld')], 'ReleaseLockAfterFailure',
        'Another run holds the lock: leave it alone. Any other failure may have left our own lock behind: release it.'),

      // ---- evaluation: start (or take the given one), wait, poll ---------------------------------
      ChooseBaseline: choice([
        when(present('$.run.evalRunId'), 'UseGivenEvalRun'),
        when(present('$.run.resultsKey'), 'UseGivenResults'),
      ], 'StartEvaluation', 'Baseline = iteration 0: the evaluation named by the input, or one we run.'),
      UseGivenEvalRun: givenHandle({ mode: 'EVAL_RUNS', 'evalRunId.$': '$.run.evalRunId' }),
      UseGivenResults: givenHandle({ mode: 'STORED', 'resultsKey.$': '$.run.resultsKey' }),
      ...lambdaTask('StartEvaluation', {
        fn: 'startEvaluation', payload: { ...ids, ...iteration, 'repeats.$': '$.run.repeats', 'evaluator.$': '$.run.evaluator' },
        result: '$.start', onError: 'BeginCleanup',
      }, [
        when(not(and(present('$.start.result.handle'), isString('$.start.result.handle.mode'))), 'StartEvaluationUnexpected'),
        when(and(equals('$.start.result.handle.mode', 'SELF_RUN'), present('$.start.result.questionItems')), 'EvaluateQuestions'),
        when(equals('$.start.result.handle.mode', 'SELF_RUN'), 'StartEvaluationUnexpected'),
      ], 'WaitForEvaluation'),
      StartEvaluationUnexpected: unexpected('startEvaluation returned no handle.mode (or SELF_RUN without questionItems)'),
      EvaluateQuestions: {
        Type: 'Map',
        Comment: 'Self-run evaluator: one benchmark question per item; MaxConcurrency keeps within Genie\'s rate budget. Distributed: each item runs as a child execution with its own history, so a large benchmark does not spend this execution\'s 25,000 events (STANDARD children: an item may wait out a Retry-After longer than an express child may live).',
        ItemsPath: '$.start.result.questionItems',
        MaxConcurrency: tfNumber('question_concurrency'),
        ItemSelector: { 'item.$': '$$.Map.Item.Value', retries: freshRetries, 'maxTransientRetries.$': '$.run.maxTransientRetries' },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'EvaluateQuestion',
          States: {
            ...lambdaTask('EvaluateQuestion', {
              fn: 'evaluateQuestion', payload: { $: '$.item' }, result: '$.answer', budget: '$.maxTransientRetries', gaveUp: 'fail',
            }, [], 'QuestionEvaluated'),
            QuestionEvaluated: { Type: 'Succeed', OutputPath: null },
          },
        },
        ResultPath: null,
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'BeginCleanup' }],
        Next: 'PollEvaluation',
      },
      // no poll counter here: pollEvaluation fails with EvaluationTimedOut past a deadline (a time, not a number of polls)
      WaitForEvaluation: { Type: 'Wait', SecondsPath: '$.run.evaluationPollSeconds', Next: 'CountPollHistory' },
      CountPollHistory: {
        Type: 'Pass',
        Comment: 'The history estimate ($.history): the poll loop is the one part of a run whose length is not fixed.',
        Parameters: { 'events.$': `States.MathAdd($.history.events, ${HISTORY.perPoll})` },
        ResultPath: '$.history',
        Next: 'PollEvaluation',
      },
      ...lambdaTask('PollEvaluation', {
        fn: 'pollEvaluation', payload: { ...ids, ...iteration, 'handle.$': '$.start.result.handle' }, result: '$.poll', onError: 'BeginCleanup',
      }, [
        when(isTrue('$.poll.result.done'), 'EvaluationDone'),
        when({ Variable: '$.history.events', NumericGreaterThanEqualsPath: '$.run.historyBudget' }, 'HistoryBudgetExhausted'),
      ], 'WaitForEvaluation'),
      HistoryBudgetExhausted: raise(machineError('HistoryBudgetExhausted'), `States.Format('the run has spent about {} of the ${HISTORY.limit} history events Step Functions allows one execution; stopped while the cleanup and the report still fit', $.history.events)`, 'BeginCleanup'),
      EvaluationDone: choice([
        when(not(isString('$.poll.result.evaluationKey')), 'EvaluationWithoutKey'),
        when({ Variable: '$.loop.iteration', NumericEquals: 0 }, 'BaselineScored'),
      ], 'Judge'),
      EvaluationWithoutKey: unexpected('pollEvaluation reported done without an evaluationKey'),

      // ---- baseline and the iteration loop ----------------------------------------------------------
      BaselineScored: choice([when(isNumber('$.poll.result.score'), 'RecordBaseline')], 'BaselineWithoutScore'),
      BaselineWithoutScore: raise(code('EvaluationFailed'), 'the baseline evaluation finished without a score', 'BeginCleanup'),
      RecordBaseline: {
        Type: 'Pass',
        Parameters: {
          iteration: 0, keptIteration: 0, 'keptEvaluationKey.$': '$.poll.result.evaluationKey',
          'baselineScore.$': '$.poll.result.score', 'keptScore.$': '$.poll.result.score', fixesApplied: 0, fixesRolledBack: 0,
        },
        ResultPath: '$.loop',
        Next: 'BaselineMeetsTarget',
      },
      BaselineMeetsTarget: choice([
        when({ Variable: '$.loop.baselineScore', NumericGreaterThanEqualsPath: '$.run.targetScore' }, 'OutcomeTargetMet'),
      ], 'IterationsLeft'),
      IterationsLeft: choice([
        when({ Variable: '$.history.events', NumericGreaterThanEqualsPath: '$.run.historyBudget' }, 'HistoryBudgetExhausted'),
        when({ Variable: '$.loop.iteration', NumericLessThanPath: '$.run.maxIterations' }, 'NextIteration'),
      ], 'OutcomeMaxIterations'),
      NextIteration: {
        Type: 'Pass',
        Comment: 'Start iteration i+1 from a clean state: only what the run needs is carried; $.enhance is gone, so a failure before Enhance rolls nothing back.',
        Parameters: {
          'run.$': '$.run',
          'trigger.$': '$.trigger',
          loop: loopWith({ 'iteration.$': 'States.MathAdd($.loop.iteration, 1)' }),
          retries: freshRetries,
          history: { 'events.$': `States.MathAdd($.history.events, ${HISTORY.perIteration})` },
        },
        Next: 'RenewLock',
      },
      ...lambdaTask('RenewLock', {
        fn: 'acquireLock', payload: lockPayload, result: '$.lock', onError: 'BeginCleanup',
        comment: 'Every iteration renews the lock (same run, same execution: a later expiry), so a long run keeps its space; a lock another run took fails here, before anything is written.',
      }, [when(isTrue('$.lock.result.acquired'), 'Enhance')], 'RenewalRefused'),
      RenewalRefused: raise(code('LockLost'), 'renewing the lock: acquireLock did not report acquired=true', 'BeginCleanup'),
      ...lambdaTask('Enhance', {
        fn: 'enhance', payload: { ...ids, ...iteration, 'evaluationKey.$': '$.loop.keptEvaluationKey', 'strategy.$': '$.run.strategy', 'dryRun.$': '$.run.dryRun' },
        result: '$.enhance', onError: 'MarkEnhanceAttempted', gaveUp: 'BeginCleanup',
        comment: 'One whole enhancement cycle against the failures of the last kept evaluation; snapshots the config before its one PATCH.',
      }, [
        when(and(present('$.enhance.result.status'), equals('$.enhance.result.status', 'APPLIED'),
          isNumber('$.enhance.result.fixesApplied'), isNumber('$.enhance.result.indexingWaitSeconds')), 'CountAppliedFixes'),
        when(and(present('$.enhance.result.status'), equals('$.enhance.result.status', 'NO_FIXES')), 'OutcomeNoFixes'),
        when(and(present('$.enhance.result.status'), equals('$.enhance.result.status', 'DRY_RUN')), 'OutcomeDryRun'),
      ], 'EnhanceUnexpected'),
      MarkEnhanceAttempted: {
        Type: 'Pass',
        Comment: 'Enhance failed but may have written: the cleanup rolls this iteration back (a no-op without a snapshot).',
        Result: { attempted: true },
        ResultPath: '$.enhance',
        Next: 'BeginCleanup',
      },
      EnhanceUnexpected: unexpected('enhance returned no known status (APPLIED with fixesApplied and indexingWaitSeconds, NO_FIXES or DRY_RUN)'),
      CountAppliedFixes: loopState({ 'fixesApplied.$': 'States.MathAdd($.loop.fixesApplied, $.enhance.result.fixesApplied)' }, 'WaitForIndexing'),
      WaitForIndexing: {
        Type: 'Wait',
        Comment: 'Genie re-indexes the space after a PATCH; enhance says how long (longer when entity matching changed).',
        SecondsPath: '$.enhance.result.indexingWaitSeconds',
        Next: 'StartEvaluation',
      },
      ...lambdaTask('Judge', {
        fn: 'judge',
        payload: { ...ids, ...iteration, baselineIteration: 0, 'previousIteration.$': '$.loop.keptIteration', 'targetScore.$': '$.run.targetScore', 'tolerance.$': '$.run.tolerance' },
        result: '$.judge', onError: 'BeginCleanup',
      }, [
        when(not(and(isString('$.judge.result.verdict'), isNumber('$.judge.result.score'))), 'JudgeUnexpected'),
        when(equals('$.judge.result.verdict', 'REGRESSED'), 'RollbackRegression'),
        ...['TARGET_MET', 'IMPROVED', 'NO_CHANGE'].map((verdict) => when(equals('$.judge.result.verdict', verdict), 'KeepIteration')),
      ], 'JudgeUnexpected'),
      JudgeUnexpected: unexpected('judge returned no known verdict (IMPROVED, REGRESSED, NO_CHANGE, TARGET_MET) with a score'),
      KeepIteration: loopState({
        'keptIteration.$': '$.loop.iteration', 'keptEvaluationKey.$': '$.poll.result.evaluationKey', 'keptScore.$': '$.judge.result.score',
      }, 'TargetMet', 'The space keeps this iteration\'s fixes; the next enhance works on this evaluation\'s failures.'),
      TargetMet: choice([when(equals('$.judge.result.verdict', 'TARGET_MET'), 'OutcomeTargetMet')], 'IterationsLeft'),
      ...lambdaTask('RollbackRegression', {
        fn: 'rollback', payload: { ...ids, ...iteration }, result: '$.rollback', onError: 'BeginCleanup',
        comment: 'PATCHes back the exact serialized_space snapshotted before this iteration\'s enhance.',
      }, [when(isTrue('$.rollback.result.restored'), 'CountRolledBack')], 'RollbackNotRestored'),
      RollbackNotRestored: raise(machineError('RollbackFailed'), "States.Format('rollback of iteration {} did not report restored=true', $.loop.iteration)", 'BeginCleanup'),
      CountRolledBack: loopState({ 'fixesRolledBack.$': 'States.MathAdd($.loop.fixesRolledBack, $.enhance.result.fixesApplied)' }, 'AfterRegression'),
      AfterRegression: choice([when(equals('$.run.onRegression', 'CONTINUE'), 'IterationsLeft')], 'OutcomeRolledBack',
        'onRegression=CONTINUE tries another iteration from the restored config (the next enhance reads the kept evaluation); STOP (default) finishes.'),

      // ---- outcomes and the report --------------------------------------------------------------------
      OutcomeTargetMet: outcome('TARGET_MET'),
      OutcomeNoFixes: outcome('NO_FIXES'),
      OutcomeMaxIterations: outcome('MAX_ITERATIONS'),
      OutcomeRolledBack: outcome('ROLLED_BACK'),
      OutcomeDryRun: outcome('DRY_RUN'),
      BeginFinish: { Type: 'Pass', Result: freshRetries, ResultPath: '$.retries', Next: 'Finish' },
      ...lambdaTask('Finish', {
        fn: 'finish',
        payload: {
          ...ids, 'outcome.$': '$.outcome', 'iterations.$': '$.loop.iteration', 'keptIteration.$': '$.loop.keptIteration',
          'baselineScore.$': '$.loop.baselineScore', 'finalScore.$': '$.loop.keptScore',
          'fixesApplied.$': '$.loop.fixesApplied', 'fixesRolledBack.$': '$.loop.fixesRolledBack',
        },
        result: '$.finish', onError: 'ReleaseLockAfterFailure', comment: 'Writes report.json/report.md and releases the lock.',
      }, [when(isString('$.finish.result.reportKey'), 'RunSummary')], 'FinishUnexpected'),
      FinishUnexpected: unexpected('finish returned no reportKey', 'ReleaseLockAfterFailure'),
      RunSummary: {
        Type: 'Pass',
        Comment: 'The execution output: small, for people and for a calling state machine.',
        Parameters: {
          ...ids, 'outcome.$': '$.outcome', 'baselineScore.$': '$.loop.baselineScore', 'finalScore.$': '$.loop.keptScore',
          'iterations.$': '$.loop.iteration', 'keptIteration.$': '$.loop.keptIteration', 'fixesApplied.$': '$.loop.fixesApplied',
          'fixesRolledBack.$': '$.loop.fixesRolledBack', 'reportKey.$': '$.finish.result.reportKey',
        },
        End: true,
      },

      // ---- after a failure: roll back what this iteration wrote, release the lock, fail by name -----
      BeginCleanup: {
        Type: 'Pass',
        Comment: 'Cleanup gets a fresh retry budget: the failure may have spent the run\'s.',
        Result: freshRetries,
        ResultPath: '$.retries',
        Next: 'CleanupAfterFailure',
      },
      CleanupAfterFailure: choice([when(present('$.enhance'), 'RollbackAfterFailure')], 'FinishAfterFailure',
        'Enhance ran in this iteration, so the space may differ from the kept config: roll it back.'),
      ...lambdaTask('RollbackAfterFailure', {
        fn: 'rollback', payload: { ...ids, ...iteration }, result: '$.rollback', onError: 'CleanupFailed', errorAt: '$.cleanupError',
      }, [], 'FinishAfterFailure'),
      ...lambdaTask('FinishAfterFailure', {
        fn: 'finish', payload: failedFinish({}), result: '$.finish', onError: 'ReleaseLockAfterFailure', errorAt: '$.cleanupError',
        comment: 'Every run that took the lock ends with a report: FAILED with its error and cause; finish also releases the lock.',
      }, [], 'ClassifyFailure'),
      CleanupFailed: { Type: 'Pass', Result: freshRetries, ResultPath: '$.retries', Next: 'FinishAfterFailedCleanup' },
      ...lambdaTask('FinishAfterFailedCleanup', {
        fn: 'finish', payload: failedFinish({ 'cleanupError.$': 'States.JsonToString($.cleanupError)' }), result: '$.finish',
        onError: 'ReleaseLockAfterFailure', errorAt: '$.cleanupError',
        comment: 'The rollback failed: the report says so and finish leaves a cleanup-failed marker on the space, which the next run refuses to start over.',
      }, [], 'ClassifyFailure'),
      ...lambdaTask('ReleaseLockAfterFailure', {
        fn: 'releaseLock', payload: ids, result: '$.release', onError: 'ClassifyFailure', errorAt: '$.cleanupError',
        comment: 'Finish failed or never ran: release our lock (releaseLock only releases a lock this run holds); if even this fails, the lock\'s expiry frees the space.',
      }, [], 'ClassifyFailure'),
      // LockHeld first: the refusal that must never be reported as anything else.
      ...errorRouting(errorCodes, { first: [code('LockHeld')] }),
    },
  };
}
