// Turns bank questions into stored units of the built-in knowledge base: one document per chapter file, the Chinese
// and English text indexed together so English questions find Chinese items. Pure.
import type { ParsedDocument } from '../core/types.js';
import { questionKeyOf, unitTokens } from '../ingest/index-units.js';
import type { IndexedUnit } from '../store/store.js';
import type { Tokenize } from '../text/tokenize.js';
import type { BankQuestion } from './load-bank.js';

export interface BankExtra {
  keyPoints: BankQuestion['keyPoints'];
  difficulty: number;
  tags: string[];
  related: string[];
  topicEn: string[];
  outline: number;
  chapterId: string;
}

export function bankDocuments(questions: BankQuestion[], tokenize: Tokenize, hash: string): { document: ParsedDocument; units: IndexedUnit[] }[] {
  const byFile = new Map<string, BankQuestion[]>();
  for (const question of questions) byFile.set(question.file, [...(byFile.get(question.file) ?? []), question]);
  return [...byFile.entries()].map(([file, items]) => {
    const ordered = [...items].sort((a, b) => a.line - b.line);
    const units = ordered.map((question, index) => toIndexedUnit(question, (ordered[index + 1]?.line ?? question.line + 40) - 1, tokenize));
    return {
      document: {
        path: file,
        format: 'bank',
        contentHash: `${hash}:${file}`,
        bytes: 0,
        title: ordered[0]?.topic[0]?.zh,
        units: units.map((unit) => unit.unit),
      },
      units,
    };
  });
}

function toIndexedUnit(question: BankQuestion, lineEnd: number, tokenize: Tokenize): IndexedUnit {
  const extra: BankExtra = {
    keyPoints: question.keyPoints,
    difficulty: question.difficulty,
    tags: question.tags,
    related: question.related,
    topicEn: question.topic.map((part) => part.en),
    outline: question.outline,
    chapterId: question.chapterId,
  };
  const keyPointText = question.keyPoints.map((point) => `${point.zh} ${point.en} ${point.aliases.join(' ')}`).join(' ');
  return {
    unit: {
      kind: 'qa',
      question: question.question.zh,
      text: question.answer.zh,
      topic: question.topic.map((part) => part.zh),
      lineStart: question.line,
      lineEnd: Math.max(question.line, lineEnd),
    },
    questionKey: questionKeyOf(question.question.zh),
    questionId: question.id,
    questionEn: question.question.en,
    textEn: question.answer.en,
    extra: extra as unknown as Record<string, unknown>,
    tokens: unitTokens(
      {
        question: question.question.zh,
        questionEn: question.question.en,
        text: question.answer.zh,
        textEn: question.answer.en,
        extraText: keyPointText,
        topic: question.topic.flatMap((part) => [part.zh, part.en]),
        topicEn: question.tags,
      },
      tokenize,
    ),
  };
}
