// Reads the error contract from the Java source (src/main/java/io/genieenhancer/error/ErrorCode.java) so
// the state machine's error routing cannot drift from the enum the functions throw.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const ERROR_CODE_PATH = resolve(here, '../../main/java/io/genieenhancer/error/ErrorCode.java');

/**
 * The enum constants in declaration order: [{name, retryable}]. Every constant must be written
 * `Name(true|false)`; anything else in the constant list is an error, not skipped, so a new form of
 * constant cannot silently drop out of the routing.
 */
export function parseErrorCodes(javaSource) {
  // comments go first: a Javadoc on a constant may hold a ';' that would end the constant list early
  const code = javaSource.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const body = code.match(/\benum\s+ErrorCode\s*\{([\s\S]*?);/);
  if (!body) throw new Error('ErrorCode.java: no "enum ErrorCode { ... ;" constant list');
  const constants = body[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const codes = constants.map((text) => {
    const m = text.match(/^([A-Z][A-Za-z0-9]*)\s*\(\s*(true|false)\s*\)$/);
    if (!m) throw new Error(`ErrorCode.java: cannot read constant "${text}" (expected Name(true|false))`);
    return { name: m[1], retryable: m[2] === 'true' };
  });
  if (codes.length === 0) throw new Error('ErrorCode.java: no constants');
  return codes;
}

export function readErrorCodes(path = ERROR_CODE_PATH) {
  return parseErrorCodes(readFileSync(path, 'utf8'));
}
