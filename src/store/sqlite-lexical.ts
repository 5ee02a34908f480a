// SqliteStore's search path: FTS5 bm25() over our own tokens, with the work per query bounded as the store grows,
// and document frequencies cached until the file changes. Reads only; the write path stays in sqlite-store.ts.
import type Database from 'better-sqlite3';
import type { LexicalQuery, ScoredUnit, TermStats } from './store.js';

/**
 * Stores above this many units match only their rarest query tokens (see boundedTerms). Below it every token is
 * matched, so small knowledge bases (the bank, the labelled sets, the contract test) rank exactly as FTS5 alone.
 * CHOSEN: at 50k units a query's full OR stays under ~50 ms on the bench machine (bench part `scale`).
 */
export const LEXICAL_BOUND_UNITS = 50_000;
/**
 * Posting budget of one MATCH in a large store: tokens are added rarest first while the sum of their document
 * frequencies stays within it (the rarest always goes in). FTS5 costs about 1-2 us per matching row with bm25()
 * (measured at 100k: 21k rows ~66 ms under load 12, an AND of the same tokens 31 ms). MEASURED in bench part `scale`
 * with the pairs below (bench/scale/diagnose.ts and profile.ts, tuning half of the queries): 20k -> 10k (and
 * PAIRED_ROWS_BUDGET 20k -> 10k) kept Hit@5 at 1M (0.604 both) and cost one query of 106 at 300k (0.689 -> 0.679),
 * for about a third less time in searchLexical at 1M (docs/handoff/scale-s5.md).
 */
export const LEXICAL_POSTINGS_BUDGET = 10_000;
/**
 * Units sharing two of the query's rarest words: in a large store no single word is rare, and an answer is a unit that
 * says several of them. The PAIRED_TERMS rarest tokens (single Han characters aside) are matched two by two with AND,
 * which FTS5 answers by seeking the longer doclist from the shorter one. MEASURED on the odd half of the scale queries
 * (bench part `scale`, bench/scale/diagnose.ts): at 300k the answer entered the 1,000 candidates for 83 of 99 queries
 * with 5 terms' pairs alone, against 77 with the rarest-terms OR; with both, 91.
 */
export const PAIRED_TERMS = 5;
/**
 * Rows the pairs may match, estimated as df(a) x df(b) / units (words taken as independent): pairs are added from the
 * least common while the sum stays within it, so two very common words do not make FTS5 score 100k rows. MEASURED
 * with LEXICAL_POSTINGS_BUDGET (above).
 */
export const PAIRED_ROWS_BUDGET = 10_000;
/**
 * Units whose question says two of the query's words: the QUESTION_PAIRED_TERMS rarest tokens paired two by two with
 * AND inside the question column, within PAIRED_ROWS_BUDGET (estimated from whole-unit frequencies, so the budget
 * overestimates the rows a column matches). At 1M, thousands of units say two rare query words somewhere, and a
 * heading repeating one of them ranks first; a question naming two is rarer and closer to what is asked. MEASURED on
 * the tuning half of the scale queries (bench/scale/diagnose.ts, with cohesion and the 300-candidate pool): Hit@5 at 1M
 * 0.708 -> 0.745 with 8 terms (6: 0.736, 10: 0.755; a rows budget of 5k: 0.736), at 300k 0.755 -> 0.792; the
 * whole-unit pairs stay (question pairs alone: 0.717 at 1M). A question pair that is also a whole-unit pair is left
 * out: timed alternating in one loop over 120 queries at 1M (the wide MATCH alone), p50 31 ms without question pairs,
 * 58 ms with all of them, 45 ms without the duplicates; Hit@5 at 1M unchanged (0.745), at 300k 0.792 -> 0.774 (the
 * duplicates counted the rarest words twice in bm25()). A budget of 5k or 3k rows saved less (60 / 53 ms).
 * Only a query that asks for them (LexicalQuery.questionPairs) gets them: they nearly double a MATCH at 1M (lexical
 * search alone, 212 queries alternating in one loop, load 3: p50 40 -> 74 ms; 1k rows: 53 ms but Hit@5 0.717; 6
 * terms: 57 ms), which a plain lexical search cannot afford (target p50 <= 50 ms at 1M). The search pipeline asks for
 * them for the as-typed MATCH that gathers a large store's candidates for vectors to rescore (hybrid target p50 <=
 * 150 ms), not for the glossary list (asked there too, Hit@5 was the same: 0.745 at 1M, 0.774 at 300k).
 */
export const QUESTION_PAIRED_TERMS = 8;
/** Document frequencies kept in memory at most (a long-running server sees many words); cleared when exceeded. */
const CACHED_TERMS_LIMIT = 100_000;

type Prepare = (sql: string) => Database.Statement;

const documentFrequency = (stats: TermStats) => (term: string) => stats.documentFrequencies.get(term) ?? 0;

/** Terms some unit contains, least frequent first (ties by spelling, so a query always matches the same way). */
function rarestFirst(terms: string[], stats: TermStats): string[] {
  const df = documentFrequency(stats);
  // Tokens in no unit match nothing: they cost nothing either, and drop out.
  return terms.filter((term) => df(term) > 0).sort((a, b) => df(a) - df(b) || (a < b ? -1 : 1));
}

/** The terms a MATCH should use: all of them in a small store, else the rarest within LEXICAL_POSTINGS_BUDGET. */
export function boundedTerms(terms: string[], stats: TermStats, budget = LEXICAL_POSTINGS_BUDGET, minUnits = LEXICAL_BOUND_UNITS): string[] {
  if (stats.units <= minUnits) return terms;
  const df = documentFrequency(stats);
  const kept: string[] = [];
  let postings = 0;
  for (const term of rarestFirst(terms, stats)) {
    if (kept.length > 0 && postings + df(term) > budget) break;
    kept.push(term);
    postings += df(term);
  }
  return kept;
}

/** Pairs of the PAIRED_TERMS rarest tokens within PAIRED_ROWS_BUDGET estimated rows; empty when none qualify. */
export function pairedTerms(terms: string[], stats: TermStats, paired = PAIRED_TERMS, rowsBudget = PAIRED_ROWS_BUDGET): string[][] {
  const df = documentFrequency(stats);
  const rarest = rarestFirst(terms, stats)
    .filter((term) => !/^\p{Script=Han}$/u.test(term))
    .slice(0, paired);
  const pairs: { terms: string[]; rows: number }[] = [];
  for (let first = 0; first < rarest.length; first++)
    for (let second = first + 1; second < rarest.length; second++) {
      const terms = [rarest[first] as string, rarest[second] as string];
      pairs.push({ terms, rows: (df(terms[0] as string) * df(terms[1] as string)) / Math.max(1, stats.units) });
    }
  pairs.sort((a, b) => a.rows - b.rows);
  const kept: string[][] = [];
  let rows = 0;
  for (const pair of pairs) {
    if (rows + pair.rows > rowsBudget) break;
    kept.push(pair.terms);
    rows += pair.rows;
  }
  return kept;
}

export interface LexicalBound {
  postingsBudget: number;
  minUnits: number;
}

export const defaultLexicalBound: LexicalBound = { postingsBudget: LEXICAL_POSTINGS_BUDGET, minUnits: LEXICAL_BOUND_UNITS };

export function searchFts(prepare: Prepare, stats: TermStatsCache, query: LexicalQuery, bound = defaultLexicalBound): ScoredUnit[] {
  const unique = [...new Set(query.tokens)].filter((token) => token.length > 0);
  if (unique.length === 0 || query.limit <= 0) return [];
  const quote = (token: string) => `"${token.replaceAll('"', '""')}"`;
  // A small store needs no frequencies: every token is matched.
  let match: string;
  if (stats.units() <= bound.minUnits) match = unique.map(quote).join(' OR ');
  else {
    const termStats = stats.termStats(unique);
    const and = ([first, second]: string[]) => `${quote(first as string)} AND ${quote(second as string)}`;
    const wholePairs = pairedTerms(unique, termStats);
    const matched = new Set(wholePairs.map((pair) => pair.join(' ')));
    // A pair the whole unit already matches finds no new unit in its question: left out, it saves a third of the MATCH.
    // Asked for by the search that gathers candidates for vectors to rescore, where recall is worth their cost.
    const questionPairs = query.questionPairs ? pairedTerms(unique, termStats, QUESTION_PAIRED_TERMS).filter((pair) => !matched.has(pair.join(' '))) : [];
    const pairs = [...wholePairs.map((pair) => `(${and(pair)})`), ...questionPairs.map((pair) => `{question}: (${and(pair)})`)];
    match = [...pairs, ...boundedTerms(unique, termStats, bound.postingsBudget, bound.minUnits).map(quote)].join(' OR ');
  }
  if (match.length === 0) return [];
  const { question, text, topic } = query.fieldWeights;
  const rows = prepare('SELECT rowid AS unitId, bm25(units_fts, ?, ?, ?) AS rank FROM units_fts WHERE units_fts MATCH ? ORDER BY rank LIMIT ?').all(
    question,
    text,
    topic,
    match,
    query.limit,
  ) as { unitId: number; rank: number }[];
  return rows.map((row) => ({ unitId: row.unitId, score: -row.rank }));
}

/**
 * Document frequencies and the unit count, cached until the file changes. fts5vocab walks a term's whole doclist
 * (~1.6 ms for a token in 66k of 100k units), so repeated common tokens dominated a query at 1M. The cache is keyed
 * by this connection's total_changes() and PRAGMA data_version (other connections' commits): any write empties it.
 */
export interface TermStatsCache {
  units(): number;
  termStats(terms: string[]): TermStats;
}

export function createTermStatsCache(prepare: Prepare): TermStatsCache {
  let version = '';
  let units = 0;
  const frequencies = new Map<string, number>();
  const refresh = () => {
    const { data_version: outside } = prepare('PRAGMA data_version').get() as { data_version: number };
    const current = `${outside}:${(prepare('SELECT total_changes() AS n').get() as { n: number }).n}`;
    if (current === version && frequencies.size <= CACHED_TERMS_LIMIT) return;
    frequencies.clear();
    units = (prepare('SELECT COUNT(*) AS units FROM units').get() as { units: number }).units;
    version = current;
  };
  return {
    units() {
      refresh();
      return units;
    },
    termStats(terms) {
      refresh();
      const missing = [...new Set(terms)].filter((term) => !frequencies.has(term));
      if (missing.length > 0) {
        const lookup = prepare('SELECT doc FROM units_fts_vocab WHERE term = ?');
        for (const term of missing) frequencies.set(term, (lookup.get(term) as { doc: number } | undefined)?.doc ?? 0);
      }
      const documentFrequencies = new Map<string, number>();
      for (const term of terms) {
        const doc = frequencies.get(term) ?? 0;
        if (doc > 0) documentFrequencies.set(term, doc);
      }
      return { documentFrequencies, units };
    },
  };
}
