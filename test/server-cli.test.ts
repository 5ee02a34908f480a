// `mianba serve` as a user runs it (the built binary): prints its URL, answers on 127.0.0.1 with the web app and
// the API, and stops cleanly (exit 0) on SIGTERM and on SIGINT.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const bin = fileURLToPath(new URL('../bin/mianba.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'mianba-serve-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function serveUntil(signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string; status: number; page: string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], { env: { MIANBA_HOME: home, PATH: process.env.PATH ?? '' } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed; stderr: ${stderr}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const status = (await fetch(`${url}/api/status`)).status;
  const page = await (await fetch(`${url}/`)).text();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return { code: await exited, stdout, stderr, status, page };
}

test.each(['SIGTERM', 'SIGINT'] as const)(
  'serve prints its URL, serves the app and stops cleanly on %s',
  async (signal) => {
    const run = await serveUntil(signal);
    expect(run.status).toBe(200);
    expect(run.stdout).toMatch(/OpenAI +http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(run.page).toMatch(/<div id="root">/);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('stopping');
  },
  40_000,
);
