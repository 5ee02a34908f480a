import { describe, expect, test } from 'vitest';
import type { QuestionItem } from '../bank/question-item.js';
import { pickDrillQuestions } from './pick-questions.js';
import type { CardRecord } from './progress-records.js';
import { interleaveByTopic } from './topics.js';

const item = (id: string, chapter: string, difficulty = 1, answered = true): QuestionItem => ({
  id,
  kb: 'builtin',
  topic: { zh: [chapter], en: [chapter] },
  question: { zh: id, en: id },
  answer: answered ? { zh: '答案', en: 'answer' } : { zh: '', en: '' },
  keyPoints: [],
  difficulty,
  tags: [],
  related: [],
  sources: [],
});

const card = (questionId: string, due: string, state: CardRecord['state'] = 'review'): CardRecord => ({
  questionId,
  kb: 'builtin',
  topic: questionId.split('-')[0] ?? '',
  topicPath: '""',
  due,
  stability: 3,
  difficulty: 5,
  elapsedDays: 0,
  scheduledDays: 3,
  learningSteps: 0,
  reps: 2,
  lapses: 0,
  state,
  lastReview: '2025-02-01T00:00:00.000Z',
});

describe('pickDrillQuestions', () => {
  const items = [item('a-1', 'A'), item('a-2', 'A', 2), item('a-3', 'A'), item('b-1', 'B'), item('b-2', 'B'), item('c-1', 'C', 1, false)];
  const now = new Date('2025-03-01T00:00:00Z');

  test('due cards first (most overdue first), then new ones, easiest first, interleaving topics; unanswered never', () => {
    const cards = new Map([
      ['a-2', card('a-2', '2025-02-27T00:00:00Z')],
      ['b-2', card('b-2', '2025-02-20T00:00:00Z')],
      ['a-3', card('a-3', '2025-03-05T00:00:00Z')],
    ]);
    const picked = pickDrillQuestions(items, cards, { now, limit: 10, newLimit: 10 }).map((entry) => entry.item.id);
    expect(picked).toEqual(['b-2', 'a-2', 'a-1', 'b-1']);
  });

  test('--n and --new limit the session', () => {
    const cards = new Map([['b-2', card('b-2', '2025-02-20T00:00:00Z')]]);
    expect(pickDrillQuestions(items, cards, { now, limit: 2, newLimit: 10 }).map((entry) => entry.item.id)).toEqual(['b-2', 'a-1']);
    expect(pickDrillQuestions(items, cards, { now, limit: 5, newLimit: 0 }).map((entry) => entry.item.id)).toEqual(['b-2']);
  });

  test('interleaving keeps each topic in order', () => {
    expect(interleaveByTopic(['a1', 'a2', 'a3', 'b1', 'c1', 'c2'], (value) => value[0] ?? '')).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  });
});
