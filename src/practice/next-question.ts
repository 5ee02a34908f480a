// The pick of the next drill question for one-question-at-a-time clients (the web app, MCP): due first, then new,
// never the same topic twice in a row when another is left. Reads the practice store; writes nothing.
import type { QuestionItem } from '../bank/question-item.js';
import type { Practice } from './create-practice.js';
import { pickDrillQuestions } from './pick-questions.js';
import { topicOf } from './topics.js';

/** The next question of a drill: the one asked for, else due first, then new (see pickDrillQuestions). */
export async function nextQuestion(
  practice: Practice,
  filter: { topic?: string | undefined; kb?: string | undefined; skip?: readonly string[] },
): Promise<{ item: QuestionItem | undefined; due: number; fresh: number }> {
  const items = (await practice.questions({ topic: filter.topic, kb: filter.kb })).filter((item) => !filter.skip?.includes(item.id));
  const cards = new Map(practice.store.cards().map((card) => [card.questionId, card]));
  const now = new Date();
  const picked = pickDrillQuestions(items, cards, { now, limit: items.length, newLimit: items.length });
  const due = picked.filter((entry) => entry.card && entry.card.state !== 'new').length;
  // The client passes the questions it has asked as `skip` (oldest first): prefer a topic other than the last one
  // asked, so that one call after another never serves three questions of one chapter in a row.
  const lastId = filter.skip?.at(-1);
  const lastItem = lastId ? await practice.question(lastId) : undefined;
  const lastTopic = lastItem ? topicOf(lastItem) : undefined;
  const next = picked.find((entry) => topicOf(entry.item) !== lastTopic) ?? picked[0];
  return { item: next?.item, due, fresh: picked.length - due };
}
