import { describe, expect, test } from 'vitest';
import type { QuestionItem } from '../bank/question-item.js';
import type { CardRecord, ReviewRecord } from './progress-records.js';
import { computeStats, dayKey } from './progress-stats.js';
import { statsHtml, statsText } from './stats-report.js';
import { bar, sparkline } from './terminal-charts.js';

const now = new Date(2025, 2, 10, 15, 0, 0);
const daysAgo = (days: number, hour = 10) => new Date(2025, 2, 10 - days, hour, 0, 0).toISOString();

const item = (id: string, chapter: string): QuestionItem => ({
  id,
  kb: 'builtin',
  topic: { zh: [`${chapter}章`], en: [chapter] },
  question: { zh: id, en: id },
  answer: { zh: '答', en: 'a' },
  keyPoints: [],
  difficulty: 1,
  tags: [],
  related: [],
  sources: [],
});
const card = (questionId: string, topic: string, due: string, stability: number): CardRecord => ({
  questionId,
  kb: 'builtin',
  topic,
  topicPath: '""',
  due,
  stability,
  difficulty: 5,
  elapsedDays: 0,
  scheduledDays: 1,
  learningSteps: 0,
  reps: 1,
  lapses: 0,
  state: 'review',
  lastReview: daysAgo(1),
});
const review = (questionId: string, topic: string, at: string, score: number): ReviewRecord => ({
  id: `${questionId}-${at}`,
  questionId,
  kb: 'builtin',
  topic,
  topicPath: '""',
  reviewedAt: at,
  rating: 'good',
  impliedRating: 'good',
  score,
  rougeL: 0.2,
  covered: 1,
  total: 4,
  hinted: false,
  stateBefore: 'new',
  dueAfter: at,
  stabilityAfter: 1,
  difficultyAfter: 5,
});

describe('computeStats', () => {
  const stats = computeStats({
    items: [item('a-1', 'Attention'), item('a-2', 'Attention'), item('r-1', 'RAG')],
    cards: [card('a-1', 'Attention', daysAgo(2), 4), card('a-2', 'Attention', daysAgo(-3), 10), card('r-1', 'RAG', daysAgo(-20), 30)],
    reviews: [
      review('a-1', 'Attention', daysAgo(0), 2),
      review('a-2', 'Attention', daysAgo(1), 4),
      review('r-1', 'RAG', daysAgo(2), 5),
      review('r-1', 'RAG', daysAgo(5), 3),
      review('a-1', 'Attention', daysAgo(6), 1),
      review('a-1', 'Attention', daysAgo(7), 1),
    ],
    now,
    retrievability: (entry) => (entry.questionId === 'a-1' ? 0.5 : 0.9),
  });

  test('mastery per topic is the mean card mastery (recall x recent quality), weakest first, with recent scores', () => {
    // a-1: recall 0.5 x quality of Good reviews scoring 2, 1, 1 (weights 3, 2, 1) = 0.5 x 0.585; a-2: 0.9 x 0.81;
    // r-1: 0.9 x (3 x 0.9 + 2 x 0.72) / 5. Good quality = 0.9 x (0.5 + 0.5 x score / 5).
    expect(stats.topics.map((topic) => [topic.topic, topic.mastery, topic.cards, topic.questions])).toEqual([
      ['Attention', 0.511, 2, 2],
      ['RAG', 0.745, 1, 1],
    ]);
    expect(stats.topics[0]?.name).toEqual({ zh: 'Attention章', en: 'Attention' });
    expect(stats.topics[0]?.recentScore).toBe(2);
    expect(stats.totals).toMatchObject({ questions: 3, cards: 3, reviews: 6, due: 1 });
  });

  test('the forecast covers 14 days and counts overdue cards today', () => {
    expect(stats.forecast).toHaveLength(14);
    expect(stats.forecast[0]).toEqual({ date: dayKey(now), due: 1 });
    expect(stats.forecast[3]?.due).toBe(1);
    expect(stats.forecast.reduce((sum, day) => sum + day.due, 0)).toBe(2);
  });

  test('streak counts consecutive days ending today; longest run too', () => {
    expect(stats.streak).toEqual({ current: 3, longest: 3, reviewedToday: true });
  });

  test('reviews per day covers the last 30 days, today last', () => {
    expect(stats.reviewsPerDay).toHaveLength(30);
    expect(stats.reviewsPerDay.at(-1)).toEqual({ date: dayKey(now), reviews: 1 });
    expect(stats.reviewsPerDay.reduce((sum, day) => sum + day.reviews, 0)).toBe(6);
  });

  test('terminal and HTML views: bars, sparklines, inline SVG, nothing external, text escaped', () => {
    expect(statsText(stats, 'en')).toContain('Attention');
    expect(bar(0.5, 1, 4)).toBe('██  ');
    expect(sparkline([0, 1, 8])).toBe(' ▁█');
    const html = statsHtml(
      { ...stats, topics: [{ ...(stats.topics[0] as (typeof stats.topics)[number]), name: { zh: '<b>', en: '<script>x</script>' } }] },
      'en',
    );
    expect(html).toContain('<svg');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<script|src=|href=|url\(|@import/i);
  });
});
