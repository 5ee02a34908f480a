// `mianba ingest <path|folder|glob>... [--kb NAME] [--prune] [--max-file-mb N] [--json]`: per-file reports, a
// progress bar on a TTY (plain lines otherwise) and a summary. Exit 0 when every file is fine, 1 when any failed,
// 2 when an input path does not exist.
import { AppError } from '../../core/errors.js';
import type { FileReport } from '../../ingest/ingest-files.js';
import type { Command } from '../cli-context.js';
import { displayPath, styleFor } from '../format.js';
import { withApp, writeJson } from '../open-app.js';
import { numberFlag, parseCommandArgs } from '../parse-args.js';

const usage = 'mianba ingest <path|folder|glob>... [--kb NAME] [--prune] [--max-file-mb N] [--json]';

export const runIngest: Command = async (args, context) => {
  const { values, positionals } = parseCommandArgs(
    args,
    { kb: { type: 'string' }, prune: { type: 'boolean' }, 'max-file-mb': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    usage,
  );
  if (values.help) {
    context.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  if (positionals.length === 0 && !values.prune) throw new AppError('usage', `nothing to ingest\n\nusage: ${usage}`);
  const maxFileMb = numberFlag(values['max-file-mb'], 'max-file-mb', { min: 0.001 });
  const style = styleFor(context);
  const progress = Boolean(context.stderr.isTTY) && !values.json;
  return withApp(context, { kb: values.kb, maxFileMb }, async (app) => {
    const onFile = (report: FileReport, index: number, total: number) => {
      if (values.json) return;
      if (progress) {
        const width = 24;
        const filled = Math.round(((index + 1) / total) * width);
        context.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${index + 1}/${total}\u001b[K`);
        if (report.outcome === 'failed' || report.outcome === 'skipped') context.stderr.write('\n');
      }
      if (!progress || report.outcome === 'failed' || report.outcome === 'skipped') context.stdout.write(describe(report, context.cwd, style));
    };
    const summary = await app.ingest({ inputs: positionals, kb: values.kb, cwd: context.cwd, prune: values.prune ?? false, onFile, signal: context.signal });
    if (progress) context.stderr.write('\n');
    for (const missing of summary.missing) context.stderr.write(`mianba: no such file, folder or glob match: ${missing}\n`);
    if (values.json) writeJson(context, { kb: values.kb ?? app.config.kb, ...summary });
    else {
      const { counts } = summary;
      const questions = summary.files.reduce((total, file) => total + (file.questions ?? 0), 0);
      context.stdout.write(
        `\nkb "${values.kb ?? app.config.kb}": ${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.skipped} skipped, ${counts.failed} failed` +
          `${summary.pruned.length > 0 ? `, ${summary.pruned.length} pruned` : ''}; ${questions} questions in new or updated files\n`,
      );
    }
    if (summary.missing.length > 0) return 2;
    return summary.counts.failed > 0 ? 1 : 0;
  });
};

function describe(report: FileReport, cwd: string, style: ReturnType<typeof styleFor>): string {
  const path = displayPath(report.path, cwd);
  switch (report.outcome) {
    case 'added':
    case 'updated':
      return `${style.green(report.outcome.padEnd(9))} ${path} (${report.questions ?? 0} questions, ${report.units ?? 0} units)\n`;
    case 'unchanged':
      return `${style.dim('unchanged'.padEnd(9))} ${path}\n`;
    case 'skipped':
      return `${style.yellow('skipped'.padEnd(9))} ${path}: ${report.reason}\n`;
    case 'failed':
      return `${style.red('failed'.padEnd(9))} ${path}: ${report.reason}\n`;
  }
}
