// Synthetic chunks for the scale bench, recombined from the bank's own sentences and question clauses so token
// statistics stay close to real notes. Batch i is a pure function of (seed, i): batches can be made in any order.
import { createHash } from 'node:crypto';
import type { BankQuestion } from '../../src/bank/load-bank.js';
import type { ParsedDocument, Unit } from '../../src/core/types.js';
import { questionIdOf, questionKeyOf } from '../../src/ingest/index-units.js';
import type { Embedder } from '../../src/models/embedder.js';
import type { IndexedUnit } from '../../src/store/store.js';
import type { Tokenize } from '../../src/text/tokenize.js';
import { createRandom } from '../prng.js';

export interface SynthVocabulary {
  sentences: string[];
  englishSentences: string[];
  clauses: string[];
  topics: string[][];
  terms: string[];
}

export interface BatchTimings {
  generateMs: number;
  tokenizeMs: number;
  embedMs: number;
}

/** `planted` question ids lend no sentence or clause: their answers stay the only units that state them. */
export function synthVocabulary(
  allQuestions: readonly BankQuestion[],
  glossaryTerms: readonly string[],
  planted: ReadonlySet<string> = new Set(),
): SynthVocabulary {
  const questions = allQuestions.filter((question) => !planted.has(question.id));
  const sentencePattern = /[^\u3002;!?\n]+[\u3002;!?]?/g;
  return {
    sentences: questions.flatMap((question) => (question.answer.zh.match(sentencePattern) ?? []).map((s) => s.trim()).filter((s) => s.length >= 8)),
    englishSentences: questions.flatMap((question) => (question.answer.en.match(/[^.\n]+\./g) ?? []).map((s) => s.trim()).filter((s) => s.length >= 20)),
    clauses: questions.flatMap((question) =>
      question.question.zh
        .split(/[?,\uFF0C\uFF1F\u3002]/)
        .map((clause) => clause.trim())
        .filter((clause) => clause.length >= 4),
    ),
    topics: questions.map((question) => question.topic.map((level) => level.zh)),
    terms: glossaryTerms.filter((term) => term.length >= 2),
  };
}

/** One document of `size` units: 70% questions with answers, 30% prose chunks, about 150-300 characters each. */
export async function synthBatch(
  vocabulary: SynthVocabulary,
  options: { seed: number; batch: number; size: number },
  tokenize: Tokenize,
  embedder: Embedder,
): Promise<{ document: ParsedDocument; units: IndexedUnit[]; timings: BatchTimings }> {
  let started = performance.now();
  const random = createRandom(options.seed * 1_000_003 + options.batch);
  const units: Unit[] = [];
  let line = 1;
  for (let index = 0; index < options.size; index++) {
    const qa = random.chance(0.7);
    const sentenceCount = qa ? random.int(2, 4) : random.int(3, 6);
    const sentences = Array.from({ length: sentenceCount }, () =>
      random.chance(0.1) ? random.pick(vocabulary.englishSentences) : random.pick(vocabulary.sentences),
    );
    const text = sentences.join('').slice(0, 800);
    const question = qa
      ? `${random.chance(0.3) ? `关于 ${random.pick(vocabulary.terms)},` : ''}${random.pick(vocabulary.clauses)},${random.pick(vocabulary.clauses)}?`
      : undefined;
    const lineCount = sentenceCount + (qa ? 2 : 1);
    units.push({ kind: qa ? 'qa' : 'prose', question, text, topic: random.pick(vocabulary.topics), lineStart: line, lineEnd: line + lineCount - 1 });
    line += lineCount + 1;
  }
  const bytes = units.reduce((total, unit) => total + Buffer.byteLength(unit.text) + Buffer.byteLength(unit.question ?? ''), 0);
  const path = `synthetic/batch-${String(options.batch).padStart(5, '0')}.md`;
  const document: ParsedDocument = {
    path,
    format: 'markdown',
    contentHash: createHash('sha256').update(`${options.seed}:${options.batch}:${options.size}`).digest('hex'),
    bytes,
    title: path,
    units,
  };
  const generateMs = performance.now() - started;
  started = performance.now();
  const indexed: IndexedUnit[] = units.map((unit) => {
    const questionKey = unit.question ? questionKeyOf(unit.question) : undefined;
    return {
      unit,
      questionKey,
      questionId: questionKey ? questionIdOf(questionKey) : undefined,
      tokens: { question: unit.question ? tokenize(unit.question) : [], text: tokenize(unit.text), topic: tokenize(unit.topic.join(' ')) },
    };
  });
  const tokenizeMs = performance.now() - started;
  started = performance.now();
  // Same embedding input as ingest-files.ts: question and text joined by a newline.
  const vectors = await embedder.embed(indexed.map((entry) => [entry.unit.question, entry.unit.text].filter(Boolean).join('\n')));
  indexed.forEach((entry, index) => {
    entry.vector = vectors[index];
  });
  return { document, units: indexed, timings: { generateMs, tokenizeMs, embedMs: performance.now() - started } };
}
