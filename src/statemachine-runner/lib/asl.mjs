// Building blocks for the compact state machine source (../definition/enhancement-run.mjs): choice
// conditions, the Lambda task with its retry-advice loop, and the error routing derived from ErrorCode.
// Each helper returns plain ASL objects; key order is the order ASL readers expect (Type first).

/** A Terraform templatefile() placeholder that stands for a bare JSON number, e.g. ${lock_ttl_seconds}. */
export function tfNumber(name) {
  return `@@tf:${name}@@`;
}

/** Serialises a definition as the .tftpl text: bare-number placeholders lose their quotes. */
export function toTemplateText(definition) {
  return `${JSON.stringify(definition, null, 2).replace(/"@@tf:([A-Za-z_][A-Za-z0-9_]*)@@"/g, '${$1}')}\n`;
}

// ---- choice conditions ------------------------------------------------------------------------------

export const present = (v) => ({ Variable: v, IsPresent: true });
export const and = (...conditions) => ({ And: conditions });
export const or = (...conditions) => ({ Or: conditions });
export const not = (condition) => ({ Not: condition });
export const typed = (v, test) => and(present(v), { Variable: v, [test]: true });
export const isString = (v) => typed(v, 'IsString');
export const isNumber = (v) => typed(v, 'IsNumeric');
export const isBoolean = (v) => typed(v, 'IsBoolean');
export const isTrue = (v) => and(present(v), { Variable: v, IsBoolean: true }, { Variable: v, BooleanEquals: true });
export const notNull = (v) => and(present(v), not({ Variable: v, IsNull: true }));
export const equals = (v, value) => ({ Variable: v, StringEquals: value });
/** A choice rule: the condition's fields plus Next. */
export const when = (condition, next) => ({ ...condition, Next: next });
/** True when an error's Cause carries [code], the way EnhancerException names its ErrorCode. */
export const causeNames = (code) => and(isString('$.error.Cause'), { Variable: '$.error.Cause', StringMatches: `*[${code}]*` });

// ---- states -----------------------------------------------------------------------------------------

export function choice(choices, otherwise, comment) {
  return { Type: 'Choice', ...(comment && { Comment: comment }), Choices: choices, Default: otherwise };
}

/** A Pass state that records a named error at $.error (or `at`) and goes on to `next`. */
export function raise(error, cause, next, at = '$.error') {
  const causeField = cause.startsWith('States.') ? { 'Cause.$': cause } : { Cause: cause };
  return { Type: 'Pass', Parameters: { Error: error, ...causeField }, ResultPath: at, Next: next };
}

const LAMBDA_SERVICE_RETRY = {
  ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
  JitterStrategy: 'FULL',
};

/** Extra seconds added to the function's advice per retry: the backoff grows by this much each time. */
export const BACKOFF_STEP_SECONDS = 10;

/**
 * One Lambda task and the states of the error contract around it (README "Errors"):
 *   Name            Task; Lambda service errors retried in place; any thrown error caught to `onError`
 *   NameResult      Choice: retry advice within budget -> NameRetryCount, advice beyond it -> NameGaveUp,
 *                   then the task's own `choices`, else `otherwise`
 *   NameRetryCount  Pass: counts the retry, waitSeconds = advised retryAfterSeconds + growing backoff
 *   NameBackoff     Wait, then Name again
 *   NameGaveUp      the last advice becomes the error at `errorAt`, then `gaveUp` (default `onError`);
 *                   with gaveUp 'fail' it is a Fail state instead (inside a Map item)
 *
 * @param {string} name    state name
 * @param {object} spec    {fn, payload, result, onError, gaveUp, errorAt, budget, comment}
 */
export function lambdaTask(name, spec, choices, otherwise) {
  const { fn, payload, result, onError, gaveUp = onError, errorAt = '$.error', budget = '$.run.maxTransientRetries', comment } = spec;
  const advice = `${result}.result.retry`;
  const task = {
    Type: 'Task',
    ...(comment && { Comment: comment }),
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: `\${function_arn_${fn}}`, ...(payload.$ ? { 'Payload.$': payload.$ } : { Payload: payload }) },
    ResultSelector: { 'result.$': '$.Payload' },
    ResultPath: result,
    Retry: [LAMBDA_SERVICE_RETRY],
    ...(onError && { Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: errorAt, Next: onError }] }),
    Next: `${name}Result`,
  };
  const gaveUpState = gaveUp === 'fail'
    ? { Type: 'Fail', ErrorPath: `${advice}.error`, CausePath: `${advice}.message` }
    : {
      Type: 'Pass',
      Comment: 'Retry budget spent: the last advice becomes the run\'s error.',
      Parameters: { 'Error.$': `${advice}.error`, 'Cause.$': `${advice}.message` },
      ResultPath: errorAt,
      Next: gaveUp,
    };
  return {
    [name]: task,
    [`${name}Result`]: choice([
      when(and(notNull(advice), { Variable: '$.retries.n', NumericLessThanPath: budget }), `${name}RetryCount`),
      when(notNull(advice), `${name}GaveUp`),
      ...choices,
    ], otherwise),
    [`${name}RetryCount`]: {
      Type: 'Pass',
      Comment: `Wait what the function advises plus a backoff that grows by ${BACKOFF_STEP_SECONDS} s with every retry.`,
      Parameters: {
        'n.$': 'States.MathAdd($.retries.n, 1)',
        'backoffSeconds.$': `States.MathAdd($.retries.backoffSeconds, ${BACKOFF_STEP_SECONDS})`,
        'waitSeconds.$': `States.MathAdd(${advice}.retryAfterSeconds, $.retries.backoffSeconds)`,
      },
      ResultPath: '$.retries',
      Next: `${name}Backoff`,
    },
    [`${name}Backoff`]: { Type: 'Wait', SecondsPath: '$.retries.waitSeconds', Next: name },
    [`${name}GaveUp`]: gaveUpState,
  };
}

// ---- error routing from ErrorCode -------------------------------------------------------------------

/**
 * ClassifyFailure and one Fail state per ErrorCode: the execution fails under the [Code] its Cause names,
 * or under the error's own name (FailedOther). `first` lists codes checked before the others (a Cause can
 * quote a second code in its detail; the listed one wins).
 */
export function errorRouting(errorCodes, { first = [] } = {}) {
  const names = errorCodes.map((c) => c.name);
  for (const code of first) {
    if (!names.includes(code)) throw new Error(`errorRouting: ${code} is not an ErrorCode`);
  }
  const ordered = [...first, ...names.filter((n) => !first.includes(n))];
  const states = {
    ClassifyFailure: choice(
      ordered.map((code) => when(causeNames(code), `Failed${code}`)),
      'FailedOther',
      'Funqy reports every thrown error as ApplicationException; our ErrorCode is the [Code] at the start of the message, so the execution fails under that name.',
    ),
  };
  for (const code of ordered) {
    states[`Failed${code}`] = { Type: 'Fail', Error: code, CausePath: '$.error.Cause' };
  }
  states.FailedOther = {
    Type: 'Fail',
    Comment: 'Lambda service errors after retries, timeouts, contract violations: their own name.',
    ErrorPath: '$.error.Error',
    CausePath: '$.error.Cause',
  };
  return states;
}
