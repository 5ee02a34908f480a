// The deterministic grader: key-point coverage (aliases, glossary synonyms, content tokens) and Rouge-L against the
// reference in the answer's language, minus the empty / copied / off-topic penalties and the wrong claims it makes
// (bank misconceptions: each lowers the score, blocks the point it contradicts and is reported with its correction), give a 0-5 score, the points
// covered and missed, and the FSRS rating the score implies. Pure and explainable: every number is in the result.
import { type Bilingual, type QuestionItem, textOf } from '../bank/question-item.js';
import { normalizeForm } from '../text/glossary.js';
import { normalizeText } from '../text/normalize.js';
import type { TextTools } from '../text/text-tools.js';
import { type AnswerFlag, isEmptyAnswer, isOffTopic, isQuestionCopy, shareIn } from './answer-checks.js';
import { keyPointsOf } from './derive-key-points.js';
import { coverKeyPoints, type PointCoverage } from './key-point-coverage.js';
import { matchMisconceptions } from './misconception-match.js';
import { capRating, type Rating, ratingForScore } from './rating.js';
import { rougeL } from './rouge-l.js';
import { type AnswerLanguage, comparisonUnits, languageOf } from './text-units.js';

export interface GradeResult {
  id: string;
  /** 0-5, one decimal. */
  score: number;
  /** The rating the score implies, capped at Hard when a hint was used. */
  rating: Rating;
  covered: string[];
  missed: string[];
  /** Rouge-L F1 against the reference answer in the answer's language. */
  rougeL: number;
  /** Covered key points / all key points. */
  coverage: number;
  flags: AnswerFlag[];
  language: AnswerLanguage;
  hinted: boolean;
  /** How many key points were revealed as hints (one at a time); 0 when unknown or none. */
  hintsUsed: number;
  points: PointCoverage[];
  reference: { text: string; citations: { kb: string; path: string; line: number }[] };
  /** Share of the answer's words found in the reference vocabulary (question, answers, key points). */
  referenceShare: number;
  /** Wrong claims the answer makes (bank misconceptions), in the shown language, with the correction. */
  misconceptions: TriggeredMisconception[];
}

export interface TriggeredMisconception {
  claim: string;
  correction: string;
  /** The key point (shown language) the claim contradicts and blocked, if any. */
  contradicts: string | undefined;
  /** The sentence of the answer that made the claim (normalised). */
  sentence: string;
}

export interface GradeOptions {
  /** A hint was shown: the rating is capped at Hard. */
  hinted?: boolean;
  /** Key points revealed one at a time before answering; any number above 0 also means `hinted`. */
  hintsUsed?: number;
  /** Language to show points in; defaults to the answer's language. */
  language?: AnswerLanguage;
}

/**
 * Weights of the score: what was said (key-point coverage) counts most; how close the wording is to the reference
 * (Rouge-L) and how much of the answer the reference supports (share of its words in the reference vocabulary, which
 * confident answers full of wrong claims lack) refine it.
 */
const weights = { coverage: 0.7, closeness: 0.15, support: 0.15 };
/** Rouge-L F1 below the floor is what unrelated text of the same language reaches; at the ceiling it counts fully. */
const rougeFloor = 0.05;
const rougeCeiling = 0.4;
/** Reference share below the floor earns no support; at the ceiling, full support. */
const supportFloor = 0.3;
const supportCeiling = 0.8;
/** Highest score an answer flagged as copied or off-topic can get. */
const flaggedCap = 0.2;
/**
 * A wrong claim costs this much, and caps the score (one claim -> 2.0, two or more -> 1.2): an interviewer who hears
 * "eval() turns off gradients" does not pass the answer however much else is right. Tuned on the first half of
 * test/fixtures/practice/grading-claims.jsonl (see grading-claims.test.ts).
 */
const claimPenalty = 1.0;
const claimCaps = [2.0, 1.2] as const;

export function gradeAnswer(item: QuestionItem, answer: string, tools: TextTools, options: GradeOptions = {}): GradeResult {
  const language = languageOf(answer);
  const hinted = (options.hinted ?? false) || (options.hintsUsed ?? 0) > 0;
  const shown = options.language ?? language;
  const normalized = normalizeText(answer);
  const tokens = new Set(tools.tokenize(answer));
  const questionTexts = textsOf(item.question);
  const questionTokens = new Set(questionTexts.flatMap((text) => tools.tokenize(text)));
  const points = keyPointsOf(item, tools);
  const reference = referenceIn(item.answer, language);
  const hits = matchMisconceptions(item.misconceptions ?? [], answer);
  const blocked = new Set(hits.flatMap((hit) => (hit.misconception.contradicts ? [hit.misconception.contradicts - 1] : [])));
  const coverage = coverKeyPoints(
    points,
    { normalized, tokens, questionCompact: questionTexts.map((text) => normalizeForm(normalizeText(text))).join('\n'), questionTokens },
    tools,
  ).map((point, index): PointCoverage => (blocked.has(index) && point.covered ? { ...point, covered: false, via: undefined, evidence: undefined } : point));
  const vocabulary = new Set([
    ...questionTokens,
    ...textsOf(item.answer).flatMap((text) => tools.tokenize(text)),
    ...points.flatMap((point) => [point.zh, point.en, ...point.aliases].flatMap((text) => tools.tokenize(text))),
  ]);
  const rouge = rougeL(comparisonUnits(answer), comparisonUnits(reference)).f;
  const coveredCount = coverage.filter((point) => point.covered).length;
  const coverageShare = points.length > 0 ? coveredCount / points.length : 0;
  const flags: AnswerFlag[] = [];
  if (isEmptyAnswer(normalized, tokens)) flags.push('empty');
  else if (isQuestionCopy(tokens, questionTokens)) flags.push('copied');
  else if (coveredCount === 0 && isOffTopic(tokens, vocabulary)) flags.push('off_topic');
  const referenceShare = shareIn(tokens, vocabulary);
  const unpenalised = flags.includes('empty') ? 0 : scoreOf({ coverage: coverageShare, rouge, referenceShare }, points.length > 0, flags.length > 0);
  const score =
    hits.length === 0 ? unpenalised : round(Math.max(0, Math.min(unpenalised - claimPenalty * hits.length, claimCaps[Math.min(hits.length, 2) - 1] ?? 0)), 1);
  const pointText = (point: PointCoverage) => point.point[shown];
  return {
    id: item.id,
    score,
    rating: capRating(ratingForScore(score), hinted ? 'hard' : undefined),
    covered: coverage.filter((point) => point.covered).map(pointText),
    missed: coverage.filter((point) => !point.covered).map(pointText),
    rougeL: round(rouge, 3),
    coverage: round(coverageShare, 3),
    flags,
    language,
    hinted,
    hintsUsed: options.hintsUsed ?? 0,
    points: coverage,
    reference: { text: referenceIn(item.answer, shown), citations: item.sources },
    referenceShare: round(referenceShare, 3),
    misconceptions: hits.map((hit) => {
      const point = hit.misconception.contradicts ? points[hit.misconception.contradicts - 1] : undefined;
      return {
        claim: hit.misconception.claim[shown],
        correction: hit.misconception.correction[shown],
        contradicts: point ? point[shown] : undefined,
        sentence: hit.sentence,
      };
    }),
  };
}

function scoreOf(parts: { coverage: number; rouge: number; referenceShare: number }, hasPoints: boolean, flagged: boolean): number {
  const closeness = scale(parts.rouge, rougeFloor, rougeCeiling);
  const support = scale(parts.referenceShare, supportFloor, supportCeiling);
  const rest = weights.closeness * closeness + weights.support * support;
  const raw = hasPoints ? 5 * (weights.coverage * parts.coverage + rest) : (5 * rest) / (weights.closeness + weights.support);
  return round(flagged ? Math.min(raw, flaggedCap) : raw, 1);
}

function scale(value: number, floor: number, ceiling: number): number {
  return Math.min(1, Math.max(0, (value - floor) / (ceiling - floor)));
}

function referenceIn(value: Bilingual | string, language: AnswerLanguage): string {
  return textOf(value, language);
}

function textsOf(value: Bilingual | string): string[] {
  return typeof value === 'string' ? [value] : [value.zh, value.en];
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
