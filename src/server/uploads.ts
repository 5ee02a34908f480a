// Uploaded files: names sanitised to one safe file name (no directories, no dot files, no control characters),
// stored under $MIANBA_HOME/uploads/<kb>/, with the type and size checked before anything is written.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { AppError } from '../core/errors.js';

export const uploadExtensions = ['.md', '.markdown', '.txt', '.html', '.htm', '.pdf', '.docx'] as const;

/** "../../etc/passwd.md" -> "etc_passwd.md"; folder uploads ("notes/llm/a.md") keep their folders in the name. */
export function sanitizeUploadName(name: string): string {
  const parts = name
    .normalize('NFC')
    .split(/[/\\]+/)
    .map((part) => part.replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '').trim())
    .filter((part) => part !== '' && part !== '.' && part !== '..');
  const joined = parts
    .join('_')
    .replace(/^[.\s]+/, '')
    .replace(/\s+/g, ' ');
  const extension = extname(joined).toLowerCase();
  const stem = joined.slice(0, joined.length - extension.length).slice(0, 120) || 'upload';
  return `${stem}${extension}`;
}

export function checkUpload(name: string, bytes: number, maxFileBytes: number): void {
  const extension = extname(name).toLowerCase();
  if (!(uploadExtensions as readonly string[]).includes(extension))
    throw new AppError('unsupported_format', `"${name}": unsupported file type (supported: ${uploadExtensions.join(' ')})`);
  if (bytes > maxFileBytes)
    throw new AppError('file_too_large', `"${name}" is ${(bytes / 2 ** 20).toFixed(1)} MB, over the ${(maxFileBytes / 2 ** 20).toFixed(0)} MB limit`);
}

export function uploadsDir(home: string, kb: string): string {
  return join(home, 'uploads', kb);
}

/** Writes the file under the kb's upload folder and returns its absolute path. */
export function storeUpload(home: string, kb: string, name: string, bytes: Uint8Array): string {
  const folder = uploadsDir(home, kb);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, sanitizeUploadName(name));
  if (!isInside(folder, path)) throw new AppError('invalid_input', `bad file name "${name}"`);
  writeFileSync(path, bytes);
  return path;
}

export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep);
}

/** Stable id of a stored document: clients address documents by id, never by path. */
export function documentId(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 16);
}

export const documentIdSchema = /^[0-9a-f]{16}$/;

/** Files under $MIANBA_HOME show as "uploads/<kb>/<name>", other files by their path. */
export function displayName(home: string, path: string): string {
  return isInside(home, path) ? relative(home, path) : path;
}
