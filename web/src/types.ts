// The shapes the HTTP API returns (see /openapi.json), as the web app reads them.
export type Text = string | { zh: string; en: string };
/** A topic path, outermost heading first: bilingual for bank questions, one path for user notes. */
export type Topic = string[] | { zh: string[]; en: string[] };

export interface Source {
  kb: string;
  path: string;
  line: number;
}

export interface Hit extends Source {
  rank: number;
  score: number;
  question: string | null;
  topic: string[];
  text: string;
  questionId: string | null;
  sources: Source[];
}

export interface Citation extends Source {
  n: number;
  question: string | null;
  text: string;
  /** The cited question (bank items open at #/bank/<id>); absent in answers stored before it existed. */
  questionId?: string | null;
}

export interface TraceEntry {
  key: string;
  label: string;
  ranks: Record<string, number>;
  fusedScore: number;
  rerankScore?: number;
  evidence: number;
  finalRank?: number;
}

export interface AskResult {
  question: string;
  mode: 'extractive' | 'llm';
  refused: boolean;
  answer: string;
  citations: Citation[];
  evidence: number;
  model?: string;
  nearest: Hit[];
  calculation?: { kind: string; title: string; text: string };
  trace?: TraceEntry[];
}

export interface SearchResult {
  query: string;
  evidence: number;
  hits: Hit[];
}

export interface KeyPoint {
  zh: string;
  en: string;
  aliases: string[];
}

/** What /api/questions?view=summary lists; the rest of the item comes from /api/questions/{id}. */
export type QuestionSummary = Pick<QuestionItem, 'id' | 'kb' | 'topic' | 'question' | 'difficulty' | 'tags'>;

export interface QuestionItem {
  id: string;
  kb: string;
  topic: Topic;
  question: Text;
  answer: Text;
  keyPoints: KeyPoint[];
  difficulty: number | null;
  tags: string[];
  related: string[];
  sources: Source[];
}

export interface TopicNode {
  key: string;
  zh: string;
  en: string;
  count: number;
  children: TopicNode[];
}

export interface KbSummary {
  name: string;
  documents: number;
  units: number;
  questions: number;
  answered: number;
}

export interface DocumentInfo {
  id: string;
  name: string;
  path: string;
  format: string;
  bytes: number;
  title?: string;
  ingestedAt: string;
  indexedAt?: string;
  units: number;
  questions: number;
  answered: number;
  uploaded: boolean;
}

export interface IngestError {
  id: string;
  name: string;
  code: string;
  message: string;
  at: string;
}

export interface FileReport {
  id: string;
  name: string;
  outcome: 'added' | 'updated' | 'unchanged' | 'skipped' | 'failed';
  units?: number;
  questions?: number;
  code?: string;
  reason?: string;
}

export interface IngestResult {
  kb: string;
  files: FileReport[];
  counts: Record<string, number>;
}

export interface Status {
  version: string;
  defaultKb: string;
  maxFileMb: number;
  llm: { configured: boolean; model?: string };
}

export type Rating = 'again' | 'hard' | 'good' | 'easy';

export interface PracticeQuestion {
  id: string;
  kb: string;
  topic: Topic;
  question: Text;
  difficulty: number | null;
  hints: { zh: string; en: string }[];
  card: { state: string; due: string; reps: number; lapses: number } | null;
  /** What each rating would do now: due time and a short label ("10 min", "3 d"). */
  intervals: { rating: Rating; due: string; label: string }[];
}

export interface Grade {
  id: string;
  score: number;
  rating: Rating;
  covered: string[];
  missed: string[];
  coverage: number;
  rougeL: number;
  flags: string[];
  language: 'zh' | 'en';
  hinted: boolean;
  points: { zh: string; en: string; covered: boolean; via: string | null; evidence: string | null }[];
  reference: { text: string; citations: Source[] };
  /** Wrong claims the answer made, with their corrections. */
  misconceptions: { claim: string; correction: string; contradicts: string | null; sentence: string }[];
  hintsUsed: number;
}

export interface Recorded {
  rating: Rating;
  proposed: Rating;
  score: number;
  due: string;
  state: string;
}

export interface ProgressStats {
  totals: { questions: number; cards: number; reviews: number; due: number; mastery: number | null };
  topics: {
    topic: string;
    name: { zh: string; en: string };
    questions: number;
    cards: number;
    mastery: number | null;
    recentScore: number | null;
    reviews: number;
    due: number;
  }[];
  forecast: { date: string; due: number }[];
  streak: { current: number; longest: number; reviewedToday: boolean };
  reviewsPerDay: { date: string; reviews: number }[];
}

export interface MockReport {
  startedAt: string;
  minutes: number;
  meanScore: number | null;
  timedOut: boolean;
  unasked: number;
  rows: {
    kind: string;
    id: string;
    topic: string;
    question: string;
    score: number | null;
    rating: string | null;
    missed: string[];
    time: string;
    skipped: boolean;
    answer: string | null;
    reference: string;
    misconceptions: { claim: string; correction: string }[];
  }[];
  weakTopics: { topic: string; meanScore: number }[];
  reviewNext: { id: string; question: string; missed: string[] }[];
}

export interface ThreadSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  turns: number;
}

export interface ThreadTurn {
  question: string;
  answer: string;
  status: 'done' | 'stopped' | 'error';
  mode: 'extractive' | 'llm';
  refused: boolean;
  model?: string;
  citations: Citation[];
  suggestions?: { question: string; questionId: string | null }[];
  evidence?: number;
  error?: string;
  createdAt: string;
}

export interface Thread extends ThreadSummary {
  items: ThreadTurn[];
}

export interface DocumentText {
  kb: string;
  path: string;
  id: string;
  format: string;
  title?: string;
  truncated: boolean;
  lines: { n: number; text: string; page?: number }[];
  passages: { lineStart: number; lineEnd: number; question: string | null }[];
}

export interface MaskedKey {
  set: boolean;
  masked?: string;
}

export interface Preset {
  name: string;
  baseUrl: string;
  model?: string;
}

export interface Settings {
  llm: { baseUrl: string; model: string; apiKey: MaskedKey } | null;
  embed: { provider: 'builtin' | 'openai' | 'onnx'; baseUrl?: string; model?: string; apiKey: MaskedKey };
  refusalThreshold: number;
  overriddenBy: string[];
  embedderRestartNeeded: boolean;
  presets: { llm: Preset[]; embed: Preset[] };
}

export type ConnectionResult = { ok: true; model: string; latencyMs: number; dimensions?: number } | { ok: false; error: { code: string; message: string } };

export interface MockHistoryEntry {
  id: string;
  createdAt: string;
  finishedAt: string | null;
  questions: number;
  meanScore: number | null;
  hasReport: boolean;
}

/** A follow-up question of the web mock: a related bank question, or one on the missed point of the same question. */
export interface MockFollowUp {
  id: string;
  question: string;
  source: 'related' | 'template';
  /** 0-based key point of `id` the follow-up is graded against (template follow-ups only). */
  point: number | null;
}
