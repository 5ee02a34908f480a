// JSON backup of all practice progress (cards, review logs, sessions): building it, validating a file with zod on
// import (the message names the bad field), merging it without duplicating logs, and the automatic backup written
// before a reset.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';
import type { MergeSummary, PracticeStore } from './practice-store.js';
import { type ProgressBackup, progressBackupSchema } from './progress-records.js';
import { replayCard, type Scheduler } from './scheduler.js';

export async function buildBackup(store: PracticeStore, now: Date): Promise<ProgressBackup> {
  const [cards, reviews, sessions] = await Promise.all([store.cards(), store.reviews(), store.sessions()]);
  return { format: 'mianba-progress', version: 1, exportedAt: now.toISOString(), cards, reviews, sessions };
}

export function parseBackup(text: string, source: string): ProgressBackup {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError('invalid_input', `${source} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = progressBackupSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError('invalid_input', `${source} is not a mianba progress backup: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** Merges a backup; cards whose history gained reviews are rebuilt by replaying their whole log. */
export function importBackup(store: PracticeStore, scheduler: Scheduler, backup: ProgressBackup): Promise<MergeSummary> {
  return store.merge(backup, (identity, reviews) => {
    const card = replayCard(scheduler, reviews);
    if (!card) throw new AppError('internal', `no reviews to rebuild card ${identity.questionId}`);
    return { ...identity, ...card };
  });
}

/** Writes a full backup into $MIANBA_HOME/backups/ and returns its path. */
export async function writeAutomaticBackup(store: PracticeStore, home: string, now: Date, reason: string): Promise<string> {
  const folder = join(home, 'backups');
  mkdirSync(folder, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = join(folder, `progress-${stamp}-${reason.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40)}.json`);
  writeFileSync(file, `${JSON.stringify(await buildBackup(store, now), null, 2)}\n`);
  return file;
}
