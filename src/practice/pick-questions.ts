// Which questions a drill asks: due cards first (most overdue first), then new questions (easiest first), each part
// interleaved by topic so that one session does not dwell on one chapter. Only answered questions can be drilled. Pure.
import { type QuestionItem, textOf } from '../bank/question-item.js';
import { isDue } from './mastery.js';
import type { CardRecord } from './progress-records.js';
import { interleaveByTopic, topicOf } from './topics.js';

export interface PickOptions {
  now: Date;
  /** Questions in the session. */
  limit: number;
  /** At most this many never-seen questions. */
  newLimit: number;
}

export interface PickedQuestion {
  item: QuestionItem;
  card: CardRecord | undefined;
}

export function isDrillable(item: QuestionItem): boolean {
  return textOf(item.answer, 'zh').trim().length > 0 && textOf(item.answer, 'en').trim().length > 0;
}

export function pickDrillQuestions(items: readonly QuestionItem[], cards: ReadonlyMap<string, CardRecord>, options: PickOptions): PickedQuestion[] {
  const drillable = items.filter(isDrillable);
  const due = drillable
    .map((item) => ({ item, card: cards.get(item.id) }))
    .filter((entry): entry is { item: QuestionItem; card: CardRecord } => entry.card !== undefined && isDue(entry.card, options.now))
    .sort((a, b) => a.card.due.localeCompare(b.card.due));
  const fresh = drillable
    .filter((item) => (cards.get(item.id)?.state ?? 'new') === 'new')
    .map((item, order) => ({ item, card: cards.get(item.id), order }))
    .sort((a, b) => (a.item.difficulty ?? 2) - (b.item.difficulty ?? 2) || a.order - b.order);
  const pickedDue = interleaveByTopic(due, (entry) => topicOf(entry.item)).slice(0, options.limit);
  const room = Math.min(options.newLimit, options.limit - pickedDue.length);
  const pickedNew = room > 0 ? interleaveByTopic(fresh, (entry) => topicOf(entry.item)).slice(0, room) : [];
  return [...pickedDue, ...pickedNew].map(({ item, card }) => ({ item, card }));
}
