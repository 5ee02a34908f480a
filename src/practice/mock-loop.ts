// A timed mock interview: asks the planned questions while time is left, grades each answer (the reference is kept
// for the report, as in a real interview), schedules it, and asks one follow-up on the weakest missed point.
import type { QuestionItem } from '../bank/question-item.js';
import { textOf, topicText } from '../bank/question-item.js';
import type { AnswerSource } from './answer-source.js';
import { askQuestion } from './ask-question.js';
import type { Practice } from './create-practice.js';
import { keyPointsOf } from './derive-key-points.js';
import type { FollowUp } from './follow-up.js';
import { formatGrade, type TextStyle } from './format-grade.js';
import type { GradeResult } from './grade-answer.js';
import type { SessionRecord } from './progress-records.js';

export interface MockEntry {
  kind: 'main' | 'follow-up';
  item: QuestionItem;
  question: string;
  answer: string | undefined;
  grade: GradeResult | undefined;
  skipped: boolean;
  durationMs: number;
  followUpSource?: FollowUp['source'];
}

export interface MockResult {
  startedAt: string;
  finishedAt: string;
  minutes: number;
  entries: MockEntry[];
  /** Planned questions not asked (time ran out or the candidate quit). */
  unasked: number;
  timedOut: boolean;
}

export interface MockOptions {
  source: AnswerSource;
  write: (text: string) => void;
  style: TextStyle;
  language: 'zh' | 'en';
  minutes: number;
  followUp: (item: QuestionItem, grade: GradeResult, answer: string) => Promise<FollowUp | undefined>;
  now?: () => Date;
}

export async function runMock(practice: Practice, session: SessionRecord, plan: readonly QuestionItem[], options: MockOptions): Promise<MockResult> {
  const { write, style, language } = options;
  const now = options.now ?? (() => new Date());
  const started = now();
  const deadline = started.getTime() + options.minutes * 60_000;
  const left = () => deadline - now().getTime();
  const entries: MockEntry[] = [];
  let asked = 0;
  let timedOut = false;
  const ask = async (item: QuestionItem, question: string, header: string, kind: MockEntry['kind']) => {
    const result = await askQuestion(item, { ...options, header, question, hints: keyPointsOf(item, practice.tools), now: () => now().getTime() });
    if (result.kind === 'quit') return undefined;
    if (result.kind === 'skipped') {
      const entry: MockEntry = { kind, item, question, answer: undefined, grade: undefined, skipped: true, durationMs: 0 };
      entries.push(entry);
      return entry;
    }
    const grade = practice.grade(item, result.answer, { hinted: result.hints > 0, language });
    write(formatGrade(grade, style, language, { reference: false }));
    const entry: MockEntry = { kind, item, question, answer: result.answer, grade, skipped: false, durationMs: result.durationMs };
    entries.push(entry);
    return entry;
  };
  for (const [index, item] of plan.entries()) {
    if (left() <= 0) {
      timedOut = true;
      break;
    }
    const header = `[${index + 1}/${plan.length}] ${topicText(item.topic, language)} · ${item.id} · ${clock(left())} left`;
    const entry = await ask(item, textOf(item.question, language), header, 'main');
    if (!entry) break;
    asked++;
    await practice.store.setItemStatus(session.id, index, entry.skipped ? 'skipped' : 'answered');
    if (!entry.grade || entry.answer === undefined) continue;
    await practice.record({ item, grade: entry.grade, rating: entry.grade.rating, answer: entry.answer, durationMs: entry.durationMs, now: now() });
    if (left() <= 0 || entry.grade.missed.length === 0) continue;
    const followUp = await options.followUp(item, entry.grade, entry.answer);
    if (!followUp) continue;
    const followEntry = await ask(followUp.item, followUp.question, `  follow-up · ${clock(left())} left`, 'follow-up');
    if (!followEntry) break;
    followEntry.followUpSource = followUp.source;
    if (followUp.recordable && followEntry.grade && followEntry.answer !== undefined)
      await practice.record({
        item: followUp.item,
        grade: followEntry.grade,
        rating: followEntry.grade.rating,
        answer: followEntry.answer,
        durationMs: followEntry.durationMs,
        now: now(),
      });
  }
  if (left() <= 0 && asked < plan.length) timedOut = true;
  if (timedOut) write(style.yellow(`\ntime is up (${options.minutes} min)\n`));
  await practice.store.finishSession(session.id, now().toISOString());
  return { startedAt: started.toISOString(), finishedAt: now().toISOString(), minutes: options.minutes, entries, unasked: plan.length - asked, timedOut };
}

/** "m:ss". */
export function clock(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
