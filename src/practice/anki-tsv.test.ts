import { describe, expect, test } from 'vitest';
import { ankiMarkdown, ankiTsv, parseAnkiTsv } from './anki-tsv.js';

describe('Anki TSV', () => {
  const cards = [
    { front: 'What is <attention>?', back: 'softmax(QK^T/√d)V\nweights & sums\tvalues', tags: ['mianba', 'Attention and its variants'] },
    { front: '什么是 RoPE', back: '旋转位置编码', tags: [] },
  ];

  test('front<TAB>back<TAB>tags, HTML-escaped, newlines as <br>, with Anki headers', () => {
    const tsv = ankiTsv(cards);
    const lines = tsv.split('\n').slice(0, -1);
    expect(lines.slice(0, 3)).toEqual(['#separator:tab', '#html:true', '#tags column:3']);
    expect(lines[3]).toBe('What is &lt;attention&gt;?\tsoftmax(QK^T/√d)V<br>weights &amp; sums    values\tmianba Attention_and_its_variants');
    for (const line of lines.slice(3)) expect(line.split('\t')).toHaveLength(3);
  });

  test('reads back what it writes', () => {
    const parsed = parseAnkiTsv(ankiTsv(cards));
    expect(parsed[0]).toEqual({
      front: 'What is <attention>?',
      back: 'softmax(QK^T/√d)V\nweights & sums    values',
      tags: ['mianba', 'Attention_and_its_variants'],
    });
    expect(parsed[1]).toMatchObject({ front: '什么是 RoPE', back: '旋转位置编码' });
    expect(parseAnkiTsv('front only\n\n#comment\n<div>Q</div>\t<b>A</b><br>more\n')).toEqual([{ front: 'Q', back: 'A\nmore', tags: [] }]);
  });

  test('markdown for ingestion: one question heading per card', () => {
    const markdown = ankiMarkdown(parseAnkiTsv(ankiTsv(cards)), 'deck.tsv');
    expect(markdown).toContain('## What is <attention>?\n\nsoftmax');
    expect(markdown).toContain('## 什么是 RoPE?\n\n旋转位置编码');
  });
});
