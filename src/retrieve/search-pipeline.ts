// The retrieval pipeline: query processing -> BM25 (as typed and glossary-expanded) and vector search in every
// store -> RRF fusion -> rerank -> near-duplicate questions merged into one hit listing every source.
import type { Hit, StoredUnit } from '../core/types.js';
import type { Embedder } from '../models/embedder.js';
import type { Reranker } from '../models/reranker.js';
import type { ScoredUnit, Store } from '../store/store.js';
import { normalizeText } from '../text/normalize.js';
import { stemLatin } from '../text/segment.js';
import type { TextTools } from '../text/text-tools.js';
import { bodyCohesion } from './cohesion.js';
import { bodyCoverageOf, type EvidenceFeatures, evidenceFeatures } from './evidence.js';
import { fuseRankings, type RankedList } from './fuse.js';
import { type ProcessedQuery, processQuery, type TokenStatistics, withCorpusStatistics } from './query.js';
import {
  COMMON_TOKEN_MIN_UNITS,
  COMMON_TOKEN_SHARE,
  EXACT_VECTOR_LIMIT,
  FIELD_WEIGHTS,
  LARGE_STORE_BODY_WEIGHT,
  LARGE_STORE_CANDIDATES,
  LARGE_STORE_COHESION_WEIGHT,
  LARGE_STORE_POOL,
  LARGE_STORE_UNITS,
  LEXICAL_CANDIDATES_FOR_VECTORS,
  MATCH_RAREST,
  RERANK_FUSED_WEIGHT,
  UNANSWERED_PENALTY,
  UNKNOWN_NAME_FACTOR,
  UNKNOWN_NAME_FLOOR,
  UNKNOWN_VERSIONED_NAME_FACTOR,
} from './tuning.js';

export interface SearchOptions {
  top: number;
  candidates: number;
  rrfK: number;
  lexicalWeight: number;
  vectorWeight: number;
  expand: boolean;
  rerank: boolean;
  /** Stores with more vectors rescore lexical candidates instead of a full scan (default exactVectorLimit). */
  exactVectorLimit?: number;
  /** Searches over more units rerank more candidates and weigh body coverage (default LARGE_STORE_UNITS, see tuning.ts). */
  largeSearchUnits?: number;
  signal?: AbortSignal;
}

export interface SearchDependencies {
  stores: Store[];
  tools: TextTools;
  embedder?: Embedder | undefined;
  reranker?: Reranker<ProcessedQuery> | undefined;
}

export interface TraceEntry {
  key: string;
  label: string;
  /** 1-based rank per retrieval list (bm25, bm25+glossary, vector). */
  ranks: Record<string, number>;
  fusedScore: number;
  rerankScore: number | undefined;
  evidence: number;
  features: EvidenceFeatures;
  /** Body cohesion (cohesion.ts), read only in a large search (else 0). */
  cohesion: number;
  finalRank: number | undefined;
  questionId: string | null;
  path: string;
}

export interface SearchResult {
  query: ProcessedQuery;
  hits: Hit[];
  /** Evidence (0-1) of the best hit: how well the knowledge base covers the query. */
  evidence: number;
  trace: TraceEntry[];
}

export async function searchKnowledge(text: string, dependencies: SearchDependencies, options: SearchOptions): Promise<SearchResult> {
  const { stores, tools, embedder, reranker } = dependencies;
  // Latin words the stores contain are never "corrected": their stems are looked up in one batch per store.
  const latinWords = [...new Set(normalizeText(text).match(/(?<![a-z0-9])[a-z]{4,}(?![a-z0-9])/g) ?? [])].map(stemLatin);
  const knownStats = latinWords.length > 0 ? await Promise.all(stores.map((store) => store.termStats(latinWords))) : [];
  const parsed = processQuery(text, tools, {
    expand: options.expand,
    isKnownWord: (word) => knownStats.some((stat) => stat.documentFrequencies.has(stemLatin(word))),
  });
  const frequencies = (await Promise.all(stores.map((store) => store.termStats([...parsed.tokens, ...parsed.expansion])))).map((stat) => ({
    frequencies: stat.documentFrequencies,
    units: stat.units,
  }));
  const query = withCorpusStatistics(parsed, frequencies, tools);
  // A large search reranks more candidates and weighs body coverage and cohesion (tuning.ts LARGE_STORE_CANDIDATES).
  const large = frequencies.reduce((sum, stat) => sum + stat.units, 0) > (options.largeSearchUnits ?? LARGE_STORE_UNITS);
  const candidateCount = large ? Math.max(options.candidates, LARGE_STORE_CANDIDATES) : options.candidates;
  const bodyWeight = large ? LARGE_STORE_BODY_WEIGHT : 0;
  const cohesionWeight = large ? LARGE_STORE_COHESION_WEIGHT : 0;
  // A large search fuses a deeper pool and keeps its best candidateCount by the cheap body features (tuning.ts).
  const poolCount = large ? Math.max(candidateCount, LARGE_STORE_POOL) : candidateCount;
  const matchTokens = withoutCommonTokens(query.tokens, frequencies);
  const matchExpansion = withoutCommonTokens(query.expansion, frequencies);
  const lists: RankedList[] = [];
  const storeByKb = new Map(stores.map((store) => [store.kb, store]));
  const queryVector = embedder ? (await embedder.embed([query.normalized], { signal: options.signal }))[0] : undefined;
  for (const [index, store] of stores.entries()) {
    const allTokens = [...matchTokens, ...matchExpansion];
    // A store too large to scan every vector rescores a wide lexical candidate set instead: the as-typed MATCH, widened
    // to LEXICAL_CANDIDATES_FOR_VECTORS (its first `candidates` are the BM25 list), plus the glossary list. The
    // glossary forms stay out of the wide MATCH: a large store pairs the rarest tokens (units that say two of them),
    // and synonyms of one term paired together find every unit naming that term, not the ones answering the query.
    const rescore = queryVector !== undefined && (frequencies[index]?.units ?? 0) > (options.exactVectorLimit ?? EXACT_VECTOR_LIMIT);
    // Gathering candidates for vectors to rescore, recall is worth the question pairs' cost (sqlite-lexical.ts): the
    // as-typed MATCH asks for them; the glossary list gained nothing from them.
    const lexical = (tokens: string[], limit: number, questionPairs = false) =>
      store.searchLexical({ tokens, fieldWeights: FIELD_WEIGHTS, limit, questionPairs });
    // The lists of one store are independent: asked at once, a database store answers them on parallel connections.
    const [plain, expanded, allVectors] = await Promise.all([
      lexical(matchTokens, rescore ? Math.max(poolCount, LEXICAL_CANDIDATES_FOR_VECTORS) : poolCount, rescore),
      query.expansion.length > 0 ? lexical(allTokens, poolCount) : undefined,
      // The App checked the store's embedder when it opened it (embedder_mismatch), so vectors never mix.
      queryVector && !rescore ? store.searchVectors({ vector: queryVector, limit: poolCount }) : undefined,
    ]);
    const among = rescore ? [...new Set([...plain, ...(expanded ?? [])].map((match) => match.unitId))] : [];
    const vectors = queryVector && rescore ? await store.searchVectors({ vector: queryVector, limit: poolCount, among }) : allVectors;
    const keys = (matches: ScoredUnit[]) => matches.map((match) => `${store.kb}:${match.unitId}`);
    lists.push({ name: 'bm25', weight: options.lexicalWeight, keys: keys(plain.slice(0, poolCount)) });
    if (expanded) lists.push({ name: 'bm25+glossary', weight: options.lexicalWeight, keys: keys(expanded) });
    if (vectors) lists.push({ name: 'vector', weight: options.vectorWeight, keys: keys(vectors) });
  }
  const fused = fuseRankings(lists, options.rrfK).slice(0, poolCount);
  const units = await loadUnits(
    fused.map((item) => item.key),
    storeByKb,
  );
  const pooled = fused.flatMap((item) => {
    const unit = units.get(item.key);
    // Only a large search reads cohesion (tuning.ts LARGE_STORE_COHESION_WEIGHT); a small one skips the work.
    const cohesion = unit && cohesionWeight > 0 ? bodyCohesion(`${unit.text}\n${unit.textEn ?? ''}`, unit.tokenSet.split(' '), tools.glossary.generic) : 0;
    return unit ? [{ item, unit, cohesion }] : [];
  });
  const candidates = pooled.length > candidateCount ? preselect(pooled, query, candidateCount, bodyWeight, cohesionWeight) : pooled;
  // Evidence features are computed once per candidate, here, and handed to the reranker with the candidate.
  const rerankInput = candidates.map(({ item, unit }) => {
    const candidate = {
      key: item.key,
      question: unit.question,
      questionEn: unit.questionEn,
      text: unit.text,
      textEn: unit.textEn,
      topic: unit.topic,
      tokenSet: new Set(unit.tokenSet.split(' ')),
      fusedScore: item.score,
    };
    return { ...candidate, features: evidenceFeatures(query, candidate, tools) };
  });
  const rerankScores = options.rerank && reranker ? await reranker.rerank(query, rerankInput, { signal: options.signal }) : undefined;
  const scored = candidates.map(({ item, unit, cohesion }, index) => {
    const { features } = rerankInput[index] as (typeof rerankInput)[number];
    // An unanswered question (an outline item) yields to an answered one, unless it is the question asked.
    const unanswered = unit.kind === 'qa' && !unit.text ? UNANSWERED_PENALTY * (1 - features.questionSimilarity) : 0;
    const atSize = bodyWeight * features.bodyCoverage + cohesionWeight * cohesion;
    // Divided back into [0, 1]: the order is what the large-search weights change, not the scale of a hit's score.
    const score = rerankScores ? ((rerankScores[index] ?? 0) - unanswered + atSize) / (1 + bodyWeight + cohesionWeight) : item.score;
    return { item, unit, evidence: features.evidence, features, cohesion, rerankScore: rerankScores?.[index], score };
  });
  scored.sort((a, b) => b.score - a.score || a.item.key.localeCompare(b.item.key));
  const hits = await mergeDuplicates(scored, storeByKb, options.top, query.language);
  const finalRanks = new Map(hits.map((hit) => [`${hit.kb}:${hit.unitId}`, hit.rank]));
  const trace = scored.map(({ item, unit, evidence, features, cohesion, rerankScore }) => ({
    key: item.key,
    label: unit.question ?? unit.topic.at(-1) ?? unit.text.slice(0, 40),
    ranks: item.ranks,
    fusedScore: item.score,
    rerankScore,
    evidence,
    features,
    cohesion,
    finalRank: finalRanks.get(item.key),
    questionId: unit.questionId ?? null,
    path: unit.path,
  }));
  const best = scored.find((entry) => finalRanks.get(entry.item.key) === 1);
  return { query, hits, evidence: (best?.evidence ?? 0) * unknownNamePenalty(query) * (1 - unseenShare(query)), trace };
}

/**
 * A query naming something the knowledge base has never seen (a Latin name or version like "Zephyrion-9", "LLaMA-7",
 * "GPT-5", whose token occurs in no stored unit) asks about something else: each such name cuts the evidence (a
 * versioned one more), so refusal catches questions about models, methods or versions the notes never mention.
 */
export function unknownNamePenalty(query: ProcessedQuery): number {
  let penalty = 1;
  for (const token of new Set(query.tokens)) {
    if (!/^[a-z][a-z0-9]{2,}$/.test(token) || !query.unseen.has(token)) continue;
    // A versioned name ("llama9", "falconmamba3t") that no note contains is a model the notes never mention.
    penalty *= /\d/.test(token) ? UNKNOWN_VERSIONED_NAME_FACTOR : UNKNOWN_NAME_FACTOR;
  }
  return Math.max(UNKNOWN_NAME_FLOOR, penalty);
}

/**
 * The `count` candidates of a large search's pool worth the full evidence features: the best by fused score and the
 * body features that need no segmentation (coverage of the query, cohesion), weighted as in the final score. Computing
 * every feature of the whole pool would cost twice the time (tuning.ts LARGE_STORE_POOL).
 */
function preselect<Candidate extends { item: { score: number }; unit: StoredUnit; cohesion: number }>(
  pooled: Candidate[],
  query: ProcessedQuery,
  count: number,
  bodyWeight: number,
  cohesionWeight: number,
): Candidate[] {
  const maxFused = Math.max(0, ...pooled.map(({ item }) => item.score));
  const cheap = pooled.map(
    (candidate) =>
      RERANK_FUSED_WEIGHT * (maxFused > 0 ? candidate.item.score / maxFused : 0) +
      bodyWeight * bodyCoverageOf(query, candidate.unit) +
      cohesionWeight * candidate.cohesion,
  );
  const kept = new Set(
    pooled
      .map((_, index) => index)
      .sort((a, b) => (cheap[b] ?? 0) - (cheap[a] ?? 0) || a - b)
      .slice(0, count),
  );
  return pooled.filter((_, index) => kept.has(index));
}

/** Stores with more vectors than this rescore lexical candidates instead of a full scan (see tuning.ts). */
export const exactVectorLimit = EXACT_VECTOR_LIMIT;

/**
 * Tokens in more than COMMON_TOKEN_SHARE of all units barely move BM25 but make FTS5 walk long posting lists: leave
 * them out of the MATCH (they still count in the evidence features), unless nothing else is left or the corpus is tiny.
 */
export function withoutCommonTokens(tokens: string[], frequencies: TokenStatistics[]): string[] {
  const units = frequencies.reduce((sum, stat) => sum + stat.units, 0);
  if (units < COMMON_TOKEN_MIN_UNITS) return tokens;
  const df = (token: string) => frequencies.reduce((sum, stat) => sum + (stat.frequencies.get(token) ?? 0), 0);
  const kept = tokens.filter((token) => df(token) <= units * COMMON_TOKEN_SHARE);
  const usable = kept.length > 0 ? kept : tokens;
  // In very large stores every posting list is long: match on the rarest few tokens only (the rest still count in
  // the evidence features), which bounds the work FTS5 does per query.
  if (units <= LARGE_STORE_UNITS) return usable;
  return [...usable].sort((a, b) => df(a) - df(b)).slice(0, MATCH_RAREST);
}

/** IDF-weighted share of the query's tokens that occur nowhere in the searched stores (off-domain words). */
export function unseenShare(query: ProcessedQuery): number {
  let total = 0;
  let unseen = 0;
  for (const token of new Set(query.tokens)) {
    const weight = query.idf.get(token) ?? 0;
    total += weight;
    if (query.unseen.has(token)) unseen += weight;
  }
  return total > 0 ? unseen / total : 1;
}

async function loadUnits(keys: string[], storeByKb: Map<string, Store>): Promise<Map<string, StoredUnit>> {
  const idsByKb = new Map<string, number[]>();
  for (const key of keys) {
    const [kb, id] = splitKey(key);
    idsByKb.set(kb, [...(idsByKb.get(kb) ?? []), id]);
  }
  const units = new Map<string, StoredUnit>();
  for (const [kb, ids] of idsByKb) {
    for (const unit of (await storeByKb.get(kb)?.getUnits(ids)) ?? []) units.set(`${kb}:${unit.id}`, unit);
  }
  return units;
}

function splitKey(key: string): [string, number] {
  const at = key.lastIndexOf(':');
  return [key.slice(0, at), Number(key.slice(at + 1))];
}

/** One hit per question: the best-scored unit wins, every other place with the same question key becomes a source. */
async function mergeDuplicates(
  scored: { unit: StoredUnit; score: number }[],
  storeByKb: Map<string, Store>,
  top: number,
  language: 'zh' | 'en',
): Promise<Hit[]> {
  const hits: Hit[] = [];
  const seenKeys = new Set<string>();
  const places = await placesOfQuestions(scored, storeByKb, top);
  for (const { unit, score } of scored) {
    if (hits.length >= top) break;
    const identity = unit.questionKey ?? `unit:${unit.kb}:${unit.id}`;
    if (seenKeys.has(identity)) continue;
    seenKeys.add(identity);
    const sources = unit.questionKey ? (places.get(unit.questionKey) ?? []).filter((other) => !(other.kb === unit.kb && other.id === unit.id)) : [];
    const answered = unit.text ? unit : (sources.find((other) => other.text) ?? unit);
    const useEnglish = language === 'en' && answered.questionEn !== undefined;
    hits.push({
      rank: hits.length + 1,
      score: Math.round(score * 10_000) / 10_000,
      kb: answered.kb,
      path: answered.path,
      line: answered.lineStart,
      question: (useEnglish ? answered.questionEn : answered.question) ?? null,
      topic: answered.topic,
      text: (useEnglish ? answered.textEn : answered.text) ?? answered.text,
      unitId: answered.id,
      questionId: answered.questionId ?? null,
      sources: [unit, ...sources]
        .filter((source) => !(source.kb === answered.kb && source.id === answered.id))
        .map((source) => ({ kb: source.kb, path: source.path, line: source.lineStart })),
    });
  }
  return hits;
}

/**
 * Every stored place of the questions that will become hits (the first `top` distinct ones), by question key, in one
 * findUnits per store rather than one per hit (a round trip each on a database server).
 */
async function placesOfQuestions(scored: { unit: StoredUnit }[], storeByKb: Map<string, Store>, top: number): Promise<Map<string, StoredUnit[]>> {
  const identities = new Set<string>();
  const keys: string[] = [];
  for (const { unit } of scored) {
    if (identities.size >= top) break;
    const identity = unit.questionKey ?? `unit:${unit.kb}:${unit.id}`;
    if (identities.has(identity)) continue;
    identities.add(identity);
    if (unit.questionKey) keys.push(unit.questionKey);
  }
  const places = new Map<string, StoredUnit[]>();
  if (keys.length === 0) return places;
  const found = await Promise.all([...storeByKb.values()].map((store) => store.findUnits({ questionKeys: keys })));
  for (const unit of found.flat()) if (unit.questionKey) places.set(unit.questionKey, [...(places.get(unit.questionKey) ?? []), unit]);
  return places;
}
