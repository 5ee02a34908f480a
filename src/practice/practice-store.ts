// The PracticeStore capability (cards, append-only review logs, sessions) and its SQLite implementation, practice.db
// (better-sqlite3, synchronous inside; the interface is async so that PostgreSQL fits, see postgres-practice-store.ts).
// WAL with synchronous=FULL, migrations by user_version, and every review written in ONE IMMEDIATE transaction with
// its card update, so a kill at any moment leaves either both or neither.
import { openSqliteDatabase } from '../store/sqlite-open.js';
import { practiceMigrations } from './practice-migrations.js';
import { type CardRow, cardFromRow, cardParams, type ReviewRow, reviewFromRow, reviewParams } from './practice-rows.js';
import type { CardRecord, ProgressBackup, ReviewRecord, SessionItemStatus, SessionRecord } from './progress-records.js';

/** What a card belongs to, apart from its memory state. */
export type CardIdentity = Pick<CardRecord, 'questionId' | 'kb' | 'topic' | 'topicPath'>;

export interface MergeSummary {
  reviewsAdded: number;
  reviewsSkipped: number;
  cardsAdded: number;
  cardsRebuilt: number;
  sessionsAdded: number;
}

/** Rows of a card's history, read inside the write transaction for a card that absorbed other ids (merged-ids.ts). */
export interface CardRows {
  cards: CardRecord[];
  /** Oldest first. */
  reviews: ReviewRecord[];
}

/** Where a review was answered: the session item it marks answered. */
export interface SessionItemRef {
  sessionId: string;
  position: number;
}

/** One person's practice data. Every write is atomic; concurrent writers serialise (SQLite IMMEDIATE, a PostgreSQL lock). */
export interface PracticeStore {
  card(questionId: string): Promise<CardRecord | undefined>;
  cards(): Promise<CardRecord[]>;
  /** Review logs, oldest first; all of them or one question's. */
  reviews(questionId?: string): Promise<ReviewRecord[]>;
  /** The distinct question ids that have review logs. */
  reviewedIds(): Promise<string[]>;
  /** Appends a review and stores the card it led to (and marks the session item answered), atomically. */
  recordReview(review: ReviewRecord, card: CardRecord, item?: SessionItemRef): Promise<void>;
  /**
   * Reads the card, lets `build` compute the review and the next card from it, and writes both, all inside ONE
   * transaction: concurrent writers of the same card serialise instead of losing each other's review. With
   * `formerIds`, `build` also gets the cards and reviews of the question and those ids, read in the same transaction.
   */
  reviewCard<T extends { review: ReviewRecord; card: CardRecord }>(
    questionId: string,
    build: (before: CardRecord | undefined, rows?: CardRows) => T,
    item?: SessionItemRef,
    formerIds?: readonly string[],
  ): Promise<T>;
  createSession(session: SessionRecord): Promise<void>;
  sessions(): Promise<SessionRecord[]>;
  /** The most recent unfinished session of a kind. */
  lastOpenSession(kind: SessionRecord['kind']): Promise<SessionRecord | undefined>;
  setItemStatus(sessionId: string, position: number, status: SessionItemStatus): Promise<void>;
  finishSession(sessionId: string, at: string): Promise<void>;
  /** Stores a session's final report (JSON) in its options under "report"; history is kept, never overwritten. */
  saveSessionReport(sessionId: string, report: unknown): Promise<void>;
  /**
   * Merges a backup: new review logs are appended (known ids skipped), cards missing here are added, and every card
   * whose history changed is rebuilt from its full log by `rebuild`. One transaction.
   */
  merge(backup: ProgressBackup, rebuild: (identity: CardIdentity, reviews: ReviewRecord[]) => CardRecord): Promise<MergeSummary>;
  /**
   * Undoes the most recent review: deletes its log, rebuilds its card from the remaining history (or deletes the card
   * when none is left) and puts its session item back to pending, in one transaction. The only deletion of a single
   * log; undefined when there is nothing to undo.
   */
  undoLastReview(rebuild: (identity: CardIdentity, reviews: ReviewRecord[]) => CardRecord): Promise<ReviewRecord | undefined>;
  /** Deletes the cards and review logs of these questions in one transaction. */
  deleteQuestions(questionIds: readonly string[]): Promise<{ cards: number; reviews: number }>;
  close(): void;
}

const reviewColumns = `(id, question_id, session_id, kb, topic, topic_path, reviewed_at, rating, implied_rating, score, rouge_l, covered, total,
    hinted, duration_ms, answer, state_before, due_after, stability_after, difficulty_after)
  VALUES (@id, @question_id, @session_id, @kb, @topic, @topic_path, @reviewed_at, @rating, @implied_rating, @score, @rouge_l, @covered, @total,
    @hinted, @duration_ms, @answer, @state_before, @due_after, @stability_after, @difficulty_after)`;

export function openPracticeStore(file: string): PracticeStore {
  const db = openSqliteDatabase(file, practiceMigrations, 'practice data');
  const insertReview = db.prepare(`INSERT INTO review_logs ${reviewColumns}`);
  const insertReviewIfNew = db.prepare(`INSERT OR IGNORE INTO review_logs ${reviewColumns}`);
  const upsertCard = db.prepare(
    `INSERT INTO cards (question_id, kb, topic, topic_path, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review)
     VALUES (@question_id, @kb, @topic, @topic_path, @due, @stability, @difficulty, @elapsed_days, @scheduled_days, @learning_steps, @reps, @lapses, @state, @last_review)
     ON CONFLICT (question_id) DO UPDATE SET kb = excluded.kb, topic = excluded.topic, topic_path = excluded.topic_path, due = excluded.due,
       stability = excluded.stability, difficulty = excluded.difficulty, elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days,
       learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses, state = excluded.state, last_review = excluded.last_review`,
  );
  const updateItem = db.prepare('UPDATE session_items SET status = ? WHERE session_id = ? AND position = ?');
  const card = (questionId: string) => {
    const row = db.prepare('SELECT * FROM cards WHERE question_id = ?').get(questionId) as CardRow | undefined;
    return row ? cardFromRow(row) : undefined;
  };
  const reviews = (questionId?: string) => {
    const rows = (
      questionId === undefined
        ? db.prepare('SELECT * FROM review_logs ORDER BY reviewed_at, id').all()
        : db.prepare('SELECT * FROM review_logs WHERE question_id = ? ORDER BY reviewed_at, id').all(questionId)
    ) as ReviewRow[];
    return rows.map(reviewFromRow);
  };
  const insertSession = (session: SessionRecord, ignoreExisting: boolean): boolean => {
    const verb = ignoreExisting ? 'INSERT OR IGNORE' : 'INSERT';
    const added = db
      .prepare(`${verb} INTO sessions (id, kind, created_at, finished_at, options) VALUES (?, ?, ?, ?, ?)`)
      .run(session.id, session.kind, session.createdAt, session.finishedAt ?? null, JSON.stringify(session.options)).changes;
    const item = db.prepare(`${verb} INTO session_items (session_id, position, question_id, status) VALUES (?, ?, ?, ?)`);
    if (added > 0) for (const entry of session.items) item.run(session.id, entry.position, entry.questionId, entry.status);
    return added > 0;
  };
  const sessionFrom = (row: { id: string; kind: SessionRecord['kind']; created_at: string; finished_at: string | null; options: string }): SessionRecord => {
    const items = db.prepare('SELECT position, question_id, status FROM session_items WHERE session_id = ? ORDER BY position').all(row.id) as {
      position: number;
      question_id: string;
      status: SessionItemStatus;
    }[];
    return {
      id: row.id,
      kind: row.kind,
      createdAt: row.created_at,
      ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
      options: JSON.parse(row.options) as Record<string, unknown>,
      items: items.map((item) => ({ position: item.position, questionId: item.question_id, status: item.status })),
    };
  };

  const cardRows = (ids: readonly string[]): CardRows => ({
    cards: ids.flatMap((id) => card(id) ?? []),
    reviews: ids.flatMap((id) => reviews(id)).sort((a, b) => a.reviewedAt.localeCompare(b.reviewedAt) || a.id.localeCompare(b.id)),
  });

  return {
    card: async (questionId) => card(questionId),
    cards: async () => (db.prepare('SELECT * FROM cards ORDER BY question_id').all() as CardRow[]).map(cardFromRow),
    reviews: async (questionId) => reviews(questionId),
    reviewedIds: async () => db.prepare('SELECT DISTINCT question_id FROM review_logs').pluck().all() as string[],
    async recordReview(review, next, item) {
      db.transaction(() => {
        insertReview.run(reviewParams(review));
        upsertCard.run(cardParams(next));
        if (item) updateItem.run('answered', item.sessionId, item.position);
      }).immediate();
    },
    async reviewCard(questionId, build, item, formerIds = []) {
      return db
        .transaction(() => {
          const built = build(card(questionId), formerIds.length > 0 ? cardRows([questionId, ...formerIds]) : undefined);
          insertReview.run(reviewParams(built.review));
          upsertCard.run(cardParams(built.card));
          if (item) updateItem.run('answered', item.sessionId, item.position);
          return built;
        })
        .immediate();
    },
    async createSession(session) {
      db.transaction(() => insertSession(session, false)).immediate();
    },
    sessions: async () => (db.prepare('SELECT * FROM sessions ORDER BY created_at, id').all() as Parameters<typeof sessionFrom>[0][]).map(sessionFrom),
    async lastOpenSession(kind) {
      const row = db.prepare('SELECT * FROM sessions WHERE kind = ? AND finished_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1').get(kind) as
        | Parameters<typeof sessionFrom>[0]
        | undefined;
      return row ? sessionFrom(row) : undefined;
    },
    async setItemStatus(sessionId, position, status) {
      updateItem.run(status, sessionId, position);
    },
    async saveSessionReport(sessionId, report) {
      db.prepare("UPDATE sessions SET options = json_set(options, '$.report', json(?)) WHERE id = ? AND json_extract(options, '$.report') IS NULL").run(
        JSON.stringify(report),
        sessionId,
      );
    },
    async finishSession(sessionId, at) {
      db.prepare('UPDATE sessions SET finished_at = ? WHERE id = ? AND finished_at IS NULL').run(at, sessionId);
    },
    async merge(backup, rebuild) {
      return db
        .transaction(() => {
          const summary: MergeSummary = { reviewsAdded: 0, reviewsSkipped: 0, cardsAdded: 0, cardsRebuilt: 0, sessionsAdded: 0 };
          const changed = new Set<string>();
          for (const review of backup.reviews) {
            if (insertReviewIfNew.run(reviewParams(review)).changes > 0) {
              summary.reviewsAdded++;
              changed.add(review.questionId);
            } else summary.reviewsSkipped++;
          }
          for (const incoming of backup.cards) {
            if (card(incoming.questionId)) continue;
            upsertCard.run(cardParams(incoming));
            summary.cardsAdded++;
          }
          for (const questionId of changed) {
            const history = reviews(questionId);
            const identity = card(questionId) ?? history.at(-1);
            if (!identity) continue;
            const { kb, topic, topicPath } = identity;
            upsertCard.run(cardParams(rebuild({ questionId, kb, topic, topicPath }, history)));
            summary.cardsRebuilt++;
          }
          for (const session of backup.sessions) if (insertSession(session, true)) summary.sessionsAdded++;
          return summary;
        })
        .immediate();
    },
    async undoLastReview(rebuild) {
      return db
        .transaction(() => {
          const row = db.prepare('SELECT * FROM review_logs ORDER BY reviewed_at DESC, rowid DESC LIMIT 1').get() as ReviewRow | undefined;
          if (!row) return undefined;
          const last = reviewFromRow(row);
          db.prepare('DELETE FROM review_logs WHERE id = ?').run(last.id);
          const history = reviews(last.questionId);
          if (history.length === 0) db.prepare('DELETE FROM cards WHERE question_id = ?').run(last.questionId);
          else upsertCard.run(cardParams(rebuild({ questionId: last.questionId, kb: last.kb, topic: last.topic, topicPath: last.topicPath }, history)));
          if (last.sessionId)
            db.prepare("UPDATE session_items SET status = 'pending' WHERE session_id = ? AND question_id = ?").run(last.sessionId, last.questionId);
          return last;
        })
        .immediate();
    },
    async deleteQuestions(questionIds) {
      return db
        .transaction(() => {
          const ids = JSON.stringify([...questionIds]);
          const reviewsDeleted = db.prepare('DELETE FROM review_logs WHERE question_id IN (SELECT value FROM json_each(?))').run(ids).changes;
          const cardsDeleted = db.prepare('DELETE FROM cards WHERE question_id IN (SELECT value FROM json_each(?))').run(ids).changes;
          return { cards: cardsDeleted, reviews: reviewsDeleted };
        })
        .immediate();
    },
    close() {
      if (db.open) db.close();
    },
  };
}
