// Server-sent events for long operations (streamed answers, ingest progress): events are written in order, an error
// becomes one `error` event with the usual `{ error: { code, message } }`, and a client that goes away aborts the work.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { errorResponse } from './error-response.js';

export interface EventSink {
  /** Queues an event; events reach the client in the order they were sent. */
  send(event: string, data: unknown): void;
  signal: AbortSignal;
}

export function eventStream(c: Context, secrets: readonly string[], run: (sink: EventSink) => Promise<void>): Response {
  c.header('Cache-Control', 'no-cache');
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    const controller = new AbortController();
    stream.onAbort(() => controller.abort());
    let queue = Promise.resolve();
    const send = (event: string, data: unknown) => {
      queue = queue.then(() => stream.writeSSE({ event, data: JSON.stringify(data) })).catch(() => controller.abort());
    };
    try {
      await run({ send, signal: controller.signal });
    } catch (error) {
      send('error', errorResponse(error, secrets).body);
    }
    await queue;
  });
}
