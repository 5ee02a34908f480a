// Runs one CLI command and maps every error to one message on stderr and one exit code: nothing else catches errors.
// main.ts runs every verb through it; the per-verb bundles that scripts/bundle-cli.ts builds for frequent verbs
// (search, ask) call it directly, so both paths print the same errors and return the same codes.
import { secretsOfEnvironment } from '../config/secrets.js';
import { exitCodeOf, isAppError } from '../core/errors.js';
import { redactSecrets } from '../core/redact.js';
import type { CliContext, Command } from './cli-context.js';

/** Runs the command `load` gives for `argv[0]` (load may throw: an unknown verb is a usage error). */
export async function runCommand(argv: string[], context: CliContext, load: () => Promise<Command>): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((arg) => arg !== '--debug');
  try {
    return await (await load())(args.slice(1), context);
  } catch (error) {
    // Keys and tokens are blanked whatever their shape, in the message and in the --debug stack (causes included).
    const secrets = secretsOfEnvironment(context.env);
    context.stderr.write(redactSecrets(`mianba: ${errorMessage(error)}\n`, secrets));
    if (debug) context.stderr.write(redactSecrets(`${debugTrace(error)}\n`, secrets));
    return exitCodeOf(error);
  }
}

function errorMessage(error: unknown): string {
  if (isAppError(error)) return error.message;
  if (error instanceof Error) return `unexpected error: ${error.message} (run with --debug for details)`;
  return `unexpected error: ${String(error)}`;
}

/** The stack of the error and of each cause, for --debug. */
function debugTrace(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : String(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) parts.push('caused by:');
  }
  return parts.join('\n');
}
