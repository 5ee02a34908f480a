// Bytes of one file -> ParsedDocument: load by format, clean, extract Q&A units, chunk the remaining prose.
// Pure apart from the format loaders; never touches the store.
import { createHash } from 'node:crypto';
import { AppError } from '../core/errors.js';
import type { DocumentFormat, ParsedDocument, Unit } from '../core/types.js';
import { cleanText } from '../text/normalize.js';
import { chunkSections } from './chunk.js';
import { cleanLines } from './clean.js';
import { extractUnits } from './extract-qa.js';
import { loadLines } from './load-formats.js';

export async function parseDocument(path: string, format: DocumentFormat, bytes: Uint8Array): Promise<ParsedDocument> {
  if (bytes.length === 0) throw new AppError('empty_document', 'the file is empty');
  const { lines, sourceLines } = await loadLines(format, bytes);
  // The HTML parser (also behind DOCX) has decoded entities already; decoding again would turn a shown "&lt;" into "<".
  const decodeEntities = format !== 'html' && format !== 'docx';
  const cleaned = cleanLines(lines.map((line) => cleanText(line, { decodeEntities })));
  const { units: questions, prose } = extractUnits(cleaned);
  const units = [...questions, ...chunkSections(prose)]
    .map((unit) => (sourceLines ? mapLines(unit, sourceLines) : unit))
    .sort((a, b) => a.lineStart - b.lineStart);
  if (units.length === 0) throw new AppError('empty_document', 'no text found in the file');
  const title = cleaned
    .find((line) => line.trim())
    ?.trim()
    .replace(/^#+\s*/, '');
  return {
    path,
    format,
    contentHash: hashBytes(bytes),
    bytes: bytes.length,
    title: title?.slice(0, 200),
    units,
  };
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function mapLines(unit: Unit, sourceLines: number[]): Unit {
  const at = (line: number) => sourceLines[line - 1] ?? line;
  return { ...unit, lineStart: at(unit.lineStart), lineEnd: Math.max(at(unit.lineStart), at(unit.lineEnd)) };
}
