import { describe, expect, it } from 'vitest';
import type { Hit } from '../core/types.js';
import { createTextTools } from '../text/text-tools.js';
import { briefOf, extractiveAnswer, splitSentences } from './extractive.js';

const { tokenize } = createTextTools([]);
const hit = (overrides: Partial<Hit>): Hit => ({
  rank: 1,
  score: 1,
  kb: 'notes',
  path: '/notes/a.md',
  line: 3,
  question: null,
  topic: '',
  text: '',
  unitId: 1,
  questionId: null,
  sources: [],
  ...overrides,
});

describe('extractive answers', () => {
  it('gives the opening of the reference answer of a matching question (more than a one-line set-up), cited', () => {
    const answer = extractiveAnswer({
      question: '什么是 KV cache',
      hits: [hit({ question: '什么是 KV Cache?', text: '缓存 K 和 V,避免重复计算。\n\n第二段。' })],
      evidence: 0.8,
      length: 'brief',
      language: 'zh',
      tokenize,
    });
    expect(answer.answer).toBe('缓存 K 和 V,避免重复计算。\n\n第二段。 [1]');
    expect(answer.citations).toMatchObject([{ n: 1, path: '/notes/a.md', line: 3 }]);
  });

  it('otherwise quotes the best sentences of the top passages in reading order, each cited, never inventing text', () => {
    const hits = [
      hit({ text: '无关的开头。KV cache 保存历史的 K 和 V。结尾。', line: 10 }),
      hit({ path: '/notes/b.md', line: 20, unitId: 2, text: '解码时复用 KV cache 可以减少计算。' }),
    ];
    const answer = extractiveAnswer({ question: 'KV cache 如何减少计算', hits, evidence: 0.3, length: 'brief', language: 'zh', tokenize });
    const lines = answer.answer.split('\n');
    expect(lines[0]).toBe('KV cache 保存历史的 K 和 V。 [1]');
    expect(lines[1]).toBe('解码时复用 KV cache 可以减少计算。 [2]');
    for (const line of lines) expect(hits.some((h) => h.text.includes(line.replace(/ \[\d\]$/, '')))).toBe(true);
  });

  it('keeps brief answers to the first paragraph, cut at a sentence end', () => {
    expect(briefOf(`${'甲'.repeat(200)}。${'乙'.repeat(200)}。`, 300)).toBe(`${'甲'.repeat(200)}。`);
    expect(splitSentences('第一个句子。第二个句子!Third one? 短')).toEqual(['第一个句子。', '第二个句子!', 'Third one?']);
  });
});
