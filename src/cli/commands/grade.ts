// `mianba grade <question-id> (--answer-file F | --answer "...") [--json] [--record] [--rating R] [--judge] [--lang zh|en]`:
// the drill's grader for scripts and the web app. It leaves the schedule alone unless --record.
import { AppError } from '../../core/errors.js';
import { formatGrade, formatVerdict } from '../../practice/format-grade.js';
import type { GradeResult } from '../../practice/grade-answer.js';
import { parseRating, ratingLabel } from '../../practice/rating.js';
import type { Command } from '../cli-context.js';
import { styleFor } from '../format.js';
import { withApp, writeJson } from '../open-app.js';
import { parseCommandArgs } from '../parse-args.js';
import { createJudge, languageFlag, readAnswerFile } from './drill.js';

const usage = 'mianba grade <question-id> (--answer-file F | --answer "...") [--json] [--record] [--rating again|hard|good|easy] [--judge] [--lang zh|en]';

export const runGrade: Command = async (args, context) => {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      answer: { type: 'string' },
      'answer-file': { type: 'string' },
      json: { type: 'boolean' },
      record: { type: 'boolean' },
      rating: { type: 'string' },
      judge: { type: 'boolean' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    usage,
  );
  if (values.help) {
    context.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  const id = positionals[0];
  if (!id) throw new AppError('usage', `missing question id\n\nusage: ${usage}`);
  if ((values.answer === undefined) === (values['answer-file'] === undefined))
    throw new AppError('usage', `give exactly one of --answer or --answer-file\n\nusage: ${usage}`);
  const shown = values.lang === undefined ? undefined : languageFlag(values.lang);
  const override = values.rating === undefined ? undefined : parseRating(values.rating);
  if (values.rating !== undefined && !override) throw new AppError('usage', `--rating must be again, hard, good or easy, got "${values.rating}"`);
  if (override && !values.record) throw new AppError('usage', '--rating only applies with --record');
  const answer = values.answer ?? readAnswerFile(values['answer-file'] as string, context.cwd);
  return withApp(context, {}, async (app) => {
    const practice = app.practice();
    const item = await practice.question(id);
    if (!item) throw new AppError('not_found', `no question with id "${id}" (list them with: mianba questions)`);
    const grade = practice.grade(item, answer, shown ? { language: shown } : {});
    const judge = values.judge ? await createJudge(app, context) : undefined;
    const verdict = judge ? await judge.run(item, answer, grade) : undefined;
    const recorded = values.record ? await practice.record({ item, grade, rating: override ?? grade.rating, answer }) : undefined;
    if (values.json) {
      writeJson(context, {
        ...gradeJson(grade),
        ...(verdict ? { judge: { model: judge?.modelId, ...verdict } } : {}),
        ...(recorded ? { recorded: { rating: recorded.review.rating, due: recorded.card.due, state: recorded.card.state } } : {}),
      });
      return 0;
    }
    const style = styleFor(context);
    const language = shown ?? grade.language;
    context.stdout.write(formatGrade(grade, style, language));
    if (verdict && judge) context.stdout.write(formatVerdict(verdict, judge.modelId, style));
    if (recorded) context.stdout.write(`recorded: ${ratingLabel(recorded.review.rating)} · due ${recorded.card.due}\n`);
    return 0;
  });
};

/** The JSON shape of a grade (also what the web app receives). */
export function gradeJson(grade: GradeResult) {
  return {
    id: grade.id,
    score: grade.score,
    rating: grade.rating,
    covered: grade.covered,
    missed: grade.missed,
    rougeL: grade.rougeL,
    coverage: grade.coverage,
    flags: grade.flags,
    language: grade.language,
    hinted: grade.hinted,
    referenceShare: grade.referenceShare,
    points: grade.points.map((point) => ({ point: point.point, covered: point.covered, via: point.via ?? null, evidence: point.evidence ?? null })),
    reference: grade.reference,
    misconceptions: grade.misconceptions,
    hintsUsed: grade.hintsUsed,
  };
}
