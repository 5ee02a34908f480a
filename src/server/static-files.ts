// Serves the built web app (web/dist) with a strict Content-Security-Policy: only files under the root, by
// normalised path (no traversal), index.html for `/`; hashed assets cached for a year, index.html never.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
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
    return c.body(readFileSync(file), 200, {
      'Content-Type': type,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  });
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
