// Worker-thread entry of the document parser: parses and indexes files sent by parse-off-thread.ts, so a slow or
// hostile file never blocks the server's event loop. Errors travel back as { code, message }; no store access here.
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../core/errors.js';
import type { DocumentFormat } from '../core/types.js';
import type { Dictionary } from '../text/segment.js';
import { createTokenizer } from '../text/tokenize.js';
import { parseAndIndex } from './parse-and-index.js';

export interface ParseRequest {
  id: number;
  path: string;
  format: DocumentFormat;
  bytes: Uint8Array;
}

const tokenize = createTokenizer((workerData as { dictionary: Dictionary }).dictionary);

parentPort?.postMessage({ ready: true });
parentPort?.on('message', (request: ParseRequest) => {
  parseAndIndex(request.path, request.format, request.bytes, tokenize).then(
    (parsed) => parentPort?.postMessage({ id: request.id, ok: true, parsed }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        ok: false,
        code: isAppError(error) ? error.code : 'parse_failed',
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
