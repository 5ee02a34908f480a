// How well a candidate answers a query, from features anyone can inspect: character-bigram overlap with the
// question, query-term coverage of the question and of the whole unit, and glossary terms shared. Pure; in [0, 1].
// It is the built-in reranker's core and the refusal signal ("the knowledge base doesn't cover this").
import type { RerankCandidate } from '../models/reranker.js';
import { formsOf, type GlossaryIndex } from '../text/glossary.js';
import { normalizeText } from '../text/normalize.js';
import type { TextTools } from '../text/text-tools.js';
import { type Intent, intentAgreement, intentsOf } from './intent.js';
import { isTemplateWord, leadAgreement, leadSubject, leadSubjects, narrowerLead } from './lead-subject.js';
import type { ProcessedQuery } from './query.js';
import {
  CANDIDATE_SUBJECTS,
  COMPOUND_PARTS_CREDIT,
  DEFINITION_WEIGHT,
  EVIDENCE_WEIGHTS,
  EXPANSION_BONUS,
  HAN_CHARACTER_WEIGHT,
  INTENT_WEIGHT,
  LATER_CLAUSE_WEIGHT,
  LEAD_WEIGHT,
  NARROWER_DISCOUNT,
  PROSE_DISCOUNT,
  TEMPLATE_WORD_WEIGHT,
  TRANSLATION_CREDIT,
} from './tuning.js';

export interface EvidenceFeatures {
  questionSimilarity: number;
  questionCoverage: number;
  textCoverage: number;
  termCoverage: number;
  evidence: number;
  /** 1 when the candidate's question asks what the query asks (why / what / how …), else 0; not part of evidence. */
  intent: number;
  /** 1 when the candidate's question leads with the subject the query leads with, else 0; not part of evidence. */
  lead: number;
  /** 1 when the candidate's question leads with a compound extending the query's subject (qlora for lora), else 0. */
  narrower: number;
  /**
   * Query-term coverage of the candidate's body (its text, without the question): a heading that repeats the query
   * over a body about something else answers less than one whose body discusses it. Not part of evidence.
   */
  bodyCoverage: number;
  /**
   * 1 when the query only names a subject to define ("什么是 RoPE?", "What is RoPE?", "RoPE") and the candidate's
   * question is about that subject itself (names it first and asks what it is or how it works, not why/how much/versus),
   * else 0. Not part of evidence.
   */
  definition: number;
}

/** Evidence nudged by intent and lead-subject agreement: how well a candidate answers, for ordering candidates. */
export function preference(features: EvidenceFeatures): number {
  return rankingEvidence(features) + INTENT_WEIGHT * features.intent + LEAD_WEIGHT * features.lead + DEFINITION_WEIGHT * features.definition;
}

/**
 * Evidence for ordering candidates: a candidate leading with a compound that extends the query's subject answers a
 * narrower question, so its evidence counts less. Refusal still reads the plain evidence (a narrower item may be all
 * the knowledge base has, and then it answers).
 */
export function rankingEvidence(features: EvidenceFeatures): number {
  return features.evidence * (1 - NARROWER_DISCOUNT * features.narrower);
}

/** Features of a candidate for a query; the pipeline computes them once per candidate and hands them on. */
export function evidenceFeatures(query: ProcessedQuery, candidate: RerankCandidate, tools: TextTools): EvidenceFeatures {
  return computeFeatures(query, candidate, tools);
}

function computeFeatures(query: ProcessedQuery, candidate: RerankCandidate, tools: TextTools): EvidenceFeatures {
  const questions = [candidate.question, candidate.questionEn].filter((text): text is string => Boolean(text));
  const queryGrams = queryBigrams(query);
  const questionSimilarity = Math.max(
    0,
    ...questions.flatMap((question) => clausesOf(normalizeText(question)).map(({ clause, weight }) => weight * diceOf(queryGrams, bigrams(clause)))),
  );
  const questionTokens = new Set(questions.flatMap((question) => tools.tokenize(question)));
  const unitTokens = candidate.tokenSet ?? new Set(tools.tokenize(`${candidate.text}\n${candidate.textEn ?? ''}\n${candidate.topic.join(' ')}`));
  const allTokens = new Set([...unitTokens, ...questionTokens]);
  const textCoverage = weightedCoverage(query.tokens, allTokens, query);
  const termCoverage = glossaryCoverage(query, allTokens, tools);
  // Prose chunks have no question: judge them on their text, discounted, so that they can still win when they
  // alone hold the answer (a user's own notes) without outranking a question that matches.
  const questionCoverage = questions.length > 0 ? weightedCoverage(query.tokens, questionTokens, query) : PROSE_DISCOUNT * textCoverage;
  const similarity = questions.length > 0 ? questionSimilarity : PROSE_DISCOUNT * bigramContainment(query.normalized, normalizeText(candidate.text));
  const evidence =
    EVIDENCE_WEIGHTS.similarity * similarity +
    EVIDENCE_WEIGHTS.questionCoverage * questionCoverage +
    EVIDENCE_WEIGHTS.textCoverage * textCoverage +
    EVIDENCE_WEIGHTS.termCoverage * termCoverage;
  const asked = query.language === 'en' && candidate.questionEn ? candidate.questionEn : candidate.question;
  const { intents: queryIntents, lead: queryLead, asksDefinition } = shapeOf(query, tools);
  const intent = asked ? intentAgreement(queryIntents, intentsOf(asked)) : 0;
  const candidateLeads = asked ? leadSubjects(asked, tools.tokenize, CANDIDATE_SUBJECTS) : [];
  const lead = leadAgreement(queryLead, candidateLeads);
  // A sibling the query names itself ("LoRA 和 QLoRA 有什么区别?") is asked about, not narrower than what is asked.
  const namedByQuery = candidateLeads[0] !== undefined && query.tokens.includes(candidateLeads[0]);
  const narrower = asked && !namedByQuery ? narrowerLead(queryLead, candidateLeads[0], asked) : 0;
  const bodyCoverage = bodyCoverageOf(query, candidate);
  const definition = asked && asksDefinition ? definitionAgreement(queryLead, candidateLeads[0], asked) : 0;
  return { questionSimilarity: similarity, questionCoverage, textCoverage, termCoverage, evidence, intent, lead, narrower, bodyCoverage, definition };
}

/**
 * Query-term coverage of a candidate's body (its text without the question); see EvidenceFeatures.bodyCoverage.
 * Remembered per query and body: a large search reads it for its whole pool to preselect, then again in the features
 * of the candidates it kept, and normalising a body is the cost.
 */
export function bodyCoverageOf(query: ProcessedQuery, candidate: Pick<RerankCandidate, 'text' | 'textEn'>): number {
  const body = `${candidate.text}\n${candidate.textEn ?? ''}`;
  let known = bodyCoverages.get(query);
  if (known === undefined) {
    known = new Map();
    bodyCoverages.set(query, known);
  }
  let coverage = known.get(body);
  if (coverage === undefined) {
    coverage = weightedCoverage(query.tokens, tokensIn(normalizeText(body), query), query);
    known.set(body, coverage);
  }
  return coverage;
}

const bodyCoverages = new WeakMap<ProcessedQuery, Map<string, number>>();

/** Intents a question about the subject itself may ask; a cause, a quantity or a comparison is about something else. */
const definingIntents: ReadonlySet<Intent> = new Set(['what', 'how']);
/** What "X 的 …" may ask and still be about X itself. Chosen from the bank's own definition questions. */
const definingAspects = ['原理', '基本原理', '工作原理', '思路', '基本思路', '核心思想', '思想', '概念', '定义', '含义', '特点', '作用', '本质'];

/** What a query asks, read once per query (the pipeline computes features for up to 150 candidates of one query). */
interface QueryShape {
  intents: Set<Intent>;
  lead: string | undefined;
  /** The query names one subject and asks at most what it is ("什么是 RoPE?", "What is RoPE?", "RoPE"). */
  asksDefinition: boolean;
}

const queryShapes = new WeakMap<ProcessedQuery, QueryShape>();

function shapeOf(query: ProcessedQuery, tools: TextTools): QueryShape {
  let shape = queryShapes.get(query);
  if (shape === undefined) {
    const intents = intentsOf(query.text);
    const lead = leadSubject(query.text, tools.tokenize);
    const named = new Set(query.tokens.filter((token) => !isTemplateWord(token)));
    const asksDefinition = lead !== undefined && named.size === 1 && named.has(lead) && [...intents].every((intent) => intent === 'what');
    shape = { intents, lead, asksDefinition };
    queryShapes.set(query, shape);
  }
  return shape;
}

/** For a definition query: 1 when the candidate's question is about the subject itself, else 0. */
function definitionAgreement(queryLead: string | undefined, candidateLead: string | undefined, asked: string): number {
  if (queryLead === undefined || candidateLead !== queryLead) return 0;
  // Only the phrase before a comma: "How does RoPE work, and why is it said …" asks how RoPE works first.
  const phrase = asked.split(/[?？。;；,，、:：]/)[0] ?? asked;
  // "MoE 中的专家容量是什么" asks about a part of MoE, "RoPE 的原理是什么" about RoPE itself.
  const part = /的\s*(.*)$/.exec(phrase)?.[1];
  if (part !== undefined && !definingAspects.some((aspect) => part.startsWith(aspect))) return 0;
  const candidateIntents = intentsOf(phrase);
  return candidateIntents.size > 0 && [...candidateIntents].every((intent) => definingIntents.has(intent)) ? 1 : 0;
}

/**
 * The query's tokens (and their translations) that occur in a text, found by substring rather than by segmenting the
 * text: the reranker sees ~50-150 bodies per query, and tokens are the same normalised forms the text contains.
 */
function tokensIn(text: string, query: ProcessedQuery): Set<string> {
  const present = new Set<string>();
  for (const token of [...query.tokens, ...query.expansion, ...[...query.translations.values()].flat()]) if (text.includes(token)) present.add(token);
  return present;
}

/**
 * The question and each of its clauses: a bank question often asks two things ("KV Cache 为什么能加速解码?对比一下…"),
 * and a query that asks the first must not lose to a sibling whose whole question happens to be shorter.
 */
function clausesOf(question: string): { clause: string; weight: number }[] {
  const clauses = question.split(/(?<=[?？。;；!！])\s*|(?<=\.)\s+/).filter((clause) => clause.replace(/[^\p{L}\p{N}]/gu, '').length >= 4);
  if (clauses.length <= 1) return [{ clause: question, weight: 1 }];
  // A match on a later clause ("…Token Attention 和 PagedAttention 有什么区别?") is a side question of that item, not
  // its subject: it counts less than a match on the first clause.
  return [{ clause: question, weight: 1 }, ...clauses.map((clause, index) => ({ clause, weight: index === 0 ? 1 : LATER_CLAUSE_WEIGHT }))];
}

/** Share of query tokens present, a query token counting as present when it or a glossary synonym matches. */
function weightedCoverage(tokens: string[], present: Set<string>, query: ProcessedQuery): number {
  if (tokens.length === 0) return 0;
  let total = 0;
  let covered = 0;
  const distinct = new Set(tokens);
  for (const token of distinct) {
    // Template words ("举例", "大语言模型") say how the question is asked, not what about: they count less.
    const kind = /^\p{Script=Han}$/u.test(token) ? HAN_CHARACTER_WEIGHT : isTemplateWord(token) ? TEMPLATE_WORD_WEIGHT : 1;
    const weight = kind * (query.idf.get(token) ?? 1);
    total += weight;
    if (present.has(token)) covered += weight;
    else if (query.translations.get(token)?.some((word) => present.has(word))) covered += TRANSLATION_CREDIT * weight;
    else if (partsPresent(token, distinct, present)) covered += COMPOUND_PARTS_CREDIT * weight;
  }
  const expansionHit = query.expansion.some((token) => present.has(token));
  const base = covered / total;
  return Math.min(1, base + (expansionHit && base < 1 ? EXPANSION_BONUS : 0));
}

/**
 * A Chinese compound of the query ("大模型幻觉") said in separate words by the candidate ("大模型为什么会产生幻觉"): every
 * other query token it contains is present, and they cover at least half of it.
 */
function partsPresent(token: string, tokens: Set<string>, present: Set<string>): boolean {
  if (!/^\p{Script=Han}{3,}$/u.test(token)) return false;
  const parts = [...tokens].filter((other) => other !== token && other.length >= 2 && token.includes(other));
  if (parts.length === 0 || !parts.every((part) => present.has(part))) return false;
  return parts.reduce((sum, part) => sum + part.length, 0) * 2 >= token.length;
}

/** Share of the query's glossary terms of which some form (all its tokens) occurs in the candidate. */
function glossaryCoverage(query: ProcessedQuery, tokens: Set<string>, tools: TextTools): number {
  if (query.terms.length === 0) return 0;
  let covered = 0;
  for (const index of query.terms) {
    if (formTokensOf(tools, index).some((form) => form.length > 0 && form.every((token) => tokens.has(token)))) covered++;
  }
  return covered / query.terms.length;
}

const formTokenCache = new WeakMap<GlossaryIndex, Map<number, string[][]>>();

/** Tokens of each form of one glossary entry, computed once per entry. */
function formTokensOf(tools: TextTools, index: number): string[][] {
  let byEntry = formTokenCache.get(tools.glossary);
  if (!byEntry) {
    byEntry = new Map();
    formTokenCache.set(tools.glossary, byEntry);
  }
  let forms = byEntry.get(index);
  if (!forms) {
    const entry = tools.glossary.entries[index];
    forms = entry ? formsOf(entry).map((form) => tools.tokenize(form)) : [];
    byEntry.set(index, forms);
  }
  return forms;
}

/** Share of the query's character bigrams that occur in the text (compared with spacing and punctuation removed). */
export function bigramContainment(query: string, text: string): number {
  const gramsQuery = bigrams(query);
  if (gramsQuery.size === 0) return 0;
  const compact = text.replace(/[^\p{L}\p{N}]+/gu, '');
  let shared = 0;
  for (const gram of gramsQuery) if (compact.includes(gram)) shared++;
  return shared / gramsQuery.size;
}

/** Dice coefficient of character bigrams (letters and digits only); robust to spacing and punctuation. */
export function bigramDice(a: string, b: string): number {
  return diceOf(bigrams(a), bigrams(b));
}

/** The query's bigrams, made once per query (every clause of up to 150 candidates' questions is compared with them). */
const queryGramSets = new WeakMap<ProcessedQuery, Set<string>>();
function queryBigrams(query: ProcessedQuery): Set<string> {
  let grams = queryGramSets.get(query);
  if (grams === undefined) {
    grams = bigrams(query.normalized);
    queryGramSets.set(query, grams);
  }
  return grams;
}

function diceOf(gramsA: Set<string>, gramsB: Set<string>): number {
  if (gramsA.size === 0 || gramsB.size === 0) return 0;
  let shared = 0;
  for (const gram of gramsA) if (gramsB.has(gram)) shared++;
  return (2 * shared) / (gramsA.size + gramsB.size);
}

function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/[^\p{L}\p{N}]+/gu, '')];
  const grams = new Set<string>();
  for (let index = 0; index + 1 < chars.length; index++) grams.add(`${chars[index]}${chars[index + 1]}`);
  if (chars.length === 1) grams.add(chars[0] as string);
  return grams;
}
