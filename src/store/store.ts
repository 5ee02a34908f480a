// The Store interface: everything the rest of mianba asks of a knowledge base's storage. SqliteStore implements it;
// store.contract.test.ts holds every implementation to the same behaviour.
import type { ParsedDocument, StoredUnit } from '../core/types.js';

/** Tokens of a unit for the lexical index, already segmented by the shared tokenizer. */
export interface UnitTokens {
  question: string[];
  text: string[];
  topic: string[];
}

/** A unit ready to store: the parsed unit plus its identity and index data. */
export interface IndexedUnit {
  unit: ParsedDocument['units'][number];
  questionKey: string | undefined;
  questionId: string | undefined;
  questionEn?: string | undefined;
  textEn?: string | undefined;
  /** Bank metadata (key points, difficulty, tags, related ids) as plain JSON. */
  extra?: Record<string, unknown> | undefined;
  tokens: UnitTokens;
  vector?: Float32Array | undefined;
}

export interface DocumentInfo {
  path: string;
  format: string;
  contentHash: string;
  bytes: number;
  title: string | undefined;
  /** When the document was first imported (kept by re-indexing and edits). */
  ingestedAt: string;
  /** When it was last parsed and indexed. */
  indexedAt?: string | undefined;
  units: number;
  questions: number;
  answered: number;
}

export interface IngestErrorInfo {
  path: string;
  code: string;
  message: string;
  at: string;
}

export interface LexicalMatch {
  unitId: number;
  /** BM25 score, higher is better (FTS5's bm25() negated). */
  score: number;
}

export interface LexicalQuery {
  tokens: string[];
  /** Column weights for BM25: question, text, topic. */
  weights: [number, number, number];
  limit: number;
}

export interface VectorMatrix {
  unitIds: Int32Array;
  dimensions: number;
  values: Float32Array;
}

export interface EmbedderInfo {
  id: string;
  dimensions: number;
}

export interface Store {
  readonly kb: string;
  documentHash(path: string): string | undefined;
  /** Replaces every unit of the document in one transaction: after a crash the old or the new version is stored. */
  replaceDocument(document: ParsedDocument, units: IndexedUnit[]): void;
  removeDocument(path: string): boolean;
  listDocuments(): DocumentInfo[];
  recordError(path: string, code: string, message: string): void;
  clearError(path: string): void;
  listErrors(): IngestErrorInfo[];
  searchLexical(query: LexicalQuery): LexicalMatch[];
  /** Number of units containing each token (for IDF weights), and the number of units. */
  documentFrequencies(tokens: string[]): { frequencies: Map<string, number>; units: number };
  getUnits(ids: number[]): StoredUnit[];
  findByQuestionId(questionId: string): StoredUnit[];
  findByQuestionKey(questionKey: string): StoredUnit[];
  allQuestions(): StoredUnit[];
  embedder(): EmbedderInfo | undefined;
  setEmbedder(info: EmbedderInfo | undefined): void;
  vectors(): IterableIterator<{ unitId: number; vector: Float32Array }>;
  /** All vectors as one row-major matrix (cached until the next write), for fast exact search. */
  vectorMatrix(): VectorMatrix;
  vectorCount(): number;
  /** Vectors of the given units (those that have one). */
  vectorsFor(unitIds: number[]): { unitId: number; vector: Float32Array }[];
  /** Whether any unit contains this index token. */
  hasTerm(token: string): boolean;
  unitsWithoutVectors(): StoredUnit[];
  putVectors(rows: { unitId: number; vector: Float32Array }[]): void;
  /** Every stored unit, in batches, for re-indexing. */
  allUnits(): StoredUnit[];
  /** Replaces the lexical index rows (and token sets) of the given units in one transaction. */
  putTokens(rows: { unitId: number; tokens: UnitTokens }[]): void;
  meta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  counts(): { documents: number; units: number; questions: number; answered: number };
  close(): void;
}
