#!/usr/bin/env node
// Lints the rendered EnhancementRun definition with asl-validator and statelint (both must pass) and
// checks what they cannot: every Task invokes one of the state machine's functions.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { allStates, fakeFunctionArn, renderDefinition, STATE_MACHINE_FUNCTIONS } from './lib/definition.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const definition = renderDefinition();
const file = join(mkdtempSync(join(tmpdir(), 'asl-')), 'enhancement-run.asl.json');
writeFileSync(file, JSON.stringify(definition, null, 2));

let failed = false;
const run = (label, script, args) => {
  const result = spawnSync(process.execPath, [resolve(here, script), ...args], { encoding: 'utf8' });
  const out = `${result.stdout}${result.stderr}`.trim();
  if (result.status === 0) {
    console.log(`${label}: ok${out ? ` (${out.replace(/\s+/g, ' ').slice(0, 200)})` : ''}`);
  } else {
    failed = true;
    console.log(`${label}: FAILED\n${out}`);
  }
};
run('asl-validator', 'node_modules/asl-validator/dist/bin/asl-validator.js', ['--json-path', file]);
run('statelint', 'node_modules/@wmfs/statelint/bin/statelint.js', [file]);

const known = new Set(STATE_MACHINE_FUNCTIONS.map(fakeFunctionArn));
const used = new Set();
for (const [name, state] of allStates(definition)) {
  if (state.Type !== 'Task' || state.Resource !== 'arn:aws:states:::lambda:invoke') continue;
  const fn = state.Parameters?.FunctionName;
  if (!known.has(fn)) {
    failed = true;
    console.log(`Task ${name} invokes ${fn}, not one of the state machine's functions`);
  }
  used.add(fn);
}
for (const fn of known) {
  if (!used.has(fn)) {
    failed = true;
    console.log(`function ${fn} is passed to the template but no Task invokes it`);
  }
}
console.log(`functions: ${used.size} of ${known.size} invoked; states: ${allStates(definition).length}`);
process.exit(failed ? 1 : 0);
