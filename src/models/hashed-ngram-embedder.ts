// The built-in offline embedder. Honest about what it is: not a neural model, but feature hashing of character
// n-grams (Han unigrams and bigrams, Latin words and their trigrams) plus one feature per glossary concept, so
// "RoPE" and "旋转位置编码" land on the same dimension. log(1 + tf) weights, L2-normalised. Needs no download.

import { findTerms, type GlossaryIndex, prepareTermScan } from '../text/glossary.js';
import { normalizeText } from '../text/normalize.js';
import { forEachScriptRun, prefersScriptRuns } from '../text/script-runs.js';
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

  /** `into` (zeros, `dimensions` long) receives the vector instead of a new array: one buffer for many texts. */
  embedOne(text: string, into?: Float32Array): Float32Array {
    return this.embedNormalized(normalizeText(text), into);
  }

  /** embedOne of a text that is normalizeText's output already (the parse worker normalised it for its tokens). */
  embedNormalized(normalized: string, into?: Float32Array): Float32Array {
    // Features are counted under numeric keys where the feature string is implied (Han unigrams and bigrams, Latin
    // trigrams, glossary terms) and hashed as if they were the strings "u:x", "b:xy", "t:abc", "g:12": the same
    // features, counts and insertion order as building the strings (no float sum changes), at a fraction of the cost.
    const table = this.table;
    table.clear();
    // Han runs in order, read in place (script-runs.ts finds the same runs as the regex, without a string per run).
    if (prefersScriptRuns(normalized)) {
      forEachScriptRun(normalized, (start, end, isHan) => {
        if (isHan) addHanRun(table, normalized, start, end);
      });
    } else for (const match of normalized.matchAll(/\p{Script=Han}+/gu)) addHanRun(table, normalized, match.index, match.index + match[0].length);
    const words = normalized.match(/[a-z0-9]+/g);
    if (words) {
      // A word's feature "w:word" has no numeric key: each distinct word of this text gets one past every other range.
      const wordKeys = new Map<string, number>();
      for (const word of words) {
        let key = wordKeys.get(word);
        if (key === undefined) {
          key = -(wordBase + wordKeys.size);
          wordKeys.set(word, key);
        }
        table.add(key, hashUnits(prefixHash.w, word) >>> 0, 1);
        const padded = `^${word}$`;
        for (let index = 0; index + 3 <= padded.length; index++) {
          const key = trigramKey(padded.charCodeAt(index), padded.charCodeAt(index + 1), padded.charCodeAt(index + 2));
          table.add(key, hashOfKey(key), 0.25);
        }
      }
    }
    for (const term of findTerms(normalized, this.tools.glossary)) {
      const key = glossaryKey(term);
      table.add(key, hashOfKey(key), 2.5);
    }
    const vector = into ?? new Float32Array(this.dimensions);
    const { order, hashes, counts } = table;
    for (let position = 0; position < table.size; position++) {
      const slot = order[position] as number;
      const hash = hashes[slot] as number;
      const sign = hash & 0x80000000 ? -1 : 1;
      const index = (hash & 0x7fffffff) % this.dimensions;
      vector[index] = (vector[index] as number) + sign * Math.log1p(counts[slot] as number);
    }
    let norm = 0;
    for (let index = 0; index < vector.length; index++) norm += (vector[index] as number) * (vector[index] as number);
    norm = Math.sqrt(norm);
    if (norm > 0) for (let index = 0; index < vector.length; index++) vector[index] = (vector[index] as number) / norm;
    return vector;
  }

  /** Reused by every embedOne of this embedder (one thread, synchronous: never shared by two calls at once). */
  private readonly table = new FeatureTable();
}

/** Han unigrams and bigrams of text[start, end), one run of Han characters. */
function addHanRun(table: FeatureTable, text: string, start: number, end: number): void {
  let previous = -1;
  let previousHash = 0;
  for (let index = start; index < end; ) {
    const code = text.codePointAt(index) as number;
    index += code > 0xffff ? 2 : 1;
    // The bigram of the previous character with this one is counted before this character's unigram.
    if (previous >= 0) table.add(bigramKey(previous, code), hashCodePoint(previousHash, code) >>> 0, 1);
    table.add(code, hashCodePoint(prefixHash.u, code) >>> 0, 0.4);
    previous = code;
    previousHash = hashCodePoint(prefixHash.b, code);
  }
}

/**
 * Feature counts of one text: an open-addressing table keyed by the exact numeric feature key, slotted by the
 * feature's own FNV hash (needed anyway for its dimension), remembering first-insertion order. It replaces a Map with
 * float keys (bigram keys pass 2^31), which cost ~4 Map operations per Han character and most of the embedder's time;
 * the counts are summed in the same order, so vectors are bit-identical.
 */
class FeatureTable {
  keys = new Float64Array(1024);
  counts = new Float64Array(1024);
  hashes = new Uint32Array(1024);
  /** Slot holds a key of the current text when its stamp is the current generation. */
  stamps = new Uint32Array(1024);
  order = new Int32Array(1024);
  size = 0;
  private generation = 0;

  clear(): void {
    this.size = 0;
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }

  add(key: number, hash: number, weight: number): void {
    const mask = this.keys.length - 1;
    // Murmur3's finalizer spreads the FNV hash (whose low bits are weak for one-character features) over the slots.
    let slot = mix(hash) & mask;
    const { keys, stamps } = this;
    const generation = this.generation;
    while (stamps[slot] === generation) {
      if (keys[slot] === key) {
        this.counts[slot] = (this.counts[slot] as number) + weight;
        return;
      }
      slot = (slot + 1) & mask;
    }
    stamps[slot] = generation;
    keys[slot] = key;
    this.counts[slot] = weight;
    this.hashes[slot] = hash;
    this.order[this.size++] = slot;
    if (this.size * 2 > keys.length) this.grow();
  }

  /** Doubles the table, re-inserting the current keys in their order (order positions stay the same). */
  private grow(): void {
    const { keys, counts, hashes, order, size } = this;
    const capacity = keys.length * 2;
    this.keys = new Float64Array(capacity);
    this.counts = new Float64Array(capacity);
    this.hashes = new Uint32Array(capacity);
    this.stamps = new Uint32Array(capacity);
    this.order = new Int32Array(capacity);
    this.generation = 1;
    const mask = capacity - 1;
    for (let position = 0; position < size; position++) {
      const from = order[position] as number;
      let slot = mix(hashes[from] as number) & mask;
      while (this.stamps[slot] === 1) slot = (slot + 1) & mask;
      this.stamps[slot] = 1;
      this.keys[slot] = keys[from] as number;
      this.counts[slot] = counts[from] as number;
      this.hashes[slot] = hashes[from] as number;
      this.order[position] = slot;
    }
  }
}

function mix(hash: number): number {
  let value = hash ^ (hash >>> 16);
  value = Math.imul(value, 0x85ebca6b);
  value ^= value >>> 13;
  value = Math.imul(value, 0xc2b2ae35);
  return (value ^ (value >>> 16)) >>> 0;
}

export interface ThreadEmbedderData {
  dimensions: number;
  forms: [string, number[]][];
}

/** The embedder of a threadRecipe(), inside the worker (parse-worker.ts imports this module by URL and calls this). */
export function createThreadEmbedder(data: ThreadEmbedderData): (texts: string[], normalized?: boolean) => Float32Array[] {
  const byForm = new Map(data.forms);
  const glossary: GlossaryIndex = { entries: [], byForm, forms: [...byForm.keys()], generic: new Set(), latinWords: new Set() };
  // The worker embeds every unit of an ingest: the whole term trie is built once, up front.
  prepareTermScan(glossary);
  const embedder = new HashedNgramEmbedder({ glossary } as TextTools, data.dimensions);
  // One buffer for all texts' vectors (allocating a typed array per unit was a fifth of the embedder's time); the
  // parse worker transfers it as it is (packed-file.ts).
  // `normalized`: the texts are normalizeText's output already (parse-to-pack.ts), so they are not normalised again.
  return (texts, normalized = false) => {
    const all = new Float32Array(texts.length * data.dimensions);
    return texts.map((text, index) => {
      const into = all.subarray(index * data.dimensions, (index + 1) * data.dimensions);
      return normalized ? embedder.embedNormalized(text, into) : embedder.embedOne(text, into);
    });
  };
}

// Numeric feature keys, disjoint ranges: a Han unigram is its code point (< 0x110000); a bigram is above that; a
// trigram of three ASCII code units and a glossary term index are negative (trigrams above -2^21, terms below).
const planes = 0x110000;
const glossaryBase = 2 ** 22;
/** Word keys (per text, see embedOne) lie below every glossary key (terms number in the thousands). */
const wordBase = 2 ** 40;

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

const prefixHash = { u: prefixState('u:'), b: prefixState('b:'), t: prefixState('t:'), g: prefixState('g:'), w: prefixState('w:') };

/** FNV-1a state after `text`'s UTF-16 code units, from `hash`. */
function hashUnits(hash: number, text: string): number {
  for (let index = 0; index < text.length; index++) hash = hashUnit(hash, text.charCodeAt(index));
  return hash;
}
