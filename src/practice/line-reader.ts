// Reads an input stream one line at a time on demand (a terminal or a piped script alike); undefined at end of input.
// Lines that arrive before they are asked for are queued, so a whole script piped at once is read correctly.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface LineReader {
  next(): Promise<string | undefined>;
  close(): void;
}

export function createLineReader(input: Readable): LineReader {
  const lines = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  const queued: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  lines.on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else queued.push(line);
  });
  lines.on('close', () => {
    ended = true;
    for (const waiter of waiting.splice(0)) waiter(undefined);
  });
  return {
    next() {
      const line = queued.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (ended) return Promise.resolve(undefined);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close() {
      ended = true;
      lines.close();
    },
  };
}
