import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { QuestionItem } from '../bank/question-item.js';
import { createTextTools } from '../text/text-tools.js';
import { createFileAnswers } from './answer-source.js';
import type { Practice } from './create-practice.js';
import { pointFollowUp, relatedFollowUp, templateQuestion, weakestMissedPoint } from './follow-up.js';
import { gradeAnswer } from './grade-answer.js';
import { runMock } from './mock-loop.js';
import { planMock } from './mock-plan.js';
import { buildMockReport, mockReportHtml, mockReportMarkdown } from './mock-report.js';
import { openPracticeStore } from './practice-store.js';
import type { CardRecord } from './progress-records.js';
import { createScheduler } from './scheduler.js';

const tools = createTextTools([]);
const plain = { bold: (t: string) => t, dim: (t: string) => t, green: (t: string) => t, red: (t: string) => t, yellow: (t: string) => t };

const item = (id: string, chapter: string, extra: Partial<QuestionItem> = {}): QuestionItem => ({
  id,
  kb: 'builtin',
  topic: { zh: [chapter], en: [chapter] },
  question: { zh: `${id}?`, en: `${id}?` },
  answer: { zh: 'answer text', en: 'Gradient checkpointing trades compute for memory by recomputing activations in the backward pass.' },
  keyPoints: [
    { zh: 'recompute activations', en: 'Recompute activations in the backward pass', aliases: ['recompute', 'recomputation'] },
    { zh: 'trade compute for memory', en: 'Trades compute for memory', aliases: ['trade compute', 'saves memory'] },
  ],
  difficulty: 1,
  tags: [],
  related: [],
  sources: [{ kb: 'builtin', path: 'bank/x.yaml', line: 3 }],
  ...extra,
});

const card = (questionId: string, topic: string): CardRecord => ({
  questionId,
  kb: 'builtin',
  topic,
  topicPath: '""',
  due: '2025-01-01T00:00:00.000Z',
  stability: 5,
  difficulty: 5,
  elapsedDays: 0,
  scheduledDays: 5,
  learningSteps: 0,
  reps: 3,
  lapses: 0,
  state: 'review',
  lastReview: '2025-01-01T00:00:00.000Z',
});

describe('planMock', () => {
  const items = [item('s-1', 'Strong'), item('s-2', 'Strong'), item('w-1', 'Weak'), item('w-2', 'Weak'), item('w-3', 'Weak'), item('n-1', 'New')];
  const cards = new Map([
    ['s-1', card('s-1', 'Strong')],
    ['s-2', card('s-2', 'Strong')],
    ['w-1', card('w-1', 'Weak')],
  ]);
  const retrievability = (entry: CardRecord) => (entry.topic === 'Strong' ? 0.95 : 0.3);

  test('weak and unpractised topics get more seats; within a topic the least known first', () => {
    const plan = planMock({ items, cards, reviews: [], n: 5, retrievability }).map((entry) => entry.id);
    expect(plan).toHaveLength(5);
    expect(plan.filter((id) => id.startsWith('s-')).length).toBeLessThanOrEqual(1);
    expect(plan.indexOf('w-1')).toBeLessThan(plan.indexOf('w-2'));
  });

  test('--topics restricts the plan', () => {
    expect(planMock({ items, cards, reviews: [], n: 5, topics: ['strong'], retrievability }).map((entry) => entry.id)).toEqual(['s-1', 's-2']);
  });
});

describe('follow-ups', () => {
  const asked = item('gpu-memory-checkpointing', 'Memory', { related: ['gpu-memory-offload'] });
  const grade = gradeAnswer(asked, 'You recompute the activations later.', tools);

  test('from the weakest missed point: a related question about it, or a template', () => {
    const missed = weakestMissedPoint(grade);
    expect(missed?.point.en).toBe('Trades compute for memory');
    const related = item('gpu-memory-offload', 'Memory', { question: { zh: '显存', en: 'How does offloading save memory?' } });
    const unrelated = item('rag-x', 'RAG', { question: { zh: 'rag', en: 'What is retrieval?' }, keyPoints: [] });
    const point = missed?.point as NonNullable<typeof missed>['point'];
    expect(relatedFollowUp(point, [unrelated, related], tools)?.id).toBe('gpu-memory-offload');
    const followUp = pointFollowUp(asked, point, templateQuestion(point, 'en'), 'template');
    expect(followUp.question).toBe('Follow-up: you did not mention "Trades compute for memory". Can you explain it?');
    expect(followUp.item.keyPoints).toEqual([point]);
    expect(followUp.recordable).toBe(false);
  });
});

describe('runMock and the report', () => {
  let folder: string;
  let practice: Practice;
  const questions = [item('m-1', 'Memory'), item('r-1', 'RAG <tag>')];

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'mianba-mock-'));
    const store = openPracticeStore(join(folder, 'practice.db'));
    const scheduler = createScheduler(0.9);
    const base = { store, scheduler, tools, home: folder } as const;
    practice = {
      ...base,
      questions: async () => questions,
      question: async (id) => questions.find((entry) => entry.id === id),
      grade: (entry, answer, options) => gradeAnswer(entry, answer, tools, options),
      record: async (request) => {
        const next = scheduler.review(await store.card(request.item.id), request.rating, request.now ?? new Date());
        const identity = { questionId: request.item.id, kb: 'builtin', topic: 'T', topicPath: '""' };
        const review = {
          id: `${request.item.id}-${(await store.reviews()).length}`,
          ...identity,
          reviewedAt: (request.now ?? new Date()).toISOString(),
          rating: request.rating,
          impliedRating: request.grade.rating,
          score: request.grade.score,
          rougeL: request.grade.rougeL,
          covered: 0,
          total: 0,
          hinted: false,
          stateBefore: 'new' as const,
          dueAfter: next.due,
          stabilityAfter: next.stability,
          difficultyAfter: next.difficulty,
        };
        await store.recordReview(review, { ...identity, ...next });
        return { review, card: { ...identity, ...next } };
      },
      undo: async () => undefined,
      close: () => store.close(),
    };
  });
  afterEach(() => {
    practice.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test('asks while time is left, one follow-up per answer, records real questions, reports time and missed points', async () => {
    let clock = Date.parse('2025-03-01T10:00:00Z');
    const output: string[] = [];
    const session = {
      id: 'mock-1',
      kind: 'mock' as const,
      createdAt: new Date(clock).toISOString(),
      options: {},
      items: questions.map((entry, position) => ({ position, questionId: entry.id, status: 'pending' as const })),
    };
    practice.store.createSession(session);
    const source = createFileAnswers(['We recompute activations.', 'It saves memory.', 'skip']);
    const tick = source.readAnswer.bind(source);
    source.readAnswer = async () => {
      clock += 90_000;
      return tick();
    };
    const result = await runMock(practice, session, questions, {
      source,
      write: (text) => output.push(text),
      style: plain,
      language: 'en',
      minutes: 10,
      now: () => new Date(clock),
      followUp: async (asked, grade) => {
        const missed = weakestMissedPoint(grade);
        return missed ? pointFollowUp(asked, missed.point, templateQuestion(missed.point, 'en'), 'template') : undefined;
      },
    });
    expect(result.entries.map((entry) => [entry.kind, entry.item.id, entry.skipped])).toEqual([
      ['main', 'm-1', false],
      ['follow-up', 'm-1', false],
      ['main', 'r-1', true],
    ]);
    expect(result.entries[0]?.durationMs).toBe(90_000);
    expect((await practice.store.reviews()).map((review) => review.questionId)).toEqual(['m-1']);
    expect((await practice.store.sessions())[0]?.items.map((entry) => entry.status)).toEqual(['answered', 'skipped']);
    const report = buildMockReport(result, 'en');
    expect(report.rows[0]).toMatchObject({ id: 'm-1', time: '1:30', missed: ['Trades compute for memory'] });
    expect(report.reviewNext.map((entry) => entry.id)).toEqual(['r-1', 'm-1']);
    expect(mockReportMarkdown(report)).toContain('| 1 | m-1? (`m-1`) | Memory |');
    const html = mockReportHtml(report);
    expect(html).toContain('RAG &lt;tag&gt;');
    expect(html).not.toMatch(/<script|src=|href=/i);
  });

  test('stops asking when time is up', async () => {
    let clock = 0;
    const session = { id: 'mock-2', kind: 'mock' as const, createdAt: new Date(0).toISOString(), options: {}, items: [] };
    practice.store.createSession(session);
    const source = createFileAnswers(['We recompute activations and trade compute for memory.', 'x']);
    const read = source.readAnswer.bind(source);
    source.readAnswer = async () => {
      clock += 11 * 60_000;
      return read();
    };
    const result = await runMock(practice, session, questions, {
      source,
      write: () => {},
      style: plain,
      language: 'en',
      minutes: 10,
      now: () => new Date(clock),
      followUp: async () => undefined,
    });
    expect(result.entries).toHaveLength(1);
    expect(result).toMatchObject({ timedOut: true, unasked: 1 });
  });
});
