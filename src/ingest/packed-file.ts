// A parsed file as it crosses from the parse worker to the thread that stores it: tokens already joined into the
// strings the store writes (one string per field instead of thousands of small strings to clone), and the vectors
// of all units in one Float32Array whose buffer is transferred, not copied. Pure; no store access.
import type { ParsedDocument } from '../core/types.js';
import type { IndexedUnit, JoinedTokens, UnitTokens } from '../store/store.js';
import type { ParsedFile } from './parse-and-index.js';

export interface PackedFile {
  document: ParsedDocument;
  units: PackedUnit[];
  /** Vectors of the units, one after the other (units.length × dimensions), when the worker embeds. */
  vectors?: Float32Array | undefined;
}

interface PackedUnit {
  unit: ParsedDocument['units'][number];
  questionKey: string | undefined;
  questionId: string | undefined;
  joined: JoinedTokens;
}

/** Packs a parsed file; `embed` (the worker's embedder) gives the vectors of the units' embedding texts. */
export function packFile(parsed: ParsedFile, vectors?: Float32Array[]): PackedFile {
  const units = parsed.units.map(({ unit, questionKey, questionId, tokens }) => ({ unit, questionKey, questionId, joined: joinTokens(tokens) }));
  if (!vectors || vectors.length === 0) return { document: parsed.document, units };
  const first = vectors[0] as Float32Array;
  const dimensions = first.length;
  // The thread embedder writes every vector into one buffer already: sent as it is when they lie in order in it.
  const inOrder = first.byteOffset === 0 && first.buffer.byteLength === vectors.length * dimensions * 4;
  if (inOrder && vectors.every((vector, index) => vector.buffer === first.buffer && vector.byteOffset === index * dimensions * 4))
    return { document: parsed.document, units, vectors: new Float32Array(first.buffer) };
  const all = new Float32Array(vectors.length * dimensions);
  vectors.forEach((vector, index) => {
    all.set(vector, index * dimensions);
  });
  return { document: parsed.document, units, vectors: all };
}

/** The parsed file back, each unit's tokens read from its joined strings when asked (SqliteStore uses `joined`). */
export function unpackFile(packed: PackedFile): ParsedFile {
  const { vectors } = packed;
  const dimensions = vectors && packed.units.length > 0 ? vectors.length / packed.units.length : 0;
  const units = packed.units.map(
    ({ unit, questionKey, questionId, joined }, index): IndexedUnit => ({
      unit,
      questionKey,
      questionId,
      joined,
      tokens: lazyTokens(joined),
      ...(vectors ? { vector: vectors.subarray(index * dimensions, (index + 1) * dimensions) } : {}),
    }),
  );
  return { document: packed.document, units };
}

/**
 * Each field's tokens joined by one space, and the distinct tokens of all fields in first-seen order: exactly what
 * SqliteStore joins from `tokens` when `joined` is absent. Tokens never contain a space (they are runs of letters,
 * digits and joined hyphenated names), so splitting the joined strings gives the tokens back.
 */
export function joinTokens(tokens: UnitTokens): JoinedTokens {
  return {
    question: tokens.question.join(' '),
    text: tokens.text.join(' '),
    topic: tokens.topic.join(' '),
    set: distinctJoined(tokens),
  };
}

function lazyTokens(joined: JoinedTokens): UnitTokens {
  const split = (text: string) => (text === '' ? [] : text.split(' '));
  return {
    get question() {
      return split(joined.question);
    },
    get text() {
      return split(joined.text);
    },
    get topic() {
      return split(joined.topic);
    },
  };
}

/** `[...new Set([...question, ...text, ...topic])].join(' ')` without building the two intermediate arrays. */
function distinctJoined(tokens: UnitTokens): string {
  const seen = new Set<string>();
  for (const field of [tokens.question, tokens.text, tokens.topic]) for (const token of field) seen.add(token);
  return [...seen].join(' ');
}
