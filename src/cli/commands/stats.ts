// `mianba stats [--json] [--html FILE] [--lang zh|en]`: mastery per topic, due forecast, streak and review history.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { computeStats } from '../../practice/progress-stats.js';
import { statsHtml, statsText } from '../../practice/stats-report.js';
import type { Command } from '../cli-context.js';
import { withApp, writeJson } from '../open-app.js';
import { parseCommandArgs } from '../parse-args.js';
import { languageFlag } from './drill.js';

const usage = 'mianba stats [--json] [--html FILE] [--lang zh|en]';

export const runStats: Command = async (args, context) => {
  const { values } = parseCommandArgs(
    args,
    { json: { type: 'boolean' }, html: { type: 'string' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    usage,
  );
  if (values.help) {
    context.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  const language = languageFlag(values.lang);
  return withApp(context, {}, async (app) => {
    const practice = app.practice();
    const now = new Date();
    const stats = computeStats({
      items: await practice.questions(),
      cards: await practice.store.cards(),
      reviews: await practice.store.reviews(),
      now,
      retrievability: (card) => practice.scheduler.retrievability(card, now),
    });
    if (values.html) {
      const file = resolve(context.cwd, values.html);
      writeFileSync(file, statsHtml(stats, language));
      if (!values.json) context.stdout.write(`wrote ${file}\n`);
    }
    if (values.json) writeJson(context, stats);
    else context.stdout.write(statsText(stats, language));
    return 0;
  });
};
