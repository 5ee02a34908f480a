import { describe, expect, it } from 'vitest';
import { createTextTools } from '../text/text-tools.js';
import { processQuery } from './query.js';
import { correctLatinWord } from './typo.js';

describe('typo correction of Latin terms', () => {
  it('corrects within one edit, and a tie goes to the candidate the context prefers', () => {
    const vocabulary = new Set(['tiling', 'tuning', 'lora']);
    expect(correctLatinWord('lroa', vocabulary)).toBe('lora');
    expect(correctLatinWord('tining', vocabulary, (candidate) => candidate === 'tuning')).toBe('tuning');
  });

  it('corrects the parts of hyphenated names using the glossary term they form ("Prefix-tining" -> prefix tuning)', () => {
    const tools = createTextTools([
      { en: 'prefix tuning', abbr: [], zh: ['前缀微调'], aliases: [] },
      { en: 'tiling', abbr: [], zh: ['分块'], aliases: [] },
    ]);
    const query = processQuery('前缀微调(Prefix-tining)思路是什么?', tools);
    expect(query.corrections).toEqual([{ from: 'tining', to: 'tuning' }]);
    expect(query.tokens).toContain('prefixtuning');
  });
});
