// The response that hands a stored document back to its owner: always an attachment, text formats as text/plain (an
// uploaded .html never renders in the page's origin), with nosniff and a sandboxing CSP. Serves only what was ingested.
// Also the document's text for the viewer (documentLines), read through the same checks.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import { AppError } from '../core/errors.js';
import type { DocumentFormat } from '../core/types.js';
import { loadLines, splitLines } from '../ingest/load-formats.js';

const contentTypes: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function documentFileResponse(name: string, format: string, bytes: Uint8Array): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': contentTypes[format] ?? 'text/plain; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
    },
  });
}

/**
 * The bytes of a stored document, only if they are still what was ingested: the path must not be a symlink now, and the content must hash to the stored content hash. A file swapped for a link to /etc/hostname, or
 * edited since, is refused rather than served (re-index to pick up edits).
 */
export function readIngestedFile(path: string, contentHash: string, id: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    if (lstatSync(path).isSymbolicLink()) throw new AppError('forbidden', `the file of document "${id}" is now a link; not served`);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('not_found', `the file of document "${id}" is gone`, { cause: error });
  }
  if (createHash('sha256').update(bytes).digest('hex') !== contentHash)
    throw new AppError('conflict', `the file of document "${id}" changed since it was ingested; re-index the knowledge base to serve it`);
  return bytes;
}

export interface DocumentLine {
  /** The line number citations use (the source line; for HTML the line of the tag the text came from). */
  n: number;
  text: string;
  /** PDF page (1-based) the line is on. */
  page?: number;
}

/**
 * A stored document as the viewer shows it: text formats as their lines, HTML and DOCX as their extracted text,
 * PDF as its extracted text with page numbers. Line numbers match what ingest recorded (same loaders, same joins).
 */
export async function documentLines(format: DocumentFormat, bytes: Uint8Array): Promise<DocumentLine[]> {
  if (format === 'pdf') {
    const { extractText, getDocumentProxy } = await import('unpdf');
    try {
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: false });
      // Same layout as ingest's pdfLines: pages joined with one empty line, so line numbers agree.
      const lines: DocumentLine[] = [];
      text.forEach((page, index) => {
        if (index > 0) lines.push({ n: lines.length + 1, text: '', page: index + 1 });
        for (const line of splitLines(page)) lines.push({ n: lines.length + 1, text: line, page: index + 1 });
      });
      return lines;
    } catch (error) {
      throw new AppError('parse_failed', `corrupt or unreadable PDF: ${(error as Error).message}`, { cause: error });
    }
  }
  const { lines, sourceLines } = await loadLines(format, bytes);
  return lines.map((text, index) => ({ n: sourceLines?.[index] ?? index + 1, text }));
}
