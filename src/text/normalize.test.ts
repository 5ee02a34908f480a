// Normalisation as search sees it: full-width, radical look-alikes, entities, traditional script and case all fold
// to one form at index and query time, and never move a line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, hasHan, hasTraditional, normalizeText } from './normalize.js';
import { traditionalChars } from './traditional-chars.js';

describe('normalizeText folds what readers see as the same text', () => {
  it('turns full-width Latin and the ideographic space into half-width lower case', () => {
    expect(normalizeText('ＫＶ　ｃａｃｈｅ')).toBe('kv cache');
    expect(normalizeText('ＬｏＲＡ　ｒ＝８')).toBe('lora r=8');
  });

  it('maps Kangxi radicals that PDFs and scraped pages use in place of ideographs', () => {
    expect(normalizeText('⼤模型')).toBe('大模型');
    expect(normalizeText('使⽤')).toBe('使用');
    expect(normalizeText('⼀致性')).toBe('一致性');
  });

  it('maps CJK radical supplement look-alikes that NFKC leaves alone', () => {
    expect('⻓'.normalize('NFKC')).toBe('⻓');
    expect(normalizeText('⻓度外推')).toBe('长度外推');
    expect(normalizeText('⻔控')).toBe('门控');
    expect(normalizeText('⻅解')).toBe('见解');
  });

  it('decodes HTML entities, numeric and named, and turns no-break spaces into spaces', () => {
    expect(normalizeText('kv&#x20;cache')).toBe('kv cache');
    expect(normalizeText('top-k&nbsp;sampling')).toBe('top-k sampling');
    expect(normalizeText('Q &amp; A')).toBe('q & a');
    expect(normalizeText('&lt;bos&gt;')).toBe('<bos>');
  });

  it('converts traditional Chinese to simplified', () => {
    expect(normalizeText('記憶體')).toBe('记忆体');
    expect(normalizeText('參數量')).toBe('参数量');
    expect(normalizeText('這個模型')).toBe('这个模型');
    expect(normalizeText('檢索增強生成')).toBe('检索增强生成');
  });

  it('folds Latin case so LoRA, LORA and lora match', () => {
    expect(new Set(['LoRA', 'LORA', 'lora', 'ＬＯＲＡ'].map(normalizeText))).toEqual(new Set(['lora']));
    expect(normalizeText('SwiGLU 与 RMSNorm')).toBe('swiglu 与 rmsnorm');
  });

  it('drops zero-width characters and byte-order marks inside text', () => {
    expect(normalizeText('\uFEFFflash\u200Battention')).toBe('flashattention');
  });
});

describe('cleanText keeps text as the reader wrote it', () => {
  it('keeps case, full-width punctuation and traditional characters (only display fixes)', () => {
    expect(cleanText('什麼是 LoRA？')).toBe('什麼是 LoRA？');
  });

  it('unifies radicals and spaces but keeps every line in place', () => {
    const text = '⼤模型\n\n  1. 什么是&nbsp;KV cache?\r\n缓存\u3000键值';
    const cleaned = cleanText(text);
    expect(cleaned).toBe('大模型\n\n  1. 什么是 KV cache?\r\n缓存 键值');
    expect(cleaned.split('\n')).toHaveLength(text.split('\n').length);
  });
});

describe('hasHan', () => {
  it('detects Chinese characters and ignores Latin, digits and punctuation', () => {
    expect(hasHan('什么是 RoPE?')).toBe(true);
    expect(hasHan('What is RoPE? 42!')).toBe(false);
  });
});

/** Text made of the pieces normalisation cares about: Han (simplified and traditional), full-width, radicals, newlines. */
const pieces = fc.constantFrom(
  '大模型',
  '記憶體',
  '參數',
  '這個',
  '⼤',
  '⽤',
  '⻓',
  'ＫＶ',
  '　',
  '\u00A0',
  '\u200B',
  'LoRA',
  'Cache',
  'ß',
  'İ',
  '①',
  '㎏',
  ' ',
  '\n',
  '\r\n',
  '?',
  '？',
  '1.',
  '•',
);
const noteText = fc.oneof(
  fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 40 }).filter((text) => !text.includes('&')),
);

describe('normalizeText properties', () => {
  it('never adds or removes a line break', () => {
    fc.assert(
      fc.property(noteText, (text) => {
        expect(normalizeText(text).split('\n')).toHaveLength(text.split('\n').length);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(noteText, (text) => {
        const once = normalizeText(text);
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('stays idempotent and line-preserving on text that itself contains entities', () => {
    expect(cleanText('escape & as &amp;lt;')).toBe('escape & as &lt;');
    expect(normalizeText(normalizeText('ＫＶ　Ｃａｃｈｅ 與 鍵值緩存'))).toBe(normalizeText('ＫＶ　Ｃａｃｈｅ 與 鍵值緩存'));
    expect(normalizeText('a&#10;b').split('\n')).toHaveLength(1);
    expect(cleanText('a&NewLine;b')).toBe('a b');
  });
});

describe('hasTraditional', () => {
  it('agrees with a character class of the traditional characters on every code point, alone and after a lone surrogate', () => {
    const pattern = new RegExp(`[${traditionalChars}]`, 'u');
    const disagreements: number[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      const char = String.fromCodePoint(code);
      if (hasTraditional(char) !== pattern.test(char) || hasTraditional(`\ud800${char}`) !== pattern.test(`\ud800${char}`)) disagreements.push(code);
    }
    expect(disagreements).toEqual([]);
    expect(hasTraditional('注意力機制')).toBe(true);
    expect(hasTraditional('注意力机制 KV cache')).toBe(false);
  });
});
