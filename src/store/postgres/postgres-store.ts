// PostgreSQL implementation of Store: one knowledge base's rows in a database shared by every server and every
// knowledge base. Lexical search is BM25 in SQL over our own tokens (lexical-search.ts), vectors are scored in this
// process (vector-search.ts), each document is written in one transaction (write-document.ts).
import type { Pool } from 'pg';
import type { StoredUnit } from '../../core/types.js';
import { reachWritePoint } from '../../core/write-points.js';
import type {
  DocumentInfo,
  DocumentRecord,
  DocumentWrite,
  IndexedUnit,
  IndexIdentity,
  IngestErrorInfo,
  IngestErrorRecord,
  LexicalQuery,
  ScoredUnit,
  Store,
  TermStats,
  UnitFilter,
  VectorQuery,
  WriteOutcome,
} from '../store.js';
import { searchPostings, TermStatsCache } from './lexical-search.js';
import { toStoredUnit, type UnitRow, unitColumns } from './unit-rows.js';
import { VectorCache } from './vector-search.js';
import { inTransaction, lockKb, removeDocumentRows, replaceDocumentRows } from './write-document.js';

export class PostgresStore implements Store {
  private readonly vectors: VectorCache;
  private readonly termStatsCache: TermStatsCache;

  constructor(
    private readonly pool: Pool,
    readonly kb: string,
    private readonly kbId: number,
  ) {
    this.vectors = new VectorCache(pool, kbId);
    this.termStatsCache = new TermStatsCache(kbId);
  }

  async replaceDocument(document: DocumentRecord, units: IndexedUnit[]): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await lockKb(client, this.kbId, this.kb);
      await replaceDocumentRows(client, this.kbId, document, units);
      reachWritePoint('in-transaction', document.path);
    });
    this.vectors.invalidate();
  }

  /** A plain loop, one transaction per document: batching saves little against a server that syncs per commit anyway. */
  async replaceDocuments(writes: DocumentWrite[], errors: IngestErrorRecord[] = []): Promise<WriteOutcome[]> {
    const outcomes: WriteOutcome[] = [];
    for (const write of writes) {
      try {
        await this.replaceDocument(write.document, write.units);
        outcomes.push({ stored: true });
      } catch (error) {
        outcomes.push({ stored: false, error });
      }
    }
    for (const error of errors) await this.recordError(error.path, error);
    return outcomes;
  }

  async removeDocument(path: string): Promise<boolean> {
    const removed = await inTransaction(this.pool, async (client) => {
      await lockKb(client, this.kbId, this.kb);
      return removeDocumentRows(client, this.kbId, path);
    });
    this.vectors.invalidate();
    return removed;
  }

  async listDocuments(): Promise<DocumentInfo[]> {
    const result = await this.pool.query<{
      path: string;
      format: string;
      content_hash: string;
      bytes: string;
      title: string | null;
      ingested_at: Date;
      indexed_at: Date | null;
      units: string;
      questions: string;
      answered: string;
    }>(
      `SELECT d.path, d.format, d.content_hash, d.bytes, d.title, d.ingested_at, d.indexed_at, count(u.id) AS units,
              count(u.id) FILTER (WHERE u.kind = 'qa') AS questions, count(u.id) FILTER (WHERE u.kind = 'qa' AND u.text <> '') AS answered
       FROM documents d LEFT JOIN units u ON u.document_id = d.id WHERE d.kb_id = $1 GROUP BY d.id ORDER BY d.path COLLATE "C"`,
      [this.kbId],
    );
    return result.rows.map((row) => ({
      path: row.path,
      format: row.format,
      contentHash: row.content_hash,
      bytes: Number(row.bytes),
      title: row.title ?? undefined,
      ingestedAt: row.ingested_at.toISOString(),
      indexedAt: (row.indexed_at ?? row.ingested_at).toISOString(),
      units: Number(row.units),
      questions: Number(row.questions),
      answered: Number(row.answered),
    }));
  }

  async getUnits(ids: number[]): Promise<StoredUnit[]> {
    if (ids.length === 0) return [];
    const result = await this.pool.query<UnitRow>(
      `SELECT ${unitColumns} FROM units u JOIN documents d ON d.id = u.document_id WHERE u.kb_id = $1 AND u.id = ANY($2::bigint[])`,
      [this.kbId, ids.filter((id) => Number.isSafeInteger(id))],
    );
    const byId = new Map(result.rows.map((row) => [Number(row.id), toStoredUnit(row, this.kb)]));
    return ids.flatMap((id) => {
      const unit = byId.get(id);
      return unit ? [unit] : [];
    });
  }

  async findUnits(filter: UnitFilter): Promise<StoredUnit[]> {
    const conditions = ['u.kb_id = $1'];
    const values: unknown[] = [this.kbId];
    const add = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      values.push(value);
      conditions.push(`${column} = $${values.length}`);
    };
    add('u.question_id', filter.questionId);
    add('u.question_key', filter.questionKey);
    if (filter.questionKeys) {
      values.push(filter.questionKeys);
      conditions.push(`u.question_key = ANY($${values.length}::text[])`);
    }
    add('d.path', filter.path);
    add('u.kind', filter.kind);
    const result = await this.pool.query<UnitRow>(
      `SELECT ${unitColumns} FROM units u JOIN documents d ON d.id = u.document_id WHERE ${conditions.join(' AND ')}
       ORDER BY d.path COLLATE "C", u.line_start, u.id`,
      values,
    );
    return result.rows.map((row) => toStoredUnit(row, this.kb));
  }

  searchLexical(query: LexicalQuery): Promise<ScoredUnit[]> {
    return searchPostings(this.pool, this.kbId, query.tokens, query.fieldWeights, query.limit);
  }

  searchVectors(query: VectorQuery): Promise<ScoredUnit[]> {
    return this.vectors.search(query);
  }

  async termStats(tokens: string[]): Promise<TermStats> {
    const { frequencies, units } = await this.termStatsCache.stats(this.pool, tokens);
    return { documentFrequencies: frequencies, units };
  }

  async identity(): Promise<IndexIdentity | undefined> {
    const rows = await this.metaRows(['embedder_id', 'embedder_dimensions', 'tokenizer']);
    const id = rows.get('embedder_id');
    const dimensions = Number(rows.get('embedder_dimensions'));
    const tokenizer = rows.get('tokenizer');
    return id && dimensions > 0 && tokenizer !== undefined ? { embedder: { id, dimensions }, tokenizer } : undefined;
  }

  async setIdentity(identity: IndexIdentity): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await lockKb(client, this.kbId, this.kb);
      const stored = await client.query<{ key: string; value: string }>(
        "SELECT key, value FROM kb_meta WHERE kb_id = $1 AND key IN ('embedder_id', 'embedder_dimensions')",
        [this.kbId],
      );
      const current = new Map(stored.rows.map((row) => [row.key, row.value]));
      const changed = current.get('embedder_id') !== identity.embedder.id || current.get('embedder_dimensions') !== String(identity.embedder.dimensions);
      if (changed) {
        await client.query('DELETE FROM unit_vectors WHERE kb_id = $1', [this.kbId]);
        await client.query('UPDATE kbs SET revision = revision + 1 WHERE id = $1', [this.kbId]);
      }
      for (const [key, value] of [
        ['embedder_id', identity.embedder.id],
        ['embedder_dimensions', String(identity.embedder.dimensions)],
        ['tokenizer', identity.tokenizer],
      ])
        await client.query('INSERT INTO kb_meta (kb_id, key, value) VALUES ($1, $2, $3) ON CONFLICT (kb_id, key) DO UPDATE SET value = excluded.value', [
          this.kbId,
          key,
          value,
        ]);
    });
    this.vectors.invalidate();
  }

  async meta(key: string): Promise<string | undefined> {
    return (await this.metaRows([`user:${key}`])).get(`user:${key}`);
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.pool.query('INSERT INTO kb_meta (kb_id, key, value) VALUES ($1, $2, $3) ON CONFLICT (kb_id, key) DO UPDATE SET value = excluded.value', [
      this.kbId,
      `user:${key}`,
      value,
    ]);
  }

  async recordError(path: string, error: { code: string; message: string } | undefined): Promise<void> {
    if (!error) {
      await this.pool.query('DELETE FROM ingest_errors WHERE kb_id = $1 AND path = $2', [this.kbId, path]);
      return;
    }
    await this.pool.query(
      `INSERT INTO ingest_errors (kb_id, path, code, message, at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (kb_id, path) DO UPDATE SET code = excluded.code, message = excluded.message, at = excluded.at`,
      [this.kbId, path, error.code, error.message],
    );
  }

  async listErrors(): Promise<IngestErrorInfo[]> {
    const result = await this.pool.query<{ path: string; code: string; message: string; at: Date }>(
      'SELECT path, code, message, at FROM ingest_errors WHERE kb_id = $1 ORDER BY path COLLATE "C"',
      [this.kbId],
    );
    return result.rows.map((row) => ({ path: row.path, code: row.code, message: row.message, at: row.at.toISOString() }));
  }

  /** The pool belongs to the catalog; closing a store only drops its cached vectors. */
  async close(): Promise<void> {
    this.vectors.invalidate();
  }

  private async metaRows(keys: string[]): Promise<Map<string, string>> {
    const result = await this.pool.query<{ key: string; value: string }>('SELECT key, value FROM kb_meta WHERE kb_id = $1 AND key = ANY($2::text[])', [
      this.kbId,
      keys,
    ]);
    return new Map(result.rows.map((row) => [row.key, row.value]));
  }
}
