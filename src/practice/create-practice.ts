// The practice capability over an App: the questions that can be drilled, the grader bound to the App's text tools,
// the FSRS scheduler at the configured retention, and recording a review (card + log in one transaction) in the
// PracticeStore the App opened (practice.db, or the team database). Callers close it.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Bank } from '../bank/load-bank.js';
import type { QuestionItem } from '../bank/question-item.js';
import { bankItem } from '../bank/question-item.js';
import { AppError } from '../core/errors.js';
import type { TextTools } from '../text/text-tools.js';
import { type GradeOptions, type GradeResult, gradeAnswer } from './grade-answer.js';
import { type MergedIds, mergedIdsOf, withMergedIds } from './merged-ids.js';
import { isDrillable } from './pick-questions.js';
import type { CardIdentity, PracticeStore } from './practice-store.js';
import type { CardRecord, ReviewRecord } from './progress-records.js';
import type { Rating } from './rating.js';
import { createScheduler, replayCard, type Scheduler } from './scheduler.js';
import { topicOf, topicPathOf } from './topics.js';

export interface RecordRequest {
  item: QuestionItem;
  grade: GradeResult;
  rating: Rating;
  answer?: string | undefined;
  durationMs?: number | undefined;
  session?: { sessionId: string; position: number } | undefined;
  now?: Date | undefined;
}

export interface Practice {
  readonly store: PracticeStore;
  readonly scheduler: Scheduler;
  readonly tools: TextTools;
  readonly home: string;
  /** Questions that have an answer (bank and the user's), optionally by topic or knowledge base. */
  questions(filter?: { topic?: string | undefined; kb?: string | undefined }): Promise<QuestionItem[]>;
  question(id: string): Promise<QuestionItem | undefined>;
  grade(item: QuestionItem, answer: string, options?: GradeOptions): GradeResult;
  /** Schedules the card from the rating and appends the review log, atomically. */
  record(request: RecordRequest): Promise<{ review: ReviewRecord; card: CardRecord }>;
  /** Undoes the most recent review (any question); its card goes back to the state before it. */
  undo(): Promise<{ review: ReviewRecord; card: CardRecord | undefined } | undefined>;
  close(): void;
}

export function practiceFile(home: string): string {
  return join(home, 'practice.db');
}

/** What practice needs from the App (the composition root passes itself); practice never imports the App. */
export interface PracticeHost {
  readonly config: { home: string; practice: { desiredRetention: number } };
  tools(): TextTools;
  bank(): Bank;
  listQuestions(filter?: { kb?: string | undefined; topic?: string | undefined }): Promise<QuestionItem[]>;
  getQuestion(id: string): Promise<QuestionItem | undefined>;
}

/** Practice over the host's questions, recording into `store` (which it closes on close()). */
export function createPractice(app: PracticeHost, opened: PracticeStore): Practice {
  const scheduler = createScheduler(app.config.practice.desiredRetention);
  const rebuild = (identity: CardIdentity, history: ReviewRecord[]): CardRecord => {
    const card = replayCard(scheduler, history);
    if (!card) throw new AppError('internal', `no reviews to rebuild card ${identity.questionId}`);
    return { ...identity, ...card };
  };
  // The bank's merged ids, read once and only when practice data is read.
  let merged: MergedIds | undefined;
  const mergedIds = () => {
    if (merged) return merged;
    const questions = app.bank().questions;
    const byId = new Map(questions.map((question) => [question.id, question]));
    merged = mergedIdsOf(questions, (id) => {
      const question = byId.get(id);
      if (!question) return undefined;
      const item = bankItem(question);
      return { questionId: id, kb: item.kb, topic: topicOf(item), topicPath: topicPathOf(item) };
    });
    return merged;
  };
  const store = withMergedIds(opened, mergedIds, rebuild);
  const tools = app.tools();
  return {
    store,
    scheduler,
    tools,
    home: app.config.home,
    async questions(filter = {}) {
      return (await app.listQuestions({ topic: filter.topic, kb: filter.kb })).filter(isDrillable);
    },
    question: (id) => app.getQuestion(id),
    grade: (item, answer, options) => gradeAnswer(item, answer, tools, options),
    record(request) {
      const now = request.now ?? new Date();
      const identity = { questionId: request.item.id, kb: request.item.kb, topic: topicOf(request.item), topicPath: topicPathOf(request.item) };
      return store.reviewCard(
        request.item.id,
        (before) => {
          const next = scheduler.review(before, request.rating, now);
          const card: CardRecord = { ...identity, ...next };
          const review: ReviewRecord = {
            id: randomUUID(),
            ...identity,
            ...(request.session ? { sessionId: request.session.sessionId } : {}),
            reviewedAt: now.toISOString(),
            rating: request.rating,
            impliedRating: request.grade.rating,
            score: request.grade.score,
            rougeL: request.grade.rougeL,
            covered: request.grade.covered.length,
            total: request.grade.points.length,
            hinted: request.grade.hinted,
            ...(request.durationMs !== undefined ? { durationMs: Math.round(request.durationMs) } : {}),
            ...(request.answer !== undefined ? { answer: request.answer } : {}),
            stateBefore: before?.state ?? 'new',
            dueAfter: next.due,
            stabilityAfter: next.stability,
            difficultyAfter: next.difficulty,
          };
          return { review, card };
        },
        request.session,
      );
    },
    async undo() {
      const review = await store.undoLastReview(rebuild);
      return review ? { review, card: await store.card(review.questionId) } : undefined;
    },
    close: () => store.close(),
  };
}
