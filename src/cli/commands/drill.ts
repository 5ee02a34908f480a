// `mianba drill [--topic T] [--n N] [--new N] [--answer-file F] [--lang zh|en] [--resume] [--judge] [--kb NAME] | --undo`:
// due questions first, then new ones; answers graded offline, reviews scheduled with FSRS in practice.db. --undo takes
// back the last rating (its card returns to the state before it).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { App } from '../../app.js';
import { AppError } from '../../core/errors.js';
import { type AnswerSource, createFileAnswers, createTerminalAnswers, parseAnswerFile } from '../../practice/answer-source.js';
import type { Practice } from '../../practice/create-practice.js';
import { formatDrillSummary, runDrill } from '../../practice/drill-loop.js';
import { createLineReader, type LineReader } from '../../practice/line-reader.js';
import { judgeAnswer } from '../../practice/llm-judge.js';
import { pickDrillQuestions } from '../../practice/pick-questions.js';
import type { SessionRecord } from '../../practice/progress-records.js';
import { ratingLabel } from '../../practice/rating.js';
import type { CliContext, Command } from '../cli-context.js';
import { styleFor } from '../format.js';
import { withApp } from '../open-app.js';
import { numberFlag, parseCommandArgs } from '../parse-args.js';

const usage = 'mianba drill [--topic T] [--n N] [--new N] [--answer-file F] [--lang zh|en] [--resume] [--judge] [--kb NAME]\n       mianba drill --undo';

export const runDrillCommand: Command = async (args, context) => {
  const { values } = parseCommandArgs(
    args,
    {
      topic: { type: 'string' },
      n: { type: 'string' },
      new: { type: 'string' },
      'answer-file': { type: 'string' },
      lang: { type: 'string' },
      resume: { type: 'boolean' },
      judge: { type: 'boolean' },
      kb: { type: 'string' },
      undo: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    usage,
  );
  if (values.help) {
    context.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  const language = languageFlag(values.lang);
  const limit = numberFlag(values.n, 'n', { min: 1, max: 200, integer: true }) ?? 10;
  const newLimit = numberFlag(values.new, 'new', { min: 0, max: 200, integer: true }) ?? limit;
  const chunks = values['answer-file'] ? parseAnswerFile(readAnswerFile(values['answer-file'], context.cwd)) : undefined;
  if (values.undo) return undoLastRating(context);
  return withApp(context, {}, async (app) => {
    const practice = app.practice();
    let lines: LineReader | undefined;
    try {
      const style = styleFor(context);
      const write = (text: string) => context.stdout.write(text);
      const session = values.resume
        ? await practice.store.lastOpenSession('drill')
        : await newSession(app, practice, { topic: values.topic, kb: values.kb, limit, newLimit });
      if (!session) {
        write(values.resume ? 'no unfinished drill session to resume\n' : 'nothing to drill: no question is due and no new question is left\n');
        return 0;
      }
      const pending = session.items.filter((item) => item.status === 'pending').length;
      write(style.dim(`${values.resume ? 'resuming' : 'drill'}: ${pending} question${pending === 1 ? '' : 's'} · practice data in ${practice.home}\n`));
      let source: AnswerSource;
      if (chunks) source = createFileAnswers(chunks);
      else {
        lines = createLineReader(context.stdin);
        source = createTerminalAnswers({ lines, write, editor: context.env.VISUAL || context.env.EDITOR });
      }
      const judge = values.judge ? await createJudge(app, context) : undefined;
      const summary = await runDrill(practice, session, { source, write, style, language, judge });
      write(formatDrillSummary(summary, style));
      return 0;
    } finally {
      lines?.close();
    }
  });
};

async function newSession(
  app: App,
  practice: Practice,
  options: { topic: string | undefined; kb: string | undefined; limit: number; newLimit: number },
): Promise<SessionRecord | undefined> {
  const items = await practice.questions({ topic: options.topic, kb: options.kb });
  const cards = new Map((await practice.store.cards()).map((card) => [card.questionId, card]));
  const picked = pickDrillQuestions(items, cards, { now: new Date(), limit: options.limit, newLimit: options.newLimit });
  if (picked.length === 0) return undefined;
  const session: SessionRecord = {
    id: randomUUID(),
    kind: 'drill',
    createdAt: new Date().toISOString(),
    options: { topic: options.topic ?? null, kb: options.kb ?? app.config.kb, n: options.limit, new: options.newLimit },
    items: picked.map((entry, position) => ({ position, questionId: entry.item.id, status: 'pending' })),
  };
  await practice.store.createSession(session);
  return session;
}

export async function createJudge(app: App, context: CliContext) {
  const model = await app.chatModel();
  if (!model) throw new AppError('usage', '--judge needs an LLM (set MIANBA_LLM_BASE_URL and MIANBA_LLM_MODEL)');
  return {
    modelId: model.id,
    run: (item: Parameters<typeof judgeAnswer>[1]['item'], answer: string, grade: Parameters<typeof judgeAnswer>[1]['grade']) =>
      judgeAnswer(model, { item, answer, grade, language: grade.language, signal: context.signal }),
  };
}

export function languageFlag(value: string | undefined): 'zh' | 'en' {
  if (value === undefined || value === 'zh' || value === 'en') return value ?? 'zh';
  throw new AppError('usage', `--lang must be zh or en, got "${value}"`);
}

export function readAnswerFile(path: string, cwd: string): string {
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new AppError('not_found', `cannot read answer file ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function undoLastRating(context: CliContext): Promise<number> {
  return withApp(context, {}, async (app) => {
    const practice = app.practice();
    const result = await practice.undo();
    if (!result) context.stdout.write('nothing to undo: no rating recorded\n');
    else
      context.stdout.write(
        `undone: ${ratingLabel(result.review.rating)} on ${result.review.questionId} (${result.review.reviewedAt})` +
          `${result.card ? ` · card back to ${result.card.state}, due ${result.card.due}` : ' · card back to new'}\n`,
      );
    return 0;
  });
}
