// `search` and `ask` run from bundles of their own (scripts/bundle-cli.ts, picked by bin/mianba.js): they must print
// exactly what the bundle of every command prints, report errors the same way, and be found behind --debug.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cliEnvironment, runCli } from './support/run-cli.js';

const bundleDir = new URL('../dist/cli-bundle/', import.meta.url);
let home: string;

beforeAll(() => {
  assertBuilt();
  home = mkdtempSync(join(tmpdir(), 'mianba-verb-bundles-'));
  // The first command seeds the built-in knowledge base; the comparisons below then time nothing but the commands.
  expect(runCli(['search', 'KV cache'], { home, cwd: home }).code).toBe(0);
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Runs `main` of one bundle file in a child process, as bin/mianba.js would, with plain process streams. */
function runBundle(file: string, args: string[]) {
  const url = new URL(file, bundleDir);
  const script = `const { main } = await import(${JSON.stringify(url.href)});
process.exitCode = await main(${JSON.stringify(args)}, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() });`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: home,
    env: cliEnvironment(home),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the bundles of search and ask', () => {
  it('are built', () => {
    for (const verb of ['search', 'ask']) expect(existsSync(new URL(`${verb}/${verb}.js`, bundleDir)), verb).toBe(true);
  });

  it.each([
    ['search', 'KV cache 为什么能加速推理'],
    ['ask', 'KV cache 为什么能加速推理'],
    ['search', 'why does the KV cache speed up decoding'],
    ['ask', 'what is LoRA'],
  ])('%s "%s" prints what the bundle of every command prints', (verb, query) => {
    const own = runBundle(`${verb}/${verb}.js`, [verb, query]);
    const shared = runBundle('main.js', [verb, query]);
    expect(own.code).toBe(0);
    expect(own.stdout.length).toBeGreaterThan(100);
    expect(own).toEqual(shared);
  });

  it('report a usage error as every command does (exit 2, the usage on stderr)', () => {
    for (const verb of ['search', 'ask']) {
      const run = runCli([verb], { home, cwd: home });
      expect(run.code, verb).toBe(2);
      expect(run.stderr, verb).toMatch(new RegExp(`^mianba: missing (query|question)\\n\\nusage: mianba ${verb} `));
      expect(run.stdout, verb).toBe('');
    }
  });

  it('are used behind --debug, and --debug still prints the stack of an error', () => {
    const ok = runCli(['--debug', 'search', 'KV cache'], { home, cwd: home });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^1\. /);
    const failed = runCli(['--debug', 'search', 'KV cache', '--kb', 'no-such-kb'], { home, cwd: home });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^mianba: no knowledge base named "no-such-kb"/);
    expect(failed.stderr).toMatch(/\n\s+at /);
  });

  it('leave other verbs and unknown ones to the bundle of every command', () => {
    const unknown = runCli(['nosuchverb'], { home, cwd: home });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^mianba: unknown command "nosuchverb"/);
  });
});
