// The write side of the PostgreSQL store: replace or remove one document in one transaction. Writes to one knowledge
// base are serialised by locking its kbs row first (as SQLite serialises writes to one file), which also keeps the
// BM25 statistics (unit_count, token_total) exact and bumps the revision other servers watch.
import type { Pool, PoolClient } from 'pg';
import { AppError } from '../../core/errors.js';
import type { DocumentRecord, IndexedUnit } from '../store.js';
import { addPostings, emptyPostingRows, tokenSetOf } from './postings.js';
import { vectorBytes } from './unit-rows.js';

export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // The original error is what matters; a failed ROLLBACK (lost connection) is reported by the pool itself.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Locks the knowledge base's row for this transaction; not_found when it was removed meanwhile. */
export async function lockKb(client: PoolClient, kbId: number, kb: string): Promise<void> {
  const result = await client.query('SELECT 1 FROM kbs WHERE id = $1 FOR UPDATE', [kbId]);
  if (result.rowCount === 0) throw new AppError('not_found', `knowledge base "${kb}" no longer exists`);
}

export async function replaceDocumentRows(client: PoolClient, kbId: number, document: DocumentRecord, units: IndexedUnit[]): Promise<void> {
  // The first import time survives edits and re-indexing; the last indexing time is kept beside it.
  const first = await client.query<{ ingested_at: Date }>('SELECT ingested_at FROM documents WHERE kb_id = $1 AND path = $2', [kbId, document.path]);
  const removed = await deleteDocumentRows(client, kbId, document.path);
  const inserted = await client.query<{ id: string }>(
    `INSERT INTO documents (kb_id, path, format, content_hash, bytes, title, ingested_at, indexed_at)
     VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, now()), now()) RETURNING id`,
    [kbId, document.path, document.format, document.contentHash, document.bytes, document.title ?? null, first.rows[0]?.ingested_at ?? null],
  );
  const documentId = Number(inserted.rows[0]?.id);
  // Ids first, so units, postings and vectors can be inserted as arrays in three statements whatever the size.
  const ids =
    units.length === 0
      ? []
      : (await client.query<{ id: string }>("SELECT nextval('units_id_seq') AS id FROM generate_series(1, $1)", [units.length])).rows.map((row) =>
          Number(row.id),
        );
  const postings = emptyPostingRows();
  const lengths = units.map((indexed, index) => addPostings(postings, ids[index] as number, indexed.tokens));
  if (units.length > 0) {
    await client.query(
      `INSERT INTO units (id, kb_id, document_id, ordinal, kind, question, question_en, text, text_en, topic, line_start, line_end,
                          question_key, question_id, extra, token_set, token_count)
       SELECT u.id, $1, $2, u.ordinal, u.kind, u.question, u.question_en, u.text, u.text_en, ARRAY(SELECT jsonb_array_elements_text(u.topic)),
              u.line_start, u.line_end, u.question_key, u.question_id, u.extra, u.token_set, u.token_count
       FROM unnest($3::bigint[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::int[], $12::int[],
                   $13::text[], $14::text[], $15::jsonb[], $16::text[], $17::int[])
            AS u(id, ordinal, kind, question, question_en, text, text_en, topic, line_start, line_end, question_key, question_id, extra, token_set, token_count)`,
      [
        kbId,
        documentId,
        ids,
        units.map((_, index) => index),
        units.map(({ unit }) => unit.kind),
        units.map(({ unit }) => unit.question ?? null),
        units.map((indexed) => indexed.questionEn ?? null),
        units.map(({ unit }) => unit.text),
        units.map((indexed) => indexed.textEn ?? null),
        // Topic paths as JSON: a text[][] parameter would need equal lengths.
        units.map(({ unit }) => JSON.stringify(unit.topic)),
        units.map(({ unit }) => unit.lineStart),
        units.map(({ unit }) => unit.lineEnd),
        units.map((indexed) => indexed.questionKey ?? null),
        units.map((indexed) => indexed.questionId ?? null),
        units.map((indexed) => (indexed.extra ? JSON.stringify(indexed.extra) : null)),
        units.map((indexed) => tokenSetOf(indexed.tokens)),
        lengths,
      ],
    );
    await client.query(
      `INSERT INTO postings (kb_id, term, unit_id, tf_question, tf_text, tf_topic, unit_length)
       SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::int2[], $5::int2[], $6::int2[], $7::int[])`,
      [kbId, postings.terms, postings.unitIds, postings.tfQuestion, postings.tfText, postings.tfTopic, postings.unitLengths],
    );
    const withVectors = units.flatMap((indexed, index) => (indexed.vector ? [{ id: ids[index] as number, vector: indexed.vector }] : []));
    if (withVectors.length > 0) await insertVectors(client, kbId, withVectors);
  }
  const tokens = lengths.reduce((sum, length) => sum + length, 0);
  await client.query('UPDATE kbs SET unit_count = unit_count + $2, token_total = token_total + $3, revision = revision + 1 WHERE id = $1', [
    kbId,
    units.length - removed.units,
    tokens - removed.tokens,
  ]);
  await client.query('DELETE FROM ingest_errors WHERE kb_id = $1 AND path = $2', [kbId, document.path]);
}

/** Deletes the document, its postings, and (by cascade) units and vectors; returns what it held for the BM25 statistics. */
export async function deleteDocumentRows(client: PoolClient, kbId: number, path: string): Promise<{ found: boolean; units: number; tokens: number }> {
  const found = await client.query<{ id: string; units: string; tokens: string | null }>(
    `SELECT d.id, count(u.id) AS units, sum(u.token_count) AS tokens FROM documents d LEFT JOIN units u ON u.document_id = d.id
     WHERE d.kb_id = $1 AND d.path = $2 GROUP BY d.id`,
    [kbId, path],
  );
  const row = found.rows[0];
  if (!row) return { found: false, units: 0, tokens: 0 };
  await client.query('DELETE FROM postings WHERE kb_id = $1 AND unit_id IN (SELECT id FROM units WHERE document_id = $2)', [kbId, row.id]);
  await client.query('DELETE FROM documents WHERE id = $1', [row.id]);
  return { found: true, units: Number(row.units), tokens: Number(row.tokens ?? 0) };
}

export async function removeDocumentRows(client: PoolClient, kbId: number, path: string): Promise<boolean> {
  const removed = await deleteDocumentRows(client, kbId, path);
  if (removed.found)
    await client.query('UPDATE kbs SET unit_count = unit_count - $2, token_total = token_total - $3, revision = revision + 1 WHERE id = $1', [
      kbId,
      removed.units,
      removed.tokens,
    ]);
  await client.query('DELETE FROM ingest_errors WHERE kb_id = $1 AND path = $2', [kbId, path]);
  return removed.found;
}

/**
 * Vectors of one dimension go as ONE binary parameter, back to back, cut in SQL: an array of bytea travels as hex text
 * and took ~3.5x longer (1,000 vectors of 512 floats: 564 -> 164 ms, bench/postgres-write-profile.ts).
 */
async function insertVectors(client: PoolClient, kbId: number, rows: { id: number; vector: Float32Array }[]): Promise<void> {
  const bytes = (rows[0] as { vector: Float32Array }).vector.byteLength;
  if (rows.every((row) => row.vector.byteLength === bytes)) {
    await client.query(
      `INSERT INTO unit_vectors (unit_id, kb_id, vector)
       SELECT u.id, $1::bigint, substring($3::bytea FROM (u.ordinal::int - 1) * $4 + 1 FOR $4) FROM unnest($2::bigint[]) WITH ORDINALITY AS u(id, ordinal)`,
      [kbId, rows.map((row) => row.id), Buffer.concat(rows.map((row) => vectorBytes(row.vector))), bytes],
    );
    return;
  }
  await client.query('INSERT INTO unit_vectors (unit_id, kb_id, vector) SELECT u.id, $1, u.vector FROM unnest($2::bigint[], $3::bytea[]) AS u(id, vector)', [
    kbId,
    rows.map((row) => row.id),
    rows.map((row) => vectorBytes(row.vector)),
  ]);
}
