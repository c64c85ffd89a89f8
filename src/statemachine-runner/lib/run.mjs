// Executes the rendered definition with aws-local-stepfunctions. Lambda task states call a "function
// host" (a local HTTP server, or any async function); Wait states and Retry intervals take 0 s.
import { StateMachine } from 'aws-local-stepfunctions';

import { allStates, fakeStateMachineArn, FAKE_STATE_MACHINE_NAME } from './definition.mjs';

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const START_EXECUTION = 'arn:aws:states:::states:startExecution';

/**
 * An invoker that POSTs the payload to `${baseUrl}/${functionName}`. The host answers 200 with the
 * function's output, or an error status with the Lambda error shape {errorType, errorMessage}.
 */
export function httpFunctionHost(baseUrl) {
  const base = baseUrl.replace(/\/+$/, '');
  return async (functionName, payload) => {
    const response = await fetch(`${base}/${functionName}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    const text = await response.text();
    let body;
    try {
      body = text.length ? JSON.parse(text) : null;
    } catch {
      body = { errorType: 'Lambda.Unknown', errorMessage: `function host answered non-JSON: ${text.slice(0, 200)}` };
    }
    if (response.ok) return { ok: true, output: body };
    return { ok: false, errorType: body?.errorType ?? 'Lambda.Unknown', errorMessage: body?.errorMessage ?? text };
  };
}

/** Error as Step Functions reports a Lambda function error: Error = errorType, Cause = JSON of the error. */
export function lambdaError(errorType, errorMessage) {
  const error = new Error(JSON.stringify({ errorMessage, errorType }));
  error.name = errorType;
  return error;
}

/**
 * Runs one execution. `registry` is shared between executions of one "account" (execution names are
 * unique there, like in Step Functions); states:startExecution starts a child execution in it.
 */
export async function runExecution({
  definition, input, name, invoke, registry = new ExecutionRegistry(),
  functionNameOf = defaultFunctionNameOf, realWaits = false,
}) {
  const executionName = name ?? `local-${registry.nextId()}`;
  if (registry.has(executionName)) {
    throw new Error(`execution name ${executionName} already used`);
  }
  const record = { name: executionName, calls: [], trace: [], waits: [] };
  registry.add(record);

  const taskHandlers = {};
  const waitOverrides = {};
  const retryOverrides = {};
  const waitStates = new Map();
  for (const [stateName, state] of allStates(definition)) {
    if (state.Type === 'Wait') {
      // realWaits: the local main job waits as AWS would (the sandbox's re-index delay is real time)
      if (!realWaits) waitOverrides[stateName] = 0;
      waitStates.set(stateName, state);
    }
    if (state.Retry) retryOverrides[stateName] = 0;
    if (state.Type !== 'Task') continue;
    if (state.Resource === LAMBDA_INVOKE) {
      taskHandlers[stateName] = async ({ FunctionName, Payload }) => {
        const functionName = functionNameOf(FunctionName);
        record.calls.push({ state: stateName, function: functionName, payload: Payload });
        const answer = await invoke(functionName, Payload);
        if (!answer.ok) throw lambdaError(answer.errorType, answer.errorMessage);
        return { Payload: answer.output, StatusCode: 200, ExecutedVersion: '$LATEST' };
      };
    } else if (state.Resource === START_EXECUTION) {
      taskHandlers[stateName] = async ({ Name, Input }) => {
        record.calls.push({ state: stateName, function: 'states:startExecution', payload: { Name, Input } });
        if (registry.has(Name)) {
          const existing = registry.get(Name);
          // Step Functions: same name and same input while running is idempotent; otherwise it refuses.
          if (existing.status === 'RUNNING' && JSON.stringify(existing.input) === JSON.stringify(Input)) {
            return { ExecutionArn: executionArn(Name), StartDate: new Date().toISOString() };
          }
          const error = new Error(`Execution Already Exists: '${executionArn(Name)}'`);
          error.name = 'StepFunctions.ExecutionAlreadyExistsException';
          throw error;
        }
        registry.pending.push(runExecution({ definition, input: Input, name: Name, invoke, registry, functionNameOf, realWaits }));
        return { ExecutionArn: executionArn(Name), StartDate: new Date().toISOString() };
      };
    } else {
      throw new Error(`no local handler for Task state ${stateName} (${state.Resource})`);
    }
  }

  record.input = input;
  record.status = 'RUNNING';
  const machine = new StateMachine(definition, { validationOptions: { checkArn: true, checkPaths: true } });
  const execution = machine.run(input, {
    overrides: { taskResourceLocalHandlers: taskHandlers, waitTimeOverrides: waitOverrides, retryIntervalOverrides: retryOverrides },
    context: {
      Execution: {
        Id: executionArn(executionName).replace(':stateMachine:', ':execution:'),
        Name: executionName,
        Input: input,
        StartTime: new Date().toISOString(),
        RoleArn: 'arn:aws:iam::000000000000:role/genie-enhancer-states',
      },
      StateMachine: { Id: fakeStateMachineArn(), Name: FAKE_STATE_MACHINE_NAME },
    },
  });
  const tracing = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type !== 'StateEntered') continue;
      const stateName = event.state?.name;
      record.trace.push(stateName);
      // Waits take 0 s here; record how long they would have been on AWS.
      const wait = waitStates.get(stateName);
      if (wait) record.waits.push({ state: stateName, seconds: wait.Seconds ?? valueAt(event.state.input, wait.SecondsPath) });
    }
  })();
  try {
    record.output = await execution.result;
    record.status = 'SUCCEEDED';
  } catch (error) {
    // aws-local-stepfunctions wraps the state machine's error (Fail state, uncaught task error,
    // States.Runtime) in an ExecutionError; report the inner one, as Step Functions would.
    const failure = error?.name === 'ExecutionError' && error.cause instanceof Error ? error.cause : error;
    record.status = 'FAILED';
    record.error = failure.name;
    record.cause = failure.message;
  }
  await tracing.catch(() => {});
  return record;
}

/** Value at a simple JSONPath ($.a.b.c), as used by SecondsPath in the definition. */
function valueAt(json, path) {
  return path.replace(/^\$\.?/, '').split('.').filter(Boolean).reduce((node, key) => node?.[key], json);
}

function executionArn(name) {
  return `${fakeStateMachineArn()}:${name}`.replace(':stateMachine:', ':execution:');
}

function defaultFunctionNameOf(functionArn) {
  const match = /function:(?:genie-enhancer-)?([A-Za-z0-9_-]+)$/.exec(functionArn);
  if (!match) throw new Error(`cannot tell the function from ${functionArn}`);
  return match[1];
}

export class ExecutionRegistry {
  constructor() {
    this.byName = new Map();
    this.pending = [];
    this.counter = 0;
  }
  nextId() { this.counter += 1; return String(this.counter); }
  has(name) { return this.byName.has(name); }
  get(name) { return this.byName.get(name); }
  add(record) { this.byName.set(record.name, record); }
  /** Waits for executions started by states:startExecution (they run detached, as on AWS). */
  async settle() {
    while (this.pending.length) {
      await Promise.all(this.pending.splice(0));
    }
  }
  all() { return [...this.byName.values()]; }
}
