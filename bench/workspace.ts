// The shared bench workspace: a temp directory with the generated corpus (plus the eval note fixtures that
// note-path labels point at), a fresh MIANBA_HOME with the corpus ingested by the real App into kb "bench", and the
// same units parsed once more with parseDocument for the peers.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../src/app.js';
import { readBank } from '../src/bank/bank-data.js';
import type { BankQuestion } from '../src/bank/load-bank.js';
import { defaultConfig } from '../src/config/config.js';
import { formatOf } from '../src/core/formats.js';
import { questionKeyOf } from '../src/ingest/index-units.js';
import { parseDocument } from '../src/ingest/parse-document.js';
import { walkInputs } from '../src/ingest/walk.js';
import { type Corpus, generateCorpus, writeCorpus } from './corpus.js';
import { log, projectRoot } from './machine.js';
import type { CorpusUnit } from './peers/peer.js';

export const benchKb = 'bench';

export interface Workspace {
  root: string;
  corpusDir: string;
  home: string;
  questions: BankQuestion[];
  corpus: Corpus;
  /** Absolute paths of every corpus file, as ingestion stores them. */
  files: string[];
  corpusBytes: number;
  app: App;
  ingestMs: number;
  ingestCounts: Record<string, number>;
  units: CorpusUnit[];
  parseMs: number;
  /** Share of generated questions that the parser turned into Q&A units with the same key, overall and by variant. */
  parserCoverage: Record<string, { questions: number; recall: number }>;
  dispose(): void;
}

export async function prepareWorkspace(options: { seed: number; targetBytes: number; keep: boolean }): Promise<Workspace> {
  const root = mkdtempSync(join(tmpdir(), 'mianba-bench-'));
  const corpusDir = join(root, 'corpus');
  const home = join(root, 'home');
  const questions = readBank().bank.questions;
  const corpus = generateCorpus(questions, options);
  writeCorpus(corpus, corpusDir);
  copyEvalNotes(join(corpusDir, 'eval-notes'));
  const { files } = await walkInputs([corpusDir], corpusDir);
  const corpusBytes = files.reduce((total, file) => total + statSync(file).size, 0);
  log(`corpus: ${files.length} files, ${(corpusBytes / 1e6).toFixed(2)} MB in ${corpusDir}`);

  const app = createApp(defaultConfig(home, benchKb));
  app.tools();
  const started = performance.now();
  const summary = await app.ingest({ inputs: [corpusDir], kb: benchKb, cwd: corpusDir });
  const ingestMs = performance.now() - started;
  log(`ingested in ${(ingestMs / 1000).toFixed(1)} s: ${JSON.stringify(summary.counts)}`);

  const parseStarted = performance.now();
  const units: CorpusUnit[] = [];
  for (const file of files) {
    const format = formatOf(file);
    if (!format) continue;
    const document = await parseDocument(file, format, readFileSync(file));
    for (const unit of document.units) {
      units.push({
        id: units.length,
        path: file,
        question: unit.question,
        text: unit.text,
        topic: unit.topic,
        key: unit.question ? questionKeyOf(unit.question) : undefined,
      });
    }
  }
  const parseMs = performance.now() - parseStarted;
  const parsedKeys = new Set(units.flatMap((unit) => (unit.key ? [unit.key] : [])));
  const parserCoverage = coverageOf(corpus, parsedKeys);
  return {
    root,
    corpusDir,
    home,
    questions,
    corpus,
    files,
    corpusBytes,
    app,
    ingestMs,
    ingestCounts: summary.counts,
    units,
    parseMs,
    parserCoverage,
    dispose() {
      app.close();
      if (!options.keep) rmSync(root, { recursive: true, force: true });
    },
  };
}

function coverageOf(corpus: Corpus, parsedKeys: Set<string>): Record<string, { questions: number; recall: number }> {
  const groups: Record<string, boolean[]> = {};
  for (const question of corpus.truth.questions) {
    const found = question.key !== undefined && parsedKeys.has(question.key);
    const variant = /\uFF1F/.test(question.text) ? 'full-width \uFF1F' : /[?]\s*$/.test(question.text) ? 'ends with ASCII ?' : 'no question mark at end';
    for (const group of ['all', `shape ${question.shape}`, variant]) groups[group] = [...(groups[group] ?? []), found];
  }
  return Object.fromEntries(
    Object.entries(groups).map(([group, found]) => [group, { questions: found.length, recall: found.filter(Boolean).length / found.length }]),
  );
}

/** The note fixtures that labels such as "eval-notes/interview-diary.md" point at. */
function copyEvalNotes(target: string): void {
  const source = join(projectRoot, 'test', 'fixtures', 'eval-notes');
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(source)) copyFileSync(join(source, name), join(target, name));
}
