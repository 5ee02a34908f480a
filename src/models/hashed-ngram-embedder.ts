// The built-in offline embedder. Honest about what it is: not a neural model, but feature hashing of character
// n-grams (Han unigrams and bigrams, Latin words and their trigrams) plus one feature per glossary concept, so
// "RoPE" and "旋转位置编码" land on the same dimension. log(1 + tf) weights, L2-normalised. Needs no download.

import { findTerms } from '../text/glossary.js';
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

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.embedOne(text));
  }

  embedOne(text: string): Float32Array {
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
    for (const term of findTerms(normalized, this.tools.glossary)) add(`g:${term}`, 2.5);
    const vector = new Float32Array(this.dimensions);
    for (const [feature, count] of counts) {
      const hash = fnv1a(feature);
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

/** 32-bit FNV-1a over UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
