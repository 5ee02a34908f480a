// `mianba reset --topic T [--yes]`: deletes the cards and review logs of one topic after writing an automatic JSON
// backup into $MIANBA_HOME/backups/. Asks for "yes" on a terminal; scripts pass --yes.
import { AppError } from '../../core/errors.js';
import { createLineReader } from '../../practice/line-reader.js';
import { writeAutomaticBackup } from '../../practice/progress-backup.js';
import { matchesTopic } from '../../practice/topics.js';
import type { Command } from '../cli-context.js';
import { withApp } from '../open-app.js';
import { parseCommandArgs } from '../parse-args.js';

const usage = 'mianba reset --topic T [--yes]';

export const runReset: Command = async (args, context) => {
  const { values } = parseCommandArgs(args, { topic: { type: 'string' }, yes: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, usage);
  if (values.help) {
    context.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  const topic = values.topic?.trim();
  if (!topic) throw new AppError('usage', `missing --topic\n\nusage: ${usage}`);
  return withApp(context, {}, async (app) => {
    const practice = app.practice();
    const listed = new Set((await app.listQuestions({ topic })).map((item) => item.id));
    const inTopic = (record: { questionId: string; topicPath: string }) => listed.has(record.questionId) || matchesTopic(topic, record);
    const ids = new Set(
      [...(await practice.store.cards()).filter(inTopic), ...(await practice.store.reviews()).filter(inTopic)].map((record) => record.questionId),
    );
    if (ids.size === 0) {
      context.stdout.write(`no practice data for topic "${topic}"\n`);
      return 0;
    }
    if (!values.yes) {
      if (!context.stdin.isTTY) throw new AppError('usage', `reset deletes the progress of ${ids.size} questions; confirm with --yes`);
      context.stdout.write(`delete the cards and review logs of ${ids.size} questions in topic "${topic}"? type yes to confirm: `);
      const lines = createLineReader(context.stdin);
      const answer = await lines.next();
      lines.close();
      if (answer?.trim().toLowerCase() !== 'yes') {
        context.stdout.write('nothing deleted\n');
        return 1;
      }
    }
    const backup = await writeAutomaticBackup(practice.store, app.config.home, new Date(), `reset-${topic}`);
    const deleted = await practice.store.deleteQuestions([...ids]);
    context.stdout.write(`deleted ${deleted.cards} cards and ${deleted.reviews} reviews of topic "${topic}"; backup: ${backup}\n`);
    return 0;
  });
};
