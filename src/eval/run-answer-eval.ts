// Answer quality on a labelled set: Rouge-L against references, key-point coverage, citation precision/recall
// (cited passages that are relevant / relevant labels that are cited), refusal precision/recall, answer length.
import type { AskResult } from '../answer/answer-question.js';
import type { AskRequest } from '../app.js';
import { normalizeText } from '../text/normalize.js';
import { type EvalLine, isRelevantHit } from './eval-set.js';
import { mean, rougeL } from './metrics.js';

export interface AnswerEvalReport {
  queries: number;
  rougeL: number | null;
  keyPointCoverage: number | null;
  citationPrecision: number | null;
  citationRecall: number | null;
  refusal: { precision: number; recall: number };
  answerLength: { mean: number };
  items: { query: string; kind: string; refused: boolean; rougeL: number | null; keyPointCoverage: number | null; citations: number }[];
}

export async function evaluateAnswers(lines: EvalLine[], ask: (request: AskRequest) => Promise<AskResult>, kb: string | undefined): Promise<AnswerEvalReport> {
  const items: AnswerEvalReport['items'] = [];
  const precisions: number[] = [];
  const recalls: number[] = [];
  let refusedUnanswerable = 0;
  let refused = 0;
  let unanswerable = 0;
  const lengths: number[] = [];
  for (const line of lines) {
    const result = await ask({ question: line.query, kb, length: 'full' });
    const answerable = line.relevant.length > 0;
    if (!answerable) unanswerable++;
    if (result.refused) {
      refused++;
      if (!answerable) refusedUnanswerable++;
    }
    const answer = result.refused ? '' : result.answer.replace(/\[\d+\]/g, '');
    lengths.push([...answer].length);
    const rouge = line.reference && !result.refused ? rougeL(answer, line.reference) : line.reference ? 0 : null;
    const coverage = line.key_points ? keyPointCoverage(answer, line.key_points) : null;
    if (answerable && !result.refused && result.citations.length > 0) {
      const relevantFlags = result.citations.map(
        (citation) =>
          isRelevantHit({ questionId: null, path: citation.path, sources: [] }, line.relevant) || citedQuestionIdMatches(result, citation.n, line.relevant),
      );
      precisions.push(relevantFlags.filter(Boolean).length / relevantFlags.length);
      const cited = line.relevant.filter((label) =>
        result.citations.some((citation) => isRelevantHit({ questionId: questionIdOfCitation(result, citation.n), path: citation.path, sources: [] }, [label])),
      );
      recalls.push(cited.length / line.relevant.length);
    } else if (answerable) {
      recalls.push(0);
    }
    items.push({ query: line.query, kind: line.kind, refused: result.refused, rougeL: rouge, keyPointCoverage: coverage, citations: result.citations.length });
  }
  const defined = (values: (number | null)[]) => values.filter((value): value is number => value !== null);
  const rouges = defined(items.map((item) => item.rougeL));
  const coverages = defined(items.map((item) => item.keyPointCoverage));
  return {
    queries: lines.length,
    rougeL: rouges.length > 0 ? mean(rouges) : null,
    keyPointCoverage: coverages.length > 0 ? mean(coverages) : null,
    citationPrecision: precisions.length > 0 ? mean(precisions) : null,
    citationRecall: recalls.length > 0 ? mean(recalls) : null,
    refusal: { precision: refused === 0 ? 1 : refusedUnanswerable / refused, recall: unanswerable === 0 ? 1 : refusedUnanswerable / unanswerable },
    answerLength: { mean: mean(lengths) },
    items,
  };
}

export function keyPointCoverage(answer: string, keyPoints: string[]): number {
  const normalized = normalizeText(answer).replace(/\s+/g, '');
  const covered = keyPoints.filter((point) => normalized.includes(normalizeText(point).replace(/\s+/g, '')));
  return keyPoints.length === 0 ? 0 : covered.length / keyPoints.length;
}

function questionIdOfCitation(result: AskResult, n: number): string | null {
  const citation = result.citations.find((entry) => entry.n === n);
  const hit = result.search.hits.find((entry) => citation && entry.path === citation.path && entry.line === citation.line);
  return hit?.questionId ?? null;
}

function citedQuestionIdMatches(result: AskResult, n: number, relevant: string[]): boolean {
  const id = questionIdOfCitation(result, n);
  return id !== null && relevant.includes(id);
}
