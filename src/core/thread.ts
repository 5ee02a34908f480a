// A conversation of the Ask page (threads and their turns, each turn with its answer and citations) as plain data,
// and the pure rules about it (its title). Stores keep it (store/thread-store.ts); answer/ renders it.
import type { Citation } from './types.js';

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

/** Longest title kept; longer ones are cut (a title is a label, the question itself is in the first turn). */
export const maxTitleLength = 120;

/** Title of a new thread from its first question: the first line, cut at maxTitleLength. */
export function titleFromQuestion(question: string): string {
  const line = question.trim().split('\n')[0]?.trim() ?? '';
  return line.length > maxTitleLength ? `${line.slice(0, maxTitleLength - 1)}…` : line;
}
