// `mianba questions [--topic T] [--difficulty N] [--kb NAME] [--json]`: the bank and the user's questions by topic.
import { textOf } from '../../bank/question-item.js';
import type { Command } from '../cli-context.js';
import { styleFor } from '../format.js';
import { withApp, writeJson } from '../open-app.js';
import { numberFlag, parseCommandArgs } from '../parse-args.js';

const usage = 'mianba questions [--topic T] [--difficulty 1|2|3] [--kb NAME] [--json]';

export const runQuestions: Command = async (args, context) => {
  const { values } = parseCommandArgs(
    args,
    { topic: { type: 'string' }, difficulty: { type: 'string' }, kb: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    usage,
  );
  if (values.help) {
    context.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
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
      const topic = textOf(item.topic);
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
