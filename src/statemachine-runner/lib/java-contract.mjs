// Values the state machine validates before it takes the lock, read from the Java source they belong to
// (like lib/error-codes.mjs), so a new strategy or evaluator cannot be refused by a stale definition.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const javaRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../main/java/io/genieenhancer');
const withoutComments = (source) => source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

/** The constants of `enum Name { A, B, C; ... }` (or without a body), in declaration order. */
export function enumConstants(javaSource, enumName) {
  const m = withoutComments(javaSource).match(new RegExp(`\\benum\\s+${enumName}\\s*\\{([^;}]*)[;}]`));
  if (!m) throw new Error(`no enum ${enumName} { ... }`);
  const names = m[1].split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!/^[A-Z][A-Z0-9_]*$/.test(n)) throw new Error(`enum ${enumName}: cannot read constant "${n}"`);
  if (names.length === 0) throw new Error(`enum ${enumName}: no constants`);
  return names;
}

/** The value of `static final int NAME = 123;`. */
export function intConstant(javaSource, name) {
  const m = withoutComments(javaSource).match(new RegExp(`static\\s+final\\s+int\\s+${name}\\s*=\\s*(\\d+)\\s*;`));
  if (!m) throw new Error(`no static final int ${name}`);
  return Number(m[1]);
}

export function readRunContract() {
  const read = (path) => readFileSync(resolve(javaRoot, path), 'utf8');
  return {
    strategies: enumConstants(read('cycle/Strategy.java'), 'Strategy'),
    evaluators: enumConstants(read('evaluation/EvaluatorMode.java'), 'EvaluatorMode'),
    maxRepeats: intConstant(read('evaluation/EvaluationSettings.java'), 'MAX_REPEATS'),
  };
}
