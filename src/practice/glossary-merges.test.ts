import { describe, expect, test } from 'vitest';
import { readBank } from '../bank/bank-data.js';
import { findFalseSynonyms, isDistinctPair, isVersionPair } from './glossary-merges.js';

describe('glossary false synonyms', () => {
  test('names that differ only in version or size numbers are versions; spelling variants are not', () => {
    expect(isVersionPair('ChatGLM2', 'ChatGLM3')).toBe(true);
    expect(isVersionPair('ChatGLM', 'chatglm2')).toBe(true);
    expect(isVersionPair('Baichuan-7B', 'baichuan-13b')).toBe(true);
    expect(isVersionPair('Llama 3', 'llama 3.1')).toBe(true);
    expect(isVersionPair('GLM-130B', 'GLM-4')).toBe(true);
    expect(isVersionPair('FlashAttention', 'FlashAttention-2')).toBe(true);
    expect(isVersionPair('Llama 3', 'llama-3')).toBe(false);
    expect(isVersionPair('O(n^2)', 'O(n²)')).toBe(false);
    expect(isVersionPair('KV cache', 'kv-cache')).toBe(false);
  });

  test('opposite or different terms are never one concept', () => {
    expect(isDistinctPair('上溢', '下溢')).toBe(true);
    expect(isDistinctPair('Overflow', 'underflow')).toBe(true);
    expect(isDistinctPair('attention weights', 'Attention Scores')).toBe(true);
    expect(isDistinctPair('Interleaved 1F1B', '1f1b')).toBe(true);
    expect(isDistinctPair('上溢', '数值溢出')).toBe(false);
    expect(findFalseSynonyms([{ en: 'numerical overflow', abbr: [], zh: ['上溢', '下溢'], aliases: [] }])).toEqual([
      { entry: 'numerical overflow', forms: ['上溢', '下溢'], reason: 'distinct' },
    ]);
  });

  test('the bank glossary merges no two model versions and no two distinct terms', () => {
    const offenders = findFalseSynonyms(readBank().bank.glossary);
    if (offenders.length > 0) console.log(offenders.map((entry) => `${entry.entry}: ${entry.forms.join(' = ')} (${entry.reason})`).join('\n'));
    expect(offenders).toEqual([]);
  });
});
