// Named points in the writing of one document, published on a diagnostics channel so that a test can stop the
// process exactly there (test/ingest-kill.test.ts kills `mianba ingest` at each). Nothing subscribes in a normal
// run, where a point costs one hasSubscribers check. Pure apart from node:diagnostics_channel.
import { channel } from 'node:diagnostics_channel';

/** parsed: parsed, indexed and embedded, nothing written yet; in-transaction: every row written, not committed;
 * committed: the transaction is durable, the file not yet reported. */
export type WritePoint = 'parsed' | 'in-transaction' | 'committed';

export const writePointChannel = 'mianba:write-point';
const points = channel(writePointChannel);

export function reachWritePoint(point: WritePoint, path: string): void {
  if (points.hasSubscribers) points.publish({ point, path });
}
