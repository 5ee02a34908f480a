// Runs the real compiled CLI (`node bin/mianba.js`, built by `npm run build`) in a child process with its own
// MIANBA_HOME, and nothing else from the test runner's environment, so no user config or LLM settings leak in.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const cliPath = fileURLToPath(new URL('../../bin/mianba.js', import.meta.url));
const compiledMain = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliPlace {
  /** MIANBA_HOME of the run: where knowledge bases live. */
  home: string;
  /** Working directory: relative inputs and displayed paths are relative to it. */
  cwd: string;
}

export function assertBuilt(): void {
  if (!existsSync(compiledMain)) throw new Error(`${compiledMain} is missing: run "npm run build" before the CLI tests`);
}

export function cliEnvironment(home: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '', MIANBA_HOME: home, NO_COLOR: '1' };
}

export function runCli(args: string[], place: CliPlace): CliRun {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd: place.cwd, env: cliEnvironment(place.home), encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI and parses its stdout as JSON (the command must be given --json). */
export function runCliJson<T>(args: string[], place: CliPlace): { code: number; json: T; stderr: string } {
  const run = runCli(args, place);
  try {
    return { code: run.code, json: JSON.parse(run.stdout) as T, stderr: run.stderr };
  } catch {
    throw new Error(`mianba ${args.join(' ')} printed no JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** Starts the CLI without waiting; the caller owns the child and must kill it (by its pid) or await its exit. */
export function startCli(args: string[], place: CliPlace): ChildProcess {
  return spawn(process.execPath, [cliPath, ...args], { cwd: place.cwd, env: cliEnvironment(place.home), stdio: ['ignore', 'pipe', 'pipe'] });
}
