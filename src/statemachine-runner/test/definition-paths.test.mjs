// Definition-path tests: the real EnhancementRun definition from terraform/, executed by
// aws-local-stepfunctions, with its Lambda tasks answered over HTTP by a SCRIPTED fake of the functions
// (test/fake-function-host.mjs). They prove the state machine's paths; the real functions are wired
// in by the Java tests that start a function host and spawn run-definition.mjs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dirname, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { renderDefinition } from '../lib/definition.mjs';
import { HISTORY } from '../definition/enhancement-run.mjs';
import { ExecutionRegistry, httpFunctionHost, runExecution } from '../lib/run.mjs';
import { FakeSpace, retryAdvice, startFunctionHost, thrown } from './fake-function-host.mjs';

const definition = renderDefinition();
const SPACE = '01f0c0ffee0000000000000000000001';

async function run(space, input, { name = 'run-1', registry } = {}) {
  const host = await startFunctionHost(space);
  try {
    const reg = registry ?? new ExecutionRegistry();
    const record = await runExecution({ definition, input, name, invoke: httpFunctionHost(host.url), registry: reg });
    await reg.settle();
    return record;
  } finally {
    await host.close();
  }
}

describe('a run that improves', () => {
  test('improves, then reaches the target and reports it', async () => {
    const space = new FakeSpace({
      scores: { original: 0.5, 'fixes-1': 0.7, 'fixes-2': 0.95 },
      enhance: { 1: { status: 'APPLIED', fixes: 3 }, 2: { status: 'APPLIED', fixes: 2 } },
    });
    const run1 = await run(space, { spaceId: SPACE, maxIterations: 3, targetScore: 0.9, strategy: 'BATCH_ALL' });

    assert.equal(run1.status, 'SUCCEEDED', `${run1.error}: ${run1.cause}`);
    assert.deepEqual(run1.output, {
      spaceId: SPACE, runId: 'run-1', outcome: 'TARGET_MET', baselineScore: 0.5, finalScore: 0.95,
      iterations: 2, keptIteration: 2, fixesApplied: 5, fixesRolledBack: 0,
      reportKey: `spaces/${SPACE}/runs/run-1/report.json`,
    });
    assert.equal(space.config, 'fixes-2');
    assert.equal(space.lock, null, 'finish released the lock');
    assert.deepEqual(space.called('enhance').map((c) => c.input), [
      { spaceId: SPACE, runId: 'run-1', iteration: 1, evaluationKey: `spaces/${SPACE}/runs/run-1/iteration-0/evaluation.json`, strategy: 'BATCH_ALL', dryRun: false },
      { spaceId: SPACE, runId: 'run-1', iteration: 2, evaluationKey: `spaces/${SPACE}/runs/run-1/iteration-1/evaluation.json`, strategy: 'BATCH_ALL', dryRun: false },
    ]);
    assert.deepEqual(space.called('judge')[1].input,
      { spaceId: SPACE, runId: 'run-1', iteration: 2, baselineIteration: 0, previousIteration: 1, targetScore: 0.9, tolerance: 0 });
    // each evaluation waited for the eval run: start, poll (not done), wait, poll (done)
    assert.equal(space.called('startEvaluation').length, 3);
    assert.equal(space.called('pollEvaluation').length, 6);
    assert.ok(run1.trace.includes('WaitForIndexing'));
  });

  test('stops at the iteration limit while still below target', async () => {
    const space = new FakeSpace({
      scores: { original: 0.5, 'fixes-1': 0.6 },
      enhance: { 1: { status: 'APPLIED' } },
    });
    const record = await run(space, { spaceId: SPACE, maxIterations: 1 });
    assert.equal(record.status, 'SUCCEEDED');
    assert.equal(record.output.outcome, 'MAX_ITERATIONS');
    assert.equal(record.output.finalScore, 0.6);
    assert.equal(space.called('enhance').length, 1);
    assert.equal(space.lock, null);
  });

  test('does nothing to a space that already meets the target', async () => {
    const space = new FakeSpace({ scores: { original: 0.95 } });
    const record = await run(space, { spaceId: SPACE, targetScore: 0.9 });
    assert.equal(record.output.outcome, 'TARGET_MET');
    assert.equal(record.output.iterations, 0);
    assert.equal(space.called('enhance').length, 0);
    assert.equal(space.lock, null);
  });

  test('uses the evaluation named by the input as the baseline instead of running one', async () => {
    const space = new FakeSpace({ scores: { original: 0.5, 'fixes-1': 0.95 }, enhance: { 1: { status: 'APPLIED' } } });
    const record = await run(space, { spaceId: SPACE, evalRunId: 'given-eval-7' });
    assert.equal(record.output.outcome, 'TARGET_MET');
    assert.deepEqual(space.called('pollEvaluation')[0].input,
      { spaceId: SPACE, runId: 'run-1', iteration: 0, handle: { mode: 'EVAL_RUNS', evalRunId: 'given-eval-7' } });
    assert.equal(space.called('startEvaluation').length, 1, 'only iteration 1 is evaluated by the run');
    assert.equal(space.called('startEvaluation')[0].input.iteration, 1);
  });

  test('evaluates question by question in a Map when the self-run evaluator is used', async () => {
    const space = new FakeSpace({
      evaluator: 'SELF_RUN', questions: 4,
      scores: { original: 0.5, 'fixes-1': 0.95 }, enhance: { 1: { status: 'APPLIED' } },
      faults: [{ fn: 'evaluateQuestion', call: 2, retry: retryAdvice('RateLimited', 12) }],
    });
    const record = await run(space, { spaceId: SPACE, evaluator: 'SELF_RUN' });
    assert.equal(record.status, 'SUCCEEDED', `${record.error}: ${record.cause}`);
    assert.equal(record.output.outcome, 'TARGET_MET');
    const asked = space.called('evaluateQuestion').map((c) => `${c.input.iteration}/${c.input.questionId}`);
    assert.equal(asked.length, 9, '4 questions x 2 evaluations + 1 retried');
    assert.deepEqual(new Set(asked), new Set(['0/q1', '0/q2', '0/q3', '0/q4', '1/q1', '1/q2', '1/q3', '1/q4']));
    assert.deepEqual(space.called('evaluateQuestion')[0].input, { spaceId: SPACE, runId: 'run-1', iteration: 0, questionId: 'q1', repeat: 1 });
    assert.ok(record.trace.includes('EvaluateQuestionBackoff'));
  });
});

describe('a run that regresses', () => {
  test('rolls back and stops with the original config restored', async () => {
    const space = new FakeSpace({ scores: { original: 0.6, 'fixes-1': 0.4 }, enhance: { 1: { status: 'APPLIED', fixes: 4 } } });
    const record = await run(space, { spaceId: SPACE });
    assert.equal(record.status, 'SUCCEEDED', `${record.error}: ${record.cause}`);
    assert.equal(record.output.outcome, 'ROLLED_BACK');
    assert.equal(record.output.finalScore, 0.6);
    assert.equal(record.output.keptIteration, 0);
    assert.equal(record.output.fixesApplied, 4);
    assert.equal(record.output.fixesRolledBack, 4);
    assert.equal(space.config, 'original');
    assert.deepEqual(space.called('rollback').map((c) => c.input), [{ spaceId: SPACE, runId: 'run-1', iteration: 1 }]);
    assert.equal(space.lock, null);
  });

  test('with onRegression CONTINUE tries again from the kept evaluation', async () => {
    const space = new FakeSpace({
      scores: { original: 0.6, 'fixes-1': 0.4, 'fixes-2': 0.92 },
      enhance: { 1: { status: 'APPLIED' }, 2: { status: 'APPLIED' } },
    });
    const record = await run(space, { spaceId: SPACE, onRegression: 'CONTINUE' });
    assert.equal(record.output.outcome, 'TARGET_MET');
    assert.equal(record.output.keptIteration, 2);
    assert.equal(space.called('enhance')[1].input.evaluationKey, `spaces/${SPACE}/runs/run-1/iteration-0/evaluation.json`,
      'iteration 2 works on the failures of the config that was kept, not of the rolled-back one');
    assert.equal(space.called('judge')[1].input.previousIteration, 0);
    assert.equal(space.config, 'fixes-2');
  });
});

describe('a run with nothing to do', () => {
  test('finishes with NO_FIXES when enhance finds no fix', async () => {
    const space = new FakeSpace({ scores: { original: 0.5 }, enhance: { 1: { status: 'NO_FIXES' } } });
    const record = await run(space, { spaceId: SPACE });
    assert.equal(record.output.outcome, 'NO_FIXES');
    assert.equal(record.output.fixesApplied, 0);
    assert.equal(space.config, 'original');
    assert.equal(space.called('rollback').length, 0);
    assert.equal(space.reports[0].outcome, 'NO_FIXES');
    assert.equal(space.lock, null);
  });

  test('finishes with DRY_RUN and changes nothing when asked for a dry run', async () => {
    const space = new FakeSpace({ scores: { original: 0.5 }, enhance: { 1: { status: 'APPLIED' } } });
    const record = await run(space, { spaceId: SPACE, dryRun: true });
    assert.equal(record.output.outcome, 'DRY_RUN');
    assert.equal(space.called('enhance')[0].input.dryRun, true);
    assert.equal(space.config, 'original');
  });
});

describe('transient and fatal errors', () => {
  test('retries returned retry advice and Lambda service errors, then completes', async () => {
    const space = new FakeSpace({
      scores: { original: 0.5, 'fixes-1': 0.95 }, enhance: { 1: { status: 'APPLIED' } },
      faults: [
        { fn: 'pollEvaluation', call: 1, retry: retryAdvice('RateLimited', 20) },
        { fn: 'enhance', call: 1, retry: retryAdvice('DatabricksUnavailable', 30) },
        { fn: 'judge', call: 1, error: { errorType: 'Lambda.ServiceException', errorMessage: 'Lambda is unavailable' } },
        { fn: 'acquireLock', call: 1, error: { errorType: 'Lambda.TooManyRequestsException', errorMessage: 'Rate exceeded' } },
      ],
    });
    const record = await run(space, { spaceId: SPACE });
    assert.equal(record.status, 'SUCCEEDED', `${record.error}: ${record.cause}`);
    assert.equal(record.output.outcome, 'TARGET_MET');
    assert.equal(space.called('enhance').length, 2);
    assert.equal(space.called('judge').length, 2);
    assert.equal(space.called('acquireLock').length, 3, 'a Lambda service error, the lock, its renewal at iteration 1');
    for (const state of ['PollEvaluationBackoff', 'PollEvaluationRetryCount', 'EnhanceBackoff']) {
      assert.ok(record.trace.includes(state), `went through ${state}`);
    }
    // the advised wait plus a backoff growing by 10 s per retry in the iteration
    assert.deepEqual(record.waits.filter((w) => w.state.endsWith('Backoff')), [
      { state: 'PollEvaluationBackoff', seconds: 20 },
      { state: 'EnhanceBackoff', seconds: 30 },
    ]);
    assert.deepEqual(record.waits.find((w) => w.state === 'WaitForIndexing'), { state: 'WaitForIndexing', seconds: 60 });
    assert.deepEqual(record.waits.find((w) => w.state === 'WaitForEvaluation'), { state: 'WaitForEvaluation', seconds: 30 });
    assert.equal(space.config, 'fixes-1');
  });

  test('gives up after the retry budget, rolls back and releases the lock', async () => {
    const faults = Array.from({ length: 20 }, (_, i) => ({ fn: 'pollEvaluation', call: i + 3, retry: retryAdvice('RateLimited', 60) }));
    const space = new FakeSpace({ scores: { original: 0.5, 'fixes-1': 0.95 }, enhance: { 1: { status: 'APPLIED' } }, faults });
    const record = await run(space, { spaceId: SPACE });
    assert.equal(record.status, 'FAILED');
    assert.equal(record.error, 'RateLimited');
    assert.match(record.cause, /\[RateLimited\]/);
    assert.equal(space.config, 'original', 'the iteration that was being measured is rolled back');
    assert.equal(space.lock, null);
    // 1 call + 8 retries (max_transient_retries) for the poll that kept being rate limited
    assert.equal(space.called('pollEvaluation').length, 2 + 9);
    assert.deepEqual(record.waits.filter((w) => w.state === 'PollEvaluationBackoff').map((w) => w.seconds),
      [60, 70, 80, 90, 100, 110, 120, 130]);
  });

  test('a fatal error after enhance wrote is caught: config restored, lock released, failure named', async () => {
    const space = new FakeSpace({
      scores: { original: 0.5, 'fixes-1': 0.7 }, enhance: { 1: { status: 'APPLIED' } },
      faults: [{ fn: 'judge', call: 1, error: thrown('EvaluationNotFound', 'evaluation 1 is missing') }],
    });
    const record = await run(space, { spaceId: SPACE });
    assert.equal(record.status, 'FAILED');
    assert.equal(record.error, 'EvaluationNotFound');
    assert.match(record.cause, /evaluation 1 is missing/);
    assert.equal(space.config, 'original');
    assert.equal(space.lock, null);
    assert.equal(space.reports.length, 1, 'the failed run still ends with a report, and finish releases the lock');
    assert.equal(space.reports[0].outcome, 'FAILED');
    assert.equal(space.reports[0].cleanupError, undefined);
    // the error as Step Functions saw it (Funqy's wrapper); finish names the [Code] in its cause
    assert.match(space.reports[0].cause, /\[EvaluationNotFound\] evaluation 1 is missing/);
    assert.equal(space.called('releaseLock').length, 0);
  });

  test('a rollback that fails in the cleanup is reported: finish gets the cleanup error (and marks the space), the run fails by its first error', async () => {
    const space = new FakeSpace({
      scores: { original: 0.5, 'fixes-1': 0.7 }, enhance: { 1: { status: 'APPLIED' } },
      faults: [
        { fn: 'judge', call: 1, error: thrown('EvaluationNotFound', 'evaluation 1 is missing') },
        { fn: 'rollback', call: 1, error: thrown('AccessDenied', 'the enhancer lost CAN EDIT') },
      ],
    });
    const record = await run(space, { spaceId: SPACE });
    assert.equal(record.error, 'EvaluationNotFound');
    assert.equal(space.config, 'fixes-1', 'the space still holds the fixes');
    assert.equal(space.reports.length, 1);
    assert.equal(space.reports[0].outcome, 'FAILED');
    assert.match(space.reports[0].cleanupError, /AccessDenied.*lost CAN EDIT/);
    assert.equal(space.lock, null);
  });

  test('a finish that fails after a failure still releases the lock', async () => {
    const space = new FakeSpace({
      scores: { original: 0.5 },
      faults: [
        { fn: 'startEvaluation', call: 1, error: thrown('SpaceNotFound', 'no such space') },
        { fn: 'finish', call: 1, error: thrown('AccessDenied', 'no s3:PutObject') },
      ],
    });
    const record = await run(space, { spaceId: SPACE });
    assert.equal(record.error, 'SpaceNotFound');
    assert.deepEqual(space.called('releaseLock').map((c) => c.input), [{ spaceId: SPACE, runId: 'run-1' }]);
    assert.equal(space.lock, null);
  });

  test('enhance failing after its PATCH is rolled back too', async () => {
    const space = new FakeSpace({ scores: { original: 0.5 }, enhance: { 1: { status: 'APPLIED', throwAfterPatch: 'Internal' } } });
    const record = await run(space, { spaceId: SPACE });
    assert.equal(record.error, 'Internal');
    assert.equal(space.config, 'original');
    assert.equal(space.lock, null);
  });

  test('a failure before any write releases the lock without a rollback', async () => {
    const space = new FakeSpace({
      scores: { original: 0.5 },
      faults: [{ fn: 'startEvaluation', call: 1, error: thrown('SpaceNotFound', 'no such space') }],
    });
    const record = await run(space, { spaceId: SPACE });
    assert.equal(record.error, 'SpaceNotFound');
    assert.equal(space.called('rollback').length, 0);
    assert.equal(space.lock, null);
  });

  test('an error that is not ours fails under its own name after the cleanup', async () => {
    const space = new FakeSpace({
      scores: { original: 0.5 },
      faults: Array.from({ length: 7 }, (_, i) => ({ fn: 'startEvaluation', call: i + 1, error: { errorType: 'Lambda.ServiceException', errorMessage: 'down' } })),
    });
    const record = await run(space, { spaceId: SPACE });
    assert.equal(record.error, 'Lambda.ServiceException');
    assert.equal(space.called('startEvaluation').length, 7, 'first call + 6 retries');
    assert.equal(space.lock, null);
  });
});

describe('locking and idempotency', () => {
  test('a second run on a locked space is refused and leaves the other run\'s lock alone', async () => {
    const space = new FakeSpace({ scores: { original: 0.5 }, lockHeldBy: 'other-run' });
    const record = await run(space, { spaceId: SPACE });
    assert.equal(record.status, 'FAILED');
    assert.equal(record.error, 'LockHeld');
    assert.match(record.cause, /locked by run other-run/);
    assert.deepEqual(space.lock, { runId: 'other-run' });
    assert.deepEqual(space.calls.map((c) => c.fn), ['acquireLock']);
  });

  test('an EventBridge event restarts the run under a name derived from the event id; a redelivery is a no-op', async () => {
    const space = new FakeSpace({ scores: { original: 0.5, 'fixes-1': 0.95 }, enhance: { 1: { status: 'APPLIED' } } });
    const event = {
      request: { spaceId: SPACE, evalRunId: 'given-eval-1', score: 0.5 },
      trigger: { source: 'eventbridge', eventId: '6a7e8feb-b491-4cf7-a9f1-bf3703467718', eventSource: 'genie.enhancer', detailType: 'Genie Benchmark Run Completed', time: '2026-11-26T12:00:00Z' },
    };
    const registry = new ExecutionRegistry();
    const first = await run(space, event, { name: 'eventbridge-generated-1', registry });
    assert.deepEqual(first.output, {
      outcome: 'HANDED_OVER', executionName: 'evt-6a7e8feb-b491-4cf7-a9f1-bf3703467718',
      executionArn: 'arn:aws:states:us-east-1:000000000000:execution:genie-enhancer-run:evt-6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    });
    const named = registry.get('evt-6a7e8feb-b491-4cf7-a9f1-bf3703467718');
    assert.equal(named.status, 'SUCCEEDED', `${named.error}: ${named.cause}`);
    assert.equal(named.output.runId, 'evt-6a7e8feb-b491-4cf7-a9f1-bf3703467718');
    assert.equal(named.output.outcome, 'TARGET_MET');

    const redelivered = await run(space, event, { name: 'eventbridge-generated-2', registry });
    assert.equal(redelivered.output.outcome, 'DUPLICATE_EVENT');
    assert.equal(new Set(space.called('acquireLock').map((c) => c.input.executionId)).size, 1, 'only one execution touched the space');
  });

  test('renews the lock at every iteration from the same execution; a lock lost meanwhile stops the run before enhance writes', async () => {
    const space = new FakeSpace({
      scores: { original: 0.5, 'fixes-1': 0.6, 'fixes-2': 0.7 }, enhance: { 1: { status: 'APPLIED' }, 2: { status: 'APPLIED' } },
    });
    const renewed = await run(space, { spaceId: SPACE, maxIterations: 2 });
    assert.equal(renewed.status, 'SUCCEEDED', `${renewed.error}: ${renewed.cause}`);
    const locks = space.called('acquireLock');
    assert.equal(locks.length, 3, 'taken once, renewed before each of the 2 iterations');
    assert.ok(locks.every((c) => c.input.executionId === locks[0].input.executionId && c.input.executionId.includes(':execution:')));
    assert.deepEqual(renewed.trace.filter((s) => s === 'RenewLock' || s === 'Enhance'), ['RenewLock', 'Enhance', 'RenewLock', 'Enhance']);

    const lost = new FakeSpace({
      scores: { original: 0.5 },
      faults: [{ fn: 'acquireLock', call: 2, error: { errorType: 'EnhancerException', errorMessage: '[LockHeld] space is locked by run other-run' } }],
    });
    const record = await run(lost, { spaceId: SPACE, maxIterations: 2 });
    assert.equal(record.status, 'FAILED');
    assert.equal(record.error, 'LockHeld');
    assert.equal(lost.called('enhance').length, 0, 'nothing was written to the space');
    assert.equal(lost.reports.length, 1, 'the run still ends with a report');
  });

  test('a second execution with the runId of a running one is refused', async () => {
    const space = new FakeSpace({ scores: { original: 0.5 } });
    space.lock = { runId: 'run-x', executionId: 'arn:aws:states:us-east-1:000000000000:execution:genie-enhancer-run:first' };
    const record = await run(space, { spaceId: SPACE, runId: 'run-x' }, { name: 'second' });
    assert.equal(record.error, 'LockHeld');
    assert.match(record.cause, /already running in execution .*:first/);
    assert.equal(space.lock.executionId.endsWith(':first'), true, 'the first execution keeps its lock');
  });

  test('an event sets only the space and its baseline: runId, maxIterations, onRegression ... in its detail are dropped', async () => {
    const space = new FakeSpace({
      scores: { original: 0.5, 'fixes-1': 0.6, 'fixes-2': 0.7, 'fixes-3': 0.8 },
      enhance: { 1: { status: 'APPLIED' }, 2: { status: 'APPLIED' }, 3: { status: 'APPLIED' } },
    });
    const eventId = '0b8c5a1e-7d2f-4e3a-9c1b-5f6e7d8c9a0b';
    const event = {
      request: { spaceId: SPACE, evalRunId: 'given-eval-2', runId: 'someone-elses-run', maxIterations: 0, targetScore: 0.1, onRegression: 'CONTINUE', dryRun: true },
      trigger: { source: 'eventbridge', eventId, eventSource: 'genie.enhancer', detailType: 'Genie Benchmark Run Completed', time: '2026-11-26T12:00:00Z' },
    };
    const registry = new ExecutionRegistry();
    await run(space, event, { name: 'eventbridge-generated-3', registry });
    const named = registry.get(`evt-${eventId}`);
    assert.equal(named.status, 'SUCCEEDED', `${named.error}: ${named.cause}`);
    assert.equal(named.output.runId, `evt-${eventId}`, 'the run id comes from the event id, not the detail');
    assert.equal(named.output.outcome, 'MAX_ITERATIONS', 'the operator default (3 iterations, target 0.9) applies');
    assert.equal(space.called('enhance').length, 3);
    assert.ok(space.called('enhance').every((c) => c.input.dryRun === false), 'dryRun is not the event\'s to set');
    assert.equal(space.called('pollEvaluation')[0].input.handle.evalRunId, 'given-eval-2', 'the baseline is kept');
  });

  test('an event naming two baselines (evalRunId and resultsKey) is refused before any function runs', async () => {
    const space = new FakeSpace({ scores: { original: 0.5 } });
    const record = await run(space, {
      request: { spaceId: SPACE, evalRunId: 'given-eval-3', resultsKey: `spaces/${SPACE}/x.json` },
      trigger: { source: 'eventbridge', eventId: '1c9d6b2f-8e3a-4f4b-8d2c-6a7f8e9dab1c' },
    });
    assert.equal(record.error, 'InvalidInput');
    assert.equal(space.calls.length, 0);
  });

  for (const [field, value] of [['strategy', 'ALL_AT_ONCE'], ['evaluator', 'GUESS'], ['onRegression', 'IGNORE'], ['repeats', 0], ['repeats', 11], ['tolerance', 1], ['tolerance', -0.1]]) {
    test(`rejects ${field} = ${JSON.stringify(value)} before taking the lock`, async () => {
      const space = new FakeSpace({ scores: { original: 0.5 } });
      const record = await run(space, { spaceId: SPACE, [field]: value });
      assert.equal(record.error, 'InvalidInput');
      assert.equal(space.calls.length, 0);
    });
  }

  test('rejects a request without spaceId before calling any function', async () => {
    const space = new FakeSpace({ scores: { original: 0.5 } });
    const record = await run(space, { maxIterations: 3 });
    assert.equal(record.error, 'InvalidInput');
    assert.equal(space.calls.length, 0);
  });

  test('rejects more than 20 iterations before taking the lock', async () => {
    const space = new FakeSpace({ scores: { original: 0.5 } });
    const record = await run(space, { spaceId: SPACE, maxIterations: 1000 });
    assert.equal(record.error, 'InvalidInput');
    assert.equal(space.calls.length, 0);
  });

  test('rejects a target score outside 0..1 before taking the lock', async () => {
    const space = new FakeSpace({ scores: { original: 0.5 } });
    const record = await run(space, { spaceId: SPACE, targetScore: 90 });
    assert.equal(record.error, 'InvalidInput');
    assert.equal(space.calls.length, 0);
  });
});

describe('Step Functions limits', () => {
  // What AWS writes to the history per state: entered + exited, and for a Lambda task scheduled, started, succeeded.
  const awsEvents = (trace) => trace.reduce((n, name) => n + 2 + (definition.States[name]?.Type === 'Task' ? 3 : 0), 0);

  test('the history estimate errs high: a 3-iteration run spends fewer events than the run counted', async () => {
    const space = new FakeSpace({
      pollsUntilDone: 4,
      scores: { original: 0.5, 'fixes-1': 0.6, 'fixes-2': 0.7, 'fixes-3': 0.8 },
      enhance: { 1: { status: 'APPLIED' }, 2: { status: 'APPLIED' }, 3: { status: 'APPLIED' } },
    });
    const record = await run(space, { spaceId: SPACE, maxIterations: 3 });
    assert.equal(record.output.outcome, 'MAX_ITERATIONS');
    const polls = record.trace.filter((s) => s === 'CountPollHistory').length;
    const estimate = HISTORY.start + 3 * HISTORY.perIteration + polls * HISTORY.perPoll;
    assert.ok(polls >= 12, `polled ${polls} times`);
    assert.ok(awsEvents(record.trace) <= estimate, `spent ${awsEvents(record.trace)} events, estimated ${estimate}`);
  });

  test('an evaluation that never ends stops the run before the 25,000-event limit, with the cleanup and a FAILED report', async () => {
    const space = new FakeSpace({ pollsUntilDone: Number.MAX_SAFE_INTEGER, scores: { original: 0.5 } });
    const record = await run(space, { spaceId: SPACE });
    assert.equal(record.status, 'FAILED');
    assert.equal(record.error, 'HistoryBudgetExhausted');
    assert.match(record.cause, /spent about 24\d{3} of the 25000 history events/);
    assert.ok(awsEvents(record.trace) < HISTORY.limit, `${awsEvents(record.trace)} events`);
    assert.equal(space.reports.length, 1, 'the report is written');
    assert.equal(space.reports[0].outcome, 'FAILED');
    assert.equal(space.lock, null, 'and the lock released');
  });
});

describe('run-definition.mjs', () => {
  let host;
  let space;
  before(async () => {
    space = new FakeSpace({ scores: { original: 0.5, 'fixes-1': 0.95 }, enhance: { 1: { status: 'APPLIED' } } });
    host = await startFunctionHost(space);
  });
  after(() => host.close());

  test('runs the definition against a function host given on the command line and prints the result as JSON', async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    // asynchronous: the function host answering the child lives in this process
    const { stdout } = await promisify(execFile)(process.execPath, [resolve(here, '../run-definition.mjs'),
      '--function-host', host.url, '--name', 'cli-run', '--input', JSON.stringify({ spaceId: SPACE, maxIterations: 2 })]);
    const printed = JSON.parse(stdout);
    assert.equal(printed.status, 'SUCCEEDED');
    assert.equal(printed.output.outcome, 'TARGET_MET');
    assert.equal(printed.output.runId, 'cli-run');
    assert.equal(printed.calls[0].function, 'acquireLock');
  });
});
