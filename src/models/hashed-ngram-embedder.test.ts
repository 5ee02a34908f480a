// The built-in embedder's vectors must not change by a single bit when its code is made faster (stored knowledge bases
// would silently mix old and new vectors under one embedder id): the current embedder is compared with the plain
// string-feature recipe it replaced, on every bank question and answer, the test notes, and random mixed text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBank } from '../bank/bank-data.js';
import { findTerms } from '../text/glossary.js';
import { normalizeText } from '../text/normalize.js';
import { createTextTools, type TextTools } from '../text/text-tools.js';
import { createThreadEmbedder, HashedNgramEmbedder } from './hashed-ngram-embedder.js';

const bank = readBank().bank;
const tools = createTextTools(bank.glossary);
const embedder = new HashedNgramEmbedder(tools);

/** The recipe as first written (string features "u:x", "b:xy", "w:word", "t:abc", "g:12" in a Map). */
function referenceVector(text: string, textTools: TextTools, dimensions = 512): Float32Array {
  const normalized = normalizeText(text);
  const counts = new Map<string, number>();
  const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
  for (const run of normalized.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    chars.forEach((char, index) => {
      add(`u:${char}`, 0.4);
      const next = chars[index + 1];
      if (next) add(`b:${char}${next}`, 1);
    });
  }
  for (const word of normalized.match(/[a-z0-9]+/g) ?? []) {
    add(`w:${word}`, 1);
    const padded = `^${word}$`;
    for (let index = 0; index + 3 <= padded.length; index++) add(`t:${padded.slice(index, index + 3)}`, 0.25);
  }
  for (const term of findTerms(normalized, textTools.glossary)) add(`g:${term}`, 2.5);
  const vector = new Float32Array(dimensions);
  for (const [feature, count] of counts) {
    let hash = 0x811c9dc5;
    for (let index = 0; index < feature.length; index++) hash = Math.imul(hash ^ feature.charCodeAt(index), 0x01000193);
    hash >>>= 0;
    const index = (hash & 0x7fffffff) % dimensions;
    vector[index] = (vector[index] as number) + (hash & 0x80000000 ? -1 : 1) * Math.log1p(count);
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let index = 0; index < vector.length; index++) vector[index] = (vector[index] as number) / norm;
  return vector;
}

function notesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return notesUnder(path);
    return /\.(md|txt)$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

const bits = (vector: Float32Array) => [...new Uint32Array(vector.buffer, vector.byteOffset, vector.length)];

describe('built-in embedder vectors', () => {
  it('are bit-identical to the string-feature recipe on the bank and the test notes', () => {
    const texts = [
      ...bank.questions.flatMap((question) => [question.question.zh, question.question.en, question.answer.zh, question.answer.en]),
      ...notesUnder(join(import.meta.dirname, '..', '..', 'test', 'fixtures')),
    ];
    expect(texts.length).toBeGreaterThan(500);
    for (const text of texts) expect(bits(embedder.embedOne(text))).toEqual(bits(referenceVector(text, tools)));
  });

  it('are bit-identical on random mixes of Han (rare-plane ones too), Latin words, digits and glossary forms', () => {
    const forms = [...tools.glossary.byForm.keys()].slice(0, 400);
    const piece = fc.oneof(
      fc.constantFrom(...forms),
      fc.constantFrom('注意力', '键值缓存', '𠀀𠀁', '𪚥', 'KV-cache', 'RoPE', 'x', 'GPT4', ' ', '，', '\n', '１２３', '頭'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.constantFrom(64, 512), (pieces, dimensions) => {
        const text = pieces.join('');
        const vector = new HashedNgramEmbedder(tools, dimensions).embedOne(text);
        expect(bits(vector)).toEqual(bits(referenceVector(text, tools, dimensions)));
      }),
      { numRuns: 400 },
    );
  });

  it('are the same, bit for bit, from the embedder a parse worker builds from its thread recipe', () => {
    const recipe = embedder.threadRecipe();
    // The recipe crosses to the worker by structured clone, as workerData does.
    const inWorker = createThreadEmbedder(structuredClone(recipe.data));
    const texts = [
      ...bank.questions.slice(0, 150).map((question) => `${question.question.zh}\n${question.answer.zh}`),
      ...notesUnder(join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'notes-repo')),
    ];
    expect(texts.length).toBeGreaterThan(150);
    const vectors = inWorker(texts);
    texts.forEach((text, index) => {
      expect(bits(vectors[index] as Float32Array)).toEqual(bits(embedder.embedOne(text)));
    });
  });
});
