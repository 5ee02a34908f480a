import { describe, expect, test } from 'vitest';
import type { QuestionItem } from '../bank/question-item.js';
import { createTextTools } from '../text/text-tools.js';
import { gradeAnswer } from './grade-answer.js';

const tools = createTextTools([
  { en: 'multi-query attention', abbr: ['MQA'], zh: ['多查询注意力'], aliases: [] },
  { en: 'key-value cache', abbr: ['KV cache'], zh: ['键值缓存', 'KV 缓存'], aliases: [] },
]);

const item: QuestionItem = {
  id: 'attention-mqa',
  kb: 'builtin',
  topic: { zh: ['注意力', '多查询注意力'], en: ['Attention', 'Multi-query attention'] },
  question: { zh: 'MQA 和 MHA 有什么区别?', en: 'How does MQA differ from MHA?' },
  answer: {
    zh: 'MQA 让所有查询头共享同一组 K、V,KV cache 缩小到 MHA 的 1/h,解码时读取的数据更少,推理更快;代价是效果略有下降。PaLM 和 Falcon 使用 MQA。',
    en: 'MQA lets all query heads share one K/V head, so the KV cache shrinks to 1/h of MHA and decoding reads less data, which makes inference faster; the cost is some quality loss. PaLM and Falcon use MQA.',
  },
  keyPoints: [
    { zh: '所有查询头共享同一组 K、V', en: 'All query heads share one K/V head', aliases: ['共享KV', 'shared kv', 'single kv head'] },
    { zh: 'KV cache 缩小到 1/h', en: 'The KV cache shrinks to 1/h', aliases: ['1/h', '缓存减少'] },
    { zh: '解码读取更少,推理更快', en: 'Less data per decode step, faster inference', aliases: ['推理加速', 'faster inference', 'memory-bound'] },
    { zh: '效果略有下降', en: 'Some quality loss', aliases: ['效果下降', 'quality loss'] },
  ],
  difficulty: 2,
  tags: [],
  related: [],
  sources: [{ kb: 'builtin', path: 'bank/chapters/04-attention.yaml', line: 232 }],
};

describe('gradeAnswer', () => {
  test('a full answer covers every point, scores high and implies Good or Easy', () => {
    const grade = gradeAnswer(
      item,
      'In MQA all query heads use a single KV head, so the KV cache is 1/h of MHA. Decoding is memory-bound, so this gives faster inference, at the price of some quality loss.',
      tools,
    );
    expect(grade.covered).toHaveLength(4);
    expect(grade.missed).toEqual([]);
    expect(grade.score).toBeGreaterThanOrEqual(4);
    expect(['good', 'easy']).toContain(grade.rating);
    expect(grade.language).toBe('en');
    expect(grade.reference.citations).toEqual([{ kb: 'builtin', path: 'bank/chapters/04-attention.yaml', line: 232 }]);
    expect(grade.reference.text).toContain('PaLM and Falcon');
  });

  test('explains how each point was covered: alias, glossary synonym or most of its words', () => {
    const grade = gradeAnswer(item, '所有的查询头共享同一组 K 和 V,键值缓存变小了。', tools);
    const [shared, cache] = grade.points;
    expect(shared).toMatchObject({ covered: true, via: 'tokens' });
    expect(cache?.covered).toBe(false);
    expect(grade.language).toBe('zh');
    expect(grade.covered).toEqual(['所有查询头共享同一组 K、V']);
  });

  test('phrases the question already contains prove nothing', () => {
    const grade = gradeAnswer(item, 'MQA differs from MHA.', tools);
    expect(grade.covered).toEqual([]);
    expect(grade.flags).toEqual(['copied']);
    expect(grade.score).toBeLessThanOrEqual(0.2);
  });

  test('empty, "I don\'t know" and off-topic answers score (almost) nothing', () => {
    for (const answer of ['', '   ', '不知道', '我不知道。', "I don't know"])
      expect(gradeAnswer(item, answer, tools)).toMatchObject({ score: 0, flags: ['empty'], rating: 'again' });
    const offTopic = gradeAnswer(item, 'Sourdough needs flour, water and an active starter, then a long overnight ferment.', tools);
    expect(offTopic.flags).toEqual(['off_topic']);
    expect(offTopic.score).toBeLessThan(1);
  });

  test('a hint caps the rating at Hard whatever the score', () => {
    const grade = gradeAnswer(item, 'A single KV head: cache 1/h, faster inference (memory-bound), some quality loss.', tools, { hinted: true });
    expect(grade.score).toBeGreaterThan(3);
    expect(grade.rating).toBe('hard');
    expect(grade.hinted).toBe(true);
  });

  test('user questions without key points are graded on points derived from the answer', () => {
    const user: QuestionItem = {
      ...item,
      id: 'q-123',
      kb: 'notes',
      topic: ['Serving'],
      question: 'What is continuous batching?',
      answer:
        'Continuous batching schedules at the level of iterations instead of whole requests. Finished sequences leave the batch after every decoding step. New requests join the running batch immediately. This keeps the GPU busy and raises throughput.',
      keyPoints: [],
    };
    const good = gradeAnswer(
      user,
      'It schedules per iteration: finished sequences leave after each decoding step and new requests join the running batch, raising throughput.',
      tools,
    );
    const poor = gradeAnswer(user, 'It is a kind of batching.', tools);
    expect(good.points.length).toBeGreaterThanOrEqual(3);
    expect(good.score).toBeGreaterThan(poor.score);
    expect(good.covered.length).toBeGreaterThan(0);
  });
});
