// Progress figures from cards and review logs: per-topic mastery (mean card mastery, see mastery.ts), the due
// forecast for the next 14 days, the review streak, and reviews per day over the last 30 days. Days are local
// calendar days. Pure: `now` and retrievability are passed in.
import type { QuestionItem } from '../bank/question-item.js';
import { isDue as isCardDue, masteryByCard } from './mastery.js';
import type { CardRecord, ReviewRecord } from './progress-records.js';
import { type TopicName, topicNameOf, topicOf } from './topics.js';

export interface TopicStats {
  topic: string;
  name: TopicName;
  /** Drillable questions in the topic. */
  questions: number;
  /** Questions reviewed at least once. */
  cards: number;
  /** Mean mastery (0-1, see mastery.ts) of the topic's reviewed cards; null when none was reviewed. */
  mastery: number | null;
  /** Mean grade (0-5) of the topic's last five reviews; null without reviews. */
  recentScore: number | null;
  reviews: number;
  due: number;
}

export interface ProgressStats {
  generatedAt: string;
  totals: { questions: number; cards: number; reviews: number; due: number; mastery: number | null };
  topics: TopicStats[];
  forecast: { date: string; due: number }[];
  streak: { current: number; longest: number; reviewedToday: boolean };
  reviewsPerDay: { date: string; reviews: number }[];
}

export const forecastDays = 14;
export const historyDays = 30;
const recentReviews = 5;

export interface StatsInput {
  items: readonly QuestionItem[];
  cards: readonly CardRecord[];
  reviews: readonly ReviewRecord[];
  now: Date;
  retrievability: (card: CardRecord) => number;
}

export function computeStats(input: StatsInput): ProgressStats {
  const { now } = input;
  const known = new Set(input.items.map((item) => item.id));
  const reviewed = input.cards.filter((card) => card.state !== 'new');
  const mastery = masteryByCard(reviewed, input.reviews, input.retrievability);
  const masteryOfCard = (card: CardRecord) => mastery.get(card.questionId) ?? 0;
  // Due counts only questions that can still be drilled, exactly as the drill counts them.
  const isDue = (card: CardRecord) => known.has(card.questionId) && isCardDue(card, now);
  const topics = new Map<string, { name: TopicName; questions: number; cards: CardRecord[]; reviews: ReviewRecord[] }>();
  const topicEntry = (topic: string, name: TopicName) => {
    const entry = topics.get(topic) ?? { name, questions: 0, cards: [], reviews: [] };
    topics.set(topic, entry);
    return entry;
  };
  for (const item of input.items) topicEntry(topicOf(item), topicNameOf(item)).questions++;
  for (const card of reviewed) topicEntry(card.topic, { zh: card.topic, en: card.topic }).cards.push(card);
  for (const review of input.reviews) topicEntry(review.topic, { zh: review.topic, en: review.topic }).reviews.push(review);
  const topicStats = [...topics.entries()].map(([topic, entry]): TopicStats => {
    const recent = entry.reviews.slice(-recentReviews);
    return {
      topic,
      name: entry.name,
      questions: entry.questions,
      cards: entry.cards.length,
      mastery: mean(entry.cards.map(masteryOfCard)),
      recentScore: mean(recent.map((review) => review.score)),
      reviews: entry.reviews.length,
      due: entry.cards.filter(isDue).length,
    };
  });
  return {
    generatedAt: now.toISOString(),
    totals: {
      questions: input.items.length,
      cards: reviewed.length,
      reviews: input.reviews.length,
      due: reviewed.filter(isDue).length,
      mastery: mean(reviewed.map(masteryOfCard)),
    },
    topics: topicStats.sort((a, b) => (a.mastery ?? 2) - (b.mastery ?? 2) || a.topic.localeCompare(b.topic)),
    forecast: dueForecast(reviewed, now),
    streak: streakOf(input.reviews, now),
    reviewsPerDay: reviewsPerDay(input.reviews, now),
  };
}

/** Local calendar day "YYYY-MM-DD". */
export function dayKey(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function addDays(date: Date, days: number): Date {
  const next = new Date(date);
  next.setDate(next.getDate() + days);
  return next;
}

/** Cards due on each of the next 14 days; today includes everything overdue. */
function dueForecast(cards: readonly CardRecord[], now: Date): { date: string; due: number }[] {
  const days = Array.from({ length: forecastDays }, (_, offset) => ({ date: dayKey(addDays(now, offset)), due: 0 }));
  const today = days[0]?.date ?? dayKey(now);
  for (const card of cards) {
    const key = dayKey(new Date(card.due));
    const slot = key <= today ? days[0] : days.find((day) => day.date === key);
    if (slot) slot.due++;
  }
  return days;
}

/** Consecutive days with a review, ending today (or yesterday, while today can still extend it). */
function streakOf(reviews: readonly ReviewRecord[], now: Date): ProgressStats['streak'] {
  const days = new Set(reviews.map((review) => dayKey(new Date(review.reviewedAt))));
  const reviewedToday = days.has(dayKey(now));
  let current = 0;
  for (let cursor = reviewedToday ? now : addDays(now, -1); days.has(dayKey(cursor)); cursor = addDays(cursor, -1)) current++;
  let longest = 0;
  for (const day of days) {
    const date = new Date(`${day}T12:00:00`);
    if (days.has(dayKey(addDays(date, -1)))) continue;
    let run = 0;
    for (let cursor = date; days.has(dayKey(cursor)); cursor = addDays(cursor, 1)) run++;
    longest = Math.max(longest, run);
  }
  return { current, longest, reviewedToday };
}

function reviewsPerDay(reviews: readonly ReviewRecord[], now: Date): { date: string; reviews: number }[] {
  const days = Array.from({ length: historyDays }, (_, index) => ({ date: dayKey(addDays(now, index - historyDays + 1)), reviews: 0 }));
  const byDate = new Map(days.map((day) => [day.date, day]));
  for (const review of reviews) {
    const slot = byDate.get(dayKey(new Date(review.reviewedAt)));
    if (slot) slot.reviews++;
  }
  return days;
}

function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 1000) / 1000;
}
