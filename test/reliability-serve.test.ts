// Reliability cases of issue 17 for `mianba serve` and the CLI's error output: --host 0.0.0.0 with a token is
// reachable by this machine's own name/address (and --allowed-hosts), still refuses foreign Host headers; the
// token comes from MIANBA_TOKEN or --token-file, is never printed whole and is not in `ps`; an API key without
// "sk-" echoed by the model server never reaches stderr, even with --debug.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeChatModel } from '../src/models/fake-chat-model.js';
import { startFakeOpenAiServer } from '../src/models/fake-openai-server.js';
import { assertBuilt, cliPath } from './support/run-cli.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
});

function serve(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  assertBuilt();
  const home = mkdtempSync(join(tmpdir(), 'mianba-serve-rel-'));
  const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', ...args], { env: { PATH: process.env.PATH ?? '', MIANBA_HOME: home, ...env } });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000);
    const check = setInterval(() => {
      const url = /mianba serving (http:\/\/[^/\s]+)/.exec(output)?.[1];
      if (url) {
        clearInterval(check);
        clearTimeout(timer);
        resolve({ child, url, output: () => output });
      }
    }, 50);
  });
}

function status(port: number, host: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path: '/api/status', headers: { host, authorization: `Bearer ${token}` } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    sent.on('error', reject);
    sent.end();
  });
}

const token = 'lan-token-0123456789';

describe('serving beyond loopback', () => {
  it("with MIANBA_TOKEN on 0.0.0.0: this machine's name and --allowed-hosts pass, foreign hosts get 403, token never printed", async () => {
    const { url, output, child } = await serve(['--host', '0.0.0.0', '--allowed-hosts', 'mianba.lan,192.0.2.7'], { MIANBA_TOKEN: token });
    const port = Number(new URL(url).port);
    expect(await status(port, `mianba.lan:${port}`, token)).toBe(200);
    expect(await status(port, `192.0.2.7:${port}`, token)).toBe(200);
    expect(await status(port, `evil.example:${port}`, token)).toBe(403);
    expect(output()).not.toContain(token);
    expect(output()).toContain('from MIANBA_TOKEN');
    const commandLine = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8');
    expect(commandLine).not.toContain(token);
  });

  it("with a token and no --allowed-hosts, the machine's own host name is allowed", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mianba-token-')), 'token');
    writeFileSync(file, `${token}\n`);
    const { url, output } = await serve(['--host', '0.0.0.0', '--token-file', file], {});
    const port = Number(new URL(url).port);
    expect(await status(port, `${hostname()}:${port}`, token)).toBe(200);
    expect(await status(port, `${hostname()}:${port}`, 'wrong-token-000000000')).toBe(401);
    expect(output()).not.toContain(token);
  });
});

describe('the CLI never prints the API key', () => {
  it('a key without "sk-" echoed by the model server is blanked on stderr, with and without --debug', async () => {
    const server = await startFakeOpenAiServer({ model: new FakeChatModel('fake-model'), apiKey: 'the-right-key-1' });
    try {
      const home = mkdtempSync(join(tmpdir(), 'mianba-key-'));
      const env = {
        PATH: process.env.PATH ?? '',
        MIANBA_HOME: home,
        MIANBA_LLM_BASE_URL: server.url,
        MIANBA_LLM_MODEL: 'fake-model',
        MIANBA_LLM_API_KEY: 'SECRETKEY-987654',
      };
      for (const debug of [[], ['--debug']]) {
        // Not spawnSync: the fake model server runs in this process and must keep answering.
        const run = await runAsync([cliPath, 'ask', 'KV cache 为什么能加速推理', ...debug], env);
        expect(run.status).toBe(1);
        expect(run.stderr).toContain('Incorrect API key provided: ***');
        expect(run.stderr).not.toContain('SECRETKEY-987654');
      }
    } finally {
      await server.close();
    }
  });
});

function runAsync(args: string[], env: Record<string, string>): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stderr }));
  });
}
