// The one knowledge-base name schema: what a valid name looks like and the name of the built-in bank. Config, the
// CLI, the HTTP API, MCP, the catalogs and the web app all check names through this file.
import { AppError } from './errors.js';

/** The read-only knowledge base built from the question bank. */
export const builtinKb = 'builtin';

/** Letters, digits, - and _; starts with a letter or digit; at most 64 characters (safe as a file name everywhere). */
export const kbNamePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const kbNameRule = 'knowledge base names use letters, digits, - and _ (max 64)';

export function isKbName(name: string): boolean {
  return kbNamePattern.test(name);
}

export function assertKbName(name: string): void {
  if (!isKbName(name)) throw new AppError('usage', `invalid knowledge base name "${name}": use letters, digits, - and _ (max 64)`);
}
