// What only a shared database has to get right, with two catalogs standing in for two servers: both migrate a fresh
// database at once; a write through one is seen by the other's next search (lexical, and vectors despite its cached
// matrix); concurrent replaces of one path keep one whole version and exact BM25 statistics; a newer schema refuses.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../src/core/types.js';
import type { KbCatalog } from '../src/store/kb-catalog.js';
import { createPostgresKbCatalog } from '../src/store/postgres/postgres-kb-catalog.js';
import type { IndexedUnit } from '../src/store/store.js';
import { lazyPgDatabases } from './support/pg-cluster.js';

const databases = lazyPgDatabases('shared');
const catalogs: KbCatalog[] = [];
afterAll(async () => {
  for (const catalog of catalogs) await catalog.close();
  await databases.stop();
});

function catalogOn(url: string): KbCatalog {
  const catalog = createPostgresKbCatalog({ url });
  catalogs.push(catalog);
  return catalog;
}

function documentOf(path: string, words: string[], vector: number[]): { document: Omit<ParsedDocument, 'units'>; units: IndexedUnit[] } {
  const units = words.map((word, index) => ({
    unit: { kind: 'qa' as const, question: `${word} 是什么`, text: `${word} 的解释`, topic: ['测试'], lineStart: index + 1, lineEnd: index + 1 },
    questionKey: `${path}${word}`,
    questionId: `q-${path}-${word}`,
    tokens: { question: [word, '是什么'], text: [word, '解释'], topic: ['测试'] },
    vector: new Float32Array(vector),
  }));
  return { document: { path, format: 'markdown', contentHash: words.join(','), bytes: 10, title: undefined }, units };
}

describe('PostgreSQL store shared by several servers', () => {
  it('two servers migrate a fresh database at once and see each other’s writes at their next search', async () => {
    const url = await databases.next();
    const [first, second] = [catalogOn(url), catalogOn(url)];
    const [storeA, storeB] = await Promise.all([first.create('team'), second.create('team')]);
    const one = documentOf('a.md', ['alpha'], [1, 0]);
    await storeA.replaceDocument(one.document, one.units);
    // B caches its vector matrix now ...
    expect(await storeB.searchVectors({ vector: new Float32Array([0, 1]), limit: 5 })).toHaveLength(1);
    const two = documentOf('b.md', ['beta'], [0, 1]);
    await storeA.replaceDocument(two.document, two.units);
    // ... and sees A's new vector and tokens at once.
    const vectors = await storeB.searchVectors({ vector: new Float32Array([0, 1]), limit: 5 });
    expect(vectors).toHaveLength(2);
    const [best] = await storeB.getUnits([vectors[0]?.unitId as number]);
    expect(best?.question).toBe('beta 是什么');
    expect((await storeB.searchLexical({ tokens: ['beta'], fieldWeights: { question: 4, text: 1, topic: 1.5 }, limit: 5 })).length).toBe(1);
    expect(await second.list()).toEqual(['team']);
  });

  it('concurrent replaces of one path leave one whole version and exact statistics', async () => {
    const url = await databases.next();
    const [first, second] = [catalogOn(url), catalogOn(url)];
    const [storeA, storeB] = [await first.create('team'), await second.create('team')];
    const versions = Array.from({ length: 6 }, (_, index) =>
      documentOf(
        'same.md',
        Array.from({ length: index + 1 }, (_, word) => `w${index}x${word}`),
        [1, 0],
      ),
    );
    await Promise.all(versions.map((version, index) => (index % 2 === 0 ? storeA : storeB).replaceDocument(version.document, version.units)));
    const documents = await storeA.listDocuments();
    expect(documents).toHaveLength(1);
    const kept = versions.find((version) => version.document.contentHash === documents[0]?.contentHash);
    expect(documents[0]?.units).toBe(kept?.units.length);
    expect((await storeB.termStats([])).units).toBe(kept?.units.length);
    const client = new pg.Client(url);
    await client.connect();
    try {
      const stats = await client.query<{ unit_count: string; token_total: string; actual: string }>(
        'SELECT unit_count, token_total, (SELECT sum(token_count) FROM units) AS actual FROM kbs',
      );
      expect(stats.rows[0]?.token_total).toBe(stats.rows[0]?.actual);
    } finally {
      await client.end();
    }
  });

  it('refuses a database written by a newer mianba', async () => {
    const url = await databases.next();
    await catalogOn(url).list();
    const client = new pg.Client(url);
    await client.connect();
    await client.query('INSERT INTO schema_migrations (version) VALUES (99)');
    await client.end();
    await expect(catalogOn(url).list()).rejects.toThrow(/written by a newer mianba \(schema 99/);
  });
});
