import { describe, expect, test } from 'vitest';
import type { QuestionItem } from '../bank/question-item.js';
import type { ChatModel } from '../models/chat-model.js';
import { FakeChatModel } from '../models/fake-chat-model.js';
import { createTextTools } from '../text/text-tools.js';
import { generatedQuestion } from './follow-up.js';
import { gradeAnswer } from './grade-answer.js';
import { judgeAnswer, parseVerdict } from './llm-judge.js';
import { followUpMessages, judgeMessages } from './prompts.js';

const tools = createTextTools([]);
const item: QuestionItem = {
  id: 'rag-rrf',
  kb: 'builtin',
  topic: { zh: ['检索增强'], en: ['RAG'] },
  question: { zh: '什么是 RRF?', en: 'What is RRF?' },
  answer: { zh: 'RRF 对每个列表的排名取倒数相加,k 通常取 60。', en: 'RRF sums 1/(k + rank) over the lists, with k usually 60.' },
  keyPoints: [{ zh: '对排名倒数求和', en: 'Sums reciprocal ranks', aliases: ['reciprocal rank', '倒数'] }],
  difficulty: 1,
  tags: [],
  related: [],
  sources: [],
};

describe('LLM judge', () => {
  test('the fake model answers the rubric prompt; the verdict is validated and kept apart from the grade', async () => {
    const grade = gradeAnswer(item, 'It sums reciprocal ranks with k = 60.', tools);
    const verdict = await judgeAnswer(new FakeChatModel(), { item, answer: 'It sums reciprocal ranks with k = 60.', grade, language: 'en' });
    expect(verdict).toEqual({ score: 3, covered: [], missed: [], feedback: 'fake judge' });
    expect(grade.score).not.toBe(verdict.score);
  });

  test('replies that are not valid verdicts are model errors', async () => {
    expect(() => parseVerdict('no json here')).toThrow(/did not reply with JSON/);
    expect(() => parseVerdict('{"score": 9}')).toThrow(/invalid at score/);
    expect(parseVerdict('Sure! {"score": 4, "feedback": "ok"} done')).toEqual({ score: 4, covered: [], missed: [], feedback: 'ok' });
    const broken: ChatModel = { id: 'broken', chat: async () => ({ text: '{"score": "high"}', finishReason: 'stop' }) };
    await expect(judgeAnswer(broken, { item, answer: 'x', grade: gradeAnswer(item, 'x', tools), language: 'en' })).rejects.toMatchObject({
      code: 'model_error',
    });
  });

  test('follow-up questions from the model: first line only', async () => {
    const model: ChatModel = { id: 'm', chat: async () => ({ text: '\nWhy does RRF not need score normalisation?\nextra', finishReason: 'stop' }) };
    const point = item.keyPoints[0] as (typeof item.keyPoints)[number];
    expect(await generatedQuestion(model, { item, answer: 'x', point, language: 'en' })).toBe('Why does RRF not need score normalisation?');
  });

  test('prompts (snapshot)', () => {
    expect(judgeMessages({ question: 'Q?', reference: 'R.', keyPoints: ['a', 'b'], answer: 'A.', language: 'zh' })).toMatchSnapshot();
    expect(followUpMessages({ question: 'Q?', answer: 'A.', missedPoint: 'p', language: 'en' })).toMatchSnapshot();
    const system = judgeMessages({ question: '', reference: '', keyPoints: [], answer: '', language: 'en' })[0]?.content ?? '';
    expect(system).toContain('"score"');
    expect(system).toContain('rubric');
  });
});
