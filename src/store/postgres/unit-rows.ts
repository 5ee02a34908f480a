// How a stored unit is read back from PostgreSQL: the selected columns and the row -> StoredUnit mapping. Pure.
import type { StoredUnit } from '../../core/types.js';

export interface UnitRow {
  id: string;
  kind: 'qa' | 'prose';
  question: string | null;
  question_en: string | null;
  text: string;
  text_en: string | null;
  topic: string[];
  line_start: number;
  line_end: number;
  question_id: string | null;
  question_key: string | null;
  token_set: string;
  extra: Record<string, unknown> | null;
  path: string;
}

export const unitColumns =
  'u.id, u.kind, u.question, u.question_en, u.text, u.text_en, u.topic, u.line_start, u.line_end, u.question_id, u.question_key, u.token_set, u.extra, d.path';

export function toStoredUnit(row: UnitRow, kb: string): StoredUnit {
  return {
    id: Number(row.id),
    kb,
    path: row.path,
    kind: row.kind,
    question: row.question ?? undefined,
    questionEn: row.question_en ?? undefined,
    text: row.text,
    textEn: row.text_en ?? undefined,
    topic: row.topic,
    lineStart: row.line_start,
    lineEnd: row.line_end,
    questionId: row.question_id ?? undefined,
    questionKey: row.question_key ?? undefined,
    tokenSet: row.token_set,
    extra: row.extra ?? undefined,
  };
}

/** Float32 vector <-> BYTEA (little-endian float4, as the SQLite store keeps them). */
export function vectorBytes(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

export function vectorOf(bytes: Buffer): Float32Array {
  // Copy: node-postgres hands out slices of a shared buffer that may not be 4-byte aligned.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer, 0, bytes.byteLength / 4);
}
