import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lcsLength, rougeL } from './rouge-l.js';
import { comparisonUnits, languageOf } from './text-units.js';

describe('Rouge-L', () => {
  test('LCS of known sequences', () => {
    expect(lcsLength(['a', 'b', 'c', 'd'], ['a', 'c', 'd'])).toBe(3);
    expect(lcsLength([], ['a'])).toBe(0);
    expect(lcsLength(['x'], ['y'])).toBe(0);
  });

  test('F1 of LCS precision and recall', () => {
    const score = rougeL(['the', 'cat', 'sat'], ['the', 'cat', 'sat', 'down', 'here', 'now']);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(0.5);
    expect(score.f).toBeCloseTo(2 / 3, 6);
    expect(rougeL([], ['a']).f).toBe(0);
  });

  test('character level for Chinese, word level for English', () => {
    expect(comparisonUnits('注意力机制 uses Queries, keys.')).toEqual(['注', '意', '力', '机', '制', 'use', 'query', 'key']);
    expect(languageOf('多头注意力在不同子空间里捕捉不同关系 (subspace)')).toBe('zh');
    expect(languageOf('Heads capture different relations, like 注意力.')).toBe('en');
  });

  test('stays in [0, 1] and is 1 for identical sequences', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 }),
        fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 }),
        (a, b) => {
          const { f, precision, recall } = rougeL(a, b);
          for (const value of [f, precision, recall]) expect(value >= 0 && value <= 1).toBe(true);
          expect(lcsLength(a, b)).toBe(lcsLength(b, a));
          if (a.length > 0) expect(rougeL(a, a).f).toBe(1);
        },
      ),
    );
  });
});
