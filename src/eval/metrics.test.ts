import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hitAtK, ndcgAtK, percentile, recallAtK, reciprocalRankAtK, rougeL } from './metrics.js';

describe('retrieval metrics', () => {
  it('computes Hit, MRR, Recall and NDCG on a known ranking', () => {
    const flags = [false, true, false, true];
    expect(hitAtK(flags, 1)).toBe(0);
    expect(hitAtK(flags, 3)).toBe(1);
    expect(reciprocalRankAtK(flags, 10)).toBe(0.5);
    expect(recallAtK(flags, 3, 2)).toBe(0.5);
    expect(ndcgAtK(flags, 10, 2)).toBeCloseTo((1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3)), 10);
  });

  it('stays within [0, 1] for any ranking (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 20 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 5 }), (flags, k, total) => {
        for (const value of [hitAtK(flags, k), reciprocalRankAtK(flags, k), recallAtK(flags, k, total), ndcgAtK(flags, k, total)]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe('Rouge-L', () => {
  it('is 1 for identical text and 0 for disjoint text', () => {
    expect(rougeL('键值缓存避免重复计算', '键值缓存避免重复计算')).toBe(1);
    expect(rougeL('abc def', 'xyz')).toBe(0);
  });

  it('counts Chinese by character and English by word', () => {
    expect(rougeL('缓存 K 和 V', '缓存K和V可以加速')).toBeGreaterThan(0.6);
    expect(rougeL('the cache stores keys', 'the cache stores keys and values')).toBeCloseTo((2 * 1 * (4 / 6)) / (1 + 4 / 6), 10);
  });

  it('stays within [0, 1] (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const value = rougeL(a, b);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('takes percentiles of latencies', () => {
    expect(percentile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(percentile([], 0.5)).toBe(0);
  });
});
