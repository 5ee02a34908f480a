// `mianba eval retrieval|answers|calibrate --set FILE.jsonl [--kb] [--config NAME ...] [--json] [--html FILE]`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { configFilePath } from '../../config/config.js';
import { AppError } from '../../core/errors.js';
import { readEvalSet } from '../../eval/eval-set.js';
import { retrievalReportHtml } from '../../eval/html-report.js';
import { evaluateAnswers } from '../../eval/run-answer-eval.js';
import { calibrateThreshold, evaluateRetrieval, type RetrievalConfigName, retrievalConfigs } from '../../eval/run-retrieval-eval.js';
import type { Command } from '../cli-context.js';
import { withApp, writeJson } from '../open-app.js';
import { numberFlag, parseCommandArgs } from '../parse-args.js';

const usage =
  'mianba eval retrieval --set FILE.jsonl [--kb NAME] [--config bm25|bm25+expand|hybrid|hybrid+rerank ...] [--json] [--html FILE]\n       mianba eval answers --set FILE.jsonl [--kb NAME] [--full] [--json]\n       mianba eval calibrate --set FILE.jsonl [--precision 0.9] [--dry-run]';

export const runEval: Command = async (args, context) => {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      set: { type: 'string' },
      kb: { type: 'string' },
      config: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      full: { type: 'boolean' },
      html: { type: 'string' },
      precision: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    usage,
  );
  const action = positionals[0];
  if (values.help || !action) {
    context.stdout.write(`usage: ${usage}\n`);
    return values.help ? 0 : 2;
  }
  if (!values.set) throw new AppError('usage', `--set FILE.jsonl is required\n\nusage: ${usage}`);
  const setFile = values.set;
  const lines = readEvalSet(isAbsolute(setFile) ? setFile : join(context.cwd, setFile));
  return withApp(context, {}, async (app) => {
    if (action === 'retrieval') {
      const names = (values.config ?? Object.keys(retrievalConfigs)) as RetrievalConfigName[];
      for (const name of names)
        if (!(name in retrievalConfigs)) throw new AppError('usage', `unknown --config "${name}"; known: ${Object.keys(retrievalConfigs).join(', ')}`);
      const reports = [];
      for (const name of names) reports.push(await evaluateRetrieval(lines, app.search, name, values.kb, app.config.retrieval.refusalThreshold));
      if (values.html) writeFileSync(values.html, retrievalReportHtml(reports, setFile));
      if (values.json) writeJson(context, { set: setFile, reports: reports.map(({ outcomes: _outcomes, ...report }) => report) });
      else writeRetrievalTable(context.stdout, reports);
      return 0;
    }
    if (action === 'answers') {
      const report = await evaluateAnswers(lines, app.ask, values.kb, values.full ? 'full' : 'brief');
      if (values.json) writeJson(context, report);
      else {
        const show = (value: number | null) => (value === null ? '-' : value.toFixed(3));
        context.stdout.write(
          `queries ${report.queries}\nRouge-L ${show(report.rougeL)}\nkey-point coverage ${show(report.keyPointCoverage)}\ncitation precision ${show(report.citationPrecision)}  recall ${show(report.citationRecall)}\nrefusal precision ${report.refusal.precision.toFixed(3)}  recall ${report.refusal.recall.toFixed(3)}\nmean answer length ${report.answerLength.mean.toFixed(0)} characters\nsame language ${show(report.languageShare)}  page junk ${show(report.junkShare)}\n`,
        );
        for (const [kind, entry] of Object.entries(report.byKind))
          context.stdout.write(
            `  ${kind.padEnd(18)} n=${entry.queries}  key points ${show(entry.keyPointCoverage)}  same language ${show(entry.languageShare)}  junk ${show(entry.junkShare)}  refused ${entry.refusedShare.toFixed(2)}\n`,
          );
      }
      return 0;
    }
    if (action === 'calibrate') {
      const floor = numberFlag(values.precision, 'precision', { min: 0, max: 1 }) ?? 0.9;
      const report = await evaluateRetrieval(lines, app.search, 'hybrid+rerank', values.kb, app.config.retrieval.refusalThreshold);
      const picked = calibrateThreshold(report.outcomes, floor);
      if (!values['dry-run']) writeThreshold(app.config.home, picked.threshold);
      if (values.json) writeJson(context, { threshold: picked.threshold, precision: picked.precision, recall: picked.recall, written: !values['dry-run'] });
      else
        context.stdout.write(
          `refusal threshold ${picked.threshold.toFixed(4)}: precision ${picked.precision.toFixed(3)}, recall ${picked.recall.toFixed(3)} on ${lines.length} queries` +
            `${values['dry-run'] ? ' (dry run, config unchanged)' : ` -> written to ${configFilePath(app.config.home)}`}\n`,
        );
      return 0;
    }
    throw new AppError('usage', `unknown eval action "${action}"\n\nusage: ${usage}`);
  });
};

function writeRetrievalTable(out: NodeJS.WritableStream, reports: Awaited<ReturnType<typeof evaluateRetrieval>>[]): void {
  out.write('config          Hit@1  Hit@3  Hit@5  Hit@10  R@10   MRR@10 NDCG@10  p50ms  p95ms  refusal P/R\n');
  for (const report of reports) {
    const m = report.overall;
    out.write(
      `${report.config.padEnd(15)} ${[m.hit1, m.hit3, m.hit5, m.hit10, m.recall10, m.mrr10, m.ndcg10].map((value) => value.toFixed(3)).join('  ')}  ${report.latencyMs.p50.toFixed(1).padStart(5)}  ${report.latencyMs.p95.toFixed(1).padStart(5)}  ${report.refusal.precision.toFixed(2)}/${report.refusal.recall.toFixed(2)}\n`,
    );
    for (const [kind, metrics] of Object.entries(report.byKind))
      out.write(`  ${kind.padEnd(13)} Hit@5 ${metrics.hit5.toFixed(3)}  MRR@10 ${metrics.mrr10.toFixed(3)}  (${metrics.queries} queries)\n`);
  }
}

function writeThreshold(home: string, threshold: number): void {
  const file = configFilePath(home);
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    current = {};
  }
  mkdirSync(dirname(file), { recursive: true });
  const retrieval = { ...((current.retrieval as Record<string, unknown> | undefined) ?? {}), refusalThreshold: threshold };
  writeFileSync(file, `${JSON.stringify({ ...current, retrieval }, null, 2)}\n`);
}
