// Ingests files into one knowledge base: per file read -> skip if unchanged -> parse -> index -> one transaction.
// A bad file is reported with its reason and never aborts the batch or touches what is already stored.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { AppError, isAppError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import type { Tokenize } from '../text/tokenize.js';
import { indexUnits } from './index-units.js';
import { formatOf } from './load-formats.js';
import { parseDocument } from './parse-document.js';
import { walkInputs } from './walk.js';

export type FileOutcome = 'added' | 'updated' | 'unchanged' | 'skipped' | 'failed';

export interface FileReport {
  path: string;
  outcome: FileOutcome;
  units?: number;
  questions?: number;
  code?: string;
  reason?: string;
}

export interface IngestSummary {
  files: FileReport[];
  missing: string[];
  pruned: string[];
  counts: Record<FileOutcome, number>;
}

export interface IngestOptions {
  inputs: string[];
  cwd: string;
  maxFileBytes: number;
  prune: boolean;
  store: Store;
  tokenize: Tokenize;
  /** Vectors for unit texts, when an embedder is configured. */
  embed?: (texts: string[]) => Promise<Float32Array[]>;
  onFile?: (report: FileReport, index: number, total: number) => void;
  signal?: AbortSignal;
}

export async function ingestFiles(options: IngestOptions): Promise<IngestSummary> {
  const { files, missing } = await walkInputs(options.inputs, options.cwd);
  const reports: FileReport[] = [];
  for (const [index, path] of files.entries()) {
    if (options.signal?.aborted) throw new AppError('aborted', 'ingest interrupted; files already reported are stored');
    const report = await ingestOne(path, options);
    reports.push(report);
    options.onFile?.(report, index, files.length);
  }
  const pruned = options.prune ? pruneMissing(options.store) : [];
  const counts = { added: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
  for (const report of reports) counts[report.outcome]++;
  return { files: reports, missing, pruned, counts };
}

async function ingestOne(path: string, options: IngestOptions): Promise<FileReport> {
  const { store } = options;
  try {
    const format = formatOf(path);
    if (!format) throw new AppError('unsupported_format', 'unsupported file type (supported: .md .markdown .txt .html .htm .pdf .docx)');
    const size = statSync(path).size;
    if (size > options.maxFileBytes)
      throw new AppError('file_too_large', `file is ${formatSize(size)}, over the ${formatSize(options.maxFileBytes)} limit (raise it with --max-file-mb)`);
    const bytes = readFileSync(path);
    const previousHash = store.documentHash(path);
    const document = await parseDocument(path, format, bytes);
    if (previousHash === document.contentHash) {
      store.clearError(path);
      return { path, outcome: 'unchanged' };
    }
    const units = indexUnits(document, options.tokenize);
    if (options.embed) {
      const vectors = await options.embed(units.map((unit) => [unit.unit.question, unit.unit.text].filter(Boolean).join('\n')));
      units.forEach((unit, index) => {
        unit.vector = vectors[index];
      });
    }
    store.replaceDocument(document, units);
    const questions = document.units.filter((unit) => unit.kind === 'qa').length;
    return { path, outcome: previousHash ? 'updated' : 'added', units: document.units.length, questions };
  } catch (error) {
    if (isAppError(error) && error.code === 'aborted') throw error;
    const code = isAppError(error) ? error.code : 'internal';
    const reason = error instanceof Error ? error.message : String(error);
    const outcome: FileOutcome = code === 'empty_document' ? 'skipped' : 'failed';
    store.recordError(path, code, reason);
    return { path, outcome, code, reason };
  }
}

function pruneMissing(store: Store): string[] {
  const pruned: string[] = [];
  for (const document of store.listDocuments()) {
    if (!existsSync(document.path) && store.removeDocument(document.path)) pruned.push(document.path);
  }
  return pruned;
}

/** Sizes as people read them: KB below 1 MB, MB with one decimal above. */
export function formatSize(bytes: number): string {
  return bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
