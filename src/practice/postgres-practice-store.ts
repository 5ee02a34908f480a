// PracticeStore on PostgreSQL: one person's cards, review logs and sessions in the team database (tables practice_*,
// keyed by owner_id), so every server sees one history. Each write is one transaction that first takes an advisory
// lock on the owner, so concurrent writers of one person serialise as they do on SQLite (IMMEDIATE).
import type { Pool, PoolClient } from 'pg';
import { type CardRow, cardFromRow, cardParams, type ReviewRow, reviewFromRow, reviewParams } from './practice-rows.js';
import type { CardRows, MergeSummary, PracticeStore } from './practice-store.js';
import type { CardRecord, ReviewRecord, SessionItemStatus, SessionRecord } from './progress-records.js';

/** First key of the per-owner advisory lock ("mp", mianba practice); the second is the owner id. */
const practiceLock = 0x6d70;

type Queryable = Pool | PoolClient;

interface SessionRow {
  id: string;
  kind: SessionRecord['kind'];
  created_at: string;
  finished_at: string | null;
  options: Record<string, unknown>;
}

const cardColumns = [
  'question_id',
  'kb',
  'topic',
  'topic_path',
  'due',
  'stability',
  'difficulty',
  'elapsed_days',
  'scheduled_days',
  'learning_steps',
  'reps',
  'lapses',
  'state',
  'last_review',
] as const;
const reviewColumns = [
  'id',
  'question_id',
  'session_id',
  'kb',
  'topic',
  'topic_path',
  'reviewed_at',
  'rating',
  'implied_rating',
  'score',
  'rouge_l',
  'covered',
  'total',
  'hinted',
  'duration_ms',
  'answer',
  'state_before',
  'due_after',
  'stability_after',
  'difficulty_after',
] as const;
const placeholders = (count: number) => Array.from({ length: count }, (_, index) => `$${index + 2}`).join(', ');
const upsertCardSql = `INSERT INTO practice_cards (owner_id, ${cardColumns.join(', ')}) VALUES ($1, ${placeholders(cardColumns.length)})
  ON CONFLICT (owner_id, question_id) DO UPDATE SET ${cardColumns
    .slice(1)
    .map((column) => `${column} = excluded.${column}`)
    .join(', ')}`;
const insertReviewSql = `INSERT INTO practice_reviews (owner_id, ${reviewColumns.join(', ')}) VALUES ($1, ${placeholders(reviewColumns.length)})`;

/** The practice data of one owner (a user id; 0 for the CLI and servers without users). `pool` is the App's. */
export function createPostgresPracticeStore(pool: () => Promise<Pool>, ownerId: number): PracticeStore {
  const owner = String(ownerId);
  const upsertCard = (db: Queryable, card: CardRecord) => {
    const row = cardParams(card);
    return db.query(upsertCardSql, [owner, ...cardColumns.map((column) => row[column])]);
  };
  const insertReview = (db: Queryable, review: ReviewRecord, ignoreExisting = false) => {
    const row = reviewParams(review);
    return db.query(`${insertReviewSql}${ignoreExisting ? ' ON CONFLICT (owner_id, id) DO NOTHING' : ''}`, [
      owner,
      ...reviewColumns.map((column) => row[column]),
    ]);
  };
  const markItem = (db: Queryable, sessionId: string, position: number, status: SessionItemStatus) =>
    db.query('UPDATE practice_session_items SET status = $2 WHERE owner_id = $1 AND session_id = $3 AND position = $4', [owner, status, sessionId, position]);
  const card = async (db: Queryable, questionId: string): Promise<CardRecord | undefined> => {
    const result = await db.query<CardRow>('SELECT * FROM practice_cards WHERE owner_id = $1 AND question_id = $2', [owner, questionId]);
    return result.rows[0] ? cardFromRow(result.rows[0]) : undefined;
  };
  const reviews = async (db: Queryable, questionIds?: readonly string[]): Promise<ReviewRecord[]> => {
    const result =
      questionIds === undefined
        ? await db.query<ReviewRow>('SELECT * FROM practice_reviews WHERE owner_id = $1 ORDER BY reviewed_at COLLATE "C", id COLLATE "C"', [owner])
        : await db.query<ReviewRow>(
            'SELECT * FROM practice_reviews WHERE owner_id = $1 AND question_id = ANY($2) ORDER BY reviewed_at COLLATE "C", id COLLATE "C"',
            [owner, [...questionIds]],
          );
    return result.rows.map(reviewFromRow);
  };
  const sessionsFrom = async (db: Queryable, rows: SessionRow[]): Promise<SessionRecord[]> => {
    if (rows.length === 0) return [];
    const items = await db.query<{ session_id: string; position: number; question_id: string; status: SessionItemStatus }>(
      'SELECT session_id, position, question_id, status FROM practice_session_items WHERE owner_id = $1 AND session_id = ANY($2) ORDER BY position',
      [owner, rows.map((row) => row.id)],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      createdAt: row.created_at,
      ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
      options: row.options,
      items: items.rows
        .filter((item) => item.session_id === row.id)
        .map((item) => ({ position: item.position, questionId: item.question_id, status: item.status })),
    }));
  };
  const insertSession = async (db: Queryable, session: SessionRecord, ignoreExisting: boolean): Promise<boolean> => {
    const added = await db.query(
      `INSERT INTO practice_sessions (owner_id, id, kind, created_at, finished_at, options) VALUES ($1, $2, $3, $4, $5, $6)${
        ignoreExisting ? ' ON CONFLICT (owner_id, id) DO NOTHING' : ''
      }`,
      [owner, session.id, session.kind, session.createdAt, session.finishedAt ?? null, JSON.stringify(session.options)],
    );
    if (added.rowCount === 0) return false;
    for (const item of session.items)
      await db.query('INSERT INTO practice_session_items (owner_id, session_id, position, question_id, status) VALUES ($1, $2, $3, $4, $5)', [
        owner,
        session.id,
        item.position,
        item.questionId,
        item.status,
      ]);
    return true;
  };
  /** One transaction holding this owner's practice lock. */
  const locked = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    const client = await (await pool()).connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [practiceLock, ownerId]);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  const rowsOf = async (db: Queryable, ids: readonly string[]): Promise<CardRows> => {
    const cards = await db.query<CardRow>('SELECT * FROM practice_cards WHERE owner_id = $1 AND question_id = ANY($2)', [owner, [...ids]]);
    return { cards: cards.rows.map(cardFromRow), reviews: await reviews(db, ids) };
  };

  return {
    card: async (questionId) => card(await pool(), questionId),
    async cards() {
      const result = await (await pool()).query<CardRow>('SELECT * FROM practice_cards WHERE owner_id = $1 ORDER BY question_id COLLATE "C"', [owner]);
      return result.rows.map(cardFromRow);
    },
    reviews: async (questionId) => reviews(await pool(), questionId === undefined ? undefined : [questionId]),
    async reviewedIds() {
      const result = await (await pool()).query<{ question_id: string }>('SELECT DISTINCT question_id FROM practice_reviews WHERE owner_id = $1', [owner]);
      return result.rows.map((row) => row.question_id);
    },
    recordReview: (review, next, item) =>
      locked(async (client) => {
        await insertReview(client, review);
        await upsertCard(client, next);
        if (item) await markItem(client, item.sessionId, item.position, 'answered');
      }),
    reviewCard: (questionId, build, item, formerIds = []) =>
      locked(async (client) => {
        const built = build(await card(client, questionId), formerIds.length > 0 ? await rowsOf(client, [questionId, ...formerIds]) : undefined);
        await insertReview(client, built.review);
        await upsertCard(client, built.card);
        if (item) await markItem(client, item.sessionId, item.position, 'answered');
        return built;
      }),
    createSession: (session) =>
      locked(async (client) => {
        await insertSession(client, session, false);
      }),
    async sessions() {
      const db = await pool();
      const rows = await db.query<SessionRow>('SELECT * FROM practice_sessions WHERE owner_id = $1 ORDER BY created_at COLLATE "C", id COLLATE "C"', [owner]);
      return sessionsFrom(db, rows.rows);
    },
    async lastOpenSession(kind) {
      const db = await pool();
      const rows = await db.query<SessionRow>(
        'SELECT * FROM practice_sessions WHERE owner_id = $1 AND kind = $2 AND finished_at IS NULL ORDER BY created_at COLLATE "C" DESC, seq DESC LIMIT 1',
        [owner, kind],
      );
      return (await sessionsFrom(db, rows.rows))[0];
    },
    async setItemStatus(sessionId, position, status) {
      await markItem(await pool(), sessionId, position, status);
    },
    async finishSession(sessionId, at) {
      await (await pool()).query('UPDATE practice_sessions SET finished_at = $3 WHERE owner_id = $1 AND id = $2 AND finished_at IS NULL', [
        owner,
        sessionId,
        at,
      ]);
    },
    async saveSessionReport(sessionId, report) {
      await (await pool()).query(
        "UPDATE practice_sessions SET options = jsonb_set(options, '{report}', $3::jsonb) WHERE owner_id = $1 AND id = $2 AND NOT options ? 'report'",
        [owner, sessionId, JSON.stringify(report)],
      );
    },
    merge: (backup, rebuild) =>
      locked(async (client) => {
        const summary: MergeSummary = { reviewsAdded: 0, reviewsSkipped: 0, cardsAdded: 0, cardsRebuilt: 0, sessionsAdded: 0 };
        const changed = new Set<string>();
        for (const review of backup.reviews) {
          if (((await insertReview(client, review, true)).rowCount ?? 0) > 0) {
            summary.reviewsAdded++;
            changed.add(review.questionId);
          } else summary.reviewsSkipped++;
        }
        for (const incoming of backup.cards) {
          if (await card(client, incoming.questionId)) continue;
          await upsertCard(client, incoming);
          summary.cardsAdded++;
        }
        for (const questionId of changed) {
          const history = await reviews(client, [questionId]);
          const identity = (await card(client, questionId)) ?? history.at(-1);
          if (!identity) continue;
          const { kb, topic, topicPath } = identity;
          await upsertCard(client, rebuild({ questionId, kb, topic, topicPath }, history));
          summary.cardsRebuilt++;
        }
        for (const session of backup.sessions) if (await insertSession(client, session, true)) summary.sessionsAdded++;
        return summary;
      }),
    undoLastReview: (rebuild) =>
      locked(async (client) => {
        const row = (
          await client.query<ReviewRow>('SELECT * FROM practice_reviews WHERE owner_id = $1 ORDER BY reviewed_at COLLATE "C" DESC, seq DESC LIMIT 1', [owner])
        ).rows[0];
        if (!row) return undefined;
        const last = reviewFromRow(row);
        await client.query('DELETE FROM practice_reviews WHERE owner_id = $1 AND id = $2', [owner, last.id]);
        const history = await reviews(client, [last.questionId]);
        if (history.length === 0) await client.query('DELETE FROM practice_cards WHERE owner_id = $1 AND question_id = $2', [owner, last.questionId]);
        else await upsertCard(client, rebuild({ questionId: last.questionId, kb: last.kb, topic: last.topic, topicPath: last.topicPath }, history));
        if (last.sessionId)
          await client.query("UPDATE practice_session_items SET status = 'pending' WHERE owner_id = $1 AND session_id = $2 AND question_id = $3", [
            owner,
            last.sessionId,
            last.questionId,
          ]);
        return last;
      }),
    deleteQuestions: (questionIds) =>
      locked(async (client) => {
        const ids = [...questionIds];
        const removedReviews = await client.query('DELETE FROM practice_reviews WHERE owner_id = $1 AND question_id = ANY($2)', [owner, ids]);
        const removedCards = await client.query('DELETE FROM practice_cards WHERE owner_id = $1 AND question_id = ANY($2)', [owner, ids]);
        return { cards: removedCards.rowCount ?? 0, reviews: removedReviews.rowCount ?? 0 };
      }),
    // The pool belongs to the App (shared by every person's store); closing one person's view closes nothing.
    close: () => undefined,
  };
}
