import { describe, expect, test } from 'vitest';
import { intervalLabel, nextIntervals } from './next-intervals.js';
import { createScheduler } from './scheduler.js';

describe('next intervals', () => {
  const now = new Date('2025-03-01T10:00:00Z');
  const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

  test('labels are short and in the largest fitting unit', () => {
    expect(intervalLabel(later(0.2), now)).toBe('1 min');
    expect(intervalLabel(later(10), now)).toBe('10 min');
    expect(intervalLabel(later(180), now)).toBe('3 h');
    expect(intervalLabel(later(2 * 1440), now)).toBe('2 d');
    expect(intervalLabel(later(120 * 1440), now)).toBe('4 mo');
    expect(intervalLabel(later(548 * 1440), now)).toBe('1.5 y');
  });

  test('one entry per rating, in order, each due no earlier than the one before, matching the scheduler', () => {
    const scheduler = createScheduler(0.9);
    const card = scheduler.review(undefined, 'good', new Date('2025-02-20T10:00:00Z'));
    const intervals = nextIntervals(scheduler, card, now);
    expect(intervals.map((entry) => entry.rating)).toEqual(['again', 'hard', 'good', 'easy']);
    for (let index = 1; index < intervals.length; index++)
      expect(Date.parse(intervals[index]?.due as string)).toBeGreaterThanOrEqual(Date.parse(intervals[index - 1]?.due as string));
    expect(intervals[2]?.due).toBe(scheduler.review(card, 'good', now).due);
  });
});
