// The one shape of a question that commands, the server and practice show: bank items bilingual ({zh, en}), user
// questions as written, both with their sources. Pure.
import type { StoredUnit } from '../core/types.js';
import type { Misconception } from './bank-schema.js';
import type { BankQuestion } from './load-bank.js';

export interface KeyPoint {
  zh: string;
  en: string;
  aliases: string[];
}

export interface Bilingual {
  zh: string;
  en: string;
}

export interface QuestionItem {
  id: string;
  kb: string;
  topic: Bilingual | string;
  question: Bilingual | string;
  answer: Bilingual | string;
  keyPoints: KeyPoint[];
  difficulty: number | null;
  tags: string[];
  related: string[];
  sources: { kb: string; path: string; line: number }[];
  /** Wrong claims the grader listens for (bank items only). */
  misconceptions?: Misconception[];
}

export function bankItem(question: BankQuestion): QuestionItem {
  return {
    id: question.id,
    kb: 'builtin',
    topic: { zh: question.topic.map((part) => part.zh).join(' > '), en: question.topic.map((part) => part.en).join(' > ') },
    question: question.question,
    answer: question.answer,
    keyPoints: question.keyPoints,
    difficulty: question.difficulty,
    tags: question.tags,
    related: question.related,
    sources: [{ kb: 'builtin', path: question.file, line: question.line }],
    ...(question.misconceptions.length > 0 ? { misconceptions: question.misconceptions } : {}),
  };
}

/** A user question from every unit that carries it (deduplicated across files); the longest answer wins. */
export function userItem(units: StoredUnit[]): QuestionItem | undefined {
  const best = [...units].sort((a, b) => b.text.length - a.text.length)[0];
  if (!best?.questionId) return undefined;
  return {
    id: best.questionId,
    kb: best.kb,
    topic: best.topic.join(' > '),
    question: best.question ?? '',
    answer: best.text,
    keyPoints: [],
    difficulty: null,
    tags: [],
    related: [],
    sources: units.map((unit) => ({ kb: unit.kb, path: unit.path, line: unit.lineStart })),
  };
}

export function textOf(value: Bilingual | string, language: 'zh' | 'en' = 'zh'): string {
  return typeof value === 'string' ? value : value[language];
}
