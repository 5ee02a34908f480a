// Reads and validates the built-in bank (chapter YAML files and the glossary) from a directory.
// Throws AppError('invalid_input') naming the file and field of the first problem; never returns a partial bank.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Zod from 'zod';
import { AppError } from '../core/errors.js';
import { type BankQuestionSource, bankSchemas, type ChapterFile, type GlossaryTerm } from './bank-schema.js';

export interface BankQuestion extends BankQuestionSource {
  chapterId: string;
  outline: number;
  /** Topic path, chapter first: [{zh, en}, ...]. */
  topic: { zh: string; en: string }[];
  /** Bank file and 1-based line of the question's `id:` field, for citations. */
  file: string;
  line: number;
}

export interface Bank {
  chapters: ChapterFile['chapter'][];
  questions: BankQuestion[];
  glossary: GlossaryTerm[];
}

export const outlineChapterCount = 31;

export function loadBank(bankDir: string): Bank {
  const chapterDir = join(bankDir, 'chapters');
  const files = readdirSync(chapterDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort();
  const chapters: ChapterFile['chapter'][] = [];
  const questions: BankQuestion[] = [];
  for (const name of files) {
    const source = readFileSync(join(chapterDir, name), 'utf8');
    const parsed = validate(bankSchemas().chapterFileSchema, parseYaml(source, name), name);
    chapters.push(parsed.chapter);
    const idLines = lineNumbersOfIds(source);
    for (const question of parsed.questions) {
      questions.push({
        ...question,
        chapterId: parsed.chapter.id,
        outline: parsed.chapter.outline,
        topic: question.section ? [parsed.chapter.title, question.section] : [parsed.chapter.title],
        file: `bank/chapters/${name}`,
        line: idLines.get(question.id) ?? 1,
      });
    }
  }
  const glossarySource = readFileSync(join(bankDir, 'glossary.yaml'), 'utf8');
  const glossary = validate(bankSchemas().glossaryFileSchema, parseYaml(glossarySource, 'glossary.yaml'), 'glossary.yaml').terms;
  const bank = { chapters, questions, glossary };
  checkBankIntegrity(bank);
  return bank;
}

/** Cross-file rules the per-file schema cannot see: unique ids, resolvable related ids. */
export function checkBankIntegrity(bank: Bank): void {
  const ids = new Set<string>();
  for (const question of bank.questions) {
    if (ids.has(question.id)) throw new AppError('invalid_input', `${question.file}: duplicate question id "${question.id}"`);
    ids.add(question.id);
  }
  for (const question of bank.questions) {
    for (const alias of question.aliasIds) {
      if (ids.has(alias)) throw new AppError('invalid_input', `${question.file}: alias id "${alias}" of "${question.id}" is already an id`);
      ids.add(alias);
    }
  }
  const chapterIds = new Set<string>();
  for (const chapter of bank.chapters) {
    if (chapterIds.has(chapter.id)) throw new AppError('invalid_input', `duplicate chapter id "${chapter.id}"`);
    chapterIds.add(chapter.id);
  }
  for (const question of bank.questions) {
    for (const related of question.related) {
      if (!ids.has(related)) throw new AppError('invalid_input', `${question.file}: question "${question.id}" relates to unknown id "${related}"`);
    }
  }
}

const require = createRequire(import.meta.url);

function parseYaml(source: string, name: string): unknown {
  try {
    // Loaded on demand: the compiled bank (dist/bank.json) spares most runs the YAML parser.
    const { parse } = require('yaml') as { parse: (text: string) => unknown };
    return parse(source);
  } catch (error) {
    throw new AppError('invalid_input', `bank file ${name} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
}

function validate<T extends Zod.ZodType>(schema: T, value: unknown, name: string): Zod.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? issue.path.join('.') : '';
  throw new AppError('invalid_input', `bank file ${name}: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}`);
}

function lineNumbersOfIds(source: string): Map<string, number> {
  const lines = new Map<string, number>();
  source.split('\n').forEach((line, index) => {
    const match = /^\s*-\s+id:\s*([a-z0-9-]+)\s*$/.exec(line);
    if (match?.[1]) lines.set(match[1], index + 1);
  });
  return lines;
}
