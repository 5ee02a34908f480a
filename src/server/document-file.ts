// The response that hands a stored document back to its owner: always an attachment, text formats as text/plain (an
// uploaded .html never renders in the page's origin), with nosniff and a sandboxing CSP. Serves only what was ingested.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import { AppError } from '../core/errors.js';

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
