// Parses files on a worker thread under a per-file time budget: a file over budget is failed with ingest_timeout,
// its worker terminated (the only way to stop a busy thread) and a fresh one started for the next file.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode, errorCodes } from '../core/errors.js';
import type { DocumentFormat } from '../core/types.js';
import type { Dictionary } from '../text/segment.js';
import type { ParsedFile } from './parse-and-index.js';

export interface FileParser {
  parse(path: string, format: DocumentFormat, bytes: Uint8Array): Promise<ParsedFile>;
  close(): Promise<void>;
}

type Reply = { id: number; ok: true; parsed: ParsedFile } | { id: number; ok: false; code: string; message: string };

export function createThreadParser(dictionary: Dictionary, budgetMs: number): FileParser {
  let worker: { thread: Worker; ready: Promise<void> } | undefined;
  let nextId = 0;
  const start = () => {
    const thread = import.meta.url.endsWith('.ts')
      ? typescriptWorker(dictionary)
      : new Worker(new URL('./parse-worker.js', import.meta.url), { workerData: { dictionary } });
    thread.unref();
    // The budget is for parsing, not for booting the thread: wait for its "ready" (or its failure to start).
    const ready = new Promise<void>((resolve) => {
      const done = () => {
        thread.off('message', onReady);
        thread.off('error', done);
        thread.off('exit', done);
        resolve();
      };
      const onReady = (message: { ready?: boolean }) => {
        if (message.ready) done();
      };
      thread.on('message', onReady);
      thread.once('error', done);
      thread.once('exit', done);
    });
    return { thread, ready };
  };
  return {
    async parse(path, format, bytes) {
      worker ??= start();
      const started = worker;
      await started.ready;
      const current = started.thread;
      const id = nextId++;
      return new Promise<ParsedFile>((resolve, reject) => {
        const finish = () => {
          clearTimeout(timer);
          current.off('message', onMessage);
          current.off('error', onError);
          current.off('exit', onExit);
        };
        const onMessage = (reply: Reply) => {
          if (reply.id !== id) return;
          finish();
          if (reply.ok) resolve(reply.parsed);
          else reject(new AppError(codeOf(reply.code), reply.message));
        };
        const onError = (error: Error) => {
          finish();
          worker = undefined;
          reject(new AppError('parse_failed', `the parser crashed on this file: ${error.message}`, { cause: error }));
        };
        const onExit = () => onError(new Error('the parse worker exited'));
        if (current.threadId === -1) return onExit();
        const timer = setTimeout(() => {
          finish();
          worker = undefined;
          void current.terminate();
          reject(new AppError('ingest_timeout', `parsing took longer than ${budgetMs / 1000} s; the file was skipped (is it generated or corrupt?)`));
        }, budgetMs);
        current.on('message', onMessage);
        current.on('error', onError);
        current.on('exit', onExit);
        current.postMessage({ id, path, format, bytes });
      });
    },
    async close() {
      await worker?.thread.terminate();
      worker = undefined;
    },
  };
}

/**
 * From the sources (vitest, tsx) the worker is TypeScript: it registers tsx's ESM loader first (`--import tsx` in a
 * worker's execArgv is not applied on Node 20), then imports the entry. The built CLI uses dist/ and plain JS.
 */
function typescriptWorker(dictionary: Dictionary): Worker {
  const require = createRequire(import.meta.url);
  const loader = pathToFileURL(require.resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  const entry = new URL('./parse-worker.ts', import.meta.url).href;
  const source = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(source, { eval: true, workerData: { dictionary } });
}

function codeOf(code: string): ErrorCode {
  return code in errorCodes ? (code as ErrorCode) : 'parse_failed';
}
