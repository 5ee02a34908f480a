// The ThreadStore contract, run against every implementation (SQLite in a temp file and in memory; PostgreSQL on a
// throwaway cluster): create, list newest first, rename, append and replace the last turn, delete, errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { lazyPgDatabases } from '../../test/support/pg-cluster.js';
import { createPostgresThreadStore } from './postgres/postgres-thread-store.js';
import { createSharedPool } from './postgres/shared-pool.js';
import { openSqliteThreadStore } from './sqlite-thread-store.js';
import { type ThreadStore, type ThreadTurn, titleFromQuestion } from './thread-store.js';

const opened: { store: ThreadStore; folder?: string; dispose?: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const entry of opened.splice(0)) {
    entry.store.close();
    await entry.dispose?.();
    if (entry.folder) rmSync(entry.folder, { recursive: true, force: true });
  }
});
const databases = lazyPgDatabases('threads');
afterAll(() => databases.stop());

const cases: [string, () => Promise<ThreadStore>][] = [
  [
    'SQLite file',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'mianba-threads-'));
      const store = openSqliteThreadStore(join(folder, 'threads.db'));
      opened.push({ store, folder });
      return store;
    },
  ],
  [
    'SQLite in memory',
    async () => {
      const store = openSqliteThreadStore(':memory:');
      opened.push({ store });
      return store;
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const shared = createSharedPool({ url: await databases.next() });
      // Owner 1 is under test; owner 2's thread must never show through it.
      await createPostgresThreadStore(() => shared.pool(), 2).create('someone else');
      const store = createPostgresThreadStore(() => shared.pool(), 1);
      opened.push({ store, dispose: () => shared.close() });
      return store;
    },
  ],
];

const turn = (question: string, answer: string): ThreadTurn => ({
  question,
  answer,
  status: 'done',
  mode: 'extractive',
  refused: false,
  citations: [{ n: 1, kb: 'builtin', path: 'bank/chapters/04.yaml', line: 3, question: 'KV cache?', text: 'cache', questionId: 'kv-cache' }],
  createdAt: new Date().toISOString(),
});

describe.each(cases)('ThreadStore contract: %s', (_name, open) => {
  it('creates threads and lists them most recently updated first, with their turn counts', async () => {
    const store = await open();
    const first = await store.create('第一个对话');
    const second = await store.create('second');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.appendTurn(first.id, turn('KV cache 为什么快?', '因为缓存了 K 和 V [1]'));
    const list = await store.list();
    expect(list.map((thread) => thread.id)).toEqual([first.id, second.id]);
    expect(list[0]).toMatchObject({ title: '第一个对话', turns: 1 });
    expect(list[1]).toMatchObject({ title: 'second', turns: 0 });
  });

  it('keeps every turn with its answer and citations, in order', async () => {
    const store = await open();
    const thread = await store.create('t');
    await store.appendTurn(thread.id, turn('q1', 'a1'));
    await store.appendTurn(thread.id, turn('q2', 'a2'));
    const loaded = await store.get(thread.id);
    expect(loaded?.items.map((item) => [item.question, item.answer])).toEqual([
      ['q1', 'a1'],
      ['q2', 'a2'],
    ]);
    expect(loaded?.items[0]?.citations[0]).toMatchObject({ path: 'bank/chapters/04.yaml', questionId: 'kv-cache' });
  });

  it('replaces only the last turn (regenerate) and refuses a thread without turns', async () => {
    const store = await open();
    const thread = await store.create('t');
    await expect(store.replaceLastTurn(thread.id, turn('q', 'x'))).rejects.toMatchObject({ code: 'conflict' });
    await store.appendTurn(thread.id, turn('q1', 'a1'));
    await store.appendTurn(thread.id, turn('q2', 'a2'));
    await store.replaceLastTurn(thread.id, { ...turn('q2', 'better'), mode: 'llm', model: 'fake' });
    const loaded = await store.get(thread.id);
    expect(loaded?.items.map((item) => item.answer)).toEqual(['a1', 'better']);
    expect(loaded?.items[1]).toMatchObject({ mode: 'llm', model: 'fake' });
  });

  it('renames and deletes; unknown ids are not_found or undefined, empty titles invalid_input', async () => {
    const store = await open();
    const thread = await store.create('old');
    await store.appendTurn(thread.id, turn('q', 'a'));
    expect((await store.rename(thread.id, '  新 名字  ')).title).toBe('新 名字');
    await expect(store.rename(thread.id, '   ')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(store.rename('nope', 'x')).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.appendTurn('nope', turn('q', 'a'))).rejects.toMatchObject({ code: 'not_found' });
    expect(await store.get('nope')).toBeUndefined();
    expect(await store.delete(thread.id)).toBe(true);
    expect(await store.delete(thread.id)).toBe(false);
    expect(await store.get(thread.id)).toBeUndefined();
    expect(await store.list()).toEqual([]);
  });
});

describe('titleFromQuestion', () => {
  it('takes the first line and cuts long questions', () => {
    expect(titleFromQuestion('  KV cache 为什么快?\n详细说说')).toBe('KV cache 为什么快?');
    expect(titleFromQuestion('长'.repeat(300))).toHaveLength(120);
  });
});
