// A knowledge base records the tokenizer and embedder its index was built with. A new tokenizer (the glossary grew)
// or a new version of the built-in embedder re-indexes the knowledge base automatically, with progress, one document
// per transaction; an interrupted re-index is finished on the next open; vectors from a truly different embedder fail
// with embedder_mismatch until the user re-embeds. Adding a glossary term never changes the built-in embedder's id.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type App, createApp, type IndexProgress } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import type { Embedder } from '../src/models/embedder.js';
import { HashedNgramEmbedder } from '../src/models/hashed-ngram-embedder.js';
import { createSqliteKbCatalog } from '../src/store/sqlite-kb-catalog.js';
import type { IndexIdentity } from '../src/store/store.js';
import { createTextTools } from '../src/text/text-tools.js';

const notes = join(import.meta.dirname, 'fixtures', 'eval-notes');

async function appIn(home: string, overrides: Parameters<typeof createApp>[1] = {}): Promise<App> {
  return createApp(await loadConfig({ env: { MIANBA_HOME: home } }), overrides);
}

/** A home with the notes KB ingested, then its recorded identity rewritten as `change` says (as an older mianba left it). */
async function homeWith(change: (identity: IndexIdentity) => IndexIdentity, rebuilding = false): Promise<{ home: string; before: IndexIdentity }> {
  const home = mkdtempSync(join(tmpdir(), 'mianba-identity-'));
  const first = await appIn(home);
  await first.ingest({ inputs: [join(notes, 'kv-cache-notes.md'), join(notes, 'deepspeed-notes.txt')], kb: 'notes', cwd: notes });
  await first.close();
  const catalog = createSqliteKbCatalog({ home });
  const store = await catalog.open('notes');
  const before = (await store.identity()) as IndexIdentity;
  await store.setIdentity(change(before));
  if (rebuilding) await store.setMeta('index_rebuilding', '2026-01-01T00:00:00.000Z');
  await catalog.close();
  return { home, before };
}

async function identityOf(home: string): Promise<{ identity: IndexIdentity | undefined; rebuilding: string | undefined }> {
  const catalog = createSqliteKbCatalog({ home });
  const store = await catalog.open('notes');
  const result = { identity: await store.identity(), rebuilding: await store.meta('index_rebuilding') };
  await catalog.close();
  return result;
}

describe('index identity', () => {
  it('records the tokenizer and the embedder of a new knowledge base', async () => {
    const { home, before } = await homeWith((identity) => identity);
    expect(before.embedder).toEqual({ id: 'builtin-hashed-ngrams-v2-d512', dimensions: 512 });
    expect(before.tokenizer).toMatch(/^jieba-domain-v1-[0-9a-f]{12}$/);
    expect((await identityOf(home)).identity).toEqual(before);
  });

  it('re-indexes automatically, with progress, when the tokenizer changed; search finds the notes', async () => {
    const { home, before } = await homeWith((identity) => ({ ...identity, tokenizer: 'jieba-domain-v1-000000000000' }));
    const progress: IndexProgress[] = [];
    const app = await appIn(home, { onIndexProgress: (event) => progress.push(event) });
    const result = await app.search({ query: 'KV cache 大小怎么心算', kb: 'notes', top: 3 });
    expect(result.hits[0]?.question).toBe('KV cache 大小怎么心算?');
    await app.close();
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[0]).toMatchObject({ kb: 'notes', done: 0, reason: expect.stringContaining('tokenizer changed') });
    expect(progress.at(-1)?.done).toBe(progress.at(-1)?.total);
    expect(progress.at(-1)?.total).toBeGreaterThan(0);
    expect(await identityOf(home)).toEqual({ identity: before, rebuilding: '' });
  });

  it('re-indexes a knowledge base built by an older built-in embedder (v1 named the glossary size) on first use', async () => {
    const { home, before } = await homeWith((identity) => ({ ...identity, embedder: { id: 'builtin-hashed-ngrams-v1-g600', dimensions: 512 } }));
    const app = await appIn(home);
    const result = await app.search({ query: 'ZeRO 的三个阶段', kb: 'notes', top: 3 });
    expect(result.hits.length).toBeGreaterThan(0);
    const more = await app.ingest({ inputs: [join(notes, 'kv-cache-notes.md')], kb: 'notes', cwd: notes });
    expect(more.counts.failed).toBe(0);
    await app.close();
    expect((await identityOf(home)).identity).toEqual(before);
  });

  it('finishes a re-index that was interrupted (the rebuilding mark is still set)', async () => {
    const { home, before } = await homeWith((identity) => identity, true);
    const progress: IndexProgress[] = [];
    const app = await appIn(home, { onIndexProgress: (event) => progress.push(event) });
    await app.search({ query: 'KV cache', kb: 'notes', top: 1 });
    await app.close();
    expect(progress[0]?.reason).toContain('did not finish');
    expect(await identityOf(home)).toEqual({ identity: before, rebuilding: '' });
  });

  it('refuses vectors of a truly different embedder with embedder_mismatch, until kb reindex re-embeds them', async () => {
    const { home } = await homeWith((identity) => ({ ...identity, embedder: { id: 'bge-m3', dimensions: 1024 } }));
    const app = await appIn(home);
    await expect(app.search({ query: 'KV cache', kb: 'notes' })).rejects.toMatchObject({
      code: 'embedder_mismatch',
      message: expect.stringContaining('mianba kb reindex notes'),
    });
    await expect(app.ingest({ inputs: [join(notes, 'kv-cache-notes.md')], kb: 'notes', cwd: notes })).rejects.toMatchObject({ code: 'embedder_mismatch' });
    expect((await app.showKb('notes')).summary.documents).toBe(2);
    const reindexed = await app.reindex({ kb: 'notes', mode: 're-embed' });
    expect(reindexed).toMatchObject({ kb: 'notes', mode: 're-embed', embedder: 'builtin-hashed-ngrams-v2-d512' });
    expect(reindexed.units).toBeGreaterThan(0);
    const result = await app.search({ query: 'KV cache 大小怎么心算', kb: 'notes', top: 3 });
    expect(result.hits[0]?.question).toBe('KV cache 大小怎么心算?');
    await app.close();
  });

  it('uses a configured embedder of another identity for a new knowledge base and keeps it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mianba-identity-'));
    const builtin = new HashedNgramEmbedder(createTextTools([]));
    const other: Embedder = { id: 'test-embedder', dimensions: builtin.dimensions, embed: (texts) => builtin.embed(texts) };
    const app = await appIn(home, { embedder: other });
    await app.ingest({ inputs: [join(notes, 'kv-cache-notes.md')], kb: 'notes', cwd: notes });
    await app.close();
    expect((await identityOf(home)).identity?.embedder).toEqual({ id: 'test-embedder', dimensions: builtin.dimensions });
  });

  it('gives the built-in embedder the same id whatever the glossary holds', () => {
    const small = new HashedNgramEmbedder(createTextTools([]));
    const larger = new HashedNgramEmbedder(createTextTools([{ en: 'key-value cache', abbr: ['KV cache'], zh: ['键值缓存'], aliases: [] }]));
    expect(larger.id).toBe(small.id);
  });
});
