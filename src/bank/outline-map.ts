// The outline map: bank/outline/NN.yaml lists every question of the 31-chapter interview outline (seed 002) with the
// bank item ids that answer it, best first. Reads and validates those files; it never changes the bank itself.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Zod from 'zod';
import { AppError } from '../core/errors.js';
import type { Bank } from './load-bank.js';

export interface OutlineQuestion {
  /** The outline question as written in the outline, without numbering or markup. */
  q: string;
  /** Bank ids (or alias ids) of the items that answer it, best first. */
  ids: string[];
}

export interface OutlineChapter {
  outline: number;
  title: { zh: string; en: string };
  questions: OutlineQuestion[];
  /** File name inside bank/outline, e.g. `05.yaml`. */
  file: string;
}

const require = createRequire(import.meta.url);

/** Reads every bank/outline/NN.yaml in chapter order; throws AppError('invalid_input') on the first bad file. */
export function loadOutlineMap(bankDir: string, bank: Pick<Bank, 'questions'>): OutlineChapter[] {
  const dir = join(bankDir, 'outline');
  if (!existsSync(dir)) return [];
  const known = knownIds(bank);
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort();
  return files.map((file) => parseOutlineFile(readFileSync(join(dir, file), 'utf8'), file, known));
}

/** Validates one outline file: schema, file name = outline number, ids resolve, no question twice. Pure. */
export function parseOutlineFile(source: string, file: string, known: ReadonlySet<string>): OutlineChapter {
  const { parse } = require('yaml') as { parse: (text: string) => unknown };
  let value: unknown;
  try {
    value = parse(source);
  } catch (error) {
    throw new AppError('invalid_input', `outline file ${file} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  const result = outlineFileSchema().safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new AppError('invalid_input', `outline file ${file}: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}`);
  }
  const chapter = { ...result.data, file };
  if (file !== `${String(chapter.outline).padStart(2, '0')}.yaml`)
    throw new AppError('invalid_input', `outline file ${file}: outline ${chapter.outline} belongs in ${String(chapter.outline).padStart(2, '0')}.yaml`);
  const seen = new Set<string>();
  for (const question of chapter.questions) {
    const key = questionKey(question.q);
    if (seen.has(key)) throw new AppError('invalid_input', `outline file ${file}: question "${question.q}" appears twice`);
    seen.add(key);
    for (const id of question.ids) {
      if (!known.has(id)) throw new AppError('invalid_input', `outline file ${file}: question "${question.q}" maps to unknown id "${id}"`);
    }
  }
  return chapter;
}

/** Every id a mapping may name: bank ids and the alias ids of merged items. */
export function knownIds(bank: Pick<Bank, 'questions'>): Set<string> {
  return new Set(bank.questions.flatMap((question) => [question.id, ...question.aliasIds]));
}

/** Two outline questions are the same when they differ only in spacing, case or full/half-width punctuation. */
export function questionKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s?？!！。.,，、:：;；]+/g, '');
}

let cachedSchema: ReturnType<typeof buildSchema> | undefined;

function outlineFileSchema(): ReturnType<typeof buildSchema> {
  cachedSchema ??= buildSchema();
  return cachedSchema;
}

function buildSchema() {
  const { z } = require('zod') as typeof Zod;
  const text = z.string().trim().min(1);
  const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case: a-z, 0-9 and -');
  return z
    .object({
      outline: z.number().int().min(1).max(31),
      title: z.object({ zh: text, en: text }).strict(),
      questions: z.array(z.object({ q: text, ids: z.array(id).min(1, 'every outline question needs at least one id') }).strict()).min(1),
    })
    .strict();
}
