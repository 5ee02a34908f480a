// Bytes of one file -> ParsedDocument: load by format, clean, extract Q&A units, chunk the remaining prose.
// Pure apart from the format loaders; never touches the store.
import { createHash } from 'node:crypto';
import { AppError } from '../core/errors.js';
import type { DocumentFormat, ParsedDocument, Unit } from '../core/types.js';
import { plainInline, plainMarkdown } from '../text/inline-markdown.js';
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
    .map(plainUnit)
    .filter((unit) => unit.kind === 'qa' || /[\p{L}\p{N}]/u.test(unit.text))
    .sort((a, b) => a.lineStart - b.lineStart);
  if (units.length === 0) {
    const navigation = lines.filter((line) => line.trim()).length > 0;
    throw new AppError('empty_document', navigation ? 'only navigation (links, images) found in the file' : 'no text found in the file');
  }
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

/** Questions, topics and answers as clean text: inline Markdown rendered, escapes and emphasis gone (line numbers kept). */
function plainUnit(unit: Unit): Unit {
  return {
    ...unit,
    question: unit.question === undefined ? undefined : plainInline(unit.question).trim(),
    topic: unit.topic.map((part) => plainInline(part).trim()).filter(Boolean),
    text: plainMarkdown(unit.text)
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  };
}

function mapLines(unit: Unit, sourceLines: number[]): Unit {
  const at = (line: number) => sourceLines[line - 1] ?? line;
  return { ...unit, lineStart: at(unit.lineStart), lineEnd: Math.max(at(unit.lineStart), at(unit.lineEnd)) };
}
