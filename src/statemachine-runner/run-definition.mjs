#!/usr/bin/env node
// Runs the real EnhancementRun definition (terraform/statemachine) locally against a function host.
//
//   node run-definition.mjs --function-host http://127.0.0.1:8081 --input '{"spaceId":"..."}' [--name NAME]
//                           [--input-file FILE] [--var name=value ...] [--template FILE] [--real-waits]
//
// The function host receives POST {host}/{functionName} with the task's Payload and answers 200 with the
// function output, or an error status with {"errorType": "...", "errorMessage": "..."} (the Lambda error
// shape). Waits and Retry intervals take 0 s (with --real-waits, Wait states take their real time). Prints ONE JSON object on stdout:
//   {"status": "SUCCEEDED", "output": {...}, "name", "trace": [...], "waits": [{state, seconds}], "calls": [...], "executions": [...]}
//   {"status": "FAILED", "error": "LockHeld", "cause": "...", ...}
// Exit code 0 when the execution ran (whatever its status), 2 on usage or setup errors.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { renderDefinition, TEMPLATE_PATH } from './lib/definition.mjs';
import { ExecutionRegistry, httpFunctionHost, runExecution } from './lib/run.mjs';

function usage(message) {
  process.stderr.write(`run-definition: ${message}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      'function-host': { type: 'string' },
      input: { type: 'string' },
      'input-file': { type: 'string' },
      name: { type: 'string' },
      var: { type: 'string', multiple: true, default: [] },
      template: { type: 'string', default: TEMPLATE_PATH },
      'real-waits': { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
} catch (e) {
  usage(e.message);
}
const host = args['function-host'] ?? process.env.GENIE_FUNCTION_HOST;
if (!host) usage('--function-host (or GENIE_FUNCTION_HOST) is required');
let input;
try {
  if (args['input-file']) input = JSON.parse(readFileSync(args['input-file'], 'utf8'));
  else input = JSON.parse(args.input ?? '{}');
} catch (e) {
  usage(`input is not JSON: ${e.message}`);
}
const vars = {};
for (const pair of args.var) {
  const eq = pair.indexOf('=');
  if (eq < 1) usage(`--var needs name=value, got ${pair}`);
  vars[pair.slice(0, eq)] = pair.slice(eq + 1);
}

let definition;
try {
  definition = renderDefinition(vars, args.template);
} catch (e) {
  usage(`cannot render ${args.template}: ${e.message}`);
}

const registry = new ExecutionRegistry();
const root = await runExecution({
  definition, input, name: args.name, invoke: httpFunctionHost(host), registry, realWaits: args['real-waits'],
});
await registry.settle();
const summary = (r) => ({
  name: r.name, status: r.status,
  ...(r.status === 'SUCCEEDED' ? { output: r.output } : { error: r.error, cause: r.cause }),
  trace: r.trace, waits: r.waits, calls: r.calls,
});
process.stdout.write(JSON.stringify({ ...summary(root), executions: registry.all().filter((r) => r !== root).map(summary) }) + '\n');
