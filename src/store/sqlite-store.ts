// SQLite implementation of Store (better-sqlite3, synchronous on purpose: no promise wrapping). One file per
// knowledge base, WAL with synchronous=FULL on every open, migrations by user_version, writes in IMMEDIATE transactions.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../core/errors.js';
import type { ParsedDocument, StoredUnit } from '../core/types.js';
import { migrations } from './migrations.js';
import type { DocumentInfo, EmbedderInfo, IndexedUnit, IngestErrorInfo, LexicalMatch, LexicalQuery, Store, UnitTokens, VectorMatrix } from './store.js';

interface UnitRow {
  id: number;
  kind: 'qa' | 'prose';
  question: string | null;
  question_en: string | null;
  text: string;
  text_en: string | null;
  topic: string;
  line_start: number;
  line_end: number;
  question_id: string | null;
  question_key: string | null;
  token_set: string;
  path: string;
}

const unitColumns = `u.id, u.kind, u.question, u.question_en, u.text, u.text_en, u.topic, u.line_start, u.line_end, u.question_id, u.question_key, u.token_set, d.path`;
export const topicSeparator = ' > ';

export function openSqliteStore(file: string, kb: string): SqliteStore {
  return new SqliteStore(file, kb);
}

export class SqliteStore implements Store {
  readonly kb: string;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private matrix: VectorMatrix | undefined;

  constructor(file: string, kb: string) {
    this.kb = kb;
    try {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      this.db = new Database(file);
      // First, so that switching a new file to WAL waits for a concurrent opener instead of failing with SQLITE_BUSY.
      this.db.pragma('busy_timeout = 5000');
      this.db.pragma('journal_mode = WAL');
      // WAL resets synchronous to NORMAL on some builds; FULL makes every committed transaction durable.
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      this.migrate();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('store_failed', `cannot open knowledge base "${kb}" at ${file}: ${(error as Error).message}`, { cause: error });
    }
  }

  /**
   * Runs the pending migrations in one IMMEDIATE transaction with user_version read inside it: of several processes
   * opening a new knowledge base at once, one migrates and the others (waiting on busy_timeout) then see it done.
   */
  private migrate(): void {
    if ((this.db.pragma('user_version', { simple: true }) as number) === migrations.length) return;
    this.db
      .transaction(() => {
        const version = this.db.pragma('user_version', { simple: true }) as number;
        if (version > migrations.length)
          throw new AppError('store_failed', `knowledge base "${this.kb}" was written by a newer mianba (schema ${version}); upgrade mianba`);
        for (let index = version; index < migrations.length; index++) this.db.exec(migrations[index] as string);
        if (version < migrations.length) this.db.pragma(`user_version = ${migrations.length}`);
      })
      .immediate();
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

  documentHash(path: string): string | undefined {
    const row = this.statement('SELECT content_hash FROM documents WHERE path = ?').get(path) as { content_hash: string } | undefined;
    return row?.content_hash;
  }

  replaceDocument(document: ParsedDocument, units: IndexedUnit[]): void {
    this.matrix = undefined;
    const insertDocument = this.statement('INSERT INTO documents (path, format, content_hash, bytes, title, ingested_at) VALUES (?, ?, ?, ?, ?, ?)');
    const insertUnit = this.statement(
      `INSERT INTO units (document_id, ordinal, kind, question, question_en, text, text_en, topic, line_start, line_end, question_key, question_id, extra, token_set)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFts = this.statement('INSERT INTO units_fts (rowid, question, text, topic) VALUES (?, ?, ?, ?)');
    const insertVector = this.statement('INSERT INTO unit_vectors (unit_id, vector) VALUES (?, ?)');
    this.db
      .transaction(() => {
        // The first import time survives edits and re-indexing (which removes documents before re-parsing them), so it
        // is remembered in meta; the last indexing time is kept beside it (issue 14).
        const now = new Date().toISOString();
        const first = this.statement(
          `SELECT COALESCE((SELECT ingested_at FROM documents WHERE path = ?), (SELECT value FROM meta WHERE key = 'imported_at:' || ?)) AS at`,
        ).get(document.path, document.path) as { at: string | null };
        this.deleteDocument(document.path);
        const documentId = insertDocument.run(
          document.path,
          document.format,
          document.contentHash,
          document.bytes,
          document.title ?? null,
          first.at ?? now,
        ).lastInsertRowid;
        this.statement('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(`imported_at:${document.path}`, first.at ?? now);
        this.statement('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
          `indexed_at:${document.path}`,
          now,
        );
        units.forEach((indexed, ordinal) => {
          const { unit } = indexed;
          const unitId = insertUnit.run(
            documentId,
            ordinal,
            unit.kind,
            unit.question ?? null,
            indexed.questionEn ?? null,
            unit.text,
            indexed.textEn ?? null,
            unit.topic.join(topicSeparator),
            unit.lineStart,
            unit.lineEnd,
            indexed.questionKey ?? null,
            indexed.questionId ?? null,
            indexed.extra ? JSON.stringify(indexed.extra) : null,
            [...new Set([...indexed.tokens.question, ...indexed.tokens.text, ...indexed.tokens.topic])].join(' '),
          ).lastInsertRowid;
          insertFts.run(unitId, indexed.tokens.question.join(' '), indexed.tokens.text.join(' '), indexed.tokens.topic.join(' '));
          if (indexed.vector) insertVector.run(unitId, vectorBytes(indexed.vector));
        });
        this.statement('DELETE FROM ingest_errors WHERE path = ?').run(document.path);
      })
      .immediate();
  }

  removeDocument(path: string): boolean {
    this.matrix = undefined;
    return this.db.transaction(() => this.deleteDocument(path)).immediate();
  }

  private deleteDocument(path: string): boolean {
    const row = this.statement('SELECT id FROM documents WHERE path = ?').get(path) as { id: number } | undefined;
    if (!row) return false;
    this.statement('DELETE FROM units_fts WHERE rowid IN (SELECT id FROM units WHERE document_id = ?)').run(row.id);
    this.statement('DELETE FROM documents WHERE id = ?').run(row.id);
    return true;
  }

  listDocuments(): DocumentInfo[] {
    const rows = this.statement(
      `SELECT d.path, d.format, d.content_hash, d.bytes, d.title, d.ingested_at, m.value AS indexed_at,
                COUNT(u.id) AS units,
                SUM(CASE WHEN u.kind = 'qa' THEN 1 ELSE 0 END) AS questions,
                SUM(CASE WHEN u.kind = 'qa' AND u.text <> '' THEN 1 ELSE 0 END) AS answered
         FROM documents d LEFT JOIN units u ON u.document_id = d.id LEFT JOIN meta m ON m.key = 'indexed_at:' || d.path
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

  recordError(path: string, code: string, message: string): void {
    this.statement(
      'INSERT INTO ingest_errors (path, code, message, at) VALUES (?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET code = excluded.code, message = excluded.message, at = excluded.at',
    ).run(path, code, message, new Date().toISOString());
  }

  clearError(path: string): void {
    this.statement('DELETE FROM ingest_errors WHERE path = ?').run(path);
  }

  listErrors(): IngestErrorInfo[] {
    return this.statement('SELECT path, code, message, at FROM ingest_errors ORDER BY path').all() as IngestErrorInfo[];
  }

  searchLexical(query: LexicalQuery): LexicalMatch[] {
    const terms = [...new Set(query.tokens)].filter((token) => token.length > 0);
    if (terms.length === 0) return [];
    const match = terms.map((token) => `"${token.replaceAll('"', '""')}"`).join(' OR ');
    const [question, text, topic] = query.weights;
    const rows = this.statement(`SELECT rowid AS unitId, bm25(units_fts, ?, ?, ?) AS rank FROM units_fts WHERE units_fts MATCH ? ORDER BY rank LIMIT ?`).all(
      question,
      text,
      topic,
      match,
      query.limit,
    ) as { unitId: number; rank: number }[];
    return rows.map((row) => ({ unitId: row.unitId, score: -row.rank }));
  }

  documentFrequencies(tokens: string[]): { frequencies: Map<string, number>; units: number } {
    const frequencies = new Map<string, number>();
    const unique = [...new Set(tokens)];
    if (unique.length > 0) {
      const rows = this.statement('SELECT term, doc FROM units_fts_vocab WHERE term IN (SELECT value FROM json_each(?))').all(JSON.stringify(unique)) as {
        term: string;
        doc: number;
      }[];
      for (const row of rows) frequencies.set(row.term, row.doc);
    }
    const { units } = this.statement('SELECT COUNT(*) AS units FROM units').get() as { units: number };
    return { frequencies, units };
  }

  getUnits(ids: number[]): StoredUnit[] {
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

  findByQuestionId(questionId: string): StoredUnit[] {
    const rows = this.statement(
      `SELECT ${unitColumns} FROM units u JOIN documents d ON d.id = u.document_id WHERE u.question_id = ? ORDER BY d.path, u.line_start`,
    ).all(questionId) as UnitRow[];
    return rows.map((row) => this.toUnit(row));
  }

  findByQuestionKey(questionKey: string): StoredUnit[] {
    const rows = this.statement(
      `SELECT ${unitColumns} FROM units u JOIN documents d ON d.id = u.document_id WHERE u.question_key = ? ORDER BY d.path, u.line_start`,
    ).all(questionKey) as UnitRow[];
    return rows.map((row) => this.toUnit(row));
  }

  allQuestions(): StoredUnit[] {
    const rows = this.statement(
      `SELECT ${unitColumns} FROM units u JOIN documents d ON d.id = u.document_id WHERE u.kind = 'qa' ORDER BY d.path, u.line_start`,
    ).all() as UnitRow[];
    return rows.map((row) => this.toUnit(row));
  }

  embedder(): EmbedderInfo | undefined {
    const id = this.meta('embedder_id');
    const dimensions = Number(this.meta('embedder_dimensions'));
    return id && dimensions > 0 ? { id, dimensions } : undefined;
  }

  setEmbedder(info: EmbedderInfo | undefined): void {
    this.matrix = undefined;
    this.db
      .transaction(() => {
        if (!info) {
          this.statement("DELETE FROM meta WHERE key IN ('embedder_id', 'embedder_dimensions')").run();
          this.statement('DELETE FROM unit_vectors').run();
          return;
        }
        this.setMeta('embedder_id', info.id);
        this.setMeta('embedder_dimensions', String(info.dimensions));
      })
      .immediate();
  }

  vectorMatrix(): VectorMatrix {
    if (this.matrix) return this.matrix;
    const rows = this.statement('SELECT unit_id, vector FROM unit_vectors ORDER BY unit_id').all() as { unit_id: number; vector: Buffer }[];
    const dimensions = rows[0] ? rows[0].vector.byteLength / 4 : 0;
    const values = new Float32Array(rows.length * dimensions);
    const unitIds = new Int32Array(rows.length);
    rows.forEach((row, index) => {
      unitIds[index] = row.unit_id;
      values.set(new Float32Array(row.vector.buffer, row.vector.byteOffset, dimensions), index * dimensions);
    });
    this.matrix = { unitIds, dimensions, values };
    return this.matrix;
  }

  vectorCount(): number {
    if (this.matrix) return this.matrix.unitIds.length;
    return (this.statement('SELECT COUNT(*) AS count FROM unit_vectors').get() as { count: number }).count;
  }

  vectorsFor(unitIds: number[]): { unitId: number; vector: Float32Array }[] {
    if (unitIds.length === 0) return [];
    const rows = this.statement('SELECT unit_id, vector FROM unit_vectors WHERE unit_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(unitIds)) as {
      unit_id: number;
      vector: Buffer;
    }[];
    return rows.map((row) => ({ unitId: row.unit_id, vector: new Float32Array(row.vector.buffer, row.vector.byteOffset, row.vector.byteLength / 4) }));
  }

  hasTerm(token: string): boolean {
    return this.statement('SELECT 1 FROM units_fts_vocab WHERE term = ? LIMIT 1').get(token) !== undefined;
  }

  *vectors(): IterableIterator<{ unitId: number; vector: Float32Array }> {
    for (const row of this.statement('SELECT unit_id, vector FROM unit_vectors').iterate() as IterableIterator<{ unit_id: number; vector: Buffer }>) {
      yield { unitId: row.unit_id, vector: new Float32Array(row.vector.buffer, row.vector.byteOffset, row.vector.byteLength / 4) };
    }
  }

  unitsWithoutVectors(): StoredUnit[] {
    const rows = this.statement(
      `SELECT ${unitColumns} FROM units u JOIN documents d ON d.id = u.document_id WHERE u.id NOT IN (SELECT unit_id FROM unit_vectors)`,
    ).all() as UnitRow[];
    return rows.map((row) => this.toUnit(row));
  }

  putVectors(rows: { unitId: number; vector: Float32Array }[]): void {
    this.matrix = undefined;
    const insert = this.statement('INSERT OR REPLACE INTO unit_vectors (unit_id, vector) VALUES (?, ?)');
    this.db
      .transaction(() => {
        for (const row of rows) insert.run(row.unitId, vectorBytes(row.vector));
      })
      .immediate();
  }

  allUnits(): StoredUnit[] {
    const rows = this.statement(`SELECT ${unitColumns} FROM units u JOIN documents d ON d.id = u.document_id ORDER BY u.id`).all() as UnitRow[];
    return rows.map((row) => this.toUnit(row));
  }

  putTokens(rows: { unitId: number; tokens: UnitTokens }[]): void {
    const remove = this.statement('DELETE FROM units_fts WHERE rowid = ?');
    const insert = this.statement('INSERT INTO units_fts (rowid, question, text, topic) VALUES (?, ?, ?, ?)');
    const updateSet = this.statement('UPDATE units SET token_set = ? WHERE id = ?');
    this.db
      .transaction(() => {
        for (const { unitId, tokens } of rows) {
          remove.run(unitId);
          insert.run(unitId, tokens.question.join(' '), tokens.text.join(' '), tokens.topic.join(' '));
          updateSet.run([...new Set([...tokens.question, ...tokens.text, ...tokens.topic])].join(' '), unitId);
        }
      })
      .immediate();
  }

  meta(key: string): string | undefined {
    const row = this.statement('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.statement('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  counts(): { documents: number; units: number; questions: number; answered: number } {
    return this.statement(
      `SELECT (SELECT COUNT(*) FROM documents) AS documents, COUNT(*) AS units,
                COALESCE(SUM(kind = 'qa'), 0) AS questions, COALESCE(SUM(kind = 'qa' AND text <> ''), 0) AS answered FROM units`,
    ).get() as { documents: number; units: number; questions: number; answered: number };
  }

  close(): void {
    if (this.db.open) this.db.close();
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
      topic: row.topic ? row.topic.split(topicSeparator) : [],
      lineStart: row.line_start,
      lineEnd: row.line_end,
      questionId: row.question_id ?? undefined,
      questionKey: row.question_key ?? undefined,
      tokenSet: row.token_set,
    };
  }
}

function vectorBytes(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}
