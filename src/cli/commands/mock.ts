// `mianba mock [--minutes M] [--topics a,b] [--n N] [--answer-file F] [--report FILE.md|FILE.html] [--lang zh|en]`:
// a timed interview drawn at random, weighted toward weak topics, one follow-up per answer, and a report kept in
// practice.db; `mianba mock --history` lists past mocks and `--show ID` prints one report again.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { App } from '../../app.js';
import { type QuestionItem, textOf } from '../../bank/question-item.js';
import { AppError } from '../../core/errors.js';
import { type AnswerSource, createFileAnswers, createTerminalAnswers, parseAnswerFile } from '../../practice/answer-source.js';
import type { Practice } from '../../practice/create-practice.js';
import { type FollowUp, generatedQuestion, pointFollowUp, relatedFollowUp, templateQuestion, weakestMissedPoint } from '../../practice/follow-up.js';
import type { GradeResult } from '../../practice/grade-answer.js';
import { createLineReader, type LineReader } from '../../practice/line-reader.js';
import { runMock } from '../../practice/mock-loop.js';
import { planMock } from '../../practice/mock-plan.js';
import { buildMockReport, type MockReport, mockReportHtml, mockReportMarkdown, mockReportText } from '../../practice/mock-report.js';
import type { CliContext, Command } from '../cli-context.js';
import { styleFor } from '../format.js';
import { withApp } from '../open-app.js';
import { numberFlag, parseCommandArgs } from '../parse-args.js';
import { languageFlag, readAnswerFile } from './drill.js';

const usage =
  'mianba mock [--minutes M] [--topics a,b] [--n N] [--answer-file F] [--report FILE.md|FILE.html] [--lang zh|en]\n       mianba mock --history | --show ID';

export const runMockCommand: Command = async (args, context) => {
  const { values } = parseCommandArgs(
    args,
    {
      minutes: { type: 'string' },
      topics: { type: 'string' },
      n: { type: 'string' },
      'answer-file': { type: 'string' },
      report: { type: 'string' },
      lang: { type: 'string' },
      history: { type: 'boolean' },
      show: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    usage,
  );
  if (values.help) {
    context.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  if (values.history || values.show !== undefined) return showHistory(context, values.show);
  const language = languageFlag(values.lang);
  const n = numberFlag(values.n, 'n', { min: 1, max: 50, integer: true }) ?? 5;
  const minutes = numberFlag(values.minutes, 'minutes', { min: 1, max: 240 }) ?? n * 3;
  const topics = values.topics
    ?.split(',')
    .map((topic) => topic.trim())
    .filter(Boolean);
  if (values.report && !['.md', '.markdown', '.html', '.htm'].includes(extname(values.report).toLowerCase()))
    throw new AppError('usage', '--report must name a .md or .html file');
  const chunks = values['answer-file'] ? parseAnswerFile(readAnswerFile(values['answer-file'], context.cwd)) : undefined;
  return withApp(context, {}, async (app) => {
    const practice = app.practice();
    let lines: LineReader | undefined;
    try {
      const items = await practice.questions();
      const cards = new Map((await practice.store.cards()).map((card) => [card.questionId, card]));
      const now = new Date();
      const plan = planMock({
        items,
        cards,
        reviews: await practice.store.reviews(),
        n,
        topics,
        retrievability: (card) => practice.scheduler.retrievability(card, now),
        random: Math.random,
      });
      if (plan.length === 0) throw new AppError('not_found', `no answered questions${topics ? ` in topics ${topics.join(', ')}` : ''}`);
      const session = {
        id: randomUUID(),
        kind: 'mock' as const,
        createdAt: now.toISOString(),
        options: { minutes, n, topics: topics ?? null },
        items: plan.map((item, position) => ({ position, questionId: item.id, status: 'pending' as const })),
      };
      await practice.store.createSession(session);
      const style = styleFor(context);
      const write = (text: string) => context.stdout.write(text);
      let source: AnswerSource;
      if (chunks) source = createFileAnswers(chunks);
      else {
        lines = createLineReader(context.stdin);
        source = createTerminalAnswers({ lines, write, editor: context.env.VISUAL || context.env.EDITOR });
      }
      write(style.bold(`mock interview: ${plan.length} questions, ${minutes} min\n`));
      const byId = new Map(items.map((item) => [item.id, item]));
      const result = await runMock(practice, session, plan, {
        source,
        write,
        style,
        language,
        minutes,
        followUp: (item, grade, answer) =>
          followUpFor(app, practice, byId, {
            item,
            grade,
            answer,
            language,
            signal: context.signal,
            warn: (message) => write(style.dim(`${message}\n`)),
          }),
      });
      const report = buildMockReport(result, language);
      await practice.store.saveSessionReport(session.id, report);
      write(`\n${mockReportText(report)}`);
      if (values.report) {
        const file = resolve(context.cwd, values.report);
        writeFileSync(file, /\.html?$/i.test(file) ? mockReportHtml(report) : mockReportMarkdown(report));
        write(`report: ${file}\n`);
      }
      return 0;
    } finally {
      lines?.close();
    }
  });
};

async function followUpFor(
  app: App,
  practice: Practice,
  byId: ReadonlyMap<string, QuestionItem>,
  request: { item: QuestionItem; grade: GradeResult; answer: string; language: 'zh' | 'en'; signal?: AbortSignal | undefined; warn: (message: string) => void },
): Promise<FollowUp | undefined> {
  const missed = weakestMissedPoint(request.grade);
  if (!missed) return undefined;
  const point = missed.point;
  const model = await app.chatModel();
  if (model) {
    const question = await generatedQuestion(model, { ...request, point }).catch((error: Error) => {
      request.warn(`the LLM could not write a follow-up (${error.message}); using the bank`);
      return undefined;
    });
    if (question) return pointFollowUp(request.item, point, question, 'llm');
  }
  const related = request.item.related.flatMap((id) => byId.get(id) ?? []);
  const chosen = relatedFollowUp(point, related, practice.tools);
  if (chosen) return { item: chosen, question: textOf(chosen.question, request.language), source: 'related', point, recordable: true };
  return pointFollowUp(request.item, point, templateQuestion(point, request.language), 'template');
}

/** Past mocks (newest first), or one stored report as text. */
function showHistory(context: CliContext, id: string | undefined): Promise<number> {
  return withApp(context, {}, async (app) => {
    const practice = app.practice();
    const mocks = (await practice.store.sessions()).filter((session) => session.kind === 'mock').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    if (id !== undefined) {
      const session = mocks.find((entry) => entry.id === id || entry.id.startsWith(id));
      if (!session) throw new AppError('not_found', `no mock interview with id "${id}" (list them with: mianba mock --history)`);
      const report = session.options.report as MockReport | undefined;
      context.stdout.write(report ? mockReportText(report) : `mock ${session.id} has no stored report (finished before reports were kept)\n`);
      return 0;
    }
    if (mocks.length === 0) context.stdout.write('no mock interviews yet: start one with mianba mock\n');
    for (const session of mocks) {
      const report = session.options.report as MockReport | undefined;
      const mean = report?.meanScore;
      context.stdout.write(
        `${session.id.slice(0, 8)}  ${session.createdAt}  ${session.items.length} questions  ${mean === undefined ? 'no report' : `mean ${mean?.toFixed(1) ?? '-'}/5`}\n`,
      );
    }
    return 0;
  });
}
