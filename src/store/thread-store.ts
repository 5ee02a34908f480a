// The ThreadStore interface: Ask conversations kept server-side (threads and their turns, each turn with its answer
// and citations). SqliteThreadStore and PostgresThreadStore implement it; thread-store.contract.test.ts holds both
// to the same behaviour. Methods return promises so that a networked backend fits. Below: the row shape, title rule
// and errors both implementations share.
import { AppError } from '../core/errors.js';
import { maxTitleLength, type Thread, type ThreadSummary, type ThreadTurn } from '../core/thread.js';

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

/** A thread as both backends select it: its columns and the count of its turns. */
export interface ThreadRow {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
  turns: number;
}

export function threadSummary(row: ThreadRow): ThreadSummary {
  return { id: row.id, title: row.title, createdAt: row.created_at, updatedAt: row.updated_at, turns: row.turns };
}

/** A title on one line, at most maxTitleLength characters; invalid_input when nothing is left. */
export function cleanTitle(title: string): string {
  const clean = title.replace(/\s+/g, ' ').trim().slice(0, maxTitleLength);
  if (!clean) throw new AppError('invalid_input', 'a conversation title cannot be empty');
  return clean;
}

export function notFound(id: string): AppError {
  return new AppError('not_found', `no conversation "${id}"`);
}
