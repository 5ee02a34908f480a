// A drill session: asks its pending questions in order, grades each answer, shows the judge's verdict beside the
// grade when one is configured, takes the rating (proposed by the grade, capped at Hard after a hint), and records
// it. A quit or the end of input leaves the rest pending, so `mianba drill --resume` continues there.
import type { QuestionItem } from '../bank/question-item.js';
import { topicText } from '../bank/question-item.js';
import type { AnswerSource } from './answer-source.js';
import { type Asked, askQuestion } from './ask-question.js';
import type { Practice } from './create-practice.js';
import { keyPointsOf } from './derive-key-points.js';
import { describeDue, formatGrade, formatVerdict, type TextStyle } from './format-grade.js';
import type { GradeResult } from './grade-answer.js';
import type { JudgeVerdict } from './llm-judge.js';
import { nextIntervals } from './next-intervals.js';
import type { SessionRecord } from './progress-records.js';
import { capRating, ratingLabel } from './rating.js';

export interface DrillOptions {
  source: AnswerSource;
  write: (text: string) => void;
  style: TextStyle;
  language: 'zh' | 'en';
  /** The LLM judge, when --judge is on. */
  judge?: { modelId: string; run: (item: QuestionItem, answer: string, grade: GradeResult) => Promise<JudgeVerdict> } | undefined;
  now?: () => Date;
}

export interface DrillSummary {
  answered: number;
  skipped: number;
  /** Questions left pending (after a quit). */
  remaining: number;
  scores: number[];
}

export async function runDrill(practice: Practice, session: SessionRecord, options: DrillOptions): Promise<DrillSummary> {
  const { write, style, language } = options;
  const now = options.now ?? (() => new Date());
  const pending = session.items.filter((item) => item.status === 'pending');
  const summary: DrillSummary = { answered: 0, skipped: 0, remaining: pending.length, scores: [] };
  for (const [index, entry] of pending.entries()) {
    const item = await practice.question(entry.questionId);
    if (!item) {
      write(style.dim(`\n${entry.questionId}: no longer in any knowledge base, skipped\n`));
      await practice.store.setItemStatus(session.id, entry.position, 'skipped');
      summary.skipped++;
      summary.remaining--;
      continue;
    }
    const card = await practice.store.card(item.id);
    const header = `[${index + 1}/${pending.length}] ${topicText(item.topic, language)} · ${item.id} · ${card?.state ?? 'new'}`;
    const asked: Asked = await askQuestion(item, { ...options, header, hints: keyPointsOf(item, practice.tools), now: () => now().getTime() });
    if (asked.kind === 'quit') break;
    summary.remaining--;
    if (asked.kind === 'skipped') {
      await practice.store.setItemStatus(session.id, entry.position, 'skipped');
      summary.skipped++;
      write(style.dim('skipped\n'));
      continue;
    }
    const grade = practice.grade(item, asked.answer, { hinted: asked.hints > 0, hintsUsed: asked.hints, language });
    write(`\n${formatGrade(grade, style, language)}`);
    if (options.judge) write(await judgeText(options.judge, item, asked.answer, grade, style));
    const chosen = await options.source.readRating(grade.rating, nextIntervals(practice.scheduler, card, now()));
    const rating = capRating(chosen, grade.hinted ? 'hard' : undefined);
    const { card: next } = await practice.record({
      item,
      grade,
      rating,
      answer: asked.answer,
      durationMs: asked.durationMs,
      session: { sessionId: session.id, position: entry.position },
      now: now(),
    });
    summary.answered++;
    summary.scores.push(grade.score);
    write(style.green(`recorded: ${ratingLabel(rating)} · next review ${describeDue(next.due, now())}\n`));
  }
  if (summary.remaining === 0) await practice.store.finishSession(session.id, now().toISOString());
  return summary;
}

async function judgeText(judge: NonNullable<DrillOptions['judge']>, item: QuestionItem, answer: string, grade: GradeResult, style: TextStyle): Promise<string> {
  try {
    return formatVerdict(await judge.run(item, answer, grade), judge.modelId, style);
  } catch (error) {
    return style.dim(`judge unavailable: ${(error as Error).message}\n`);
  }
}

export function formatDrillSummary(summary: DrillSummary, style: TextStyle): string {
  const mean = summary.scores.length > 0 ? summary.scores.reduce((sum, score) => sum + score, 0) / summary.scores.length : undefined;
  const parts = [`${summary.answered} answered`, `${summary.skipped} skipped`];
  if (mean !== undefined) parts.push(`mean score ${mean.toFixed(1)}/5`);
  const resume = summary.remaining > 0 ? `\n${summary.remaining} left: continue with ${style.bold('mianba drill --resume')}` : '';
  return `\nsession: ${parts.join(', ')}${resume}\n`;
}
