// Worker-thread entry of the document parser: parses, indexes and (when given an embedder recipe) embeds files sent
// by parse-off-thread.ts, so a slow or hostile file never blocks the server's event loop and the thread that stores
// has only the store's work left. Files are handled one at a time in arrival order; each is announced ("started")
// when its work begins, so the sender's time budget counts this file only. Errors travel back as { code, message }.
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../core/errors.js';
import type { DocumentFormat } from '../core/types.js';
import type { Dictionary } from '../text/segment.js';
import { createTokenizer } from '../text/tokenize.js';
import { type Embed, parseFileToPack } from './parse-to-pack.js';

export interface ParseRequest {
  id: number;
  path: string;
  format: DocumentFormat;
  bytes: Uint8Array;
}

/**
 * How to build an embedder inside the worker: a module exporting `createThreadEmbedder(data)`, which returns a
 * synchronous `(texts) => vectors` giving exactly the vectors of the main thread's embedder (HashedNgramEmbedder).
 */
export interface ThreadEmbedderRecipe {
  module: string;
  data: unknown;
}

const { dictionary, embedder } = workerData as { dictionary: Dictionary; embedder?: ThreadEmbedderRecipe };
const tokenize = createTokenizer(dictionary);
const queue: ParseRequest[] = [];
let busy = false;

const embed: Embed | undefined = embedder
  ? ((await import(embedder.module)) as { createThreadEmbedder: (data: unknown) => Embed }).createThreadEmbedder(embedder.data)
  : undefined;

parentPort?.postMessage({ ready: true });
parentPort?.on('message', (request: ParseRequest) => {
  queue.push(request);
  if (!busy) void drain();
});

async function drain(): Promise<void> {
  busy = true;
  for (let request = queue.shift(); request; request = queue.shift()) await handle(request);
  busy = false;
}

async function handle(request: ParseRequest): Promise<void> {
  parentPort?.postMessage({ id: request.id, started: true });
  try {
    const packed = await parseFileToPack(request, { dictionary, tokenize, embed });
    parentPort?.postMessage({ id: request.id, ok: true, packed }, packed.vectors ? [packed.vectors.buffer as ArrayBuffer] : []);
  } catch (error) {
    parentPort?.postMessage({
      id: request.id,
      ok: false,
      code: isAppError(error) ? error.code : 'parse_failed',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
