// How a stored path is shown to people and agents: relative to $MIANBA_HOME when inside it, else only its last two
// parts ("…/notes/a.md"), so answers never reveal the server's folders. Pure (node:path only).
import { isAbsolute, relative, sep } from 'node:path';

/** Whether path lies strictly inside folder (not the folder itself, not through ".."). */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** Files under $MIANBA_HOME show as "uploads/<kb>/<name>"; never an absolute server path (see apiPath). */
export function displayName(home: string, path: string): string {
  return isInside(home, path) ? relative(home, path).split(sep).join('/') : outsidePath(path);
}

function outsidePath(path: string): string {
  if (!isAbsolute(path)) return path;
  return `…/${path
    .split(/[/\\]+/)
    .filter(Boolean)
    .slice(-2)
    .join('/')}`;
}
