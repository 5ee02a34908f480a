// Which key points an answer covers, and why: an alias of the point, a glossary synonym of an alias, or most of the
// point's own content tokens (an everyday paraphrase of a token counts, see paraphrase.ts). Phrases the question already contains prove nothing and are ignored. Pure.
import type { KeyPoint } from '../bank/question-item.js';
import { formsOf } from '../text/glossary.js';
import type { TextTools } from '../text/text-tools.js';
import { withParaphrases } from './paraphrase.js';
import { compactForm, findPhrase } from './phrase-match.js';

export type CoverageVia = 'alias' | 'glossary' | 'tokens';

export interface PointCoverage {
  point: KeyPoint;
  covered: boolean;
  via: CoverageVia | undefined;
  /** The alias, synonym or tokens that showed the point. */
  evidence: string | undefined;
  /** Share (0-1) of the point's own content tokens present in the answer; ranks the missed points. */
  tokenShare: number;
}

export interface AnswerView {
  /** normalizeText(answer). */
  normalized: string;
  tokens: ReadonlySet<string>;
  /** Compact forms (see compactForm) of the question in every language it is written in. */
  questionCompact: string;
  questionTokens: ReadonlySet<string>;
}

/** "Most" of a point's content tokens: at least 60% of them, and at least two. */
const tokenShareToCover = 0.6;

export function coverKeyPoints(points: readonly KeyPoint[], answer: AnswerView, tools: TextTools): PointCoverage[] {
  const paraphrased: AnswerView = { ...answer, tokens: withParaphrases(answer.tokens) };
  return points.map((point) => coverPoint(point, paraphrased, tools));
}

function coverPoint(point: KeyPoint, answer: AnswerView, tools: TextTools): PointCoverage {
  const tokenShare = pointTokenShare(point, answer, tools);
  const fresh = (phrase: string) => {
    const compact = compactForm(phrase);
    return compact.length > 0 && !answer.questionCompact.includes(compact);
  };
  for (const alias of point.aliases) {
    if (fresh(alias) && findPhrase(answer.normalized, alias)) return { point, covered: true, via: 'alias', evidence: alias, tokenShare };
  }
  for (const alias of point.aliases) {
    for (const synonym of synonymsOf(alias, tools)) {
      if (fresh(synonym) && findPhrase(answer.normalized, synonym)) return { point, covered: true, via: 'glossary', evidence: synonym, tokenShare };
    }
  }
  const matched = bestTokenMatch(point, answer, tools);
  if (matched) return { point, covered: true, via: 'tokens', evidence: matched.join(' '), tokenShare };
  return { point, covered: false, via: undefined, evidence: undefined, tokenShare };
}

/** Other forms of the glossary terms an alias is a form of. */
function synonymsOf(alias: string, tools: TextTools): string[] {
  const indices = tools.glossary.byForm.get(compactForm(alias)) ?? [];
  return indices.flatMap((index) => {
    const entry = tools.glossary.entries[index];
    return entry ? formsOf(entry).filter((form) => compactForm(form) !== compactForm(alias)) : [];
  });
}

function pointTokenSets(point: KeyPoint, tools: TextTools): string[][] {
  const sets = [point.zh, point.en].map((text) => [...new Set(tools.tokenize(text))]);
  return point.zh === point.en ? sets.slice(0, 1) : sets;
}

function pointTokenShare(point: KeyPoint, answer: AnswerView, tools: TextTools): number {
  return Math.max(
    0,
    ...pointTokenSets(point, tools).map((tokens) => (tokens.length === 0 ? 0 : tokens.filter((t) => answer.tokens.has(t)).length / tokens.length)),
  );
}

/** The matched tokens when most of the point's tokens (in one language) appear, at least one of them beyond the question. */
function bestTokenMatch(point: KeyPoint, answer: AnswerView, tools: TextTools): string[] | undefined {
  for (const tokens of pointTokenSets(point, tools)) {
    const matched = tokens.filter((token) => answer.tokens.has(token));
    if (matched.length < 2 || matched.length / tokens.length < tokenShareToCover) continue;
    if (matched.some((token) => !answer.questionTokens.has(token))) return matched;
  }
  return undefined;
}
