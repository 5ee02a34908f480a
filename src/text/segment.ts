// Chinese-aware segmentation: domain terms matched first (forward maximum matching on a dictionary), the rest
// segmented by ICU's Intl.Segmenter; Latin words kept whole and lightly stemmed. Pure; the same code runs at index
// and query time. Never emits a run of Han characters longer than the dictionary or ICU allows as one token.

import type { GapWords } from './icu-gap-table.js';
import { forEachScriptRun, prefersScriptRuns } from './script-runs.js';

const hanOrWord = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;
// Created on first use: loading ICU's Chinese word data costs ~20 ms (more on a busy machine), which commands that
// never segment a Han gap (calc, stats, an all-English query over the bank's prepared data) should not pay.
let icuSegmenter: Intl.Segmenter | undefined;
const icu = () => {
  icuSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return icuSegmenter;
};

export interface Dictionary {
  /** Terms by their first character, longest first. */
  readonly byFirstChar: ReadonlyMap<string, readonly string[]>;
  /** ICU words of gaps prepared at build time (icu-gap-table.ts): asked before ICU, so most calls never create it. */
  readonly gapWords?: GapWords;
}

/** Builds a dictionary from Chinese domain terms (normalised, at least two characters, Han only). */
export function createDictionary(terms: Iterable<string>): Dictionary {
  const byFirstChar = new Map<string, string[]>();
  for (const term of terms) {
    if ([...term].length < 2 || !/^\p{Script=Han}+$/u.test(term)) continue;
    const first = term[0] as string;
    const list = byFirstChar.get(first) ?? [];
    if (!list.includes(term)) list.push(term);
    byFirstChar.set(first, list);
  }
  for (const list of byFirstChar.values()) list.sort((a, b) => b.length - a.length);
  return { byFirstChar };
}

/**
 * Splits normalised text into word tokens in reading order. Domain terms longer than two characters are emitted
 * whole and also as their ICU sub-words of two or more characters (search mode), so "旋转位置编码" also matches
 * "位置编码"; single characters of a known term would only add noise.
 */
export function segmentWords(text: string, dictionary: Dictionary): string[] {
  const tokens: string[] = [];
  if (prefersScriptRuns(text)) {
    // Ingest: the same runs from a class table (script-runs.ts), without a match object per run.
    forEachScriptRun(text, (start, end, isHan) => {
      if (isHan) segmentHan(text.slice(start, end), dictionary, tokens);
      else tokens.push(text.slice(start, end));
    });
  } else {
    for (const match of text.matchAll(hanOrWord)) {
      if (match[1]) segmentHan(match[1], dictionary, tokens);
      else if (match[2]) tokens.push(match[2]);
    }
  }
  // Hyphenated names are also indexed joined ("ZeRO-3" -> zero 3 zero3, "BLIP-2" -> blip2, "top-p" -> topp),
  // because people type them both ways. Most texts hold neither character: no regex scan then.
  if (text.includes('-') || text.includes('_')) {
    for (const match of text.matchAll(hyphenated)) {
      if (match[0].length <= 24) tokens.push(match[0].replace(/[-_]/g, ''));
    }
  }
  return tokens;
}

const hyphenated = /(?<![a-z0-9])[a-z0-9]+(?:[-_][a-z0-9]+)+(?![a-z0-9])/g;

function segmentHan(run: string, dictionary: Dictionary, tokens: string[]): void {
  const starts = termStarts(dictionary);
  let gapStart = 0;
  let index = 0;
  while (index < run.length) {
    // Most characters start no term: one table read instead of a one-character string and a Map lookup.
    if (starts[run.charCodeAt(index)] === 0) {
      index++;
      continue;
    }
    const term = dictionary.byFirstChar.get(run[index] as string)?.find((candidate) => run.startsWith(candidate, index));
    if (!term) {
      index++;
      continue;
    }
    if (gapStart < index) segmentWithIcu(run.slice(gapStart, index), tokens, dictionary);
    tokens.push(term);
    if (term.length > 2) {
      const parts: string[] = [];
      segmentWithIcu(term, parts, dictionary);
      if (parts.length > 1) tokens.push(...parts.filter((part) => part.length >= 2));
    }
    index += term.length;
    gapStart = index;
  }
  if (gapStart < run.length) segmentWithIcu(run.slice(gapStart), tokens, dictionary);
}

/** Per UTF-16 code unit: 1 when some dictionary term starts with it (terms are keyed by their first code unit). */
function termStarts(dictionary: Dictionary): Uint8Array {
  let starts = startsOf.get(dictionary);
  if (!starts) {
    starts = new Uint8Array(0x10000);
    for (const first of dictionary.byFirstChar.keys()) starts[first.charCodeAt(0)] = 1;
    startsOf.set(dictionary, starts);
  }
  return starts;
}

const startsOf = new WeakMap<Dictionary, Uint8Array>();

/**
 * Longest text handed to ICU at once. ICU's dictionary segmentation of one long Han gap is quadratic (issue 17: a
 * 200,000-character run of one character took 173 s); gaps between punctuation in real notes are far shorter than
 * 256 characters, so bounding the span changes nothing for them and makes a hostile run linear.
 */
export const maxIcuSpan = 256;

/** ICU word segmentation of a Han gap between dictionary terms, cached: the same short gaps recur constantly. */
function segmentWithIcu(text: string, tokens: string[], dictionary: Dictionary): void {
  if (text.length === 1) {
    tokens.push(text);
    return;
  }
  if (text.length > maxIcuSpan) {
    for (const span of icuSpans(text)) for (const word of span.words) tokens.push(word);
    return;
  }
  let words = icuCache.get(text);
  if (!words) {
    // The table only saves creating the segmenter: once a miss has created it, ICU (~5 us a gap) is cheaper than a
    // binary search of the table (~10-15 us), which cost an answer that segments hundreds of gaps ~12 ms.
    words = (icuSegmenter ? undefined : dictionary.gapWords?.(text)) ?? wordsOf(text);
    if (text.length <= 12) {
      if (icuCache.size >= 50_000) icuCache.clear();
      icuCache.set(text, words);
    }
  }
  for (const word of words) tokens.push(word);
}

/**
 * Splits a long gap into spans of at most maxIcuSpan characters, each ending where ICU ended its last complete word
 * (the last word of a span may be cut, so it is segmented again at the start of the next span). Linear in length.
 */
export function* icuSpans(text: string): Generator<{ start: number; end: number; words: string[] }> {
  let start = 0;
  while (start < text.length) {
    const window = text.slice(start, start + maxIcuSpan);
    const parts = [...icu().segment(window)];
    const last = parts.at(-1);
    const isFinal = start + window.length >= text.length;
    // Keep all but the last segment unless this is the end of the text or ICU found a single segment.
    const keep = isFinal || parts.length < 2 || !last ? parts : parts.slice(0, -1);
    const consumed = isFinal || parts.length < 2 || !last ? window.length : last.index;
    yield { start, end: start + consumed, words: keep.filter((part) => part.isWordLike).map((part) => part.segment) };
    start += consumed;
  }
}

function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const part of icu().segment(text)) if (part.isWordLike) words.push(part.segment);
  return words;
}

const icuCache = new Map<string, readonly string[]>();

/** Nouns whose singular ends in "-che": their plural drops only the "s" ("caches" -> "cache"). */
const cheNouns = new Set(['cache', 'niche', 'avalanche', 'headache', 'moustache']);

/** Light English stemming: plural forms only ("caches" -> "cache", "queries" -> "query"); keeps "loss", "bias". */
export function stemLatin(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (cheNouns.has(word.slice(0, -1))) return word.slice(0, -1);
  if (/(?:sses|xes|zes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is|as|os)$/.test(word)) return word.slice(0, -1);
  return word;
}
