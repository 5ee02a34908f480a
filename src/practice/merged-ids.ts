// Practice history recorded under a bank id that was later merged into another item (the item's `aliasIds`) counts for
// the surviving item. Resolved at READ time: the append-only review log keeps the id it was written with; cards and
// reviews read through `withMergedIds` carry the surviving id, so stats, mastery, the due count and the drill see one
// card. A card with history under several ids is rebuilt by replaying all of it (the same replay undo uses).
import type { CardIdentity, PracticeStore } from './practice-store.js';
import type { CardRecord, ReviewRecord } from './progress-records.js';

export interface MergedIds {
  /** The surviving id of a former id; any other id unchanged. */
  canonical(id: string): string;
  /** The former ids merged into this id (empty for most). */
  formerIds(id: string): readonly string[];
  /** The surviving item's kb and topic, which a card rebuilt from former ids takes. */
  identity(id: string): CardIdentity | undefined;
}

/** The alias table of a bank: each question's id with the ids merged into it. Pure. */
export function mergedIdsOf(questions: readonly { id: string; aliasIds: readonly string[] }[], identity: (id: string) => CardIdentity | undefined): MergedIds {
  const survivor = new Map<string, string>();
  const former = new Map<string, readonly string[]>();
  for (const question of questions) {
    if (question.aliasIds.length === 0) continue;
    former.set(question.id, question.aliasIds);
    for (const alias of question.aliasIds) survivor.set(alias, question.id);
  }
  return {
    canonical: (id) => survivor.get(id) ?? id,
    formerIds: (id) => former.get(id) ?? [],
    identity: (id) => (former.has(id) ? identity(id) : undefined),
  };
}

/** A review as read: under the surviving id and topic (the stored row is not touched). */
export function resolveReview(review: ReviewRecord, merged: MergedIds): ReviewRecord {
  const id = merged.canonical(review.questionId);
  if (id === review.questionId) return review;
  return { ...review, questionId: id, ...merged.identity(id) };
}

type Rebuild = (identity: CardIdentity, reviews: ReviewRecord[]) => CardRecord;

/**
 * The surviving item's card from raw rows under all of its ids: the stored card when no former id has any history,
 * else a replay of the whole history (oldest first), else (cards without logs, e.g. imported) the latest card renamed.
 */
export function resolveCard(
  id: string,
  rows: { cards: readonly CardRecord[]; reviews: readonly ReviewRecord[] },
  merged: MergedIds,
  rebuild: Rebuild,
): CardRecord | undefined {
  const involvesFormer = [...rows.cards, ...rows.reviews].some((row) => row.questionId !== id);
  const own = rows.cards.find((card) => card.questionId === id);
  if (!involvesFormer) return own;
  const identity = merged.identity(id) ?? own ?? rows.cards[0] ?? rows.reviews[0];
  if (!identity) return undefined;
  const { kb, topic, topicPath } = identity;
  const history = rows.reviews.map((review) => resolveReview(review, merged)).sort(byTime);
  if (history.length > 0) return rebuild({ questionId: id, kb, topic, topicPath }, history);
  const latest = [...rows.cards].sort((a, b) => (b.lastReview ?? '').localeCompare(a.lastReview ?? ''))[0];
  return latest ? { ...latest, questionId: id, kb, topic, topicPath } : undefined;
}

/** The store as the rest of practice reads it: every id resolved to its surviving item; writes go to that id. */
export function withMergedIds(store: PracticeStore, merged: () => MergedIds, rebuild: Rebuild): PracticeStore {
  const idsOf = (id: string) => [id, ...merged().formerIds(id)];
  const rowsOf = async (ids: readonly string[]) => ({
    cards: (await Promise.all(ids.map((each) => store.card(each)))).flatMap((found) => found ?? []),
    reviews: (await Promise.all(ids.map((each) => store.reviews(each)))).flat(),
  });
  const card = async (questionId: string): Promise<CardRecord | undefined> => {
    const id = merged().canonical(questionId);
    if (merged().formerIds(id).length === 0) return store.card(id);
    return resolveCard(id, await rowsOf(idsOf(id)), merged(), rebuild);
  };
  return {
    ...store,
    card,
    async cards() {
      const raw = await store.cards();
      const touched = new Set(raw.map((entry) => merged().canonical(entry.questionId)).filter((id) => merged().formerIds(id).length > 0));
      for (const id of await store.reviewedIds()) {
        const survivor = merged().canonical(id);
        if (survivor !== id) touched.add(survivor);
      }
      if (touched.size === 0) return raw;
      const kept = raw.filter((entry) => !touched.has(merged().canonical(entry.questionId)));
      const rebuilt = (await Promise.all([...touched].map((id) => card(id)))).flatMap((found) => found ?? []);
      return [...kept, ...rebuilt].sort((a, b) => a.questionId.localeCompare(b.questionId));
    },
    async reviews(questionId) {
      if (questionId === undefined) return (await store.reviews()).map((review) => resolveReview(review, merged()));
      const id = merged().canonical(questionId);
      const ids = idsOf(id);
      if (ids.length === 1) return store.reviews(id);
      return (await rowsOf(ids)).reviews.map((review) => resolveReview(review, merged())).sort(byTime);
    },
    reviewCard(questionId, build, item) {
      const id = merged().canonical(questionId);
      const formerIds = merged().formerIds(id);
      // The store reads the rows of every id inside its write transaction, so the merged state is current.
      return store.reviewCard(id, (own, rows) => build(rows ? resolveCard(id, rows, merged(), rebuild) : own), item, formerIds);
    },
    async undoLastReview(rebuildCard) {
      const undone = await store.undoLastReview(rebuildCard);
      return undone ? resolveReview(undone, merged()) : undefined;
    },
    deleteQuestions(questionIds) {
      const ids = new Set(questionIds.flatMap((id) => idsOf(merged().canonical(id))));
      return store.deleteQuestions([...ids]);
    },
  };
}

function byTime(a: ReviewRecord, b: ReviewRecord): number {
  return a.reviewedAt.localeCompare(b.reviewedAt) || a.id.localeCompare(b.id);
}
