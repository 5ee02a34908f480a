// The one shape of a question that commands, the server and practice show: bank items bilingual ({zh, en}), user
// questions as written, both with their sources. Pure.
import { formatTopic } from '../core/topic-path.js';
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

/** A bank question's topic path in both languages (same length, same levels). */
export interface BilingualTopic {
  zh: string[];
  en: string[];
}

export interface QuestionItem {
  id: string;
  kb: string;
  /** Section headings above the question, outermost first: bilingual for bank items, as written for user notes. */
  topic: BilingualTopic | string[];
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
    topic: { zh: question.topic.map((part) => part.zh), en: question.topic.map((part) => part.en) },
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
    topic: best.topic,
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

/** The topic path in one language (user questions have one path for both). */
export function topicIn(topic: QuestionItem['topic'], language: 'zh' | 'en' = 'zh'): string[] {
  return Array.isArray(topic) ? topic : topic[language];
}

/** The topic as people read it ("Chapter > Section"). */
export function topicText(topic: QuestionItem['topic'], language: 'zh' | 'en' = 'zh'): string {
  return formatTopic(topicIn(topic, language));
}

/**
 * What a --topic filter is matched against, lower-cased: the path shown in both languages. Also reads the shapes
 * practice records stored before topics were paths (a joined string, or {zh, en} strings), so old filters keep working.
 */
export function topicSearchText(topic: QuestionItem['topic'] | Bilingual | string): string {
  if (typeof topic === 'string') return topic.toLowerCase();
  if (Array.isArray(topic)) return formatTopic(topic).toLowerCase();
  const [zh, en] = [topic.zh, topic.en].map((path) => (typeof path === 'string' ? path : formatTopic(path)));
  return `${zh}\n${en}`.toLowerCase();
}
