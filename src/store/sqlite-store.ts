// SQLite implementation of Store (better-sqlite3: synchronous inside, async at the interface). One file per knowledge
// base, opened by sqlite-open.ts; lexical search is FTS5's bm25() over our own tokens (sqlite-lexical.ts), vectors are BLOBs scanned
// exactly (a matrix cached until the next write). Writes run in IMMEDIATE transactions.
import type Database from 'better-sqlite3';
import type { StoredUnit } from '../core/types.js';
import { reachWritePoint } from '../core/write-points.js';
import { migrations } from './migrations.js';
import { createTermStatsCache, defaultLexicalBound, type LexicalBound, searchFts } from './sqlite-lexical.js';
import { openSqliteDatabase, type SqliteDatabase } from './sqlite-open.js';
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
} from './store.js';
import { topK } from './top-k.js';
import { codecForEmbedder, decodeVectorInto, encodeVector, type VectorCodec } from './vector-codec.js';
import { buildVectorMatrix, scoreVectorMatrix, type VectorMatrix, type VectorRow } from './vector-matrix.js';

interface UnitRow {
  id: number;
  kind: 'qa' | 'prose';
  question: string | null;
  question_en: string | null;
  text: string;
  text_en: string | null;
  line_start: number;
  line_end: number;
  question_id: string | null;
  question_key: string | null;
  token_set: string;
  topic_json: string;
  extra: string | null;
  path: string;
}

const unitColumns = `u.id, u.kind, u.question, u.question_en, u.text, u.text_en, u.line_start, u.line_end, u.question_id, u.question_key, u.token_set, u.topic_json, u.extra, d.path`;

/**
 * Page size of a new knowledge-base file. A unit's vector row (512 float32 = 2,057 bytes with its header) is just
 * over half a 4 KB page, so 4 KB pages held one vector each and wrote twice the bytes the vectors hold (through the
 * WAL and again at checkpoint). 8 KB pages hold three: storing the 15 MB notes bench took 5.6-7.3 s instead of
 * 10.2-12.0 s (16 KB: 7.6-8.5 s). Existing files keep their page size (SQLite changes it only on VACUUM).
 * Since the built-in embedder's vectors are stored as int8 (vector-codec.ts, ~530 bytes a row) a page holds ~15 of
 * them; the size was not measured again.
 */
export const knowledgeBasePageSize = 8192;

/** `lexicalBound` is for tests and the bench: when a store counts as large, and its MATCH posting budget. */
export function openSqliteStore(file: string, kb: string, options: { lexicalBound?: LexicalBound } = {}): SqliteStore {
  return new SqliteStore(openSqliteDatabase(file, migrations, `knowledge base "${kb}"`, { pageSize: knowledgeBasePageSize }), kb, options.lexicalBound);
}

export class SqliteStore implements Store {
  readonly kb: string;
  private readonly db: SqliteDatabase;
  private readonly statements = new Map<string, Database.Statement>();
  private matrix: VectorMatrix | undefined;
  private readonly prepareSearch = (sql: string) => this.statement(sql);
  /** Document frequencies cached until the file changes (sqlite-lexical.ts). */
  private readonly termStatsOf = createTermStatsCache(this.prepareSearch);

  private readonly lexicalBound: LexicalBound;

  constructor(db: SqliteDatabase, kb: string, lexicalBound = defaultLexicalBound) {
    this.db = db;
    this.kb = kb;
    this.lexicalBound = lexicalBound;
  }

  /** Prepared once per store: preparing costs more than running for small documents. */
  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  async replaceDocument(document: DocumentRecord, units: IndexedUnit[]): Promise<void> {
    this.matrix = undefined;
    this.db.transaction(() => this.writeDocument(document, units)).immediate();
  }

  async replaceDocuments(writes: DocumentWrite[], errors: IngestErrorRecord[] = []): Promise<WriteOutcome[]> {
    this.matrix = undefined;
    // First the whole batch in one transaction without a SAVEPOINT per document: a savepoint makes SQLite copy every
    // page the document changes that the batch had already changed (FTS5 and index pages shared by all of them) into
    // its sub-journal, which cost ~60% on top of the writes (3 MB of notes, raw statements: 418 -> 676 ms). Documents
    // almost never fail here; when one does, the transaction is rolled back and the batch written again below with
    // a savepoint per document, so each document is still all-or-nothing and the outcomes are the same.
    let begun = false;
    try {
      return this.db
        .transaction(() => {
          begun = true;
          for (const write of writes) this.writeDocument(write.document, write.units);
          for (const error of errors) this.writeError(error.path, error);
          return writes.map((): WriteOutcome => ({ stored: true }));
        })
        .immediate();
    } catch (error) {
      // No transaction (the database is locked past busy_timeout): trying again would only wait as long again.
      if (!begun) throw error;
      // Rolled back whole, nothing stored: the pass with savepoints tells which document fails, and why.
      return this.replaceDocumentsOneByOne(writes, errors);
    }
  }

  /** replaceDocuments with a SAVEPOINT per document: a failing one is rolled back alone and reported. */
  private replaceDocumentsOneByOne(writes: DocumentWrite[], errors: IngestErrorRecord[]): WriteOutcome[] {
    // A transaction function called inside a transaction runs in a SAVEPOINT (better-sqlite3): a failing document
    // rolls back to it alone, and the batch commits (one fsync) with the others.
    const writeOne = this.db.transaction((write: DocumentWrite) => this.writeDocument(write.document, write.units));
    return this.db
      .transaction(() => {
        const outcomes = writes.map((write): WriteOutcome => {
          try {
            writeOne(write);
            return { stored: true };
          } catch (error) {
            // Some failures (a full disk, an I/O error) make SQLite roll back the whole transaction: nothing of the
            // batch is stored then, and the caller learns it from the throw.
            if (!this.db.inTransaction) throw error;
            return { stored: false, error };
          }
        });
        for (const error of errors) this.writeError(error.path, error);
        return outcomes;
      })
      .immediate();
  }

  /** Inside a transaction: the document's old rows out, the new ones in. */
  private writeDocument(document: DocumentRecord, units: IndexedUnit[]): void {
    const insertDocument = this.statement(
      'INSERT INTO documents (path, format, content_hash, bytes, title, ingested_at, indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertUnit = this.statement(
      `INSERT INTO units (document_id, ordinal, kind, question, question_en, text, text_en, topic, topic_json, line_start, line_end, question_key, question_id, extra, token_set)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFts = this.statement('INSERT INTO units_fts (rowid, question, text, topic) VALUES (?, ?, ?, ?)');
    const insertVector = this.statement('INSERT INTO unit_vectors (unit_id, vector) VALUES (?, ?)');
    // The first import time survives edits and re-indexing (a replacement keeps it); the last one is kept beside it.
    const now = new Date().toISOString();
    // Read in the transaction (another process may have re-embedded the knowledge base since this store opened).
    const codec: VectorCodec = codecForEmbedder(this.readMeta('embedder_id'));
    const first = this.statement('SELECT ingested_at AS at FROM documents WHERE path = ?').get(document.path) as { at: string } | undefined;
    this.deleteDocument(document.path);
    const documentId = insertDocument.run(
      document.path,
      document.format,
      document.contentHash,
      document.bytes,
      document.title ?? null,
      first?.at ?? now,
      now,
    ).lastInsertRowid;
    units.forEach((indexed, ordinal) => {
      const { unit, tokens, joined } = indexed;
      const unitId = insertUnit.run(
        documentId,
        ordinal,
        unit.kind,
        unit.question ?? null,
        indexed.questionEn ?? null,
        unit.text,
        indexed.textEn ?? null,
        // `topic` is the column of schema 1 (the joined path); since schema 5 every row's path is topic_json.
        '',
        JSON.stringify(unit.topic),
        unit.lineStart,
        unit.lineEnd,
        indexed.questionKey ?? null,
        indexed.questionId ?? null,
        indexed.extra ? JSON.stringify(indexed.extra) : null,
        joined?.set ?? [...new Set([...tokens.question, ...tokens.text, ...tokens.topic])].join(' '),
      ).lastInsertRowid;
      if (joined) insertFts.run(unitId, joined.question, joined.text, joined.topic);
      else insertFts.run(unitId, tokens.question.join(' '), tokens.text.join(' '), tokens.topic.join(' '));
      if (indexed.vector) insertVector.run(unitId, encodeVector(indexed.vector, codec));
    });
    this.statement('DELETE FROM ingest_errors WHERE path = ?').run(document.path);
    reachWritePoint('in-transaction', document.path);
  }

  async removeDocument(path: string): Promise<boolean> {
    this.matrix = undefined;
    return this.db
      .transaction(() => {
        this.statement('DELETE FROM ingest_errors WHERE path = ?').run(path);
        return this.deleteDocument(path);
      })
      .immediate();
  }

  private deleteDocument(path: string): boolean {
    const row = this.statement('SELECT id FROM documents WHERE path = ?').get(path) as { id: number } | undefined;
    if (!row) return false;
    this.statement('DELETE FROM units_fts WHERE rowid IN (SELECT id FROM units WHERE document_id = ?)').run(row.id);
    this.statement('DELETE FROM documents WHERE id = ?').run(row.id);
    return true;
  }

  async listDocuments(): Promise<DocumentInfo[]> {
    const rows = this.statement(
      `SELECT d.path, d.format, d.content_hash, d.bytes, d.title, d.ingested_at, d.indexed_at,
                COUNT(u.id) AS units,
                SUM(CASE WHEN u.kind = 'qa' THEN 1 ELSE 0 END) AS questions,
                SUM(CASE WHEN u.kind = 'qa' AND u.text <> '' THEN 1 ELSE 0 END) AS answered
         FROM documents d LEFT JOIN units u ON u.document_id = d.id
         GROUP BY d.id ORDER BY d.path`,
    ).all() as {
      path: string;
      format: string;
      content_hash: string;
      bytes: number;
      title: string | null;
      ingested_at: string;
      indexed_at: string | null;
      units: number;
      questions: number | null;
      answered: number | null;
    }[];
    return rows.map((row) => ({
      path: row.path,
      format: row.format,
      contentHash: row.content_hash,
      bytes: row.bytes,
      title: row.title ?? undefined,
      ingestedAt: row.ingested_at,
      indexedAt: row.indexed_at ?? row.ingested_at,
      units: row.units,
      questions: row.questions ?? 0,
      answered: row.answered ?? 0,
    }));
  }

  async getUnits(ids: number[]): Promise<StoredUnit[]> {
    if (ids.length === 0) return [];
    const rows = this.statement(
      `SELECT ${unitColumns} FROM units u JOIN documents d ON d.id = u.document_id WHERE u.id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as UnitRow[];
    const byId = new Map(rows.map((row) => [row.id, this.toUnit(row)]));
    return ids.flatMap((id) => {
      const unit = byId.get(id);
      return unit ? [unit] : [];
    });
  }

  async findUnits(filter: UnitFilter): Promise<StoredUnit[]> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const add = (condition: string, value: unknown) => {
      if (value === undefined) return;
      conditions.push(condition);
      values.push(value);
    };
    add('u.question_id = ?', filter.questionId);
    add('u.question_key = ?', filter.questionKey);
    // One parameter whatever the number of keys, so the statement is prepared once.
    add('u.question_key IN (SELECT value FROM json_each(?))', filter.questionKeys && JSON.stringify(filter.questionKeys));
    add('d.path = ?', filter.path);
    add('u.kind = ?', filter.kind);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = this.statement(`SELECT ${unitColumns} FROM units u JOIN documents d ON d.id = u.document_id ${where} ORDER BY d.path, u.line_start, u.id`).all(
      ...values,
    ) as UnitRow[];
    return rows.map((row) => this.toUnit(row));
  }

  async searchLexical(query: LexicalQuery): Promise<ScoredUnit[]> {
    return searchFts(this.prepareSearch, this.termStatsOf, query, this.lexicalBound);
  }

  async searchVectors(query: VectorQuery): Promise<ScoredUnit[]> {
    if (query.limit <= 0) return [];
    if (query.among) return this.scoreAmong(query.vector, query.among, query.limit);
    const matrix = this.vectorMatrix(query.vector.length);
    const { unitIds } = matrix;
    const scores = scoreVectorMatrix(matrix, query.vector);
    return topK(scores, query.limit).map((row) => ({ unitId: unitIds[row] as number, score: scores[row] as number }));
  }

  private scoreAmong(vector: Float32Array, among: number[], limit: number): ScoredUnit[] {
    if (among.length === 0) return [];
    const rows = this.statement('SELECT unit_id, vector FROM unit_vectors WHERE unit_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(among)) as {
      unit_id: number;
      vector: Buffer;
    }[];
    const dimensions = vector.length;
    const stored = new Float32Array(dimensions);
    const unitIds: number[] = [];
    const scores: number[] = [];
    for (const row of rows) {
      // Vectors of another dimension (another embedder's) are skipped, as a full scan skips them.
      if (!decodeVectorInto(row.vector, dimensions, stored)) continue;
      let dot = 0;
      for (let dimension = 0; dimension < dimensions; dimension++) dot += (stored[dimension] as number) * (vector[dimension] as number);
      unitIds.push(row.unit_id);
      scores.push(dot);
    }
    const scoreArray = Float32Array.from(scores);
    return topK(scoreArray, limit).map((index) => ({ unitId: unitIds[index] as number, score: scoreArray[index] as number }));
  }

  /**
   * All `dimensions`-long vectors as one matrix (vector-matrix.ts), cached until the next write: a scan then costs no
   * SQLite reads. Rows of another length (no embedder's vectors mix, see index-identity) are left out.
   */
  private vectorMatrix(dimensions: number): VectorMatrix {
    if (this.matrix?.dimensions === dimensions) return this.matrix;
    // Raw rows (arrays, not objects): a scan reads every row of the table once.
    const rows = this.statement('SELECT unit_id, vector FROM unit_vectors ORDER BY unit_id /* matrix */').raw(true).all() as VectorRow[];
    this.matrix = buildVectorMatrix(rows, dimensions);
    return this.matrix;
  }

  /** Every stored vector, for the ANN measurements in bench/scale (not part of Store: retrieval never needs all). */
  *vectorRows(): IterableIterator<{ unitId: number; vector: Float32Array }> {
    const dimensions = Number(this.readMeta('embedder_dimensions'));
    for (const row of this.statement('SELECT unit_id, vector FROM unit_vectors').iterate() as IterableIterator<{ unit_id: number; vector: Buffer }>) {
      const vector = new Float32Array(dimensions);
      if (decodeVectorInto(row.vector, dimensions, vector)) yield { unitId: row.unit_id, vector };
    }
  }

  async termStats(tokens: string[]): Promise<TermStats> {
    return this.termStatsOf.termStats(tokens);
  }

  async identity(): Promise<IndexIdentity | undefined> {
    const id = this.readMeta('embedder_id');
    const dimensions = Number(this.readMeta('embedder_dimensions'));
    if (!id || !(dimensions > 0)) return undefined;
    // Knowledge bases written before the tokenizer was recorded: an id no tokenizer has, so they get re-indexed.
    return { embedder: { id, dimensions }, tokenizer: this.readMeta('tokenizer_id') ?? 'unrecorded' };
  }

  async setIdentity(identity: IndexIdentity): Promise<void> {
    this.db
      .transaction(() => {
        const id = this.readMeta('embedder_id');
        const dimensions = Number(this.readMeta('embedder_dimensions'));
        if (id !== identity.embedder.id || dimensions !== identity.embedder.dimensions) {
          this.matrix = undefined;
          this.statement('DELETE FROM unit_vectors').run();
        }
        this.writeMeta('embedder_id', identity.embedder.id);
        this.writeMeta('embedder_dimensions', String(identity.embedder.dimensions));
        this.writeMeta('tokenizer_id', identity.tokenizer);
      })
      .immediate();
  }

  async meta(key: string): Promise<string | undefined> {
    return this.readMeta(key);
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.writeMeta(key, value);
  }

  async recordError(path: string, error: { code: string; message: string } | undefined): Promise<void> {
    this.writeError(path, error);
  }

  private writeError(path: string, error: { code: string; message: string } | undefined): void {
    if (!error) {
      this.statement('DELETE FROM ingest_errors WHERE path = ?').run(path);
      return;
    }
    this.statement(
      'INSERT INTO ingest_errors (path, code, message, at) VALUES (?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET code = excluded.code, message = excluded.message, at = excluded.at',
    ).run(path, error.code, error.message, new Date().toISOString());
  }

  async listErrors(): Promise<IngestErrorInfo[]> {
    return this.statement('SELECT path, code, message, at FROM ingest_errors ORDER BY path').all() as IngestErrorInfo[];
  }

  async close(): Promise<void> {
    this.closeNow();
  }

  /** Synchronous close, for the catalog's remove (the file must be closed before it is deleted). */
  closeNow(): void {
    if (this.db.open) this.db.close();
  }

  private readMeta(key: string): string | undefined {
    const row = this.statement('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  private writeMeta(key: string, value: string): void {
    this.statement('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  private toUnit(row: UnitRow): StoredUnit {
    return {
      id: row.id,
      kb: this.kb,
      path: row.path,
      kind: row.kind,
      question: row.question ?? undefined,
      questionEn: row.question_en ?? undefined,
      text: row.text,
      textEn: row.text_en ?? undefined,
      topic: JSON.parse(row.topic_json) as string[],
      lineStart: row.line_start,
      lineEnd: row.line_end,
      questionId: row.question_id ?? undefined,
      questionKey: row.question_key ?? undefined,
      tokenSet: row.token_set,
      ...(row.extra ? { extra: JSON.parse(row.extra) as Record<string, unknown> } : {}),
    };
  }
}
