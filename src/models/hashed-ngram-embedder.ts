// The built-in offline embedder. Honest about what it is: not a neural model, but feature hashing of character
// n-grams (Han unigrams and bigrams, Latin words and their trigrams) plus one feature per glossary concept, so
// "RoPE" and "旋转位置编码" land on the same dimension. log(1 + tf) weights, L2-normalised. Needs no download.

import { findTerms, type GlossaryIndex } from '../text/glossary.js';
import { normalizeText } from '../text/normalize.js';
import type { TextTools } from '../text/text-tools.js';
import type { Embedder } from './embedder.js';

/** Id of the built-in embedder's feature recipe (v1 named the glossary size; v2 does not). */
export const builtinEmbedderId = 'builtin-hashed-ngrams-v2';

export class HashedNgramEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;

  constructor(
    private readonly tools: TextTools,
    dimensions = 512,
  ) {
    this.dimensions = dimensions;
    // Versioned by hand: bump when the features or weights change. The glossary is NOT part of the id (adding a term
    // must not make every user's knowledge base foreign); its changes reach the index through the tokenizer id, which
    // the App records per knowledge base and re-indexes on.
    this.id = `${builtinEmbedderId}-d${dimensions}`;
  }

  /**
   * How to build this embedder in a worker thread (ingest embeds where it parses): this module and plain data. The
   * glossary forms are all the embedder reads of the text tools; the worker's vectors are these, bit for bit.
   */
  threadRecipe(): { module: string; data: ThreadEmbedderData } {
    return { module: import.meta.url, data: { dimensions: this.dimensions, forms: [...this.tools.glossary.byForm] } };
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.embedOne(text));
  }

  embedOne(text: string): Float32Array {
    const normalized = normalizeText(text);
    // Features are counted under numeric keys where the feature string is implied (Han unigrams and bigrams, Latin
    // trigrams, glossary terms) and hashed as if they were the strings "u:x", "b:xy", "t:abc", "g:12": the same
    // features, counts and insertion order as building the strings (no float sum changes), at a fraction of the cost.
    const counts = new Map<number | string, number>();
    const add = (feature: number | string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
    for (const run of normalized.match(/\p{Script=Han}+/gu) ?? []) {
      let previous = -1;
      for (let index = 0; index < run.length; ) {
        const code = run.codePointAt(index) as number;
        index += code > 0xffff ? 2 : 1;
        // The bigram of the previous character with this one is counted before this character's unigram.
        if (previous >= 0) add(bigramKey(previous, code), 1);
        add(code, 0.4);
        previous = code;
      }
    }
    for (const word of normalized.match(/[a-z0-9]+/g) ?? []) {
      add(`w:${word}`, 1);
      const padded = `^${word}$`;
      for (let index = 0; index + 3 <= padded.length; index++)
        add(trigramKey(padded.charCodeAt(index), padded.charCodeAt(index + 1), padded.charCodeAt(index + 2)), 0.25);
    }
    for (const term of findTerms(normalized, this.tools.glossary)) add(glossaryKey(term), 2.5);
    const vector = new Float32Array(this.dimensions);
    for (const [feature, count] of counts) {
      const hash = typeof feature === 'string' ? fnv1a(feature) : hashOfKey(feature);
      const sign = hash & 0x80000000 ? -1 : 1;
      const index = (hash & 0x7fffffff) % this.dimensions;
      vector[index] = (vector[index] as number) + sign * Math.log1p(count);
    }
    let norm = 0;
    for (const value of vector) norm += value * value;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let index = 0; index < vector.length; index++) vector[index] = (vector[index] as number) / norm;
    return vector;
  }
}

export interface ThreadEmbedderData {
  dimensions: number;
  forms: [string, number[]][];
}

/** The embedder of a threadRecipe(), inside the worker (parse-worker.ts imports this module by URL and calls this). */
export function createThreadEmbedder(data: ThreadEmbedderData): (texts: string[]) => Float32Array[] {
  const byForm = new Map(data.forms);
  const glossary: GlossaryIndex = { entries: [], byForm, forms: [...byForm.keys()], generic: new Set(), latinWords: new Set() };
  const embedder = new HashedNgramEmbedder({ glossary } as TextTools, data.dimensions);
  return (texts) => texts.map((text) => embedder.embedOne(text));
}

// Numeric feature keys, disjoint ranges: a Han unigram is its code point (< 0x110000); a bigram is above that; a
// trigram of three ASCII code units and a glossary term index are negative (trigrams above -2^21, terms below).
const planes = 0x110000;
const glossaryBase = 2 ** 22;

function bigramKey(first: number, second: number): number {
  return (first + 1) * planes + second;
}

function trigramKey(a: number, b: number, c: number): number {
  return -(1 + a * 16384 + b * 128 + c);
}

function glossaryKey(term: number): number {
  return -(glossaryBase + term);
}

/** FNV-1a of the feature string a numeric key stands for, without building it. */
function hashOfKey(key: number): number {
  if (key >= 0) {
    if (key < planes) return hashCodePoint(prefixHash.u, key) >>> 0;
    const first = Math.floor(key / planes) - 1;
    return hashCodePoint(hashCodePoint(prefixHash.b, first), key - (first + 1) * planes) >>> 0;
  }
  const positive = -key;
  if (positive < glossaryBase) {
    const packed = positive - 1;
    return hashUnit(hashUnit(hashUnit(prefixHash.t, packed >> 14), (packed >> 7) & 127), packed & 127) >>> 0;
  }
  let hash = prefixHash.g;
  const digits = String(positive - glossaryBase);
  for (let index = 0; index < digits.length; index++) hash = hashUnit(hash, digits.charCodeAt(index));
  return hash >>> 0;
}

function hashUnit(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, 0x01000193);
}

/** A code point as UTF-16 code units (a surrogate pair above U+FFFF), as the string would hold it. */
function hashCodePoint(hash: number, code: number): number {
  if (code <= 0xffff) return hashUnit(hash, code);
  const offset = code - 0x10000;
  return hashUnit(hashUnit(hash, 0xd800 + (offset >> 10)), 0xdc00 + (offset & 0x3ff));
}

function prefixState(prefix: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < prefix.length; index++) hash = hashUnit(hash, prefix.charCodeAt(index));
  return hash;
}

const prefixHash = { u: prefixState('u:'), b: prefixState('b:'), t: prefixState('t:'), g: prefixState('g:') };

/** 32-bit FNV-1a over UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
