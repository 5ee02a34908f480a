import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuseRankings } from './fuse.js';

describe('reciprocal rank fusion', () => {
  it('ranks an item found near the top of both lists above items found in one', () => {
    const fused = fuseRankings([
      { name: 'bm25', weight: 1, keys: ['a', 'b', 'c'] },
      { name: 'vector', weight: 1, keys: ['b', 'd', 'a'] },
    ]);
    expect(fused.map((item) => item.key)).toEqual(['b', 'a', 'd', 'c']);
    expect(fused[0]?.ranks).toEqual({ bm25: 2, vector: 1 });
  });

  it('respects list weights', () => {
    const fused = fuseRankings([
      { name: 'bm25', weight: 3, keys: ['a'] },
      { name: 'vector', weight: 1, keys: ['b'] },
    ]);
    expect(fused[0]?.key).toBe('a');
  });

  it('does not depend on the order of the input lists (property)', () => {
    const list = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { maxLength: 7 });
    fc.assert(
      fc.property(list, list, list, (x, y, z) => {
        const lists = [
          { name: 'x', weight: 1, keys: x },
          { name: 'y', weight: 0.5, keys: y },
          { name: 'z', weight: 2, keys: z },
        ];
        const forward = fuseRankings(lists).map((item) => `${item.key}:${item.score.toFixed(12)}`);
        const backward = fuseRankings([...lists].reverse()).map((item) => `${item.key}:${item.score.toFixed(12)}`);
        expect(backward).toEqual(forward);
      }),
    );
  });
});
