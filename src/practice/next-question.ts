// The pick of the next drill question for one-question-at-a-time clients (the web app, MCP): due first, then new,
// never the same topic twice in a row when another is left. Reads the practice store; writes nothing.
import type { QuestionItem } from '../bank/question-item.js';
import type { Practice } from './create-practice.js';
import { pickDrillQuestions } from './pick-questions.js';
import { topicOf } from './topics.js';

/** Which cards a drill session still wants: any (due first, then new), only due ones, or only new ones. */
export type DrillKind = 'any' | 'due' | 'new';

/** The next question of a drill: the one asked for, else due first, then new (see pickDrillQuestions). */
export async function nextQuestion(
  practice: Practice,
  filter: { topic?: string | undefined; topics?: readonly string[]; kb?: string | undefined; skip?: readonly string[]; kind?: DrillKind },
): Promise<{ item: QuestionItem | undefined; due: number; fresh: number }> {
  const topics = filter.topics && filter.topics.length > 0 ? new Set(filter.topics) : undefined;
  const items = (await practice.questions({ topic: filter.topic, kb: filter.kb })).filter(
    (item) => !filter.skip?.includes(item.id) && (!topics || topics.has(topicOf(item))),
  );
  const cards = new Map((await practice.store.cards()).map((card) => [card.questionId, card]));
  const now = new Date();
  const picked = pickDrillQuestions(items, cards, { now, limit: items.length, newLimit: items.length });
  const isReview = (entry: (typeof picked)[number]) => entry.card !== undefined && entry.card.state !== 'new';
  const due = picked.filter(isReview).length;
  const kind = filter.kind ?? 'any';
  const wanted = picked.filter((entry) => kind === 'any' || (kind === 'due') === isReview(entry));
  // The client passes the questions it has asked as `skip` (oldest first): prefer a topic other than the last one
  // asked, so that one call after another never serves three questions of one chapter in a row.
  const lastId = filter.skip?.at(-1);
  const lastItem = lastId ? await practice.question(lastId) : undefined;
  const lastTopic = lastItem ? topicOf(lastItem) : undefined;
  const next = wanted.find((entry) => topicOf(entry.item) !== lastTopic) ?? wanted[0];
  return { item: next?.item, due, fresh: picked.length - due };
}
