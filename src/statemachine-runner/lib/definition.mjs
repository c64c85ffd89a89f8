// Loads the EnhancementRun state machine template from terraform/ and renders it the way Terraform's
// templatefile() does for the placeholders it uses (${name}), so local runs execute the very definition
// that gets deployed.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const TEMPLATE_PATH = resolve(here, '../../../terraform/statemachine/enhancement-run.asl.json.tftpl');

/** Funqy function names the state machine invokes (each is one deployed Lambda, QUARKUS_FUNQY_EXPORT=<name>). */
export const STATE_MACHINE_FUNCTIONS = [
  'acquireLock', 'releaseLock', 'startEvaluation', 'evaluateQuestion', 'pollEvaluation',
  'enhance', 'judge', 'rollback', 'finish',
];

export const FAKE_ACCOUNT = '000000000000';
export const FAKE_REGION = 'us-east-1';
export const FAKE_STATE_MACHINE_NAME = 'genie-enhancer-run';

export function fakeFunctionArn(functionName) {
  return `arn:aws:lambda:${FAKE_REGION}:${FAKE_ACCOUNT}:function:genie-enhancer-${functionName}`;
}

export function fakeStateMachineArn() {
  return `arn:aws:states:${FAKE_REGION}:${FAKE_ACCOUNT}:stateMachine:${FAKE_STATE_MACHINE_NAME}`;
}

/** The values Terraform passes by default (terraform/variables.tf), with fake function ARNs. */
export function defaultVars() {
  const vars = {
    default_max_iterations: 3,
    default_target_score: 0.9,
    default_strategy: 'BATCH_ALL',
    default_evaluator: 'AUTO',
    default_tolerance: 0,
    lock_ttl_seconds: 21600,
    evaluation_poll_seconds: 30,
    execution_timeout_seconds: 86400,
    history_budget: 24000,
    max_transient_retries: 8,
    question_concurrency: 1,
  };
  for (const fn of STATE_MACHINE_FUNCTIONS) {
    vars[`function_arn_${fn}`] = fakeFunctionArn(fn);
  }
  return vars;
}

/** Substitutes every ${name}; an unknown or unused name is an error, as in Terraform. */
export function renderTemplate(text, vars) {
  const used = new Set();
  const rendered = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name) => {
    if (!(name in vars)) {
      throw new Error(`template placeholder \${${name}} has no value`);
    }
    used.add(name);
    return String(vars[name]);
  });
  if (/\$\{|%\{/.test(rendered)) {
    throw new Error('template has a placeholder this renderer does not understand');
  }
  return { rendered, unused: Object.keys(vars).filter((k) => !used.has(k)) };
}

export function renderDefinition(overrides = {}, templatePath = TEMPLATE_PATH) {
  const vars = { ...defaultVars(), ...overrides };
  const { rendered } = renderTemplate(readFileSync(templatePath, 'utf8'), vars);
  return JSON.parse(rendered);
}

/** Every state of the definition, nested Map/Parallel states included: [name, state]. */
export function allStates(definition) {
  const out = [];
  const walk = (machine) => {
    for (const [name, state] of Object.entries(machine.States)) {
      out.push([name, state]);
      if (state.ItemProcessor) walk(state.ItemProcessor);
      if (state.Iterator) walk(state.Iterator);
      for (const branch of state.Branches ?? []) walk(branch);
    }
  };
  walk(definition);
  return out;
}
