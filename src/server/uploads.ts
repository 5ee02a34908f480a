// Uploaded files: names sanitised part by part (no "..", no dot files, no control characters) and stored under
// $MIANBA_HOME/uploads/<kb>/ keeping their folders, so "notes/llm/a.md" and "notes_llm_a.md" stay two files. Type and
// size are checked before anything is written; a write goes to a temporary file renamed into place, so a full disk
// never leaves a truncated upload behind.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { displayName, isInside } from '../core/display-path.js';
import { AppError } from '../core/errors.js';
import { formatOf, supportedExtensions } from '../core/formats.js';

/** Uploads accept exactly what ingest reads (the one format table). */
export const uploadExtensions = supportedExtensions;

/** Folder depth kept from an uploaded relative path; deeper folders are joined into the last one. */
const maxFolderDepth = 8;

/** "../../etc/passwd.md" -> "etc/passwd.md"; "notes/llm/a.md" keeps its folders; "....md" has no name left (""). */
export function sanitizeUploadName(name: string): string {
  const parts = name
    .normalize('NFC')
    .split(/[/\\]+/)
    .map((part) =>
      part
        .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
        .trim()
        .replace(/^[.\s]+/, '')
        .replace(/\s+/g, ' ')
        .slice(0, 120),
    )
    .filter((part) => part !== '');
  const file = parts.pop() ?? '';
  const folders = parts.length > maxFolderDepth ? [...parts.slice(0, maxFolderDepth - 1), parts.slice(maxFolderDepth - 1).join('_')] : parts;
  return [...folders, file].join('/');
}

/** Refuses a type we cannot ingest, a name with nothing before its extension ("....md", ".md"), or an oversize file. */
export function checkUpload(name: string, bytes: number, maxFileBytes: number): void {
  const clean = sanitizeUploadName(name);
  const extension = extname(clean).toLowerCase();
  const stem = basename(clean).slice(0, basename(clean).length - extension.length);
  if (formatOf(name) === undefined) throw new AppError('unsupported_format', `"${name}": unsupported file type (supported: ${uploadExtensions.join(' ')})`);
  if (extension !== extname(name).toLowerCase() || !/[\p{L}\p{N}]/u.test(stem))
    throw new AppError('invalid_input', `"${name}": the file name has no name before its extension`);
  if (bytes > maxFileBytes)
    throw new AppError('file_too_large', `"${name}" is ${(bytes / 2 ** 20).toFixed(1)} MB, over the ${(maxFileBytes / 2 ** 20).toFixed(0)} MB limit`);
}

/** Names made unique within one upload: a second "a.md" (after sanitising) becomes "a (2).md", never a lost file. */
export function uniqueUploadNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const clean = sanitizeUploadName(name);
    const extension = extname(clean);
    let candidate = clean;
    for (let copy = 2; taken.has(candidate.toLowerCase()); copy++) candidate = `${clean.slice(0, clean.length - extension.length)} (${copy})${extension}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

export function uploadsDir(home: string, kb: string): string {
  return join(home, 'uploads', kb);
}

/**
 * Writes the file under the kb's upload folder (name already sanitised and unique) and returns its absolute path.
 * Written to a temporary sibling then renamed: on ENOSPC the temporary file is removed and `disk_full` thrown.
 */
export function storeUpload(home: string, kb: string, cleanName: string, bytes: Uint8Array): string {
  const folder = uploadsDir(home, kb);
  const path = join(folder, ...cleanName.split('/'));
  if (!isInside(folder, path)) throw new AppError('invalid_input', `bad file name "${cleanName}"`);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as { code?: string }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT')
      throw new AppError('disk_full', `the disk is full: "${cleanName}" was not stored (free some space and upload again)`, { cause: error });
    throw new AppError('store_failed', `cannot store the upload "${cleanName}": ${code ?? (error as Error).message}`, { cause: error });
  }
  return path;
}

/** Stable id of a stored document: clients address documents by id, never by path. */
export function documentId(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 16);
}

export const documentIdSchema = /^[0-9a-f]{16}$/;

/**
 * The `path` an API response carries: relative to the knowledge base's upload folder for uploads ("notes/a.md"),
 * relative as stored for files ingested from a working directory, and for other absolute paths only their last two
 * parts ("…/notes/a.md"): the server's folders and $MIANBA_HOME are nobody's business over HTTP.
 */
export function apiPath(home: string, kb: string, path: string): string {
  const folder = uploadsDir(home, kb);
  if (isInside(folder, path)) return relative(folder, path).split(sep).join('/');
  return displayName(home, path);
}
