// The prepared ICU gap table never changes a token: its words are ICU's for every gap of the bank, segmentation
// with it gives the same tokens as without it on queries, outline questions and notes it was not built from, and a
// table made by another ICU is ignored.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { readBank, readBankIndex } from '../bank/bank-data.js';
import { bankIcuGaps } from '../bank/bank-icu-gaps.js';
import { lazyIcuGaps } from '../bank/icu-gaps-file.js';
import { createGapLookup, currentIcuIdentity, type GapWords, packGapTable } from './icu-gap-table.js';

const icu = new Intl.Segmenter('zh', { granularity: 'word' });
const icuWords = (gap: string) => [...icu.segment(gap)].filter((part) => part.isWordLike).map((part) => part.segment);
const index = readBankIndex();
const bankGaps = bankIcuGaps(readBank().bank, index.glossary, index.text);
const table = packGapTable(bankGaps);
const lookup = createGapLookup(table) as GapWords;

/** Texts the table was not built from: labelled queries, outline questions, the fixture notes. */
function unseenTexts(): string[] {
  const evalDir = 'test/fixtures/eval';
  const queries = readdirSync(evalDir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => readFileSync(join(evalDir, name), 'utf8').split('\n'))
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { query?: string; question?: string })
    .map((line) => line.query ?? line.question ?? '');
  const outline = readdirSync('bank/outline').flatMap((name) =>
    [...readFileSync(join('bank/outline', name), 'utf8').matchAll(/^\s*- q: (.+)$/gm)].map((match) => match[1] as string),
  );
  const notes = ['test/fixtures/eval-notes', 'test/fixtures/notes-repo'].flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.md'))
      .map((name) => readFileSync(join(dir, name), 'utf8')),
  );
  return [...queries, ...outline, ...notes];
}

/** Tokens from a fresh copy of the text modules, so the segmentation cache of one run cannot serve the other. */
async function freshTokens(texts: string[], gapWords?: GapWords): Promise<string[][]> {
  vi.resetModules();
  const { createTextTools } = await import('./text-tools.js');
  const tools = createTextTools(index.glossary, index.text, undefined, gapWords);
  return texts.map((text) => tools.tokenize(text));
}

describe('prepared ICU gap table', () => {
  it('holds, for every gap of the bank, exactly the words ICU gives', () => {
    expect(bankGaps.length).toBeGreaterThan(10_000);
    const wrong = bankGaps.filter(([gap]) => JSON.stringify(lookup(gap)) !== JSON.stringify(icuWords(gap)));
    expect(wrong).toEqual([]);
  });

  it('gives the same tokens with and without the table on text it was not built from', async () => {
    const texts = unseenTexts();
    expect(texts.length).toBeGreaterThan(700);
    const asked: string[] = [];
    const withTable = await freshTokens(texts, (gap) => {
      asked.push(gap);
      return lookup(gap);
    });
    const withoutTable = await freshTokens(texts);
    expect(withTable).toEqual(withoutTable);
    // The table was consulted (until a miss created the ICU segmenter; from then on ICU answers every gap).
    expect(asked.length).toBeGreaterThan(0);
  });

  it('finds every packed gap and no other, whatever the characters (supplementary Han included)', () => {
    const han = fc.constantFrom(...('注意力机制的原理是什么为何缩放点积𠀀𪚥𫠠丂'.match(/./gu) as string[]));
    const gap = fc.array(han, { minLength: 2, maxLength: 14 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(gap, { maxLength: 60 }), gap, (gaps, probe) => {
        const packed = createGapLookup(packGapTable(gaps.map((entry) => [entry, icuWords(entry)]))) as GapWords;
        for (const entry of gaps) expect(packed(entry)).toEqual(icuWords(entry));
        expect(packed(probe)).toEqual(gaps.includes(probe) ? icuWords(probe) : undefined);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps words that do not cut the gap into short pieces', () => {
    const packed = createGapLookup(
      packGapTable([
        ['一二三四五六七八九十', ['一二三四五六七八九十']],
        ['甲乙', []],
        ['丙丁', ['丙']],
      ]),
    ) as GapWords;
    expect(packed('一二三四五六七八九十')).toEqual(['一二三四五六七八九十']);
    expect(packed('甲乙')).toEqual([]);
    expect(packed('丙丁')).toEqual(['丙']);
  });

  it('ignores a table made by another ICU, and a missing file, so every gap goes to ICU', () => {
    const other = packGapTable(bankGaps.slice(0, 10), 'icu 1.0 unicode 1.0');
    expect(createGapLookup(other)).toBeUndefined();
    expect(createGapLookup(Buffer.from('not a table'))).toBeUndefined();
    expect(currentIcuIdentity()).toContain(process.versions.icu);
    expect(lazyIcuGaps('/nonexistent/icu-gaps.txt')(bankGaps[0]?.[0] as string)).toBeUndefined();
  });

  it('leaves the dictionary cloneable for the ingest worker (the lookup is not sent; the worker asks ICU)', async () => {
    vi.resetModules();
    const { createTextTools } = await import('./text-tools.js');
    const tools = createTextTools(index.glossary, index.text, undefined, lookup);
    expect(tools.dictionary.gapWords).toBe(lookup);
    const cloned = structuredClone(tools.dictionary);
    expect(cloned.gapWords).toBeUndefined();
    expect(cloned.byFirstChar.size).toBe(tools.dictionary.byFirstChar.size);
  });

  it('rejects an entry it could not pack back', () => {
    expect(() => packGapTable([['一\t二', ['一']]])).toThrow(/unpackable/);
    expect(() => packGapTable([['一二', ['一 二']]])).toThrow(/unpackable/);
  });
});
