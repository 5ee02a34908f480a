// `mianba progress export FILE.json | import FILE.json | export-anki FILE.tsv [--topic T] [--lang zh|en] |
// import-anki FILE.tsv --kb NAME`: back up and merge practice progress, and trade cards with Anki.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { textOf, topicIn } from '../../bank/question-item.js';
import { AppError } from '../../core/errors.js';
import { ankiMarkdown, ankiTsv, parseAnkiTsv } from '../../practice/anki-tsv.js';
import { keyPointsOf } from '../../practice/derive-key-points.js';
import { buildBackup, importBackup, parseBackup } from '../../practice/progress-backup.js';
import type { Command } from '../cli-context.js';
import { withApp, writeJson } from '../open-app.js';
import { parseCommandArgs } from '../parse-args.js';
import { languageFlag } from './drill.js';

const usage = `mianba progress export FILE.json
       mianba progress import FILE.json [--json]
       mianba progress export-anki FILE.tsv [--topic T] [--lang zh|en]
       mianba progress import-anki FILE.tsv --kb NAME`;

export const runProgress: Command = async (args, context) => {
  const { values, positionals } = parseCommandArgs(
    args,
    { topic: { type: 'string' }, lang: { type: 'string' }, kb: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    usage,
  );
  if (values.help) {
    context.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  const [action, target] = positionals;
  if (!action || !target) throw new AppError('usage', `missing ${action ? 'file' : 'action'}\n\nusage: ${usage}`);
  const file = resolve(context.cwd, target);
  const language = languageFlag(values.lang);
  if (action === 'import-anki' && !values.kb) throw new AppError('usage', `import-anki needs --kb NAME\n\nusage: ${usage}`);
  if (!['export', 'import', 'export-anki', 'import-anki'].includes(action)) throw new AppError('usage', `unknown action "${action}"\n\nusage: ${usage}`);
  if ((action === 'import' || action === 'import-anki') && !existsSync(file)) throw new AppError('not_found', `no such file: ${target}`);
  return withApp(context, {}, async (app) => {
    if (action === 'import-anki') {
      const cards = parseAnkiTsv(readFileSync(file, 'utf8'));
      if (cards.length === 0) throw new AppError('invalid_input', `${target} has no front<TAB>back lines`);
      const folder = join(app.config.home, 'imports');
      mkdirSync(folder, { recursive: true });
      const markdown = join(folder, `${values.kb}-${basename(file, extname(file)).replace(/[^\p{L}\p{N}_-]+/gu, '_')}.md`);
      writeFileSync(markdown, ankiMarkdown(cards, `${basename(file)} (Anki import)`));
      const summary = await app.ingest({ inputs: [markdown], kb: values.kb as string, cwd: context.cwd, signal: context.signal });
      const questions = summary.files.reduce((total, report) => total + (report.questions ?? 0), 0);
      context.stdout.write(`imported ${cards.length} cards from ${target} into knowledge base "${values.kb}" (${questions} questions) via ${markdown}\n`);
      return 0;
    }
    const practice = app.practice();
    if (action === 'export') {
      const backup = await buildBackup(practice.store, new Date());
      writeFileSync(file, `${JSON.stringify(backup, null, 2)}\n`);
      context.stdout.write(`exported ${backup.cards.length} cards, ${backup.reviews.length} reviews and ${backup.sessions.length} sessions to ${file}\n`);
    } else if (action === 'import') {
      const summary = await importBackup(practice.store, practice.scheduler, parseBackup(readFileSync(file, 'utf8'), target));
      if (values.json) writeJson(context, summary);
      else
        context.stdout.write(
          `imported ${summary.reviewsAdded} reviews (${summary.reviewsSkipped} already present), ${summary.cardsAdded} new cards, ${summary.cardsRebuilt} cards rebuilt from their logs, ${summary.sessionsAdded} sessions\n`,
        );
    } else {
      const items = await practice.questions({ topic: values.topic });
      const cards = items.map((item) => ({
        front: textOf(item.question, language),
        back: `${textOf(item.answer, language).trim()}\n\n${keyPointsOf(item, practice.tools)
          .map((point) => `• ${point[language]}`)
          .join('\n')}`.trim(),
        tags: ['mianba', item.kb, ...topicIn(item.topic, language), ...item.tags],
      }));
      writeFileSync(file, ankiTsv(cards));
      context.stdout.write(`exported ${cards.length} cards to ${file} (Anki: File > Import, tab-separated, HTML allowed)\n`);
    }
    return 0;
  });
};
