// Aliases that fire on almost anything: a key-point alias found in more than a small share of the OTHER items'
// reference answers of its chapter ("显存", "梯度", "step") covers the point for answers to other questions, so
// wrong answers score. Pure: the caller passes the items grouped by chapter.
import { normalizeText } from '../text/normalize.js';
import { findPhrase } from './phrase-match.js';

/** Highest share of the chapter's other answers an alias may occur in (issue 12: "a small share"). */
export const maxAliasShare = 0.1;

/**
 * ... and an alias found in a single other answer is never an offender: in a chapter of 6 items one sibling that
 * mentions "memory-bound" is already 20%, yet the phrase still tells the point apart from the rest of the chapter.
 */
export const minOffendingMatches = 2;

export interface AliasItem {
  id: string;
  chapter: string;
  /** Reference answers (every language). */
  answers: readonly string[];
  keyPoints: readonly { aliases: readonly string[] }[];
}

export interface AliasOffender {
  id: string;
  chapter: string;
  alias: string;
  /** Share (0-1) of the chapter's other items whose answer contains the alias. */
  share: number;
  /** How many other items and which of them. */
  others: number;
  matches: string[];
}

export function findUnspecificAliases(items: readonly AliasItem[], threshold = maxAliasShare): AliasOffender[] {
  const byChapter = new Map<string, { id: string; text: string }[]>();
  for (const item of items) {
    const list = byChapter.get(item.chapter) ?? [];
    list.push({ id: item.id, text: item.answers.map((answer) => normalizeText(answer)).join('\n') });
    byChapter.set(item.chapter, list);
  }
  const offenders: AliasOffender[] = [];
  for (const item of items) {
    const others = (byChapter.get(item.chapter) ?? []).filter((other) => other.id !== item.id);
    if (others.length === 0) continue;
    const aliases = new Set(item.keyPoints.flatMap((point) => point.aliases));
    for (const alias of aliases) {
      const matches = others.filter((other) => findPhrase(other.text, alias) !== undefined).map((other) => other.id);
      const share = matches.length / others.length;
      if (share > threshold && matches.length >= minOffendingMatches)
        offenders.push({ id: item.id, chapter: item.chapter, alias, share, others: others.length, matches });
    }
  }
  return offenders;
}
