// `mianba show <id> [--json] [--en]`: one question with its answer, key points and sources.
import { textOf, topicText } from '../../bank/question-item.js';
import { AppError } from '../../core/errors.js';
import type { Command } from '../cli-context.js';
import { displayPath, styleFor } from '../format.js';
import { withApp, writeJson } from '../open-app.js';
import { parseCommandArgs } from '../parse-args.js';

const usage = 'mianba show <question-id> [--json] [--en]';

export const runShow: Command = async (args, context) => {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, en: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, usage);
  if (values.help) {
    context.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  const id = positionals[0];
  if (!id) throw new AppError('usage', `missing question id\n\nusage: ${usage}`);
  return withApp(context, {}, async (app) => {
    const item = await app.getQuestion(id);
    if (!item) throw new AppError('not_found', `no question with id "${id}" (list them with: mianba questions)`);
    if (values.json) {
      writeJson(context, item);
      return 0;
    }
    const language = values.en ? 'en' : 'zh';
    const style = styleFor(context);
    context.stdout.write(
      `${style.bold(textOf(item.question, language))}\n${style.dim(`${item.id} · ${topicText(item.topic, language)}${item.difficulty ? ` · difficulty ${item.difficulty}` : ''}`)}\n\n`,
    );
    context.stdout.write(`${textOf(item.answer, language).trim() || style.dim('(no answer in the notes)')}\n`);
    if (item.keyPoints.length > 0) {
      context.stdout.write(`\n${style.bold(language === 'zh' ? '要点' : 'Key points')}\n`);
      for (const point of item.keyPoints) context.stdout.write(`  • ${point[language]}\n`);
    }
    context.stdout.write(`\n${style.dim(`sources: ${item.sources.map((source) => `${displayPath(source.path, context.cwd)}:${source.line}`).join(', ')}`)}\n`);
    return 0;
  });
};
