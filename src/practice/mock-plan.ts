// The questions of a mock interview, weighted toward weak topics: each topic's weight is 1 - mastery (mean card
// mastery of mastery.ts; never-practised topics count as weak), and seats
// go to topics by the highest weight per question already given (D'Hondt). Within a topic, the least-known first; with
// `random`, topic weights and ranks are jittered so that two plans differ.
// Pure.
import type { QuestionItem } from '../bank/question-item.js';
import { masteryByCard } from './mastery.js';
import { isDrillable } from './pick-questions.js';
import type { CardRecord, ReviewRecord } from './progress-records.js';
import { matchesTopic, topicOf, topicPathOf } from './topics.js';

export interface MockPlanInput {
  items: readonly QuestionItem[];
  cards: ReadonlyMap<string, CardRecord>;
  reviews: readonly ReviewRecord[];
  n: number;
  /** Only questions of these topics (same matching as --topic). */
  topics?: readonly string[] | undefined;
  retrievability: (card: CardRecord) => number;
  /** Uniform [0, 1) source; draws differ between calls (weighted to weak topics). Omit for a deterministic plan. */
  random?: (() => number) | undefined;
}

/** How much chance reshapes a topic's weight (x 0.5 .. 1.5) and a question's rank within its topic. */
const jitter = 0.5;

/** Recall probability assumed for a question never reviewed when ranking within a topic. */
const unseenRecall = 0.5;

export function planMock(input: MockPlanInput): QuestionItem[] {
  const candidates = input.items.filter(isDrillable).filter((item) => {
    if (!input.topics || input.topics.length === 0) return true;
    const record = { questionId: item.id, topicPath: topicPathOf(item) };
    return input.topics.some((topic) => matchesTopic(topic, record));
  });
  const byTopic = new Map<string, QuestionItem[]>();
  for (const item of candidates) byTopic.set(topicOf(item), [...(byTopic.get(topicOf(item)) ?? []), item]);
  const recall = (item: QuestionItem) => {
    const card = input.cards.get(item.id);
    return card && card.state !== 'new' ? input.retrievability(card) : unseenRecall;
  };
  const queues = [...byTopic.entries()].map(([topic, items]) => ({
    topic,
    weight: (1 - masteryOf(items, input) + 0.05) * (input.random ? 1 - jitter + 2 * jitter * input.random() : 1),
    items: items
      .map((item, order) => ({ item, order, recall: recall(item) + (input.random ? jitter * input.random() : 0) }))
      .sort((a, b) => a.recall - b.recall || a.order - b.order),
    taken: 0,
  }));
  const plan: QuestionItem[] = [];
  while (plan.length < input.n) {
    const open = queues.filter((queue) => queue.taken < queue.items.length);
    if (open.length === 0) break;
    const best = open.reduce((a, b) => (b.weight / (b.taken + 1) > a.weight / (a.taken + 1) ? b : a));
    const next = best.items[best.taken++];
    if (next) plan.push(next.item);
  }
  return plan;
}

/** Mastery 0-1 of a topic: mean mastery (mastery.ts) of its reviewed cards; 0 if unpractised. */
export function masteryOf(items: readonly QuestionItem[], input: Pick<MockPlanInput, 'cards' | 'reviews' | 'retrievability'>): number {
  const cards = items.flatMap((item) => {
    const card = input.cards.get(item.id);
    return card && card.state !== 'new' ? [card] : [];
  });
  if (cards.length === 0) return 0;
  const ids = new Set(cards.map((card) => card.questionId));
  const mastery = masteryByCard(
    cards,
    input.reviews.filter((review) => ids.has(review.questionId)),
    input.retrievability,
  );
  return [...mastery.values()].reduce((sum, value) => sum + value, 0) / cards.length;
}
