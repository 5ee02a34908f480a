// Search snippets mark what the user asked for, not letters that happen to occur inside other words.
import { describe, expect, it } from 'vitest';
import { type Style, snippet } from './format.js';

const plain = { mark: (text: string) => `[${text}]` } as Style;

describe('snippet', () => {
  it('marks Latin terms as words: "KV cache" does not mark the v inside "value" or "autoregressive"', () => {
    const text = 'The KV cache trades memory for compute during autoregressive decoding: keep the key and value vectors.';
    expect(snippet(text, ['kv', 'cache', 'v'], plain)).toBe(
      'The [KV] [cache] trades memory for compute during autoregressive decoding: keep the key and value vectors.',
    );
  });

  it('marks a stem at the start of a word and Chinese terms anywhere', () => {
    expect(snippet('缓存 caching 的 KV 缓存', ['cach', '缓存'], plain)).toBe('[缓存] [cach]ing 的 KV [缓存]');
  });
});
