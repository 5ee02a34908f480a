// Two real `mianba serve` processes (each with its own MIANBA_HOME) on one PostgreSQL database: a document uploaded
// through one is searchable through the other at once, a knowledge base removed through one is gone from both, and
// practice and conversations recorded through either are one history.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresUserDirectory } from '../src/store/postgres/postgres-user-directory.js';
import { type PgCluster, startPgCluster } from './support/pg-cluster.js';
import { assertBuilt, cliPath } from './support/run-cli.js';

interface Server {
  url: string;
  child: ChildProcess;
  home: string;
}

let cluster: PgCluster;
const servers: Server[] = [];
/** An admin's personal token: a team server answers only requests that carry one. */
let token = '';
const authed = (url: string, init: RequestInit = {}) =>
  fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });

async function serve(databaseUrl: string): Promise<Server> {
  const home = mkdtempSync(join(tmpdir(), 'mianba-pg-serve-'));
  const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', MIANBA_HOME: home, MIANBA_DATABASE_URL: databaseUrl, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed; stderr: ${stderr}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const server = { url, child, home };
  servers.push(server);
  return server;
}

async function search(server: Server, query: string, kb: string): Promise<{ status: number; questions: string[] }> {
  const response = await authed(`${server.url}/api/search?q=${encodeURIComponent(query)}&kb=${kb}`);
  const body = (await response.json()) as { hits?: { question: string | null }[] };
  return { status: response.status, questions: (body.hits ?? []).map((hit) => hit.question ?? '') };
}

beforeAll(async () => {
  assertBuilt();
  cluster = await startPgCluster('servers');
  const users = createPostgresUserDirectory({ url: cluster.url });
  token = (await users.add('root', 'admin')).token;
  await users.close();
}, 60_000);

afterAll(async () => {
  for (const { child, home } of servers) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(home, { recursive: true, force: true });
  }
  cluster?.stop();
});

describe('two servers on one PostgreSQL database', () => {
  it('a document uploaded through one server is searchable through the other at once', async () => {
    const [first, second] = await Promise.all([serve(cluster.url), serve(cluster.url)]);
    if (!first || !second) throw new Error('servers did not start');
    const form = new FormData();
    const note = '# 注意力\n\n## 什么是 Quillfeather 注意力?\n\nQuillfeather 注意力只让每个 token 看前 5 个 token,是虚构的滑窗注意力。\n';
    form.append('file', new Blob([note], { type: 'text/markdown' }), 'quill.md');
    expect((await fetch(`${first.url}/api/kbs`)).status).toBe(401);
    const upload = await authed(`${first.url}/api/kbs/team/documents`, { method: 'POST', body: form });
    expect(upload.status).toBe(200);
    expect(await search(second, 'Quillfeather 注意力', 'team')).toEqual({ status: 200, questions: ['什么是 Quillfeather 注意力?'] });
    const listed = (await (await authed(`${second.url}/api/kbs`)).json()) as { kbs: { name: string; units: number }[] };
    expect(listed.kbs.find((kb) => kb.name === 'team')).toMatchObject({ units: 1 });

    const removed = await authed(`${second.url}/api/kbs/team`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    const afterRemove = await search(first, 'Quillfeather 注意力', 'team');
    expect(afterRemove.status).toBe(404);
  }, 180_000);

  it('practice and conversations recorded through either server are one history', async () => {
    const [first, second] = servers.length >= 2 ? servers : await Promise.all([serve(cluster.url), serve(cluster.url)]);
    if (!first || !second) throw new Error('servers did not start');
    const post = (server: Server, path: string, body: unknown) =>
      authed(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = { id: 'kv-cache-what-is', answer: 'KV cache 缓存已经算过的 K 和 V,解码时不必重算', rating: 'good' };
    expect((await post(first, '/api/drill/record', answer)).status).toBe(200);
    const card = async (server: Server) =>
      ((await (await authed(`${server.url}/api/drill/next?id=kv-cache-what-is`)).json()) as { question: { card: { reps: number } | null } }).question.card;
    expect(await card(second)).toMatchObject({ reps: 1 });
    expect((await post(second, '/api/drill/record', { ...answer, rating: 'easy' })).status).toBe(200);
    const stats = (await (await authed(`${first.url}/api/stats`)).json()) as { totals: { reviews: number; cards: number } };
    expect(stats.totals).toMatchObject({ reviews: 2, cards: 1 });
    // Undo through the first server takes back the review recorded through the second.
    const undone = (await (await post(first, '/api/drill/undo', {})).json()) as { undone: { rating: string } | null };
    expect(undone.undone).toMatchObject({ rating: 'easy' });
    expect(await card(second)).toMatchObject({ reps: 1 });

    const thread = (await (await post(first, '/api/threads', { title: '共享的对话' })).json()) as { id: string };
    const listed = (await (await authed(`${second.url}/api/threads`)).json()) as { threads: { id: string; title: string }[] };
    expect(listed.threads.map((entry) => entry.title)).toContain('共享的对话');
    expect(listed.threads.map((entry) => entry.id)).toContain(thread.id);
  }, 180_000);
});
