// Ingests files into one knowledge base: per file read -> skip if unchanged -> parse + index (on a worker thread
// under a time budget when a dictionary is given, one file ahead of this thread) -> embed -> stored in batches, each
// file all-or-nothing (write-batch.ts). A bad file is reported with its reason and never aborts the run or touches
// what is already stored; a full disk is named and the summary still returned.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AppError, isAppError } from '../core/errors.js';
import { formatOf, unsupportedFormatMessage } from '../core/formats.js';
import { reachWritePoint } from '../core/write-points.js';
import type { Store } from '../store/store.js';
import type { Dictionary } from '../text/segment.js';
import type { Tokenize } from '../text/tokenize.js';
import { embeddingText } from './index-units.js';
import { aheadMaxBytes, aheadMaxFiles, aloneFromBytes, embedBatchSize, fileBudgetMs, parseThreads } from './ingest-limits.js';
import { type ParsedFile, parseAndIndex } from './parse-and-index.js';
import { createThreadParser, type FileParser } from './parse-off-thread.js';
import type { ThreadEmbedderRecipe } from './parse-worker.js';
import { walkInputs } from './walk.js';
import { createWriteBatch, type FileOutcome, type FileReport } from './write-batch.js';

export type { FileOutcome, FileReport } from './write-batch.js';

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
  /** The same embedder, built inside the parse workers (the built-in one): files then arrive with their vectors. */
  threadEmbedder?: ThreadEmbedderRecipe | undefined;
  /** Called for each file once its outcome is final (a stored file: once its batch is committed), in file order. */
  onFile?: (report: FileReport, index: number, total: number) => void;
  signal?: AbortSignal;
}

export async function ingestFiles(options: IngestOptions): Promise<IngestSummary> {
  const threads = options.dictionary
    ? createThreadParser({
        dictionary: options.dictionary,
        budgetMs: options.fileBudgetMs ?? fileBudgetMs,
        threads: parseThreads,
        embedder: options.threadEmbedder,
      })
    : undefined;
  // The worker boots (~0.2 s: its modules, the dictionary, the embedder's glossary) while this thread walks the
  // folders and reads what the store holds, instead of after: the first file no longer waits for it.
  threads?.warm();
  try {
    return await ingestWith(options, threads);
  } finally {
    await threads?.close();
  }
}

async function ingestWith(options: IngestOptions, threads: FileParser | undefined): Promise<IngestSummary> {
  const { files, missing, refusedLinks } = await walkInputs(options.inputs, options.cwd);
  const reports: FileReport[] = refusedLinks.map((link) => ({
    path: link.path,
    outcome: 'skipped',
    code: 'forbidden',
    reason: `symbolic link to ${link.target}, outside the folder given: not followed`,
  }));
  for (const report of reports) options.onFile?.(report, 0, files.length);
  const parse: Parse = threads ? threads.parse : (path, format, bytes) => parseAndIndex(path, format, bytes, options.tokenize);
  const { store } = options;
  const hashes = new Map((await store.listDocuments()).map((document) => [document.path, document.contentHash]));
  const recordedErrors = new Set((await store.listErrors()).map((error) => error.path));
  const batch = createWriteBatch(store, (report, index) => {
    reports.push(report);
    options.onFile?.(report, index, files.length);
  });
  // Files ahead: the workers parse (and embed) the next files while this thread stores the current ones.
  const ahead: PreparedFile[] = [];
  let read = 0;
  let aheadSize = 0;
  const readAhead = () => {
    while (read < files.length && (ahead.length === 0 || (ahead.length < aheadMaxFiles && aheadSize < aheadMaxBytes))) {
      const prepared = readAndParse(files[read++] as string, options, parse);
      ahead.push(prepared);
      aheadSize += prepared.bytes;
    }
  };
  for (const [index, path] of files.entries()) {
    readAhead();
    const current = ahead.shift() as PreparedFile;
    aheadSize -= current.bytes;
    if (options.signal?.aborted) {
      await batch.flush();
      throw new AppError('aborted', 'ingest interrupted; files already reported are stored');
    }
    // A large file is stored alone: the files before it are committed (and reported) before it is waited for.
    const alone = current.bytes >= aloneFromBytes;
    if (alone) await batch.flush();
    const parsed = await current.parsed;
    readAhead();
    if ('error' in parsed) batch.fail(path, parsed.error, index);
    else if (hashes.get(path) === parsed.document.contentHash && !options.reparse) {
      // Clearing an old error is a write: only when there is one (an unchanged folder then writes nothing).
      if (recordedErrors.has(path)) await store.recordError(path, undefined);
      batch.report({ path, outcome: 'unchanged' }, index);
    } else {
      const embedError = await embedUnits(parsed, options).then(
        () => undefined,
        (error: unknown) => error ?? new Error('embedding failed'),
      );
      if (isAppError(embedError) && embedError.code === 'aborted') throw embedError;
      if (embedError === undefined) {
        reachWritePoint('parsed', path);
        batch.write(parsed, hashes.has(path) ? 'updated' : 'added', index, current.bytes);
      } else batch.fail(path, embedError, index);
    }
    if (alone || batch.isFull()) await batch.flush();
    // Let the server answer other requests between files (10,000 tiny files stalled /api/status for 7.8 s).
    await yieldToEventLoop();
  }
  await batch.flush();
  const pruned = options.prune ? await pruneMissing(store) : [];
  const counts = { added: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
  for (const report of reports) counts[report.outcome]++;
  return { files: reports, missing, pruned, counts };
}

type Parse = (path: string, format: NonNullable<ReturnType<typeof formatOf>>, bytes: Uint8Array) => Promise<ParsedFile>;

interface PreparedFile {
  /** Size on disk (0 when it could not be read). */
  bytes: number;
  /** Never rejects: a file that cannot be read or parsed carries its error. */
  parsed: Promise<ParsedFile | { error: unknown }>;
}

function readAndParse(path: string, options: IngestOptions, parse: Parse): PreparedFile {
  try {
    const format = formatOf(path);
    if (!format) throw new AppError('unsupported_format', unsupportedFormatMessage());
    const bytes = statSync(path).size;
    if (bytes > options.maxFileBytes)
      throw new AppError('file_too_large', `file is ${formatSize(bytes)}, over the ${formatSize(options.maxFileBytes)} limit (raise it with --max-file-mb)`);
    return { bytes, parsed: parse(path, format, readFileSync(path)).catch((error: unknown) => ({ error: error ?? new Error('parse failed') })) };
  } catch (error) {
    return { bytes: 0, parsed: Promise.resolve({ error }) };
  }
}

/** Vectors for the units, when an embedder is configured, in slices that let the event loop breathe. */
async function embedUnits({ units }: ParsedFile, options: IngestOptions): Promise<void> {
  if (!options.embed || units.every((unit) => unit.vector)) return;
  const texts = units.map((unit) => embeddingText({ question: unit.unit.question, questionEn: unit.questionEn, text: unit.unit.text }));
  for (let start = 0; start < texts.length; start += embedBatchSize) {
    const vectors = await options.embed(texts.slice(start, start + embedBatchSize));
    vectors.forEach((vector, offset) => {
      (units[start + offset] as (typeof units)[number]).vector = vector;
    });
    await yieldToEventLoop();
  }
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
