// The SQLite search path's two scale measures: a large store matches its rarest query tokens within a posting budget
// (small stores match every token), and cached document frequencies follow every write, from any connection.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { boundedTerms, pairedTerms } from './sqlite-lexical.js';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';
import type { IndexedUnit } from './store.js';

const weights = { question: 4, text: 1, topic: 1.5 };
const opened: SqliteStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.closeNow();
});

function open(file: string, lexicalBound?: { postingsBudget: number; minUnits: number }): SqliteStore {
  const store = openSqliteStore(file, 'notes', { lexicalBound });
  opened.push(store);
  return store;
}

/** One document whose units hold the given space-separated tokens as their text. */
async function write(store: SqliteStore, path: string, texts: string[]): Promise<void> {
  const units: IndexedUnit[] = texts.map((text, index) => ({
    unit: { kind: 'prose', question: undefined, text, topic: [], lineStart: index + 1, lineEnd: index + 1 },
    questionKey: undefined,
    questionId: undefined,
    tokens: { question: [], text: text.split(' '), topic: [] },
  }));
  await store.replaceDocument({ path, format: 'markdown', contentHash: path, bytes: 1, title: undefined }, units);
}

describe('boundedTerms', () => {
  const stats = {
    units: 1000,
    documentFrequencies: new Map([
      ['common', 900],
      ['mid', 40],
      ['rare', 3],
      ['rarer', 1],
    ]),
  };

  it('keeps every token of a store at or below the size bound, in the order given', () => {
    expect(boundedTerms(['common', 'rare', 'absent'], stats, 10, 1000)).toEqual(['common', 'rare', 'absent']);
  });

  it('keeps the rarest tokens within the posting budget in a large store and drops tokens no unit has', () => {
    expect(boundedTerms(['common', 'mid', 'rare', 'rarer', 'absent'], stats, 44, 999)).toEqual(['rarer', 'rare', 'mid']);
    expect(boundedTerms(['common', 'mid', 'rare', 'rarer'], stats, 10, 999)).toEqual(['rarer', 'rare']);
  });

  it('always keeps the rarest token, even over the budget', () => {
    expect(boundedTerms(['common', 'mid'], stats, 5, 999)).toEqual(['mid']);
  });
});

describe('pairedTerms', () => {
  const stats = {
    units: 100,
    documentFrequencies: new Map([
      ['a', 10],
      ['b', 20],
      ['c', 40],
      ['键', 2],
    ]),
  };

  it('pairs the rarest tokens, least co-occurring first, leaving out single Han characters and absent tokens', () => {
    expect(pairedTerms(['c', 'b', 'a', '键', 'absent'], stats)).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
    expect(pairedTerms(['a', 'b', 'c'], stats, 2)).toEqual([['a', 'b']]);
  });

  it('keeps pairs within the estimated rows budget (df x df / units)', () => {
    expect(pairedTerms(['a', 'b', 'c'], stats, 5, 6)).toEqual([
      ['a', 'b'],
      ['a', 'c'],
    ]);
    expect(pairedTerms(['a', 'b', 'c'], stats, 5, 1)).toEqual([]);
  });
});

describe('SqliteStore search path at scale', () => {
  it('finds, in a large store, a unit sharing two query tokens that are each too common for the posting budget', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mianba-lexical-')), 'kb.sqlite');
    await write(open(file), 'a.md', ['alpha beta', 'alpha x', 'alpha y', 'beta z', 'beta w', 'rare q']);
    const large = await open(file, { postingsBudget: 2, minUnits: 1 }).searchLexical({ tokens: ['alpha', 'beta', 'rare'], fieldWeights: weights, limit: 10 });
    const texts = await open(file).getUnits(large.map((match) => match.unitId));
    expect(texts.map((unit) => unit.text).sort()).toEqual(['alpha beta', 'rare q']);
  });

  it('finds, in a large store and when asked, a unit whose question says two query words that are not among the five rarest', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mianba-lexical-')), 'kb.sqlite');
    const store = open(file);
    await write(store, 'a.md', ['r1', 'r2', 'r3', 'r4', 'r5', 'alpha x', 'alpha y', 'beta z', 'beta w', 'alpha beta']);
    const asked: IndexedUnit = {
      unit: { kind: 'qa', question: 'alpha beta', text: 'q', topic: [], lineStart: 1, lineEnd: 2 },
      questionKey: 'alpha beta',
      questionId: undefined,
      tokens: { question: ['alpha', 'beta'], text: ['q'], topic: [] },
    };
    await store.replaceDocument({ path: 'b.md', format: 'markdown', contentHash: 'b.md', bytes: 1, title: undefined }, [asked]);
    const tokens = ['r1', 'r2', 'r3', 'r4', 'r5', 'alpha', 'beta'];
    const large = open(file, { postingsBudget: 2, minUnits: 1 });
    const asking = await large.searchLexical({ tokens, fieldWeights: weights, limit: 20, questionPairs: true });
    const found = await open(file).getUnits(asking.map((match) => match.unitId));
    // The five rarest words pair with nothing; the bounded OR keeps r1 and r2; the question pair finds 'alpha beta'.
    expect(found.map((unit) => unit.question ?? unit.text).sort()).toEqual(['alpha beta', 'r1', 'r2']);
    expect(found.find((unit) => unit.question === undefined && unit.text === 'alpha beta')).toBeUndefined();
    // Not asked for, they cost nothing: only the bounded OR matches.
    const plain = await open(file).getUnits((await large.searchLexical({ tokens, fieldWeights: weights, limit: 20 })).map((match) => match.unitId));
    expect(plain.map((unit) => unit.text).sort()).toEqual(['r1', 'r2']);
  });

  it("leaves units sharing only a common token out of a large store's candidates, and keeps them in a small one", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mianba-lexical-')), 'kb.sqlite');
    await write(open(file), 'a.md', ['the rope', 'the the', 'the end', 'the start']);
    const small = await open(file).searchLexical({ tokens: ['the', 'rope'], fieldWeights: weights, limit: 10 });
    expect(small).toHaveLength(4);
    const large = await open(file, { postingsBudget: 2, minUnits: 1 }).searchLexical({ tokens: ['the', 'rope'], fieldWeights: weights, limit: 10 });
    expect(large.map((match) => match.unitId)).toEqual([small[0]?.unitId]);
  });

  it("counts document frequencies after its own writes and after another connection's", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mianba-lexical-')), 'kb.sqlite');
    const reader = open(file);
    const writer = open(file);
    await write(reader, 'a.md', ['kv cache', 'kv']);
    expect(await reader.termStats(['kv', 'cache'])).toEqual({
      units: 2,
      documentFrequencies: new Map([
        ['kv', 2],
        ['cache', 1],
      ]),
    });
    await write(writer, 'b.md', ['cache']);
    expect(await reader.termStats(['kv', 'cache'])).toEqual({
      units: 3,
      documentFrequencies: new Map([
        ['kv', 2],
        ['cache', 2],
      ]),
    });
    await reader.removeDocument('a.md');
    expect(await reader.termStats(['kv', 'cache'])).toEqual({ units: 1, documentFrequencies: new Map([['cache', 1]]) });
    expect(await writer.searchLexical({ tokens: ['kv'], fieldWeights: weights, limit: 5 })).toEqual([]);
  });
});
