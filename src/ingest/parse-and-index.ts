// One file's bytes -> its parsed document and index data, with the per-file unit limit. Pure apart from the format
// loaders; runs in the parse worker (parse-worker.ts) or inline, identically.
import { AppError } from '../core/errors.js';
import type { DocumentFormat, ParsedDocument, Unit } from '../core/types.js';
import type { IndexedUnit } from '../store/store.js';
import type { Dictionary } from '../text/segment.js';
import type { Tokenize } from '../text/tokenize.js';
import { indexUnits, indexUnitsForEmbedding } from './index-units.js';
import { maxUnitChars, maxUnitsPerFile } from './ingest-limits.js';
import { parseDocument } from './parse-document.js';

export interface ParsedFile {
  document: ParsedDocument;
  units: IndexedUnit[];
}

export async function parseAndIndex(path: string, format: DocumentFormat, bytes: Uint8Array, tokenize: Tokenize): Promise<ParsedFile> {
  const document = await parseWithinLimits(path, format, bytes);
  return { document, units: indexUnits(document, tokenize) };
}

/**
 * parseAndIndex with the built-in tokenizer of `dictionary`, plus each unit's embedding text already normalised
 * (the parse worker hands them to the built-in embedder, which would otherwise normalise the same text again).
 */
export async function parseAndIndexForEmbedding(
  path: string,
  format: DocumentFormat,
  bytes: Uint8Array,
  dictionary: Dictionary,
): Promise<ParsedFile & { normalizedTexts: string[] }> {
  const document = await parseWithinLimits(path, format, bytes);
  return { document, ...indexUnitsForEmbedding(document, dictionary) };
}

async function parseWithinLimits(path: string, format: DocumentFormat, bytes: Uint8Array): Promise<ParsedDocument> {
  const parsed = await parseDocument(path, format, bytes);
  const document = { ...parsed, units: parsed.units.flatMap(splitLongUnit) };
  if (document.units.length > maxUnitsPerFile)
    throw new AppError(
      'limit_exceeded',
      `the file yields ${document.units.length.toLocaleString('en')} units, over the limit of ${maxUnitsPerFile.toLocaleString('en')} per file`,
    );
  return document;
}

/**
 * A unit longer than maxUnitChars (a run with no sentence end the chunker could cut at) becomes consecutive pieces,
 * cut at the last sentence end or newline in the window when there is one: every later step (embedding, storing)
 * then works in bounded slices and can yield to the event loop between them. The first piece keeps the question.
 */
export function splitLongUnit(unit: Unit): Unit[] {
  if (unit.text.length <= maxUnitChars) return [unit];
  const pieces: Unit[] = [];
  let start = 0;
  while (start < unit.text.length) {
    let end = Math.min(unit.text.length, start + maxUnitChars);
    if (end < unit.text.length) {
      const window = unit.text.slice(start + Math.floor(maxUnitChars * 0.8), end);
      const cut = Math.max(...['\n', '。', '！', '？', '. ', '! ', '? '].map((mark) => window.lastIndexOf(mark)));
      if (cut >= 0) end = start + Math.floor(maxUnitChars * 0.8) + cut + 1;
    }
    const first = pieces.length === 0;
    pieces.push({ ...unit, kind: first ? unit.kind : 'prose', question: first ? unit.question : undefined, text: unit.text.slice(start, end) });
    start = end;
  }
  return pieces;
}
