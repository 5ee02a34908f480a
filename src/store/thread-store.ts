// The ThreadStore interface: Ask conversations kept server-side (threads and their turns, each turn with its answer
// and citations). SqliteThreadStore implements it; thread-store.contract.test.ts holds every implementation (a
// PostgreSQL one is planned) to the same behaviour. Methods return promises so that a networked backend fits.
import type { Citation } from '../core/types.js';

export interface ThreadSummary {
  id: string;
  title: string;
  /** ISO times. */
  createdAt: string;
  updatedAt: string;
  turns: number;
}

/** How a turn ended: answered, stopped by the user part-way (the partial answer is kept), or failed. */
export type TurnStatus = 'done' | 'stopped' | 'error';

export interface ThreadTurn {
  question: string;
  answer: string;
  status: TurnStatus;
  mode: 'extractive' | 'llm';
  refused: boolean;
  model?: string | undefined;
  citations: Citation[];
  /** Questions offered when the answer was refused (question id and text), so a reload can still offer them. */
  suggestions?: { question: string; questionId: string | null }[] | undefined;
  evidence?: number | undefined;
  error?: string | undefined;
  createdAt: string;
}

export interface Thread extends ThreadSummary {
  items: ThreadTurn[];
}

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

/** Longest title kept; longer ones are cut (a title is a label, the question itself is in the first turn). */
export const maxTitleLength = 120;

/** Title of a new thread from its first question: the first line, cut at maxTitleLength. */
export function titleFromQuestion(question: string): string {
  const line = question.trim().split('\n')[0]?.trim() ?? '';
  return line.length > maxTitleLength ? `${line.slice(0, maxTitleLength - 1)}…` : line;
}
