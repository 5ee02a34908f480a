// Ingests files into one knowledge base: per file read -> skip if unchanged -> parse + index (on a worker thread
// under a time budget when a dictionary is given) -> one transaction. A bad file is reported with its reason and
// never aborts the batch or touches what is already stored; a full disk is named and the summary still returned.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AppError, isAppError } from '../core/errors.js';
import { formatOf, unsupportedFormatMessage } from '../core/formats.js';
import { reachWritePoint } from '../core/write-points.js';
import type { Store } from '../store/store.js';
import type { Dictionary } from '../text/segment.js';
import type { Tokenize } from '../text/tokenize.js';
import { embeddingText } from './index-units.js';
import { embedBatchSize, fileBudgetMs } from './ingest-limits.js';
import { type ParsedFile, parseAndIndex } from './parse-and-index.js';
import { createThreadParser } from './parse-off-thread.js';
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
  /** Parse and store every file again even when its content is unchanged (re-parse after a parser change). */
  reparse?: boolean;
  store: Store;
  tokenize: Tokenize;
  /** The tokenizer's dictionary: when given, files are parsed on a worker thread (the event loop stays free). */
  dictionary?: Dictionary;
  /** Time budget per file for parse + index on the worker (default fileBudgetMs). */
  fileBudgetMs?: number;
  /** Vectors for unit texts, when an embedder is configured. */
  embed?: (texts: string[]) => Promise<Float32Array[]>;
  onFile?: (report: FileReport, index: number, total: number) => void;
  signal?: AbortSignal;
}

export async function ingestFiles(options: IngestOptions): Promise<IngestSummary> {
  const { files, missing, refusedLinks } = await walkInputs(options.inputs, options.cwd);
  const reports: FileReport[] = refusedLinks.map((link) => ({
    path: link.path,
    outcome: 'skipped',
    code: 'forbidden',
    reason: `symbolic link to ${link.target}, outside the folder given: not followed`,
  }));
  for (const report of reports) options.onFile?.(report, 0, files.length);
  const threads = options.dictionary ? createThreadParser(options.dictionary, options.fileBudgetMs ?? fileBudgetMs) : undefined;
  const parse = threads
    ? threads.parse
    : (path: string, format: Parameters<typeof parseAndIndex>[1], bytes: Uint8Array) => parseAndIndex(path, format, bytes, options.tokenize);
  const hashes = new Map((await options.store.listDocuments()).map((document) => [document.path, document.contentHash]));
  try {
    for (const [index, path] of files.entries()) {
      if (options.signal?.aborted) throw new AppError('aborted', 'ingest interrupted; files already reported are stored');
      const report = await ingestOne(path, hashes.get(path), options, parse);
      reports.push(report);
      options.onFile?.(report, index, files.length);
      // Let the server answer other requests between files (10,000 tiny files stalled /api/status for 7.8 s).
      await yieldToEventLoop();
    }
  } finally {
    await threads?.close();
  }
  const pruned = options.prune ? await pruneMissing(options.store) : [];
  const counts = { added: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
  for (const report of reports) counts[report.outcome]++;
  return { files: reports, missing, pruned, counts };
}

type Parse = (path: string, format: NonNullable<ReturnType<typeof formatOf>>, bytes: Uint8Array) => Promise<ParsedFile>;

async function ingestOne(path: string, previousHash: string | undefined, options: IngestOptions, parse: Parse): Promise<FileReport> {
  const { store } = options;
  try {
    const format = formatOf(path);
    if (!format) throw new AppError('unsupported_format', unsupportedFormatMessage());
    const size = statSync(path).size;
    if (size > options.maxFileBytes)
      throw new AppError('file_too_large', `file is ${formatSize(size)}, over the ${formatSize(options.maxFileBytes)} limit (raise it with --max-file-mb)`);
    const bytes = readFileSync(path);
    const { document, units } = await parse(path, format, bytes);
    if (previousHash === document.contentHash && !options.reparse) {
      await store.recordError(path, undefined);
      return { path, outcome: 'unchanged' };
    }
    if (options.embed) {
      const texts = units.map((unit) => embeddingText({ ...unit.unit, questionEn: unit.questionEn }));
      for (let start = 0; start < texts.length; start += embedBatchSize) {
        const vectors = await options.embed(texts.slice(start, start + embedBatchSize));
        vectors.forEach((vector, offset) => {
          (units[start + offset] as (typeof units)[number]).vector = vector;
        });
        await yieldToEventLoop();
      }
    }
    reachWritePoint('parsed', path);
    await store.replaceDocument(document, units);
    reachWritePoint('committed', path);
    const questions = document.units.filter((unit) => unit.kind === 'qa').length;
    return { path, outcome: previousHash ? 'updated' : 'added', units: document.units.length, questions };
  } catch (error) {
    if (isAppError(error) && error.code === 'aborted') throw error;
    const named = isDiskFull(error)
      ? new AppError('disk_full', 'the disk is full: the file was not stored (free some space and run the ingest again)', { cause: error })
      : error;
    const code = isAppError(named) ? named.code : 'internal';
    const reason = named instanceof Error ? named.message : String(named);
    const outcome: FileOutcome = code === 'empty_document' ? 'skipped' : 'failed';
    try {
      await store.recordError(path, { code, message: reason });
    } catch {
      // Recording the error needs the disk too; the report below still names it.
    }
    return { path, outcome, code, reason };
  }
}

/** SQLite's SQLITE_FULL (wrapped by the store or not) or the file system's ENOSPC / EDQUOT. */
export function isDiskFull(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || /database or disk is full/.test(current.message)) return true;
  }
  return false;
}

async function pruneMissing(store: Store): Promise<string[]> {
  const pruned: string[] = [];
  for (const document of await store.listDocuments()) {
    if (!existsSync(document.path) && (await store.removeDocument(document.path))) pruned.push(document.path);
  }
  return pruned;
}

/** Sizes as people read them: KB below 1 MB, MB with one decimal above. */
export function formatSize(bytes: number): string {
  return bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
