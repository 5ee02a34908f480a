// `search` and `ask` run from CommonJS bundles of their own (scripts/bundle-cli.ts, required by bin/mianba.js): they
// must print exactly what the bundle of every command prints, report errors the same way, be found behind --debug,
// and run without Node's ES module loader.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  const load = file.endsWith('.cjs')
    ? `(await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(url.pathname)})`
    : `await import(${JSON.stringify(url.href)})`;
  const script = `const { main } = ${load};
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
    for (const verb of ['search', 'ask']) expect(existsSync(new URL(`${verb}/${verb}.cjs`, bundleDir)), verb).toBe(true);
  });

  it.each([
    ['search', 'KV cache 为什么能加速推理'],
    ['ask', 'KV cache 为什么能加速推理'],
    ['search', 'why does the KV cache speed up decoding'],
    ['ask', 'what is LoRA'],
  ])('%s "%s" prints what the bundle of every command prints', (verb, query) => {
    const own = runBundle(`${verb}/${verb}.cjs`, [verb, query]);
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

  it('run a search without loading the ES module loader (bin/mianba.js is CommonJS and requires the bundle)', () => {
    const probe = join(home, 'module-list.cjs');
    writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(`${probe}.txt`)}, process.moduleLoadList.join('\\n')));`);
    const result = spawnSync(process.execPath, ['--require', probe, fileURLToPath(new URL('../bin/mianba.js', import.meta.url)), 'search', 'KV cache'], {
      cwd: home,
      env: cliEnvironment(home),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^1\. /);
    const loaded = readFileSync(`${probe}.txt`, 'utf8').split('\n');
    expect(loaded).toContain('NativeModule internal/modules/cjs/loader');
    expect(loaded.filter((name) => /internal\/modules\/esm\/module_job|internal\/fs\/promises/.test(name))).toEqual([]);
  });

  it('leave other verbs and unknown ones to the bundle of every command', () => {
    const unknown = runCli(['nosuchverb'], { home, cwd: home });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^mianba: unknown command "nosuchverb"/);
  });
});
