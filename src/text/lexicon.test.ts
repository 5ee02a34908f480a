import { describe, expect, it } from 'vitest';
import { processQuery } from '../retrieve/query.js';
import { mergeLexicons, parseLexicon } from './lexicon.js';
import { createTextTools } from './text-tools.js';

describe('the English -> Chinese lexicon', () => {
  it('keeps probable translations only, at most two per word from one file', () => {
    const lexicon = parseLexicon('# header\ninitialised\t初始化:0.54 初始:0.30 方法:0.10\nforget\t遗忘:0.81\n');
    expect(lexicon.get('initialised')).toEqual(['初始化', '初始']);
    expect(lexicon.get('forget')).toEqual(['遗忘']);
  });

  it('puts the bank-learned senses before the general dictionary', () => {
    const merged = mergeLexicons(parseLexicon('forget\t遗忘:0.81\n'), parseLexicon('forget\t忘记:0.50 忘掉:0.50\nunlimited\t无限:0.50\n'));
    expect(merged.get('forget')).toEqual(['遗忘', '忘记', '忘掉']);
    expect(merged.get('unlimited')).toEqual(['无限']);
  });

  it('expands an English query into the Chinese words, below the typed words', () => {
    const tools = createTextTools([], undefined, parseLexicon('unlimited\t无限:0.50\ninput\t输入:0.60\n'));
    const query = processQuery('can llama take unlimited input', tools);
    expect(query.expansion).toEqual(expect.arrayContaining(['无限', '输入']));
    expect(query.tokens).not.toContain('无限');
    expect(query.translations.get('unlimited')).toEqual(['无限']);
    expect(processQuery('can llama take unlimited input', tools, { expand: false }).expansion).toEqual([]);
  });
});
