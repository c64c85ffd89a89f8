// A scripted stand-in for the Genie enhancer functions, served over HTTP the way run-definition.mjs
// expects a function host. It is NOT the product: it exists to drive the state machine definition down
// each of its paths (definition-path tests). It keeps just enough state to check what the definition
// must guarantee: which config the space ends with, whether the lock is released, what was called.
import { createServer } from 'node:http';

const APPLICATION_EXCEPTION = 'io.quarkus.funqy.runtime.ApplicationException';

/** What Funqy sends to Lambda when a function throws EnhancerException(code, detail). */
export function thrown(code, detail = 'scripted failure') {
  return { errorType: APPLICATION_EXCEPTION, errorMessage: `io.genieenhancer.error.EnhancerException: [${code}] ${detail}` };
}

/** The returned retry advice of the error contract. */
export function retryAdvice(code = 'RateLimited', retryAfterSeconds = 7) {
  return { error: code, message: `[${code}] scripted transient condition`, retryAfterSeconds };
}

export class FakeSpace {
  /**
   * @param scenario.scores       score of each config the space can have, e.g. {original: 0.5, 'fixes-1': 0.7}
   * @param scenario.enhance      per iteration: {status: 'APPLIED'|'NO_FIXES'|'DRY_RUN', fixes: n}
   * @param scenario.evaluator    'EVAL_RUNS' (start, poll until done) or 'SELF_RUN' (Map over questions)
   * @param scenario.questions    number of benchmark questions (self-run)
   * @param scenario.faults       [{fn, call (1-based, per function), retry?: advice, error?: {errorType, errorMessage}}]
   * @param scenario.lockHeldBy   another run's id already holding the lock
   * @param scenario.pollsUntilDone  polls an eval run needs before it is done (default 2)
   */
  constructor(scenario = {}) {
    this.scenario = { evaluator: 'EVAL_RUNS', questions: 3, pollsUntilDone: 2, faults: [], enhance: {}, ...scenario };
    this.config = 'original';
    this.lock = scenario.lockHeldBy ? { runId: scenario.lockHeldBy } : null;
    this.snapshots = new Map();
    this.evaluations = new Map();
    this.polls = new Map();
    this.calls = [];
    this.callCount = new Map();
    this.reports = [];
  }

  scoreOf(config) {
    const score = this.scenario.scores?.[config];
    if (score === undefined) throw new Error(`scenario has no score for config ${config}`);
    return score;
  }

  handle(fn, input) {
    this.calls.push({ fn, input });
    const n = (this.callCount.get(fn) ?? 0) + 1;
    this.callCount.set(fn, n);
    const fault = this.scenario.faults.find((f) => f.fn === fn && f.call === n);
    if (fault?.error) return { status: 500, body: fault.error };
    if (fault?.retry) return { status: 200, body: { retry: fault.retry } };
    if (typeof this[fn] !== 'function') return { status: 404, body: { errorType: 'FunctionNotFound', errorMessage: fn } };
    try {
      return { status: 200, body: this[fn](input) };
    } catch (e) {
      if (e.lambda) return { status: 500, body: e.lambda };
      throw e;
    }
  }

  fail(code, detail) {
    const e = new Error(detail);
    e.lambda = thrown(code, detail);
    return e;
  }

  evaluationKey({ spaceId, runId }, iteration) {
    return `spaces/${spaceId}/runs/${runId}/iteration-${iteration}/evaluation.json`;
  }

  acquireLock({ spaceId, runId, ttlSeconds, executionId }) {
    if (this.lock && this.lock.runId !== runId) throw this.fail('LockHeld', `space ${spaceId} is locked by run ${this.lock.runId}`);
    if (this.lock?.executionId && executionId && this.lock.executionId !== executionId) {
      throw this.fail('LockHeld', `run ${runId} of space ${spaceId} is already running in execution ${this.lock.executionId}`);
    }
    this.lock = { runId, ttlSeconds, executionId };
    return { spaceId, runId, acquired: true, expiresAt: '2026-11-26T18:00:00Z' };
  }

  releaseLock({ runId }) {
    if (this.lock?.runId !== runId) return { released: false };
    this.lock = null;
    return { released: true };
  }

  startEvaluation({ spaceId, runId, iteration }) {
    if (this.scenario.evaluator === 'SELF_RUN') {
      const questionItems = Array.from({ length: this.scenario.questions }, (_, i) => ({
        spaceId, runId, iteration, questionId: `q${i + 1}`, repeat: 1,
      }));
      return { handle: { mode: 'SELF_RUN' }, questionItems, total: questionItems.length };
    }
    return { handle: { mode: 'EVAL_RUNS', evalRunId: `eval-${iteration}` }, questionItems: [], total: this.scenario.questions };
  }

  evaluateQuestion({ questionId, repeat }) {
    return { questionId, repeat, status: 'ANSWERED' };
  }

  pollEvaluation(input) {
    const { iteration, handle } = input;
    const key = `${iteration}/${JSON.stringify(handle)}`;
    const polls = (this.polls.get(key) ?? 0) + 1;
    this.polls.set(key, polls);
    const total = this.scenario.questions;
    if (handle.mode === 'EVAL_RUNS' && !handle.evalRunId.startsWith('given') && polls < this.scenario.pollsUntilDone) {
      return { done: false, completed: 0, total };
    }
    const score = this.scoreOf(this.config);
    this.evaluations.set(iteration, { score, config: this.config });
    return { done: true, completed: total, total, evaluationKey: this.evaluationKey(input, iteration), score };
  }

  enhance({ spaceId, runId, iteration, dryRun }) {
    const plan = this.scenario.enhance[iteration] ?? { status: 'NO_FIXES' };
    const fixes = plan.status === 'NO_FIXES' ? 0 : plan.fixes ?? 2;
    const base = {
      fixesProposed: fixes, byType: { ADD_SYNONYM: fixes },
      snapshotKey: `spaces/${spaceId}/runs/${runId}/iteration-${iteration}/config-before.json`,
      fixLogKey: `spaces/${spaceId}/runs/${runId}/iteration-${iteration}/fixes.json`,
      entityMatchingChanged: false, indexingWaitSeconds: 60,
    };
    if (plan.status !== 'APPLIED' || dryRun) {
      return { ...base, status: dryRun && plan.status === 'APPLIED' ? 'DRY_RUN' : plan.status, fixesApplied: 0 };
    }
    this.snapshots.set(iteration, this.config);
    this.config = `fixes-${iteration}`;
    if (plan.throwAfterPatch) throw this.fail(plan.throwAfterPatch, 'failed after the PATCH');
    return { ...base, status: 'APPLIED', fixesApplied: fixes };
  }

  judge({ iteration, previousIteration, targetScore, tolerance }) {
    const score = this.evaluations.get(iteration)?.score;
    const previousScore = this.evaluations.get(previousIteration)?.score;
    const baselineScore = this.evaluations.get(0)?.score;
    if (score === undefined || previousScore === undefined) throw this.fail('EvaluationNotFound', `iteration ${iteration}`);
    let verdict;
    if (score >= targetScore) verdict = 'TARGET_MET';
    else if (score < previousScore - tolerance) verdict = 'REGRESSED';
    else if (score > previousScore + tolerance) verdict = 'IMPROVED';
    else verdict = 'NO_CHANGE';
    return { verdict, score, previousScore, baselineScore, changed: {} };
  }

  rollback({ spaceId, runId, iteration }) {
    if (!this.snapshots.has(iteration)) throw this.fail('SnapshotNotFound', `no snapshot for iteration ${iteration}`);
    this.config = this.snapshots.get(iteration);
    return { restored: true, snapshotKey: `spaces/${spaceId}/runs/${runId}/iteration-${iteration}/config-before.json`, rejectedFixes: 2 };
  }

  finish(input) {
    this.reports.push(input);
    if (this.lock?.runId === input.runId) this.lock = null;
    return { reportKey: `spaces/${input.spaceId}/runs/${input.runId}/report.json`, outcome: input.outcome };
  }

  called(fn) {
    return this.calls.filter((c) => c.fn === fn);
  }
}

/** Serves a FakeSpace at http://127.0.0.1:{port}/{functionName}. */
export async function startFunctionHost(space) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const fn = decodeURIComponent(req.url.replace(/^\/+/, ''));
      let answer;
      try {
        answer = space.handle(fn, JSON.parse(body || '{}'));
      } catch (e) {
        answer = { status: 500, body: { errorType: 'FakeHostBug', errorMessage: e.stack } };
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}
