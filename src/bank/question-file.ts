// One bank question by id without parsing the whole bank: `npm run build` writes dist/bank-questions.jsonl (one
// question per line) and dist/bank-questions.json (the bank hash and, per id and alias id, the line's byte range).
// `mianba ask` needs one or two questions; reading them this way skips the 2.5 MB dist/bank.json parse (~40% of
// ask's cost over search). Files of another bank than the current one are ignored: the caller parses the bank then.
import { closeSync, existsSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './bank-data.js';
import type { Bank, BankQuestion } from './load-bank.js';

const linesFile = join(packageRoot, 'dist', 'bank-questions.jsonl');
const offsetsFile = join(packageRoot, 'dist', 'bank-questions.json');

interface QuestionOffsets {
  hash: string;
  /** Question id or alias id -> [byte offset, byte length] of its line. */
  ranges: Record<string, [number, number]>;
}

/** Writes both files for the compiled bank (build time). */
export function writeQuestionFile(bank: Bank, hash: string, files = { lines: linesFile, offsets: offsetsFile }): void {
  const ranges: Record<string, [number, number]> = {};
  const lines: Buffer[] = [];
  let offset = 0;
  for (const question of bank.questions) {
    const line = Buffer.from(`${JSON.stringify(question)}\n`);
    for (const id of [question.id, ...question.aliasIds]) ranges[id] ??= [offset, line.length - 1];
    lines.push(line);
    offset += line.length;
  }
  writeFileSync(files.lines, Buffer.concat(lines));
  writeFileSync(files.offsets, JSON.stringify({ hash, ranges } satisfies QuestionOffsets));
}

/**
 * A reader of questions by id (or alias id) from the compiled files, or undefined when they are missing or were
 * built from another bank (hash) than the current one.
 */
export function openQuestionFile(bankHash: string, files = { lines: linesFile, offsets: offsetsFile }): ((id: string) => BankQuestion | undefined) | undefined {
  if (!existsSync(files.offsets) || !existsSync(files.lines)) return undefined;
  let offsets: QuestionOffsets;
  try {
    offsets = JSON.parse(readFileSync(files.offsets, 'utf8')) as QuestionOffsets;
  } catch {
    return undefined;
  }
  if (offsets.hash !== bankHash) return undefined;
  const cache = new Map<string, BankQuestion>();
  return (id) => {
    const range = Object.hasOwn(offsets.ranges, id) ? offsets.ranges[id] : undefined;
    if (!range) return undefined;
    const cached = cache.get(id);
    if (cached) return cached;
    const buffer = Buffer.alloc(range[1]);
    const descriptor = openSync(files.lines, 'r');
    try {
      readSync(descriptor, buffer, 0, range[1], range[0]);
    } finally {
      closeSync(descriptor);
    }
    const question = JSON.parse(buffer.toString('utf8')) as BankQuestion;
    cache.set(id, question);
    return question;
  };
}
