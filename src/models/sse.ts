// Server-sent events from a stream of body chunks: yields the data payload of each event. Pure protocol parsing;
// deadlines and size caps belong to the chunk source (timed-body.ts).

export async function* readSseData(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const value of chunks) {
    buffer += decoder.decode(value, { stream: true });
    let boundary = buffer.search(/\r?\n\r?\n/);
    while (boundary !== -1) {
      const event = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary).replace(/^\r?\n\r?\n/, '');
      const data = dataOf(event);
      if (data !== undefined) yield data;
      boundary = buffer.search(/\r?\n\r?\n/);
    }
  }
  const data = dataOf(buffer + decoder.decode());
  if (data !== undefined) yield data;
}

function dataOf(event: string): string | undefined {
  const lines = event.split(/\r?\n/).filter((line) => line.startsWith('data:'));
  if (lines.length === 0) return undefined;
  return lines.map((line) => line.slice(5).replace(/^ /, '')).join('\n');
}
