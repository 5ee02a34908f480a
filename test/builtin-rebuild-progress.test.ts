// With a configured model embedder the built-in knowledge base (shipped built with the built-in embedder) is rebuilt
// on first use: the CLI says why on stderr and, on a terminal, counts the units as they are embedded and written.
// Driven through a real pseudo-terminal (util-linux `script`) against an OpenAI-compatible server on 127.0.0.1.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeChatModel } from '../src/models/fake-chat-model.js';
import { type FakeServer, startFakeOpenAiServer } from '../src/models/fake-openai-server.js';
import { HashedNgramEmbedder } from '../src/models/hashed-ngram-embedder.js';
import { createTextTools } from '../src/text/text-tools.js';
import { assertBuilt, cliPath } from './support/run-cli.js';

const hasScript = existsSync('/usr/bin/script');
let server: FakeServer;
const query = 'KV cache 为什么能加速推理';

beforeAll(async () => {
  assertBuilt();
  server = await startFakeOpenAiServer({ model: new FakeChatModel('fake-model'), embedder: new HashedNgramEmbedder(createTextTools([]), 64) });
});
afterAll(async () => server?.close());

/** `mianba search` with the model embedder configured; on a pseudo-terminal (stdout and stderr merged) or piped. */
function search(home: string, terminal: boolean): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', MIANBA_HOME: home, NO_COLOR: '1', TERM: 'dumb', MIANBA_EMBED_BASE_URL: server.url, MIANBA_EMBED_MODEL: 'embed' };
  const args = [cliPath, 'search', query, '--kb', 'builtin'];
  // The server runs in this process: the CLI must be awaited, never run synchronously.
  const child = terminal
    ? spawn('/usr/bin/script', ['-qec', `${process.execPath} ${args.map((arg) => `'${arg}'`).join(' ')}`, '/dev/null'], { env })
    : spawn(process.execPath, args, { env, cwd: home });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('rebuilding the built-in knowledge base for another embedder', () => {
  it.skipIf(!hasScript)(
    'shows the reason and a unit count that reaches its total on a terminal, then answers',
    async () => {
      const { stdout: output } = await search(mkdtempSync(join(tmpdir(), 'mianba-rebuild-tty-')), true);
      expect(output).toContain(`mianba: re-indexing knowledge base "builtin" (embedder changed to openai-compatible:embed@`);
      const counts = [...output.matchAll(/(\d+)\/(\d+) units/g)].map((match) => [Number(match[1]), Number(match[2])]);
      expect(counts.length).toBeGreaterThan(5);
      const total = counts[0]?.[1] ?? 0;
      expect(total).toBeGreaterThan(300);
      expect(counts.at(-1)).toEqual([total, total]);
      expect(output).toMatch(/KV Cache/);
    },
    180_000,
  );

  it('says why once on stderr without counts when stderr is not a terminal, and a second run rebuilds nothing', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mianba-rebuild-pipe-'));
    const first = await search(home, false);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('mianba: re-indexing knowledge base "builtin" (embedder changed to openai-compatible:embed@');
    expect(first.stderr).not.toMatch(/units/);
    expect(first.stdout).toMatch(/KV Cache/);
    const second = await search(home, false);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');
  }, 180_000);
});
