// Resolves when a long-running command (serve, mcp) should stop: SIGINT, SIGTERM, the context's abort signal, or
// (for stdio servers) the end of standard input. Removes its listeners afterwards.
import type { Readable } from 'node:stream';

export function untilStopped(context: { signal?: AbortSignal | undefined; stdin: Readable }, options: { stdinEnd?: boolean } = {}): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      context.signal?.removeEventListener('abort', stop);
      context.stdin.off('end', stop);
      context.stdin.off('close', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    context.signal?.addEventListener('abort', stop, { once: true });
    if (context.signal?.aborted) stop();
    if (options.stdinEnd) {
      context.stdin.once('end', stop);
      context.stdin.once('close', stop);
    }
  });
}
