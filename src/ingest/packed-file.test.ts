// A parsed file crosses from the parse worker packed (tokens joined, vectors in one buffer): unpacked, it must give
// the store the same token strings and the same vectors as the file before packing.
import { describe, expect, it } from 'vitest';
import { createDictionary } from '../text/segment.js';
import { createTokenizer } from '../text/tokenize.js';
import { joinTokens, packFile, unpackFile } from './packed-file.js';
import { parseAndIndex } from './parse-and-index.js';

const tokenize = createTokenizer(createDictionary(['键值缓存', '注意力']));
const note = '# 推理\n\n## 什么是键值缓存 (KV-cache)?\n\n键值缓存保存已经算过的 K 和 V。\n\n## 注意力\n\nAttention weights sum to one; ZeRO-3 shards them.\n';

describe('packed files', () => {
  it('unpack to the same units, tokens and vectors', async () => {
    const parsed = await parseAndIndex('a.md', 'markdown', Buffer.from(note), tokenize);
    const vectors = parsed.units.map((_, index) => Float32Array.from({ length: 4 }, (__, dimension) => index + dimension / 10));
    const unpacked = unpackFile(structuredClone(packFile(parsed, vectors)));
    expect(unpacked.document).toEqual(parsed.document);
    expect(unpacked.units).toHaveLength(parsed.units.length);
    unpacked.units.forEach((unit, index) => {
      const original = parsed.units[index];
      expect(unit.unit).toEqual(original?.unit);
      expect(unit.questionKey).toBe(original?.questionKey);
      expect({ ...unit.tokens }).toEqual({ ...original?.tokens });
      expect(unit.joined).toEqual(original && joinTokens(original.tokens));
      expect([...(unit.vector ?? [])]).toEqual([...(vectors[index] ?? [])]);
    });
  });

  it('sends vectors already in one buffer without a copy, and copies views of a buffer that are out of order', async () => {
    const parsed = await parseAndIndex('a.md', 'markdown', Buffer.from(note), tokenize);
    const count = parsed.units.length;
    expect(count).toBeGreaterThan(1);
    const buffer = Float32Array.from({ length: count * 4 }, (_, index) => index / 7);
    const views = parsed.units.map((_, index) => buffer.subarray(index * 4, (index + 1) * 4));
    const packed = packFile(parsed, views);
    expect(packed.vectors?.buffer).toBe(buffer.buffer);
    const reversed = [...views].reverse();
    const copied = packFile(parsed, reversed);
    expect(copied.vectors?.buffer).not.toBe(buffer.buffer);
    unpackFile(structuredClone(copied)).units.forEach((unit, index) => {
      expect([...(unit.vector ?? [])]).toEqual([...(reversed[index] ?? [])]);
    });
    unpackFile(structuredClone(packed)).units.forEach((unit, index) => {
      expect([...(unit.vector ?? [])]).toEqual([...(views[index] ?? [])]);
    });
  });

  it('joins tokens as the store would: fields by one space, the set of distinct tokens in first-seen order', () => {
    expect(joinTokens({ question: ['kv', 'cache'], text: ['cache', '缓存', 'kv'], topic: [] })).toEqual({
      question: 'kv cache',
      text: 'cache 缓存 kv',
      topic: '',
      set: 'kv cache 缓存',
    });
  });

  it('without vectors, units carry none', async () => {
    const parsed = await parseAndIndex('a.md', 'markdown', Buffer.from(note), tokenize);
    expect(unpackFile(packFile(parsed)).units.every((unit) => unit.vector === undefined)).toBe(true);
  });
});
