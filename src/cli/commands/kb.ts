// `mianba kb list|show NAME|reindex NAME [--reparse]|remove NAME [--yes] [--json]`: knowledge bases and their documents.
import { AppError } from '../../core/errors.js';
import type { Command } from '../cli-context.js';
import { displayPath } from '../format.js';
import { withApp, writeJson } from '../open-app.js';
import { parseCommandArgs } from '../parse-args.js';

const usage = 'mianba kb list | kb show NAME | kb reindex NAME [--reparse] | kb remove NAME --yes   [--json]';

export const runKb: Command = async (args, context) => {
  const { values, positionals } = parseCommandArgs(
    args,
    { json: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' }, reparse: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    usage,
  );
  const [action, name] = positionals;
  if (values.help || !action) {
    context.stdout.write(`usage: ${usage}\n`);
    return values.help ? 0 : 2;
  }
  return withApp(context, {}, async (app) => {
    if (action === 'list') {
      const kbs = await app.listKbs();
      if (values.json) writeJson(context, { kbs });
      else
        for (const kb of kbs)
          context.stdout.write(`${kb.name.padEnd(16)} ${kb.documents} documents, ${kb.questions} questions (${kb.answered} answered), ${kb.units} units\n`);
      return 0;
    }
    if (!name) throw new AppError('usage', `kb ${action} needs a knowledge base name\n\nusage: ${usage}`);
    if (action === 'show') {
      const shown = await app.showKb(name);
      if (values.json) {
        writeJson(context, shown);
        return 0;
      }
      const { summary } = shown;
      context.stdout.write(
        `${summary.name}: ${summary.documents} documents, ${summary.questions} questions (${summary.answered} answered, ${summary.questions - summary.answered} unanswered), ${summary.units} units\n`,
      );
      for (const document of shown.documents)
        context.stdout.write(
          `  ${displayPath(document.path, context.cwd)}  ${document.format}, ${document.questions} questions (${document.answered} answered), ${document.units} units\n`,
        );
      for (const error of shown.errors) context.stdout.write(`  error: ${displayPath(error.path, context.cwd)}: ${error.message}\n`);
      return 0;
    }
    if (action === 'reindex') {
      // Re-embed (fresh tokens and vectors from the stored units) unless --reparse asks to read the files again.
      const mode = values.reparse ? 're-parse' : 're-embed';
      const result = await app.reindex({
        kb: name,
        mode,
        onProgress: (done, total) => {
          if (context.stderr.isTTY) context.stderr.write(`\rre-indexing ${done}/${total}\u001b[K`);
        },
        onFile: (_report, index, total) => {
          if (context.stderr.isTTY) context.stderr.write(`\rre-parsing ${index + 1}/${total}\u001b[K`);
        },
      });
      if (context.stderr.isTTY) context.stderr.write('\n');
      if (values.json) writeJson(context, result);
      else if (result.ingest) {
        const { counts, pruned } = result.ingest;
        context.stdout.write(
          `re-parsed "${name}": ${counts.added + counts.updated + counts.unchanged} documents, ${counts.failed} failed, ${pruned.length} pruned (file gone), ${result.units} units\n`,
        );
      } else context.stdout.write(`re-indexed ${result.units} units of "${name}" with ${result.embedder}\n`);
      return 0;
    }
    if (action === 'remove') {
      if (!values.yes) throw new AppError('usage', `removing "${name}" deletes its database; confirm with: mianba kb remove ${name} --yes`);
      await app.removeKb(name);
      context.stdout.write(`removed knowledge base "${name}"\n`);
      return 0;
    }
    throw new AppError('usage', `unknown kb action "${action}"\n\nusage: ${usage}`);
  });
};
