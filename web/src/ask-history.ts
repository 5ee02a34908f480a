// The Ask conversation kept in localStorage, so a reload or a visit to another page does not lose it. The last
// `maxStoredTurns` turns are kept, without their retrieval traces (the largest part, and shown only on demand).
import type { AskResult } from './types';

export interface StoredTurn {
  id: number;
  question: string;
  streamed: string;
  status: 'streaming' | 'done' | 'error';
  result?: AskResult;
  error?: string;
}

const storageKey = 'mianba.ask.turns';
/** ~30 KB per answered turn with citations: 50 turns stay far below the 5 MB localStorage quota. */
export const maxStoredTurns = 50;

export function loadTurns(): StoredTurn[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey) ?? '[]') as unknown;
    if (!Array.isArray(parsed)) return [];
    return (parsed as StoredTurn[])
      .filter((turn) => typeof turn?.question === 'string' && typeof turn.id === 'number')
      .map((turn) => (turn.status === 'streaming' ? { ...turn, status: 'error', error: turn.error ?? 'interrupted' } : turn));
  } catch {
    return [];
  }
}

export function saveTurns(turns: StoredTurn[]): void {
  const kept = turns.slice(-maxStoredTurns).map((turn) => {
    if (!turn.result?.trace) return turn;
    const { trace: _trace, ...result } = turn.result;
    return { ...turn, result };
  });
  try {
    localStorage.setItem(storageKey, JSON.stringify(kept));
  } catch {
    // quota exceeded or storage disabled: the conversation still works, it is just not kept
  }
}

export function clearTurns(): void {
  localStorage.removeItem(storageKey);
}
