// Terminal text of practice: the question header, a grade (score, rating, points covered and missed, why, the
// reference with its citations), a judge verdict and when a card comes back. Pure string building.
import type { AnswerFlag } from './answer-checks.js';
import type { GradeResult } from './grade-answer.js';
import type { JudgeVerdict } from './llm-judge.js';
import { ratingLabel } from './rating.js';

/** The colour helpers the CLI's style provides (plain text when not on a TTY). */
export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const flagText: Record<AnswerFlag, { zh: string; en: string }> = {
  empty: { zh: '没有作答', en: 'no answer given' },
  copied: { zh: '回答基本是在重复题目', en: 'the answer mostly repeats the question' },
  off_topic: { zh: '回答与题目几乎无关', en: 'the answer is almost unrelated to the question' },
};

const viaText = { alias: 'alias', glossary: 'synonym', tokens: 'words' } as const;

export function formatGrade(grade: GradeResult, style: TextStyle, language: 'zh' | 'en', options: { reference?: boolean } = {}): string {
  const paint = grade.score >= 3 ? style.green : grade.score >= 1.5 ? style.yellow : style.red;
  const coveredCount = grade.points.filter((point) => point.covered).length;
  const lines = [
    `${paint(style.bold(`score ${grade.score.toFixed(1)}/5`))} · ${ratingLabel(grade.rating)}${grade.hinted ? ` (hint: capped at Hard)${grade.hintsUsed > 0 ? ` · ${grade.hintsUsed} hint${grade.hintsUsed === 1 ? '' : 's'} used` : ''}` : ''} · key points ${coveredCount}/${grade.points.length} · Rouge-L ${grade.rougeL.toFixed(2)}`,
  ];
  for (const flag of grade.flags) lines.push(style.red(`  ! ${flagText[flag][language]}`));
  for (const claim of grade.misconceptions) {
    lines.push(style.red(`  ! ${language === 'zh' ? '错误说法' : 'wrong claim'}: ${claim.claim}`));
    lines.push(`    ${style.green('→')} ${claim.correction}`);
  }
  for (const point of grade.points) {
    const text = point.point[language];
    if (point.covered) lines.push(`  ${style.green('✓')} ${text}${point.via ? style.dim(` (${viaText[point.via]}: ${point.evidence})`) : ''}`);
    else lines.push(`  ${style.red('✗')} ${text}${blockedNote(grade, text, language, style)}`);
  }
  if (options.reference !== false) {
    const where = grade.reference.citations.map((source) => `${source.path}:${source.line}`).join(', ');
    lines.push('', style.bold(language === 'zh' ? `参考答案 — ${where}` : `reference — ${where}`));
    lines.push(
      ...grade.reference.text
        .trim()
        .split('\n')
        .map((line) => `  ${line}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

function blockedNote(grade: GradeResult, pointText: string, language: 'zh' | 'en', style: TextStyle): string {
  const claim = grade.misconceptions.find((entry) => entry.contradicts === pointText);
  return claim ? style.dim(language === 'zh' ? ' (与错误说法矛盾)' : ' (contradicted by a wrong claim)') : '';
}

export function formatVerdict(verdict: JudgeVerdict, modelId: string, style: TextStyle): string {
  const lines = [style.bold(`judge (${modelId}): ${verdict.score}/5`) + (verdict.feedback ? ` — ${verdict.feedback}` : '')];
  if (verdict.missed.length > 0) lines.push(style.dim(`  judge says missing: ${verdict.missed.join('; ')}`));
  return `${lines.join('\n')}\n`;
}

/** "in 10 min", "in 3 h", "tomorrow", "in 12 days". */
export function describeDue(due: string, now: Date): string {
  const minutes = Math.max(0, Math.round((Date.parse(due) - now.getTime()) / 60_000));
  if (minutes < 60) return `in ${minutes} min`;
  if (minutes < 24 * 60) return `in ${Math.round(minutes / 60)} h`;
  const days = Math.round(minutes / (24 * 60));
  return days === 1 ? 'tomorrow' : `in ${days} days`;
}
