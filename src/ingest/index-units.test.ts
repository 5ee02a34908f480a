// The index data of parsed units: the same question written differently in two files gets one key (so search can
// merge them), and every unit carries the tokens of its question, answer and topic.
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../core/types.js';
import { createTextTools } from '../text/text-tools.js';
import { indexUnits, questionIdOf, questionKeyOf } from './index-units.js';

describe('questionKeyOf', () => {
  it('gives one key to a question written with other numbering, punctuation, width, case or script', () => {
    const variants = ['什么是 KV Cache?', '3. 什么是KV cache？', 'Q: 什么是 kv-cache', '什麼是 ＫＶ　Ｃａｃｈｅ?', '12 什么是 KV cache ?'];
    expect(new Set(variants.map(questionKeyOf))).toEqual(new Set(['什么是kvcache']));
  });

  it('keeps different questions apart', () => {
    expect(questionKeyOf('什么是 KV cache?')).not.toBe(questionKeyOf('什么是 KV cache 量化?'));
  });

  it('has no key for a question too short to identify', () => {
    expect(questionKeyOf('?')).toBeUndefined();
    expect(questionKeyOf('1. a')).toBeUndefined();
  });

  it('derives a stable id from the key', () => {
    expect(questionIdOf('什么是kvcache')).toMatch(/^q-[0-9a-f]{10}$/);
    expect(questionIdOf('什么是kvcache')).toBe(questionIdOf('什么是kvcache'));
  });
});

describe('indexUnits', () => {
  it('tokenizes question, answer and topic separately; prose has no question key', () => {
    const tools = createTextTools([]);
    const document: ParsedDocument = {
      path: 'notes.md',
      format: 'markdown',
      contentHash: 'hash',
      bytes: 1,
      title: undefined,
      units: [
        { kind: 'qa', question: '什么是旋转位置编码?', text: '用旋转矩阵编码相对位置。', topic: ['位置编码'], lineStart: 1, lineEnd: 2 },
        { kind: 'prose', question: undefined, text: 'RoPE 可以外推。', topic: [], lineStart: 4, lineEnd: 4 },
      ],
    };
    const [qa, prose] = indexUnits(document, tools.tokenize);
    expect(qa?.questionKey).toBe('什么是旋转位置编码');
    expect(qa?.tokens.question).toContain('旋转位置编码');
    expect(qa?.tokens.text).toContain('相对');
    expect(qa?.tokens.topic).toEqual(['位置编码', '位置', '编码']);
    expect(prose).toMatchObject({ questionKey: undefined, questionId: undefined, tokens: { question: [], topic: [] } });
    expect(prose?.tokens.text).toEqual(expect.arrayContaining(['rope', '外推']));
  });
});
