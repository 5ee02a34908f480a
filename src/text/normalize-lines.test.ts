// normalizeLines lets the parse worker normalise a unit's question and text once for both the tokens and the
// embedding text: its parts must be normalizeText's, and its join normalizeText of the joined text, for any text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeLines, normalizeText } from './normalize.js';

// Pieces that each step treats specially: entities (one a line break), traditional characters and a phrase, final
// sigma, combining marks at a part's start, full-width and compatibility forms, radicals, no-break spaces.
const pieces = [
  '&#10;',
  '&amp;',
  '&lt;b&gt;',
  '&nbsp;',
  '發展',
  '乾隆',
  '著作',
  'ΟΔΟΣ',
  'Σ',
  '\u0301',
  'e\u0301',
  'ＫＶ',
  '㎏',
  '⼤',
  '\u00a0',
  '\u200b',
  '\n',
  ' ',
  'KV-cache',
  '注意力',
  'ﬁ',
  'İ',
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 8 })
  .map((parts) => parts.join(''));

describe('normalizeLines', () => {
  it('gives normalizeText of each text and of the texts joined by line breaks', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), (texts) => {
        const { each, joined } = normalizeLines(texts);
        expect(each).toEqual(texts.map(normalizeText));
        expect(joined).toBe(normalizeText(texts.join('\n')));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps an entity line break as the joined text has it (a raw line break is there), a space in the part alone', () => {
    expect(normalizeLines(['什麼是ＫＶ Cache？', 'ΟΔΟΣ &#10; caches'])).toEqual({
      each: ['什么是kv cache?', 'οδος   caches'],
      joined: '什么是kv cache?\nοδος \n caches',
    });
  });
});
