// BM25 over the postings table, in one SQL statement, with the same formula as SQLite FTS5's bm25() so both stores
// rank alike: idf = ln((N - n + 0.5) / (n + 0.5)) floored at 1e-6, k1 = 1.2, b = 0.75, field-weighted term
// frequency, |D| = the unit's tokens over all fields, avgdl = tokens / units of the knowledge base.
import type { Pool, PoolClient } from 'pg';

export interface FieldWeights {
  question: number;
  text: number;
  topic: number;
}

export interface ScoredUnit {
  unitId: number;
  score: number;
}

/** FTS5's constants (sqlite/ext/fts5/fts5_aux.c), kept so PostgreSQL and SQLite give the same ranking. */
const k1 = 1.2;
const b = 0.75;

// One scan of the matching postings: df comes from a window over the same rows that are scored (no second pass).
const bm25Sql = `
  WITH stats AS (
    SELECT unit_count::float8 AS n, GREATEST(token_total, 1)::float8 / GREATEST(unit_count, 1) AS avgdl FROM kbs WHERE id = $1
  ),
  matched AS (
    SELECT p.unit_id, p.unit_length, $3::float8 * p.tf_question + $4::float8 * p.tf_text + $5::float8 * p.tf_topic AS tf,
           count(*) OVER (PARTITION BY p.term)::float8 AS df
    FROM postings p WHERE p.kb_id = $1 AND p.term = ANY($2::text[])
  )
  SELECT m.unit_id AS "unitId",
         sum(GREATEST(ln((s.n - m.df + 0.5) / (m.df + 0.5)), 1e-6) * (m.tf * ${k1 + 1}::float8) / (m.tf + ${k1}::float8 * (${1 - b}::float8 + ${b}::float8 * m.unit_length / s.avgdl))) AS score
  FROM matched m CROSS JOIN stats s
  GROUP BY m.unit_id
  ORDER BY score DESC, m.unit_id
  LIMIT $6`;

/** Units matching any of the terms, best BM25 first. */
export async function searchPostings(client: Pool | PoolClient, kbId: number, terms: string[], weights: FieldWeights, limit: number): Promise<ScoredUnit[]> {
  const unique = [...new Set(terms)].filter((term) => term.length > 0);
  if (unique.length === 0 || limit <= 0) return [];
  // Named: prepared once per connection, planned without re-parsing on every search.
  const result = await client.query<{ unitId: string; score: number }>({
    name: 'mianba_bm25',
    text: bm25Sql,
    values: [kbId, unique, weights.question, weights.text, weights.topic, limit],
  });
  return result.rows.map((row) => ({ unitId: Number(row.unitId), score: row.score }));
}

// Document frequencies of the asked terms, the unit count and the revision, in one round trip.
const termStatsSql = `
  SELECT k.unit_count, k.revision, t.term, t.df
  FROM kbs k
  LEFT JOIN LATERAL (
    SELECT p.term, count(*) AS df FROM postings p WHERE p.kb_id = k.id AND p.term = ANY($2::text[]) GROUP BY p.term
  ) t ON true
  WHERE k.id = $1`;

/** Terms whose frequencies a cache keeps at most (a term and a number each); past it the cache starts again. */
const maxCachedTerms = 100_000;

/**
 * Document frequencies per knowledge-base revision. Counting a common term reads its whole posting list, and queries
 * keep asking the same terms: each call fetches only the terms not cached for the revision it last saw, with the
 * current revision; when another write (this server or another) moved the revision, it asks again for every term.
 */
export class TermStatsCache {
  private revision: string | undefined;
  private frequencies = new Map<string, number>();

  constructor(private readonly kbId: number) {}

  async stats(client: Pool | PoolClient, terms: string[]): Promise<{ frequencies: Map<string, number>; units: number }> {
    const unique = [...new Set(terms)].filter((term) => term.length > 0);
    const missing = unique.filter((term) => !this.frequencies.has(term));
    let result = await this.fetch(client, missing);
    if (result.revision !== this.revision) {
      this.frequencies = new Map();
      this.revision = result.revision;
      if (missing.length < unique.length) {
        // Some terms were answered from the old revision's counts: ask for every term at the new one.
        result = await this.fetch(client, unique);
        // Another write in between: answer with these counts but cache nothing.
        if (result.revision !== this.revision) return { frequencies: answered(unique, result.counts), units: result.units };
      }
    }
    if (this.frequencies.size + unique.length > maxCachedTerms) this.frequencies = new Map();
    // Absent terms are cached as 0 so that they are not asked again within the revision.
    for (const term of unique) if (!this.frequencies.has(term)) this.frequencies.set(term, result.counts.get(term) ?? 0);
    return { frequencies: answered(unique, this.frequencies), units: result.units };
  }

  private async fetch(client: Pool | PoolClient, terms: string[]) {
    const response = await client.query<{ unit_count: string; revision: string; term: string | null; df: string | null }>({
      name: 'mianba_term_stats',
      text: termStatsSql,
      values: [this.kbId, terms],
    });
    const counts = new Map<string, number>();
    for (const row of response.rows) if (row.term !== null) counts.set(row.term, Number(row.df));
    return { counts, units: Number(response.rows[0]?.unit_count ?? 0), revision: String(response.rows[0]?.revision ?? '') };
  }
}

/** The asked terms that occur in some unit, with their counts. */
function answered(terms: string[], counts: Map<string, number>): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const term of terms) {
    const count = counts.get(term) ?? 0;
    if (count > 0) frequencies.set(term, count);
  }
  return frequencies;
}
