// What a CLI command receives: its streams, environment and working directory. Injected so that tests drive
// commands in-process with captured output and the real binary uses process streams.
import type { Readable, Writable } from 'node:stream';

export interface CliContext {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on Ctrl-C; long operations pass it down. */
  signal?: AbortSignal;
}

/** A command: parses its own arguments, does its work, writes output, returns the exit code. */
export type Command = (args: string[], context: CliContext) => Promise<number>;
