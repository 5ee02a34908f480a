// Glossary index: every form of a term (English, abbreviation, Chinese variants, aliases) points to the term, so
// queries can be expanded zh <-> en <-> abbreviation and the segmenter learns the Chinese forms. Pure.
import type { Tokenize } from './tokenize.js';

export interface GlossaryEntry {
  en: string;
  abbr: string[];
  zh: string[];
  aliases: string[];
}

export interface GlossaryIndex {
  entries: readonly GlossaryEntry[];
  /** Normalised form -> entry indices. */
  byForm: ReadonlyMap<string, number[]>;
  /** Forms sorted longest first, for phrase matching in normalised text. */
  forms: readonly string[];
}

export function formsOf(entry: GlossaryEntry): string[] {
  return [entry.en, ...entry.abbr, ...entry.zh, ...entry.aliases];
}

export function createGlossaryIndex(entries: readonly GlossaryEntry[], normalize: (text: string) => string): GlossaryIndex {
  const byForm = new Map<string, number[]>();
  entries.forEach((entry, index) => {
    for (const form of formsOf(entry)) {
      const key = normalizeForm(normalize(form));
      if (key.length < 2) continue;
      const list = byForm.get(key) ?? [];
      if (!list.includes(index)) list.push(index);
      byForm.set(key, list);
    }
  });
  const forms = [...byForm.keys()].sort((a, b) => b.length - a.length);
  return { entries, byForm, forms };
}

/** Collapses separators so "KV-cache", "kv cache" and "kvcache" are one form. */
export function normalizeForm(text: string): string {
  return text.replace(/[\s\-_/·.]+/g, '');
}

/** Glossary entries mentioned in normalised text (whole Latin words only; Chinese forms anywhere). */
export function findTerms(normalized: string, glossary: GlossaryIndex): number[] {
  const compact = normalizeForm(normalized);
  const found = new Set<number>();
  for (const form of glossary.forms) {
    const at = compact.indexOf(form);
    if (at === -1) continue;
    if (/^[a-z0-9]/.test(form)) {
      const before = compact[at - 1];
      const after = compact[at + form.length];
      const latinBoundary = (char: string | undefined) => char === undefined || !/[a-z0-9]/.test(char);
      if (!latinBoundary(before) || !latinBoundary(after)) {
        if (!wordBoundedInOriginal(normalized, form)) continue;
      }
    }
    for (const index of glossary.byForm.get(form) ?? []) found.add(index);
  }
  return [...found];
}

function wordBoundedInOriginal(normalized: string, form: string): boolean {
  const words = normalized.split(/[^a-z0-9]+/).filter(Boolean);
  for (let start = 0; start < words.length; start++) {
    let joined = '';
    for (let end = start; end < words.length && joined.length < form.length; end++) {
      joined += words[end];
      if (joined === form) return true;
    }
  }
  return false;
}

/** Tokens of every form of the given entries (the expansion of a query). */
export function expansionTokens(indices: number[], glossary: GlossaryIndex, tokenize: Tokenize): string[] {
  const tokens = new Set<string>();
  for (const index of indices) {
    const entry = glossary.entries[index];
    if (!entry) continue;
    for (const form of formsOf(entry)) for (const token of tokenize(form)) tokens.add(token);
  }
  return [...tokens];
}
