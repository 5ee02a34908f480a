// Measures the two ways of pushing lexical search into PostgreSQL against SQLite FTS5, on the built-in bank and the
// labelled queries (lexical list only, question-id labels): (a) an inverted table scored as BM25 in SQL (what
// src/store/postgres uses), (b) a weighted tsvector of our tokens with a GIN index ranked by ts_rank. Reports
// MRR@10, top-10 overlap with FTS5, and latency p50/p99 at 1x and 20x the bank (copies under other paths).
// Run: npx tsx bench/postgres-lexical-choice.ts
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { readBank, readBankIndex } from '../src/bank/bank-data.js';
import { bankDocuments } from '../src/bank/bank-to-units.js';
import { readEvalSet } from '../src/eval/eval-set.js';
import { percentile } from '../src/eval/metrics.js';
import { createPostgresKbCatalog } from '../src/store/postgres/postgres-kb-catalog.js';
import { createSqliteKbCatalog } from '../src/store/sqlite-kb-catalog.js';
import type { Store } from '../src/store/store.js';
import { createTextTools } from '../src/text/text-tools.js';
import { startPgCluster } from '../test/support/pg-cluster.js';

const weights = { question: 4, text: 1, topic: 1.5 };
const copies = Number(process.env.COPIES ?? 20);

const index = readBankIndex();
const tools = createTextTools(index.glossary, index.text);
const bank = readBank();
const documents = bankDocuments(bank.bank.questions, tools.tokenize, bank.hash);
const lines = readEvalSet(join(import.meta.dirname, '..', 'test', 'fixtures', 'eval', 'retrieval-set.jsonl')).filter(
  (line) => line.relevant.length > 0 && line.relevant.every((label) => !label.includes('/') && !label.includes('.')),
);
const cluster = await startPgCluster('choice');
const sqlite = createSqliteKbCatalog({ home: mkdtempSync(join(tmpdir(), 'mianba-choice-')) });
const postgres = createPostgresKbCatalog({ url: cluster.url });
const pool = new pg.Pool({ connectionString: cluster.url });
try {
  await pool.query('CREATE TABLE IF NOT EXISTS ts_units (kb TEXT NOT NULL, unit_id BIGINT NOT NULL, tsv TSVECTOR NOT NULL)');
  await pool.query('CREATE INDEX IF NOT EXISTS ts_units_gin ON ts_units USING GIN (tsv)');
  for (const scale of [1, copies]) {
    const name = `bank${scale}`;
    const stores = { sqlite: await sqlite.create(name), postgres: await postgres.create(name) };
    for (let copy = 0; copy < scale; copy++)
      for (const { document, units } of documents) {
        const path = copy === 0 ? document.path : `copy${copy}/${document.path}`;
        await stores.sqlite.replaceDocument({ ...document, path }, units);
        await stores.postgres.replaceDocument({ ...document, path }, units);
      }
    await pool.query('VACUUM ANALYZE');
    await fillTsvector(pool, name);
    const queries = lines.map((line) => ({ line, tokens: tools.tokenize(line.query) }));
    const run = async (label: string, search: (tokens: string[]) => Promise<number[]>, store: Store) => {
      const latencies: number[] = [];
      const ranked: number[][] = [];
      for (const { tokens } of queries) {
        const started = performance.now();
        ranked.push(await search(tokens));
        latencies.push(performance.now() - started);
      }
      let reciprocal = 0;
      const questions: string[] = [];
      for (const [at, ids] of ranked.entries()) {
        const units = await store.getUnits(ids);
        questions.push(units.map((unit) => unit.questionId).join(' '));
        const rank = units.findIndex((unit) => queries[at]?.line.relevant.includes(unit.questionId ?? ''));
        reciprocal += rank === -1 ? 0 : 1 / (rank + 1);
      }
      return { label, questions, mrr10: reciprocal / queries.length, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
    };
    const top = (store: Store) => async (tokens: string[]) =>
      (await store.searchLexical({ tokens, fieldWeights: weights, limit: 10 })).map((match) => match.unitId);
    const fts5 = await run('SQLite FTS5 bm25()', top(stores.sqlite), stores.sqlite);
    const bm25 = await run('PostgreSQL BM25 postings', top(stores.postgres), stores.postgres);
    const tsRank = await run('PostgreSQL tsvector + GIN, ts_rank', (tokens) => searchTsvector(pool, name, tokens), stores.postgres);
    const units = (await stores.postgres.termStats([])).units;
    console.log(`\n${units} units, ${queries.length} queries (lexical list only, top 10)`);
    for (const result of [fts5, bm25, tsRank]) {
      // Same top 10 = the same question ids in the same order (copies of a unit share its question id).
      const overlap = result.questions.filter((list, at) => list === fts5.questions[at]).length / queries.length;
      console.log(
        `${result.label.padEnd(38)} MRR@10 ${result.mrr10.toFixed(3)}  same-top10-as-FTS5 ${overlap.toFixed(3)}  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms`,
      );
    }
  }
} finally {
  await pool.end();
  await postgres.close();
  await sqlite.close();
  cluster.stop();
}

/** A weighted tsvector per unit built from the stored postings: question A, topic B, text D, with tf positions. */
async function fillTsvector(client: pg.Pool, kb: string): Promise<void> {
  await client.query(
    `INSERT INTO ts_units (kb, unit_id, tsv)
     SELECT $1, p.unit_id, string_agg(
       quote_literal(p.term) || ':' ||
       array_to_string(ARRAY(SELECT g || CASE WHEN g <= p.tf_question THEN 'A' WHEN g <= p.tf_question + p.tf_topic THEN 'B' ELSE 'D' END
                             FROM generate_series(1, LEAST(p.tf_question + p.tf_topic + p.tf_text, 200)) g), ','), ' ')::tsvector
     FROM postings p JOIN kbs k ON k.id = p.kb_id WHERE k.name = $1 GROUP BY p.unit_id`,
    [kb],
  );
}

async function searchTsvector(client: pg.Pool, kb: string, tokens: string[]): Promise<number[]> {
  const unique = [...new Set(tokens)].filter(Boolean);
  if (unique.length === 0) return [];
  const query = unique.map((token) => `'${token.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`).join(' | ');
  // ts_rank weights {D, C, B, A} in [0, 1]: text 1, topic 1.5, question 4 scaled by 1/4. Normalisation 1: / (1 + log length).
  const result = await client.query<{ unit_id: string }>(
    `SELECT unit_id FROM ts_units WHERE kb = $1 AND tsv @@ $2::tsquery ORDER BY ts_rank('{0.25, 0, 0.375, 1}', tsv, $2::tsquery, 1) DESC, unit_id LIMIT 10`,
    [kb, query],
  );
  return result.rows.map((row) => Number(row.unit_id));
}
