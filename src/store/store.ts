// The Store: what retrieval, ingest and the App ask of one knowledge base's storage, and nothing a backend happens to
// offer. Async because PostgreSQL's client is; search is pushed down (the store generates candidates and scores
// them); fusion, reranking and evidence stay in retrieve/. Every implementation passes store.contract.test.ts.
import type { ParsedDocument, StoredUnit } from '../core/types.js';

/** Tokens of a unit for the lexical index, already segmented by the shared tokenizer (stores never segment). */
export interface UnitTokens {
  question: string[];
  text: string[];
  topic: string[];
}

/** UnitTokens as space-joined strings (see IndexedUnit.joined). */
export interface JoinedTokens {
  question: string;
  text: string;
  topic: string;
  set: string;
}

/** A unit ready to store: the parsed unit plus its identity and index data. */
export interface IndexedUnit {
  unit: ParsedDocument['units'][number];
  questionKey: string | undefined;
  questionId: string | undefined;
  questionEn?: string | undefined;
  textEn?: string | undefined;
  /** Bank metadata (key points, difficulty, tags, related ids) as plain JSON; returned as StoredUnit.extra. */
  extra?: Record<string, unknown> | undefined;
  tokens: UnitTokens;
  /**
   * The same tokens as the strings a store writes, when the caller has them already (ingest joins them on its parse
   * worker): each field joined by one space, and `set` the distinct tokens of all fields in first-seen order.
   */
  joined?: JoinedTokens | undefined;
  /** Embedding of the unit (unit length); every vector of a store has the recorded embedder's dimensions. */
  vector?: Float32Array | undefined;
}

/** A document without its units: what replaceDocument records next to the units. */
export type DocumentRecord = Omit<ParsedDocument, 'units'>;

/** One document and its units, as replaceDocuments takes them. */
export interface DocumentWrite {
  document: DocumentRecord;
  units: IndexedUnit[];
}

/** An ingest error to record for a path (replaceDocuments records them in its transaction, as recordError would). */
export interface IngestErrorRecord {
  path: string;
  code: string;
  message: string;
}

/** What became of one document of a batch: stored, or rolled back alone with the reason. */
export type WriteOutcome = { stored: true } | { stored: false; error: unknown };

export interface DocumentInfo {
  path: string;
  format: string;
  contentHash: string;
  bytes: number;
  title: string | undefined;
  /** ISO-8601 time the path was first stored (kept when the document is replaced: edits, re-indexing). */
  ingestedAt: string;
  /** ISO-8601 time of the last replaceDocument of this path. */
  indexedAt: string;
  units: number;
  questions: number;
  /** Q&A units with a non-empty answer. */
  answered: number;
}

export interface IngestErrorInfo {
  path: string;
  code: string;
  message: string;
  /** ISO-8601 time the error was recorded. */
  at: string;
}

/** Relative weight of each field in BM25F-style scoring (a match in the question counts more than in the text). */
export interface FieldWeights {
  question: number;
  text: number;
  topic: number;
}

export interface LexicalQuery {
  /**
   * Index tokens (same tokenizer as UnitTokens); a unit matches when it contains ANY of them. Duplicates ignored.
   * A large store may match only its rarest tokens, to bound the work per query (SqliteStore: sqlite-lexical.ts).
   */
  tokens: string[];
  fieldWeights: FieldWeights;
  limit: number;
  /**
   * Also match units whose question says two of the rarest tokens, at extra cost (SqliteStore above its size bound:
   * sqlite-lexical.ts QUESTION_PAIRED_TERMS). Asked for when gathering candidates for vectors to rescore. Optional;
   * a store may ignore it.
   */
  questionPairs?: boolean;
}

export interface VectorQuery {
  /** Unit-length query vector; a vector of other dimensions than the stored ones matches nothing. */
  vector: Float32Array;
  limit: number;
  /** Score only these units (those that have a vector); all vectors when absent. */
  among?: number[] | undefined;
}

/** A scored unit, best first; ties in any order. */
export interface ScoredUnit {
  unitId: number;
  /** Higher is better. Lexical: BM25 (> 0). Vector: cosine similarity (dot product of unit vectors). */
  score: number;
}

export interface TermStats {
  /** Number of units containing each asked token (tokens in no unit are absent from the map). */
  documentFrequencies: Map<string, number>;
  /** Number of units in the store. */
  units: number;
}

export interface EmbedderIdentity {
  id: string;
  dimensions: number;
}

/** What the store's index was built with: a change of either means tokens or vectors must be rebuilt. */
export interface IndexIdentity {
  embedder: EmbedderIdentity;
  /** Id of the tokenizer (and its dictionary version) that produced the stored UnitTokens. */
  tokenizer: string;
}

/** Units to read by a property other than id; results ordered by path, then line. */
export interface UnitFilter {
  questionId?: string | undefined;
  questionKey?: string | undefined;
  /** Units whose question key is any of these (an empty list matches nothing): one call for many questions. */
  questionKeys?: string[] | undefined;
  path?: string | undefined;
  kind?: 'qa' | 'prose' | undefined;
}

export interface Store {
  /** Name of the knowledge base; StoredUnit.kb of every unit read from this store. */
  readonly kb: string;
  /**
   * Replaces every unit of the document with `units` in one transaction (inserting the document when new): after a
   * crash, or when the call fails, the old or the new version is stored, never a mix. Clears the path's ingest error.
   */
  replaceDocument(document: DocumentRecord, units: IndexedUnit[]): Promise<void>;
  /**
   * Replaces several documents in ONE transaction (one disk sync for the batch; ingest writes small files this way),
   * each still all-or-nothing: a document whose write fails is rolled back alone and its error returned at its index,
   * the others are stored. After a crash the batch is stored whole or not at all, never part of a document. Throws,
   * with nothing of the batch stored, when the transaction itself fails (a full disk, a lost connection). `errors`
   * (files of the batch that failed before writing) are recorded with the batch, not one disk sync each.
   */
  replaceDocuments(writes: DocumentWrite[], errors?: IngestErrorRecord[]): Promise<WriteOutcome[]>;
  /** Removes the document, its units, vectors and ingest error in one transaction; false when the path was absent. */
  removeDocument(path: string): Promise<boolean>;
  /** Every document with its unit counts, ordered by path. */
  listDocuments(): Promise<DocumentInfo[]>;
  /** Units by id, in the order asked; unknown ids are skipped. */
  getUnits(ids: number[]): Promise<StoredUnit[]>;
  /** Units matching every given field of the filter (an empty filter lists all units), ordered by path, line. */
  findUnits(filter: UnitFilter): Promise<StoredUnit[]>;
  /**
   * BM25 with field weights, as SQLite FTS5's bm25() computes it, best first, at most limit. Per query token t:
   * idf(t) × f × (k1 + 1) / (f + k1 × (1 − b + b × len / avgLen)), with f = Σ fieldWeight × tf(t, field),
   * len = the unit's token count over all fields, avgLen over all units, k1 = 1.2, b = 0.75,
   * idf = ln((N − df + 0.5) / (df + 0.5)) floored at 1e-6. Scores are comparable within one call only.
   */
  searchLexical(query: LexicalQuery): Promise<ScoredUnit[]>;
  /** Exact cosine over the stored vectors (or over `among`), best first, at most limit. */
  searchVectors(query: VectorQuery): Promise<ScoredUnit[]>;
  /** Document frequencies of many tokens and the unit count, in one call (IDF weights, known-word checks). */
  termStats(tokens: string[]): Promise<TermStats>;
  /** The recorded index identity; undefined for a store nothing was recorded in yet. */
  identity(): Promise<IndexIdentity | undefined>;
  /** Records the identity. Changing the embedder drops every stored vector (they would otherwise mix). */
  setIdentity(identity: IndexIdentity): Promise<void>;
  /** A small string value by key (e.g. the bank hash the built-in KB was built from). */
  meta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** Records (or, with undefined, clears) why the file at path could not be ingested. */
  recordError(path: string, error: { code: string; message: string } | undefined): Promise<void>;
  /** Ingest errors ordered by path. */
  listErrors(): Promise<IngestErrorInfo[]>;
  close(): Promise<void>;
}
