// The ThreadStore interface: Ask conversations kept server-side (threads and their turns, each turn with its answer
// and citations). SqliteThreadStore implements it; thread-store.contract.test.ts holds every implementation (a
// PostgreSQL one is planned) to the same behaviour. Methods return promises so that a networked backend fits.
import type { Thread, ThreadSummary, ThreadTurn } from '../core/thread.js';

export type { Thread, ThreadSummary, ThreadTurn, TurnStatus } from '../core/thread.js';
export { maxTitleLength, titleFromQuestion } from '../core/thread.js';

export interface ThreadStore {
  /** Every thread, most recently updated first. */
  list(): Promise<ThreadSummary[]>;
  /** undefined when there is no such thread (expected absence, not an error). */
  get(id: string): Promise<Thread | undefined>;
  create(title: string): Promise<ThreadSummary>;
  /** Throws not_found for an unknown thread. */
  rename(id: string, title: string): Promise<ThreadSummary>;
  /** false when there was nothing to delete. */
  delete(id: string): Promise<boolean>;
  appendTurn(id: string, turn: ThreadTurn): Promise<ThreadSummary>;
  /** Replaces the last turn (regenerate); not_found for an unknown thread, conflict for a thread without turns. */
  replaceLastTurn(id: string, turn: ThreadTurn): Promise<ThreadSummary>;
  close(): void;
}
