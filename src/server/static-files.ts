// Serves the built web app (web/dist) with a strict Content-Security-Policy: only files under the root, by
// normalised path (no traversal), index.html for `/`; hashed assets cached for a year, index.html revalidated by
// ETag. Text files go out brotli- or gzip-compressed (whichever the browser takes), compressed once per file version.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Hono } from 'hono';

/** KaTeX sets inline styles on its spans, hence style-src 'unsafe-inline'; nothing comes from another origin. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function registerStaticFiles(hono: Hono, root: string | undefined): void {
  hono.get('*', async (c, next) => {
    if (!root || c.req.path.startsWith('/api/') || c.req.path.startsWith('/v1/')) return next();
    const file = resolveFile(root, c.req.path);
    if (!file) return next();
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    const immutable = c.req.path.startsWith('/assets/');
    const prepared = prepare(file, type);
    const encoding = pickEncoding(c.req.header('Accept-Encoding'), prepared);
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: prepared.etag,
      Vary: 'Accept-Encoding',
    };
    if (etagMatches(c.req.header('If-None-Match'), prepared.etag)) return c.body(null, 304, headers);
    if (encoding) headers['Content-Encoding'] = encoding;
    const body = encoding === 'br' ? prepared.brotli : encoding === 'gzip' ? prepared.gzip : prepared.raw;
    return c.body(new Uint8Array(body ?? prepared.raw), 200, headers);
  });
}

interface PreparedFile {
  mtimeMs: number;
  size: number;
  etag: string;
  raw: Buffer;
  gzip?: Buffer | undefined;
  brotli?: Buffer | undefined;
}

/** Fonts (woff2 is already compressed) and images go out as they are; text and JavaScript compress 3-5x. */
const compressible = /^(text\/|application\/json|image\/svg\+xml|font\/ttf)/;
const prepared = new Map<string, PreparedFile>();

function prepare(file: string, type: string): PreparedFile {
  const stat = statSync(file);
  const cached = prepared.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
  const raw = readFileSync(file);
  const etag = `"${createHash('sha1').update(raw).digest('base64url').slice(0, 27)}"`;
  const entry: PreparedFile = { mtimeMs: stat.mtimeMs, size: stat.size, etag, raw };
  if (compressible.test(type) && raw.length >= 1024) {
    entry.gzip = gzipSync(raw, { level: 9 });
    entry.brotli = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
  }
  prepared.set(file, entry);
  return entry;
}

function pickEncoding(header: string | undefined, file: PreparedFile): 'br' | 'gzip' | undefined {
  if (!header || !file.gzip) return undefined;
  const accepted = header
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, quality]) => !quality || !/^\s*q=0(\.0*)?\s*$/.test(quality))
    .map(([name]) => name?.trim().toLowerCase());
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return undefined;
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function resolveFile(root: string, requestPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relativePath = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^[/\\]+/, '');
  if (relativePath.split(sep).some((part) => part === '..' || part.startsWith('.'))) return undefined;
  const file = join(root, relativePath);
  if (!file.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}
