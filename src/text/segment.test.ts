// Segmentation as search sees it: domain terms match whole and by their parts, English tokens stay whole and
// singular/plural meet, function words drop, and no character of the text is ever lost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.js';
import { createDictionary, icuSpans, maxIcuSpan, segmentWords, stemLatin } from './segment.js';
import { createTextTools } from './text-tools.js';

const glossary = [
  { en: 'Rotary Position Embedding', abbr: ['RoPE'], zh: ['旋转位置编码'], aliases: [] },
  { en: 'KV cache', abbr: [], zh: ['键值缓存', '鍵值快取'], aliases: ['KV-cache'] },
  { en: 'length extrapolation', abbr: [], zh: ['长度外推'], aliases: [] },
  { en: 'grouped-query attention', abbr: ['GQA'], zh: ['分组查询注意力'], aliases: [] },
];
const tools = createTextTools(glossary);
const segment = (text: string) => segmentWords(normalizeText(text), tools.dictionary);

describe('Chinese domain terms', () => {
  it('keeps a term whole and also emits its parts, so the full term and a part both match', () => {
    const tokens = segment('旋转位置编码');
    expect(tokens[0]).toBe('旋转位置编码');
    expect(tokens).toEqual(expect.arrayContaining(['位置', '编码']));
  });

  it('finds terms inside a sentence instead of splitting them across words', () => {
    const tokens = segment('为什么长度外推时键值缓存会变大');
    expect(tokens).toContain('长度外推');
    expect(tokens).toContain('键值缓存');
    expect(tokens).not.toContain('外');
  });

  it('learns glossary forms, including traditional ones after normalisation', () => {
    expect(segment('分组查询注意力')[0]).toBe('分组查询注意力');
    expect(segment('鍵值快取')[0]).toBe(normalizeText('鍵值快取'));
  });

  it('gives the same tokens for the traditional and the simplified spelling', () => {
    expect(tools.tokenize('長度外推的原理')).toEqual(tools.tokenize('长度外推的原理'));
  });
});

describe('English tokens', () => {
  it('keeps model and technique names whole', () => {
    expect(tools.tokenize('KV cache, LoRA, RoPE, SwiGLU and RMSNorm')).toEqual(['kv', 'cache', 'lora', 'rope', 'swiglu', 'rmsnorm']);
  });

  it('keeps Latin words whole inside Chinese text', () => {
    expect(tools.tokenize('什么是FlashAttention的tiling?')).toEqual(expect.arrayContaining(['flashattention', 'tiling']));
  });

  it('stems plurals to the singular and leaves words that only end in s alone', () => {
    expect(stemLatin('queries')).toBe('query');
    expect(stemLatin('heads')).toBe('head');
    expect(stemLatin('batches')).toBe('batch');
    expect(stemLatin('classes')).toBe('class');
    expect(stemLatin('loss')).toBe('loss');
    expect(stemLatin('bias')).toBe('bias');
    expect(stemLatin('focus')).toBe('focus');
    expect(stemLatin('gpt4s')).toBe('gpt4s');
  });

  it('lets a singular query find a plural note', () => {
    expect(tools.tokenize('attention heads and queries')).toEqual(tools.tokenize('attention head and query'));
  });

  it('stems "caches" to "cache", the token of the singular', () => {
    expect(stemLatin('caches')).toBe('cache');
    expect(tools.tokenize('KV caches')).toEqual(tools.tokenize('KV cache'));
  });
});

describe('stopwords', () => {
  it('drops question and function words in both languages but keeps domain words', () => {
    expect(tools.tokenize('什么是注意力机制?')).toEqual(['注意力机制', '注意力', '机制']);
    expect(tools.tokenize('What is the attention of a model?')).toEqual(['attention', 'model']);
    expect(tools.tokenize('请简单介绍一下模型')).toEqual(['模型']);
  });
});

const han = fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCodePoint(code));
const rareHan = fc.oneof(fc.integer({ min: 0x3400, max: 0x4dbf }), fc.integer({ min: 0x20000, max: 0x2a6df })).map((code) => String.fromCodePoint(code));
const termPieces = fc.constantFrom('旋转位置编码', '键值缓存', '长度外推', '注意力', '的', '是', '模型');
const other = fc.constantFrom(...'abcxyzKVLoRA0123456789 ,.?!:;-_/()\n，。？！：、');
const mixedText = fc.array(fc.oneof(han, rareHan, termPieces, other), { maxLength: 60 }).map((parts) => parts.join(''));

describe('segmentation properties', () => {
  it('never drops a Han, Latin or digit character: each one appears in some token', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const normalized = normalizeText(text);
        const covered = segmentWords(normalized, tools.dictionary).join('');
        for (const char of normalized) if (/[\p{Script=Han}\p{L}\p{N}]/u.test(char)) expect(covered).toContain(char);
      }),
      { numRuns: 400 },
    );
  });

  it('emits only tokens that occur in the text (hyphenated names also joined)', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const normalized = normalizeText(text);
        const joined = normalized.replace(/(?<=[a-z0-9])[-_](?=[a-z0-9])/g, '');
        for (const token of segmentWords(normalized, tools.dictionary)) expect(normalized.includes(token) || joined.includes(token)).toBe(true);
      }),
      { numRuns: 300, examples: [['a_a'], ['ZeRO-3 显存'], ['top-p和top-k']] },
    );
  });

  it('never returns a run of Han characters longer than 12 for random Han strings', () => {
    const dictionary = createDictionary(['旋转位置编码', '分组查询注意力']);
    fc.assert(
      fc.property(fc.array(han, { minLength: 1, maxLength: 120 }), (chars) => {
        for (const token of segmentWords(chars.join(''), dictionary)) expect([...token].length).toBeLessThanOrEqual(12);
      }),
      { numRuns: 300 },
    );
  });
});

describe('segmentation of hostile input is linear (issue 17)', () => {
  it('hands ICU spans of at most maxIcuSpan characters that cover a long run exactly', () => {
    const run = '的'.repeat(10_000);
    const spans = [...icuSpans(run)];
    expect(spans.length).toBeGreaterThan(10_000 / maxIcuSpan - 1);
    for (const span of spans) expect(span.end - span.start).toBeLessThanOrEqual(maxIcuSpan);
    expect(spans[0]?.start).toBe(0);
    expect(spans.at(-1)?.end).toBe(run.length);
    for (const [index, span] of spans.slice(1).entries()) expect(span.start).toBe(spans[index]?.end);
  });

  it('segments a 200,000-character run of one Han character without dropping characters', () => {
    const tokens = segment('的'.repeat(200_000));
    expect(tokens.join('')).toBe('的'.repeat(200_000));
  });

  it('keeps ordinary long text segmented as before: words are not cut at span borders', () => {
    const sentence = '大语言模型的推理阶段需要缓存每一层的键和值以避免重复计算';
    const long = sentence.repeat(40);
    const tokens = segmentWords(long, createDictionary([]));
    expect(tokens.join('')).toBe(long);
    const once = segmentWords(sentence, createDictionary([]));
    expect(tokens.filter((token) => token === '计算').length).toBe(40 * once.filter((token) => token === '计算').length);
  });
});
