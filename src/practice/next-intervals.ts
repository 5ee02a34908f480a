// What each rating would do to a card, as Anki shows it on its buttons: the next due time and a short interval
// label ("10 min", "3 h", "2 d", "4 mo") per rating. Pure: the scheduler and `now` are passed in.
import { type Rating, ratings } from './rating.js';
import type { CardData, Scheduler } from './scheduler.js';

export interface NextInterval {
  rating: Rating;
  /** ISO 8601 due time after this rating. */
  due: string;
  /** Short label of the interval from now. */
  label: string;
}

export function nextIntervals(scheduler: Scheduler, card: CardData | undefined, now: Date): NextInterval[] {
  return ratings.map((rating) => {
    const due = scheduler.review(card, rating, now).due;
    return { rating, due, label: intervalLabel(due, now) };
  });
}

/** "1 min", "10 min", "3 h", "2 d", "4 mo", "1.5 y". */
export function intervalLabel(due: string, now: Date): string {
  const minutes = Math.max(1, Math.round((Date.parse(due) - now.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)} h`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)} d`;
  if (days < 365) return `${Math.round(days / 30)} mo`;
  return `${Math.round((days / 365) * 10) / 10} y`;
}
