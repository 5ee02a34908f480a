// Answer quality on a labelled set: Rouge-L against references, key-point coverage, citation precision/recall
// (cited passages that are relevant / relevant labels that are cited), refusal precision/recall, answer length.
import type { AskResult } from '../answer/answer-question.js';
import type { AskRequest } from '../app.js';
import { normalizeText } from '../text/normalize.js';
import { textLanguage } from '../text/text-language.js';
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
  /** Share of answered (not refused) questions whose answer is in the question's language. */
  languageShare: number | null;
  /** Share of answered questions whose answer carries page junk (links, URLs, images, raw markup, code comments). */
  junkShare: number | null;
  /** The same measures per query kind (e.g. zh, en-over-zh, near-unanswerable). */
  byKind: Record<string, KindReport>;
  items: {
    query: string;
    kind: string;
    refused: boolean;
    rougeL: number | null;
    keyPointCoverage: number | null;
    citations: number;
    sameLanguage: boolean | null;
    junk: boolean | null;
  }[];
}

export interface KindReport {
  queries: number;
  keyPointCoverage: number | null;
  languageShare: number | null;
  junkShare: number | null;
  refusedShare: number;
}

/** Page junk in an answer: a reader should never see these (citation markers [n] excepted). */
const junkPattern = /\]\(|https?:\/\/|!\[|\\[*_#]|\*\*|^\s*#\s|^\s*\/\/|[\u{1d400}-\u{1d7ff}]/mu;

export function hasJunk(answer: string): boolean {
  return junkPattern.test(answer.replace(/^(?:另见|See also):.*$/gm, ''));
}

export async function evaluateAnswers(
  lines: EvalLine[],
  ask: (request: AskRequest) => Promise<AskResult>,
  kb: string | undefined,
  length: 'brief' | 'full' = 'brief',
): Promise<AnswerEvalReport> {
  const items: AnswerEvalReport['items'] = [];
  const precisions: number[] = [];
  const recalls: number[] = [];
  let refusedUnanswerable = 0;
  let refused = 0;
  let unanswerable = 0;
  const lengths: number[] = [];
  for (const line of lines) {
    const result = await ask({ question: line.query, kb, length });
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
    const questionLanguage = /\p{Script=Han}/u.test(line.query) ? 'zh' : 'en';
    const body = answer.replace(/^(?:另见|See also):.*$/gm, '');
    items.push({
      query: line.query,
      kind: line.kind,
      refused: result.refused,
      rougeL: rouge,
      keyPointCoverage: coverage,
      citations: result.citations.length,
      sameLanguage: result.refused ? null : textLanguage(body) === questionLanguage,
      junk: result.refused ? null : hasJunk(result.answer),
    });
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
    languageShare: share(items.map((item) => item.sameLanguage)),
    junkShare: share(items.map((item) => item.junk)),
    byKind: Object.fromEntries(
      [...new Set(items.map((item) => item.kind))].map((kind) => {
        const ofKind = items.filter((item) => item.kind === kind);
        const kindCoverages = defined(ofKind.map((item) => item.keyPointCoverage));
        return [
          kind,
          {
            queries: ofKind.length,
            keyPointCoverage: kindCoverages.length > 0 ? mean(kindCoverages) : null,
            languageShare: share(ofKind.map((item) => item.sameLanguage)),
            junkShare: share(ofKind.map((item) => item.junk)),
            refusedShare: ofKind.filter((item) => item.refused).length / ofKind.length,
          },
        ];
      }),
    ),
    items,
  };
}

function share(flags: (boolean | null)[]): number | null {
  const known = flags.filter((flag): flag is boolean => flag !== null);
  return known.length === 0 ? null : known.filter(Boolean).length / known.length;
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
