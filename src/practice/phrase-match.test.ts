import { describe, expect, test } from 'vitest';
import { normalizeText } from '../text/normalize.js';
import { findPhrase } from './phrase-match.js';

const found = (answer: string, phrase: string) => findPhrase(normalizeText(answer), phrase) !== undefined;

describe('findPhrase', () => {
  test('separators between characters are optional', () => {
    expect(found('we keep a KV-Cache per layer', 'kv cache')).toBe(true);
    expect(found('we keep a kvcache per layer', 'KV Cache')).toBe(true);
    expect(found('模型共享 KV 之后', '共享KV')).toBe(true);
  });

  test('Latin aliases sit on word boundaries; long ones also match as stems', () => {
    expect(found('rerank after fusion', 'rank')).toBe(false);
    expect(found('k is usually 60', '60')).toBe(true);
    expect(found('k is usually 600', '60')).toBe(false);
    expect(found('scores are normalised first', 'normalis')).toBe(true);
    expect(found('the weights are quantized to 4 bits', 'quantiz')).toBe(true);
  });

  test('a mention right after a negation does not count', () => {
    expect(found('it never produces subwords', 'subword')).toBe(false);
    expect(found('rare words split into subwords', 'subword')).toBe(true);
    expect(found('这种方法没有低秩假设', '低秩')).toBe(false);
    expect(found('它不需要奖励模型', '不需要奖励模型')).toBe(true);
  });

  test('full-width and traditional forms are normalised before matching', () => {
    expect(found('使用ＲＯＰＥ編碼', 'RoPE')).toBe(true);
  });
});
