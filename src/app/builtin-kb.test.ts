// The built-in knowledge base rebuild (a new embedder, an edited bank) reports its progress: why it runs, then units
// done out of the units to write, from 0 to the total, and nothing to write once the store is current.
import { describe, expect, it } from 'vitest';
import { readBank } from '../bank/bank-data.js';
import { HashedNgramEmbedder } from '../models/hashed-ngram-embedder.js';
import { createSqliteKbCatalog } from '../store/sqlite-kb-catalog.js';
import { createTextTools } from '../text/text-tools.js';
import { bankRebuildReason, syncBank } from './builtin-kb.js';

const data = readBank();
const tools = createTextTools(data.bank.glossary);
const embedder = new HashedNgramEmbedder(tools, 64);
const identity = { embedder: { id: embedder.id, dimensions: embedder.dimensions }, tokenizer: 'test-tokenizer' };

describe('built-in knowledge base rebuild progress', () => {
  it('reports 0..total units with the reason, then nothing to do once current; a new embedder rebuilds every chapter', async () => {
    const catalog = createSqliteKbCatalog({ home: ':memory:' });
    const store = await catalog.create('builtin');
    expect(await bankRebuildReason(store, data.hash, identity)).toBe('first build');
    const progress: [number, number][] = [];
    await syncBank(store, data, tools, embedder, identity, (done, total) => progress.push([done, total]));
    const units = (await store.listDocuments()).reduce((sum, document) => sum + document.units, 0);
    expect(units).toBeGreaterThan(300);
    expect(progress[0]).toEqual([0, units]);
    expect(progress.at(-1)).toEqual([units, units]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    expect(progress.length).toBeGreaterThan(10);
    expect(await bankRebuildReason(store, data.hash, identity)).toBeUndefined();

    const other = { ...identity, embedder: { id: 'openai-compatible:embed@http://127.0.0.1:1', dimensions: 64 } };
    expect(await bankRebuildReason(store, data.hash, other)).toBe('embedder changed to openai-compatible:embed@http://127.0.0.1:1');
    expect(await bankRebuildReason(store, 'edited-bank', identity)).toBe('the question bank changed');
    const again: [number, number][] = [];
    await syncBank(store, data, tools, embedder, other, (done, total) => again.push([done, total]));
    expect(again.at(-1)).toEqual([units, units]);
    await catalog.close();
  });
});
