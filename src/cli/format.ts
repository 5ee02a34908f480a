// Terminal formatting helpers shared by commands: colours only on a TTY, path display, match highlighting.
import { relative } from 'node:path';
import type { CliContext } from './cli-context.js';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  mark(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

export function styleFor(context: CliContext): Style {
  const color = Boolean(context.stdout.isTTY) && !context.env.NO_COLOR;
  const wrap = (open: number, close: number) => (text: string) => (color ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    mark: color ? wrap(7, 27) : (text) => `[${text}]`,
    green: wrap(32, 39),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
  };
}

/** Paths inside the working directory are shown relative to it; bank files and others as stored. */
export function displayPath(path: string, cwd: string): string {
  if (!path.startsWith('/') && !/^[A-Za-z]:\\/.test(path)) return path;
  const relativePath = relative(cwd, path);
  return relativePath && !relativePath.startsWith('..') ? relativePath : path;
}

/**
 * A Latin term marks whole words only: from a word's start (a stem such as "cach" marks "caching"), and a term of one
 * or two letters ("v" of "KV") only as a word of its own, never the v inside "value". Other scripts mark anywhere.
 */
function termPattern(term: string): string {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!/^[a-z0-9]/i.test(term)) return escaped;
  return term.length <= 2 ? `(?<![a-z0-9])${escaped}(?![a-z0-9])` : `(?<![a-z0-9])${escaped}`;
}

/** A snippet of `text` around the first query term, with every term occurrence marked. */
export function snippet(text: string, terms: string[], style: Style, width = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  const usable = [...new Set(terms)].filter((term) => term.length > 0 && !/^\p{Script=Han}$/u.test(term)).sort((a, b) => b.length - a.length);
  const first = Math.min(...usable.map((term) => lower.indexOf(term)).filter((at) => at >= 0), Number.POSITIVE_INFINITY);
  const start = Number.isFinite(first) ? Math.max(0, first - Math.floor(width / 4)) : 0;
  let piece = flat.slice(start, start + width);
  if (usable.length > 0) {
    const pattern = new RegExp(usable.map(termPattern).join('|'), 'gi');
    piece = piece.replace(pattern, (match) => style.mark(match));
  }
  return `${start > 0 ? '…' : ''}${piece}${start + width < flat.length ? '…' : ''}`;
}
