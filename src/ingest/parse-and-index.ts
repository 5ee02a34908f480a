// One file's bytes -> its parsed document and index data, with the per-file unit limit. Pure apart from the format
// loaders; runs in the parse worker (parse-worker.ts) or inline, identically.
import { AppError } from '../core/errors.js';
import type { DocumentFormat, ParsedDocument } from '../core/types.js';
import type { IndexedUnit } from '../store/store.js';
import type { Tokenize } from '../text/tokenize.js';
import { indexUnits } from './index-units.js';
import { maxUnitsPerFile } from './ingest-limits.js';
import { parseDocument } from './parse-document.js';

export interface ParsedFile {
  document: ParsedDocument;
  units: IndexedUnit[];
}

export async function parseAndIndex(path: string, format: DocumentFormat, bytes: Uint8Array, tokenize: Tokenize): Promise<ParsedFile> {
  const document = await parseDocument(path, format, bytes);
  if (document.units.length > maxUnitsPerFile)
    throw new AppError(
      'limit_exceeded',
      `the file yields ${document.units.length.toLocaleString('en')} units, over the limit of ${maxUnitsPerFile.toLocaleString('en')} per file`,
    );
  return { document, units: indexUnits(document, tokenize) };
}
