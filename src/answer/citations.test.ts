import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Hit } from '../core/types.js';
import { kbRelativePath, parseCitations, verifyCitations } from './citations.js';
import { refusalText } from './refusal.js';

describe('citations', () => {
  it('keeps citations to given passages and removes and reports unknown ones', () => {
    const verified = verifyCitations('KV cache 缓存 K 和 V [1],避免重复计算 [7]。也可以量化 [2, 9]。', 3);
    expect(verified.text).toBe('KV cache 缓存 K 和 V [1],避免重复计算。也可以量化 [2]。');
    expect(verified.used).toEqual([1, 2]);
    expect(verified.unknown).toEqual([7, 9]);
  });

  it('parses grouped and repeated citations once', () => {
    expect(parseCitations('a [1][2] b [2,3] c [1]')).toEqual([1, 2, 3]);
  });

  it('round-trips: citations written for known passages survive verification (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 }), (numbers) => {
        const text = numbers.map((n, index) => `claim ${index} [${n}]`).join(' ');
        const verified = verifyCitations(text, 8);
        expect(verified.unknown).toEqual([]);
        expect(parseCitations(verified.text)).toEqual([...new Set(numbers)]);
      }),
    );
  });

  it('shows paths relative to the knowledge base, never the server folders (issue 14)', () => {
    expect(kbRelativePath('mynotes', '/home/u/.mianba/uploads/mynotes/llm/x.md')).toBe('llm/x.md');
    expect(kbRelativePath('mynotes', '/srv/private/notes/x.md')).toBe('…/notes/x.md');
    expect(kbRelativePath('builtin', 'bank/chapters/04.yaml')).toBe('bank/chapters/04.yaml');
    const hit = { kb: 'mynotes', path: '/home/u/.mianba/uploads/mynotes/x.md', line: 9, question: 'KV cache 为什么快?' } as Hit;
    const text = refusalText('zh', [hit]);
    expect(text).toContain('KV cache 为什么快? (x.md:9)');
    expect(text).not.toContain('/home/u');
  });
});
