// `mianba search "<query>" [--kb NAME] [--top N] [--json] [--explain] [--no-rerank]`: hybrid retrieval, no answer.

import { AppError } from '../../core/errors.js';
import { formatTopic } from '../../core/topic-path.js';
import type { Command } from '../cli-context.js';
import { displayPath, snippet, styleFor } from '../format.js';
import { withApp, writeJson } from '../open-app.js';
import { numberFlag, parseCommandArgs } from '../parse-args.js';
import { writeTrace } from './trace.js';

const usage = 'mianba search "<query>" [--kb NAME] [--top N] [--json] [--explain] [--no-rerank] [--no-expand] [--no-vector]';

export const runSearch: Command = async (args, context) => {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      kb: { type: 'string' },
      top: { type: 'string' },
      json: { type: 'boolean' },
      explain: { type: 'boolean' },
      'no-rerank': { type: 'boolean' },
      'no-expand': { type: 'boolean' },
      'no-vector': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    usage,
  );
  if (values.help) {
    context.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  const query = positionals.join(' ').trim();
  if (!query) throw new AppError('usage', `missing query\n\nusage: ${usage}`);
  const top = numberFlag(values.top, 'top', { min: 1, max: 100, integer: true }) ?? 10;
  return withApp(context, { kb: values.kb }, async (app) => {
    const result = await app.search({
      query,
      kb: values.kb,
      top,
      rerank: values['no-rerank'] ? false : undefined,
      expand: values['no-expand'] ? false : undefined,
      vector: values['no-vector'] ? false : undefined,
      signal: context.signal,
    });
    if (values.json) {
      writeJson(context, {
        query,
        hits: result.hits.map(({ unitId: _unitId, ...hit }) => hit),
        ...(values.explain ? { trace: result.trace } : {}),
      });
      return 0;
    }
    const style = styleFor(context);
    if (result.query.corrections.length > 0)
      context.stdout.write(style.dim(`(corrected: ${result.query.corrections.map((c) => `${c.from} → ${c.to}`).join(', ')})\n`));
    if (result.hits.length === 0) {
      context.stdout.write('no matches\n');
      return 0;
    }
    const terms = [...result.query.tokens, ...result.query.expansion];
    for (const hit of result.hits) {
      const title = hit.question ?? hit.topic.at(-1) ?? '(prose)';
      context.stdout.write(`${style.bold(`${hit.rank}. ${title}`)}  ${style.dim(hit.score.toFixed(3))}\n`);
      if (hit.topic.length > 0) context.stdout.write(`   ${style.dim(formatTopic(hit.topic))}\n`);
      context.stdout.write(`   ${displayPath(hit.path, context.cwd)}:${hit.line}${hit.kb !== 'builtin' ? ` (${hit.kb})` : ''}\n`);
      if (hit.text) context.stdout.write(`   ${snippet(hit.text, terms, style)}\n`);
      if (hit.sources.length > 0)
        context.stdout.write(style.dim(`   also in: ${hit.sources.map((source) => `${displayPath(source.path, context.cwd)}:${source.line}`).join(', ')}\n`));
    }
    if (values.explain) writeTrace(context, result);
    return 0;
  });
};
