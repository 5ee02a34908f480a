// Deadlines that always fire: a plain setTimeout races the awaited work, and the caller's signal races it too, so a
// stalled socket can never outlive its budget (AbortSignal.any + AbortSignal.timeout can lose the timer after GC on
// Node 20). The timer is always cleared; the loser is aborted through the request's own AbortController.
import { AppError } from '../core/errors.js';

/** Resolves with `work`, or rejects with `onTimeout()` after `ms`, or with `aborted` when `signal` fires first. */
export function raceDeadline<T>(work: Promise<T>, ms: number, signal: AbortSignal | undefined, onTimeout: () => AppError, onLose: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      action();
    };
    const onAbort = () =>
      finish(() => {
        onLose();
        reject(new AppError('aborted', 'request aborted'));
      });
    const timer = setTimeout(
      () =>
        finish(() => {
          onLose();
          reject(onTimeout());
        }),
      ms,
    );
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
