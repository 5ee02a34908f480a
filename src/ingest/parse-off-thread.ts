// Parses (and embeds, given a recipe) files on worker threads under a per-file time budget. Files are handed to a
// worker as soon as they are asked for, so the workers keep going while the caller's thread is busy storing; the
// budget of a file starts when its worker announces it has begun it. A file over budget is failed with
// ingest_timeout, its worker terminated (the only way to stop a busy thread), and the files queued behind it are
// handed to a fresh worker.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode, errorCodes } from '../core/errors.js';
import type { DocumentFormat } from '../core/types.js';
import type { Dictionary } from '../text/segment.js';
import { type PackedFile, unpackFile } from './packed-file.js';
import type { ParsedFile } from './parse-and-index.js';
import type { ParseRequest, ThreadEmbedderRecipe } from './parse-worker.js';

export interface FileParser {
  parse(path: string, format: DocumentFormat, bytes: Uint8Array): Promise<ParsedFile>;
  /** Starts the workers now (they boot while the caller does other work); idle, they keep no process alive. */
  warm(): void;
  close(): Promise<void>;
}

export interface ThreadParserOptions {
  dictionary: Dictionary;
  budgetMs: number;
  /** Number of worker threads; files go to the one with the fewest waiting. */
  threads: number;
  embedder?: ThreadEmbedderRecipe | undefined;
}

type Reply = { id: number; started: true } | { id: number; ok: true; packed: PackedFile } | { id: number; ok: false; code: string; message: string };

interface Pending {
  request: ParseRequest;
  resolve: (parsed: ParsedFile) => void;
  reject: (error: unknown) => void;
  timer?: ReturnType<typeof setTimeout>;
}

interface Slot {
  thread: Worker | undefined;
  /** Requests posted to the current thread, in order; the first one is in progress or next. */
  pending: Pending[];
}

export function createThreadParser(options: ThreadParserOptions): FileParser {
  const slots: Slot[] = Array.from({ length: Math.max(1, options.threads) }, () => ({ thread: undefined, pending: [] }));
  let nextId = 0;

  const start = (slot: Slot): Worker => {
    const workerData = { dictionary: options.dictionary, embedder: options.embedder };
    const thread = import.meta.url.endsWith('.ts') ? typescriptWorker(workerData) : new Worker(new URL('./parse-worker.js', import.meta.url), { workerData });
    slot.thread = thread;
    // Requests wait in the worker's port until it is ready: the budget starts with "started", never during boot.
    thread.on('message', (reply: Reply | { ready: true }) => {
      if ('id' in reply) onReply(slot, thread, reply);
    });
    thread.once('error', (error) => onCrash(slot, thread, error));
    thread.once('exit', () => onCrash(slot, thread, new Error('the parse worker exited')));
    return thread;
  };

  const onReply = (slot: Slot, thread: Worker, reply: Reply) => {
    if (slot.thread !== thread) return;
    const index = slot.pending.findIndex((pending) => pending.request.id === reply.id);
    const pending = slot.pending[index];
    if (!pending) return;
    if ('started' in reply) {
      pending.timer = setTimeout(() => onTimeout(slot, pending), options.budgetMs);
      return;
    }
    clearTimeout(pending.timer);
    slot.pending.splice(index, 1);
    // An idle worker must not keep the process alive (a server between uploads, a CLI that is done).
    if (slot.pending.length === 0) thread.unref();
    if (reply.ok) pending.resolve(unpackFile(reply.packed));
    else pending.reject(new AppError(codeOf(reply.code), reply.message));
  };

  /** The file in progress fails; the ones queued behind it go to a fresh worker. */
  const restartWithout = (slot: Slot, failed: Pending, error: AppError) => {
    const thread = slot.thread;
    slot.thread = undefined;
    void thread?.terminate();
    const rest = slot.pending.filter((pending) => pending !== failed);
    slot.pending = [];
    failed.reject(error);
    for (const pending of rest) {
      clearTimeout(pending.timer);
      post(slot, pending);
    }
  };

  const onTimeout = (slot: Slot, pending: Pending) => {
    const seconds = options.budgetMs / 1000;
    restartWithout(slot, pending, new AppError('ingest_timeout', `parsing took longer than ${seconds} s; the file was skipped (is it generated or corrupt?)`));
  };

  const onCrash = (slot: Slot, thread: Worker, error: Error) => {
    if (slot.thread !== thread) return;
    // The file that crashed it is the one begun (it has a timer), else the first waiting.
    const failed = slot.pending.find((pending) => pending.timer !== undefined) ?? slot.pending[0];
    if (!failed) {
      slot.thread = undefined;
      return;
    }
    restartWithout(slot, failed, new AppError('parse_failed', `the parser crashed on this file: ${error.message}`, { cause: error }));
  };

  const post = (slot: Slot, pending: Pending) => {
    const thread = slot.thread ?? start(slot);
    thread.ref();
    slot.pending.push(pending);
    thread.postMessage(pending.request);
  };

  return {
    parse(path, format, bytes) {
      const request: ParseRequest = { id: nextId++, path, format, bytes };
      return new Promise<ParsedFile>((resolve, reject) => {
        const slot = slots.reduce((best, candidate) => (candidate.pending.length < best.pending.length ? candidate : best));
        post(slot, { request, resolve, reject });
      });
    },
    warm() {
      for (const slot of slots) if (!slot.thread) start(slot).unref();
    },
    async close() {
      await Promise.all(
        slots.map(async (slot) => {
          const thread = slot.thread;
          slot.thread = undefined;
          for (const pending of slot.pending) clearTimeout(pending.timer);
          slot.pending = [];
          await thread?.terminate();
        }),
      );
    },
  };
}

/**
 * From the sources (vitest, tsx) the worker is TypeScript: it registers tsx's ESM loader first (`--import tsx` in a
 * worker's execArgv is not applied on Node 20), then imports the entry. The built CLI uses dist/ and plain JS.
 */
function typescriptWorker(workerData: unknown): Worker {
  const require = createRequire(import.meta.url);
  const loader = pathToFileURL(require.resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  const entry = new URL('./parse-worker.ts', import.meta.url).href;
  const source = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(source, { eval: true, workerData });
}

function codeOf(code: string): ErrorCode {
  return code in errorCodes ? (code as ErrorCode) : 'parse_failed';
}
