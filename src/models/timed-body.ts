// Reading a model server's response body under an idle deadline (no chunk for `idleMs` = model_timeout) and a size
// cap (more than `maxBytes` = model_bad_response), so neither a server that stalls after its headers nor one that
// streams without end can hold a request open.
import { AppError } from '../core/errors.js';
import { raceDeadline } from './deadline.js';

export interface BodyLimits {
  idleMs: number;
  maxBytes: number;
  /** Where the body comes from, for messages ("http://127.0.0.1:11434/v1/chat/completions"). */
  origin: string;
  signal: AbortSignal | undefined;
  /** Aborts the underlying request (the attempt's own controller). */
  abort: () => void;
}

/** The body's chunks; each read must arrive within `idleMs`, and the total stays under `maxBytes`. */
export async function* readChunks(response: Response, limits: BodyLimits): AsyncGenerator<Uint8Array> {
  if (!response.body) throw new AppError('model_bad_response', `the model server at ${limits.origin} sent an empty body`);
  const reader = response.body.getReader();
  let total = 0;
  const stop = () => {
    limits.abort();
    reader.cancel().catch(() => undefined);
  };
  try {
    for (;;) {
      const { done, value } = await raceDeadline(reader.read(), limits.idleMs, limits.signal, () => idleTimeout(limits), stop);
      if (done) return;
      total += value.byteLength;
      if (total > limits.maxBytes) {
        stop();
        throw new AppError(
          'model_bad_response',
          `the model server at ${limits.origin} sent more than ${Math.round(limits.maxBytes / 2 ** 20)} MB; refusing the rest`,
        );
      }
      yield value;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (limits.signal?.aborted) throw new AppError('aborted', 'request aborted', { cause: error });
    throw new AppError('model_error', `the connection to the model server at ${limits.origin} broke: ${(error as Error).message}`, { cause: error });
  } finally {
    reader.releaseLock();
  }
}

/** The whole body as text, under the same deadlines. */
export async function readText(response: Response, limits: BodyLimits): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of readChunks(response, limits)) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

function idleTimeout(limits: BodyLimits): AppError {
  return new AppError('model_timeout', `the model server at ${limits.origin} stopped sending for ${limits.idleMs / 1000} s`, { retryable: true });
}
