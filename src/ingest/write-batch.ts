// Groups parsed files into one store transaction (Store.replaceDocuments: a SAVEPOINT per file), so a folder of small
// notes costs one disk sync per batch instead of one per file. Reports leave in file order and only after their batch
// is committed: whatever a crash interrupts, every file reported as stored is stored, and no file is stored in part.
import { AppError, isAppError } from '../core/errors.js';
import { reachWritePoint } from '../core/write-points.js';
import type { DocumentWrite, IngestErrorRecord, Store } from '../store/store.js';
import { batchMaxAgeMs, batchMaxBytes, batchMaxFiles } from './ingest-limits.js';

export type FileOutcome = 'added' | 'updated' | 'unchanged' | 'skipped' | 'failed';

export interface FileReport {
  path: string;
  outcome: FileOutcome;
  units?: number;
  questions?: number;
  code?: string;
  reason?: string;
}

export interface WriteBatch {
  /** A file whose outcome is already known (unchanged): reported in order at the next flush. */
  report(report: FileReport, index: number): void;
  /** A file that failed before writing: its error is recorded with the next flush's transaction, then reported. */
  fail(path: string, error: unknown, index: number): void;
  /** A document to store; `bytes` is its file size, counted against the batch limits. */
  write(write: DocumentWrite, outcome: 'added' | 'updated', index: number, bytes: number): void;
  /** Whether the batch reached a limit and should be flushed now. */
  isFull(): boolean;
  /** Commits the pending documents (one transaction) and emits every pending report in file order. */
  flush(): Promise<void>;
}

type Entry = { index: number; report: FileReport } | { index: number; write: DocumentWrite; outcome: 'added' | 'updated' };

export function createWriteBatch(store: Store, emit: (report: FileReport, index: number) => void, now: () => number = Date.now): WriteBatch {
  let entries: Entry[] = [];
  let errors: IngestErrorRecord[] = [];
  let writes = 0;
  let bytes = 0;
  let startedAt = 0;
  return {
    report(report, index) {
      entries.push({ index, report });
    },
    fail(path, error, index) {
      const report = reportOf(path, error);
      errors.push({ path, code: report.code as string, message: report.reason as string });
      entries.push({ index, report });
    },
    write(write, outcome, index, size) {
      if (writes === 0) startedAt = now();
      entries.push({ index, write, outcome });
      writes++;
      bytes += size;
    },
    isFull() {
      return writes > 0 && (writes >= batchMaxFiles || bytes >= batchMaxBytes || now() - startedAt >= batchMaxAgeMs);
    },
    async flush() {
      const pending = entries;
      const failed = errors;
      entries = [];
      errors = [];
      writes = 0;
      bytes = 0;
      const toWrite = pending.flatMap((entry) => ('write' in entry ? [entry.write] : []));
      let outcomes: Awaited<ReturnType<Store['replaceDocuments']>>;
      try {
        outcomes = toWrite.length > 0 || failed.length > 0 ? await store.replaceDocuments(toWrite, failed) : [];
      } catch (error) {
        // The transaction itself failed (a full disk): nothing of the batch is stored, each file says why (the
        // errors of files that failed before writing were not recorded either; their reports still name them).
        outcomes = toWrite.map(() => ({ stored: false, error }));
      }
      let written = 0;
      for (const entry of pending) {
        if (!('write' in entry)) {
          emit(entry.report, entry.index);
          continue;
        }
        const outcome = outcomes[written++];
        const { document, units } = entry.write;
        if (outcome?.stored) {
          reachWritePoint('committed', document.path);
          const questions = units.filter((unit) => unit.unit.kind === 'qa').length;
          emit({ path: document.path, outcome: entry.outcome, units: units.length, questions }, entry.index);
        } else emit(await failureReport(store, document.path, outcome?.error), entry.index);
      }
    },
  };
}

/** The report of a file that could not be stored, its error recorded in the store when the disk allows. */
export async function failureReport(store: Store, path: string, error: unknown): Promise<FileReport> {
  const report = reportOf(path, error);
  try {
    await store.recordError(path, { code: report.code as string, message: report.reason as string });
  } catch {
    // Recording the error needs the disk too; the report still names it.
  }
  return report;
}

/** The report of a file that could not be stored: its code (a full disk named as such) and reason. */
function reportOf(path: string, error: unknown): FileReport {
  const named = isDiskFull(error)
    ? new AppError('disk_full', 'the disk is full: the file was not stored (free some space and run the ingest again)', { cause: error })
    : error;
  const code = isAppError(named) ? named.code : 'internal';
  const reason = named instanceof Error ? named.message : String(named);
  const outcome: FileOutcome = code === 'empty_document' ? 'skipped' : 'failed';
  return { path, outcome, code, reason };
}

/** SQLite's SQLITE_FULL (wrapped by the store or not) or the file system's ENOSPC / EDQUOT. */
export function isDiskFull(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || /database or disk is full/.test(current.message)) return true;
  }
  return false;
}
