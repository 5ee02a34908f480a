// `mianba questions [--topic T] [--difficulty N] [--kb NAME] [--json]`: the bank and the user's questions by topic.
// `mianba questions --outline [--chapter N] [--json]`: the interview outline chapter by chapter, each question with the
// bank item that answers it.

import type { App } from '../../app.js';
import { defaultBankDir } from '../../bank/bank-data.js';
import { loadOutlineMap } from '../../bank/outline-map.js';
import { textOf, topicText } from '../../bank/question-item.js';
import { AppError } from '../../core/errors.js';
import type { CliContext, Command } from '../cli-context.js';
import { styleFor } from '../format.js';
import { withApp, writeJson } from '../open-app.js';
import { numberFlag, parseCommandArgs } from '../parse-args.js';

const usage = 'mianba questions [--topic T] [--difficulty 1|2|3] [--kb NAME] [--json]\n       mianba questions --outline [--chapter 1-31] [--json]';

export const runQuestions: Command = async (args, context) => {
  const { values } = parseCommandArgs(
    args,
    {
      topic: { type: 'string' },
      difficulty: { type: 'string' },
      kb: { type: 'string' },
      outline: { type: 'boolean' },
      chapter: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    usage,
  );
  if (values.help) {
    context.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  const chapter = numberFlag(values.chapter, 'chapter', { min: 1, max: 31, integer: true });
  if (chapter !== undefined && !values.outline) throw new AppError('usage', `--chapter needs --outline\nusage: ${usage}`);
  if (values.outline) return withApp(context, {}, (app) => printOutline(app, context, { chapter, json: values.json === true }));
  const difficulty = numberFlag(values.difficulty, 'difficulty', { min: 1, max: 3, integer: true });
  return withApp(context, {}, async (app) => {
    const items = await app.listQuestions({ kb: values.kb, topic: values.topic, difficulty });
    if (values.json) {
      writeJson(context, { count: items.length, items });
      return 0;
    }
    const style = styleFor(context);
    let lastTopic = '';
    for (const item of items) {
      const topic = topicText(item.topic);
      if (topic !== lastTopic) {
        context.stdout.write(`\n${style.bold(topic || '(no topic)')}\n`);
        lastTopic = topic;
      }
      const answered = textOf(item.answer) ? '' : style.dim(' (no answer)');
      context.stdout.write(`  ${style.dim(item.id.padEnd(34))} ${textOf(item.question)}${answered}\n`);
    }
    context.stdout.write(`\n${items.length} questions\n`);
    return 0;
  });
};

async function printOutline(app: App, context: CliContext, options: { chapter: number | undefined; json: boolean }): Promise<number> {
  const bank = app.bank();
  const byId = new Map(bank.questions.flatMap((question) => [question.id, ...question.aliasIds].map((id) => [id, question] as const)));
  const chapters = loadOutlineMap(defaultBankDir, bank).filter((chapter) => options.chapter === undefined || chapter.outline === options.chapter);
  const view = chapters.map((chapter) => ({
    outline: chapter.outline,
    title: chapter.title,
    questions: chapter.questions.map((question) => ({
      question: question.q,
      answeredBy: question.ids.map((id) => ({ id: byId.get(id)?.id ?? id, question: byId.get(id)?.question ?? { zh: '', en: '' } })),
    })),
  }));
  const count = view.reduce((sum, chapter) => sum + chapter.questions.length, 0);
  if (options.json) {
    writeJson(context, { chapters: view.length, count, outline: view });
    return 0;
  }
  const style = styleFor(context);
  for (const chapter of view) {
    context.stdout.write(`\n${style.bold(`${chapter.outline}. ${chapter.title.zh} / ${chapter.title.en}`)}\n`);
    for (const question of chapter.questions) {
      const best = question.answeredBy[0];
      context.stdout.write(`  ${question.question}\n`);
      if (best) context.stdout.write(`    ${style.dim('->')} ${best.id}  ${style.dim(best.question.zh)}\n`);
    }
  }
  context.stdout.write(`\n${count} outline questions in ${view.length} chapters\n`);
  return 0;
}
