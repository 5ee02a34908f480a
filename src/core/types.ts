// Domain types shared by every layer: documents and their Q&A units, search hits, citations and answers.
// Plain data only; no behaviour lives here.

export type UnitKind = 'qa' | 'prose';

/** A piece of a document: a question with its answer (answer may be empty) or a chunk of prose. */
export interface Unit {
  kind: UnitKind;
  /** The question text (Q&A units) or undefined for prose. */
  question: string | undefined;
  /** The answer (Q&A) or the chunk text (prose); empty for an unanswered question. */
  text: string;
  /** Section headings above the unit, outermost first. */
  topic: string[];
  /** 1-based line range in the source file. */
  lineStart: number;
  lineEnd: number;
}

/** A parsed source file, ready to store. */
export interface ParsedDocument {
  /** Path as the user gave it (relative to cwd when inside it), used in citations. */
  path: string;
  format: DocumentFormat;
  contentHash: string;
  bytes: number;
  title: string | undefined;
  units: Unit[];
}

export type DocumentFormat = 'markdown' | 'text' | 'html' | 'pdf' | 'docx' | 'bank';

/** A stored unit as search sees it. */
export interface StoredUnit extends Unit {
  id: number;
  kb: string;
  path: string;
  /** Stable id of the question this unit belongs to (bank id, or q-<hash> of the normalised question). */
  questionId: string | undefined;
  /** Normalised question; units with equal keys are one question listed in several places. */
  questionKey: string | undefined;
  /** Distinct index tokens of question, text and topic, space-separated (for reranking without re-segmenting). */
  tokenSet: string;
  /** English question and answer, for bank items. */
  questionEn: string | undefined;
  textEn: string | undefined;
  /** Bank metadata (key points, difficulty, tags, related ids) as stored with the unit. */
  extra?: Record<string, unknown> | undefined;
}

export interface Hit {
  rank: number;
  score: number;
  kb: string;
  path: string;
  line: number;
  question: string | null;
  /** Section headings above the hit, outermost first (formatTopic shows them). */
  topic: string[];
  text: string;
  unitId: number;
  questionId: string | null;
  /** Other places the same question appears (deduplicated across files). */
  sources: { kb: string; path: string; line: number }[];
}

export interface Citation {
  n: number;
  kb: string;
  path: string;
  line: number;
  question: string | null;
  text: string;
  /** The cited question's id (bank items open at #/bank/<id>), null for prose. */
  questionId: string | null;
}

export interface Answer {
  question: string;
  mode: 'extractive' | 'llm';
  refused: boolean;
  answer: string;
  citations: Citation[];
}
