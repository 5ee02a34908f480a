// Where the server token comes from: MIANBA_TOKEN or --token-file (neither shows in `ps`), or --token (which does,
// so it is discouraged). Validated here once; the token is never printed whole (tokenHint).
import { readFileSync } from 'node:fs';
import { AppError } from '../core/errors.js';

export interface TokenSources {
  flag?: string | undefined;
  file?: string | undefined;
  env: Record<string, string | undefined>;
}

export interface ServerToken {
  token: string;
  source: '--token' | '--token-file' | 'MIANBA_TOKEN';
}

export function resolveServerToken({ flag, file, env }: TokenSources): ServerToken | undefined {
  const given = [flag !== undefined, file !== undefined].filter(Boolean).length;
  if (given > 1) throw new AppError('usage', 'give the token once: --token or --token-file');
  let found: ServerToken | undefined;
  if (flag !== undefined) found = { token: flag, source: '--token' };
  else if (file !== undefined) found = { token: readTokenFile(file), source: '--token-file' };
  else if (env.MIANBA_TOKEN) found = { token: env.MIANBA_TOKEN.trim(), source: 'MIANBA_TOKEN' };
  if (found && !/^[\x21-\x7e]+$/.test(found.token)) throw new AppError('usage', `the token (${found.source}) must be printable ASCII without spaces`);
  return found;
}

/** The first 4 characters and the length: enough to tell tokens apart, never enough to use one. */
export function tokenHint(token: string): string {
  return `${token.slice(0, 4)}… (${token.length} characters)`;
}

function readTokenFile(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new AppError('usage', `cannot read --token-file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
}
