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
  /** Tokens that occur in the forms of many entries ("模型", "model"): never used for expansion. */
  generic: ReadonlySet<string>;
  /** Every Latin word of every English form and alias (the typo-correction vocabulary). */
  latinWords: ReadonlySet<string>;
}

export function formsOf(entry: GlossaryEntry): string[] {
  return [entry.en, ...entry.abbr, ...entry.zh, ...entry.aliases];
}

export function createGlossaryIndex(
  entries: readonly GlossaryEntry[],
  normalize: (text: string) => string,
  generic: ReadonlySet<string> = new Set(),
): GlossaryIndex {
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
  const sorted = new Map([...byForm.entries()].sort((a, b) => b[0].length - a[0].length));
  const latinWords = new Set<string>();
  for (const entry of entries) {
    for (const form of [entry.en, ...entry.abbr, ...entry.aliases]) {
      for (const word of normalize(form).split(/[^a-z0-9]+/)) if (word.length >= 2) latinWords.add(word);
    }
  }
  return { entries, byForm: sorted, forms: [...sorted.keys()], generic, latinWords };
}

/** Collapses separators so "KV-cache", "kv cache" and "kvcache" are one form. */
export function normalizeForm(text: string): string {
  return text.replace(/[\s\-_/·.]+/g, '');
}

/** Glossary entries mentioned in normalised text (whole Latin words only; Chinese forms anywhere). */
export function findTerms(normalized: string, glossary: GlossaryIndex): number[] {
  const compact = normalizeForm(normalized);
  const trie = trieOf(glossary);
  const found = new Set<number>();
  let words: string[] | undefined;
  // A Latin form met inside a word is checked against the text's whole words once per form, not once per place
  // (the check walks every word: per place it made ingest of English notes quadratic in the unit length).
  const checked = new Map<string, boolean>();
  const wordBounded = (form: string) => {
    let bounded = checked.get(form);
    if (bounded === undefined) {
      words ??= normalized.split(/[^a-z0-9]+/).filter(Boolean);
      bounded = wordBoundedInWords(words, form);
      checked.set(form, bounded);
    }
    return bounded;
  };
  const take = (form: string, entries: number[], start: number, end: number) => {
    if (entries.every((index) => found.has(index))) return;
    if (isLatinCode(form.charCodeAt(0)) && !latinBounded(compact, start, end) && !wordBounded(form)) return;
    for (const index of entries) found.add(index);
  };
  const { starts } = trie;
  for (let start = 0; start < compact.length; start++) {
    // Walked by UTF-16 code unit against keys that are whole code points, as before: a character outside the BMP
    // never matches (no form holds one today).
    const code = compact.charCodeAt(start);
    // Most characters start no form: one table read instead of three Map lookups (a third of ingest's term scan).
    if (starts[code] === 0) continue;
    let node = rootChild(trie, code);
    if (node === 0) {
      // Not worth a subtrie yet: the forms starting here are looked up by length, shortest first (the trie's order).
      for (const length of formLengths(trie, code)) {
        if (start + length > compact.length) break;
        const form = compact.slice(start, start + length);
        const entries = glossary.byForm.get(form);
        if (entries && !/[\uD800-\uDFFF]/.test(form)) take(form, entries, start, start + length);
      }
      continue;
    }
    const { forms, entries } = trie;
    for (let end = start; node !== 0; node = ++end < compact.length ? childOf(trie, node, compact.charCodeAt(end)) : 0) {
      const form = forms[node];
      if (form !== undefined) take(form, entries[node] as number[], start, end + 1);
    }
  }
  return [...found];
}

/**
 * Builds every first character's subtrie now, for a caller about to scan much text (the ingest worker's embedder):
 * ingest meets almost every first character, and the lookups by length before a subtrie is built cost it more than
 * building them all (~25 ms). Findings are the same either way.
 */
export function prepareTermScan(glossary: GlossaryIndex): void {
  const root = trieOf(glossary);
  for (const code of [...root.pending.keys()]) {
    // A form starting outside the BMP is never matched (the scan reads code units), so it needs no subtrie.
    if (code > 0xffff) continue;
    root.uses.set(code, buildAfterUses - 1);
    rootChild(root, code);
  }
}

/**
 * The root of the form trie, built lazily: forms are only grouped by first character up front (one pass), and the
 * subtrie under a first character is built the first time text contains it. A query touches a handful of first
 * characters, so a CLI call no longer builds all ~36k nodes (~25 ms plus GC) to scan one line; ingest, which meets
 * most of them, ends with the same trie as before.
 */
interface TrieRoot {
  /** Per UTF-16 code unit: 1 when some form starts with it (pending or built), 0 otherwise. */
  starts: Uint8Array;
  pending: Map<number, [string, number[]][]>;
  /**
   * Nodes are numbers from 1 (0 is "none"): `built[code]` is the node of a first character whose subtrie is built,
   * `forms`/`entries` what ends at a node, and the edges (node, code point) -> child an open-addressing table in
   * typed arrays. Walking it replaced a Map per node, whose lookups were most of ingest's term scan.
   */
  built: Int32Array;
  forms: (string | undefined)[];
  entries: (number[] | undefined)[];
  edges: { parent: Int32Array; code: Int32Array; child: Int32Array; size: number };
  /** Per first character not built yet: the lengths of its forms (ascending) and how often text met it. */
  lengths: Map<number, number[]>;
  uses: Map<number, number>;
}

/**
 * A first character's subtrie is built on its 64th meeting: until then its forms are looked up by length (a slice
 * and a Map lookup per length). A query meets each character a few times, so a CLI search builds none (the English
 * letters' subtries cost ~10 ms idle, ~40 ms on the loaded bench VM, plus GC); ingest, which meets them thousands of
 * times, switches to the trie after a few units. CHOSEN: 64 lookups by length cost about as much as one subtrie.
 */
const buildAfterUses = 64;

const trieCache = new WeakMap<GlossaryIndex, TrieRoot>();

function trieOf(glossary: GlossaryIndex): TrieRoot {
  const cached = trieCache.get(glossary);
  if (cached) return cached;
  const pending = new Map<number, [string, number[]][]>();
  const starts = new Uint8Array(0x10000);
  for (const [form, entries] of glossary.byForm) {
    const first = form.codePointAt(0);
    if (first === undefined) continue;
    if (first <= 0xffff) starts[first] = 1;
    const group = pending.get(first);
    if (group) group.push([form, entries]);
    else pending.set(first, [[form, entries]]);
  }
  const root: TrieRoot = {
    starts,
    pending,
    built: new Int32Array(0x10000),
    forms: [undefined],
    entries: [undefined],
    edges: emptyEdges(1024),
    lengths: new Map(),
    uses: new Map(),
  };
  trieCache.set(glossary, root);
  return root;
}

/** The node of one code unit at the start of a form (BMP only); 0 when none starts with it or it is not built yet. */
function rootChild(root: TrieRoot, code: number): number {
  const built = root.built[code] ?? 0;
  if (built !== 0) return built;
  const group = root.pending.get(code);
  if (!group) return 0;
  const uses = (root.uses.get(code) ?? 0) + 1;
  root.uses.set(code, uses);
  if (uses < buildAfterUses) return 0;
  root.uses.delete(code);
  root.lengths.delete(code);
  const top = newNode(root);
  for (const [form, entries] of group) {
    let node = top;
    let first = true;
    for (const c of form) {
      if (first) {
        first = false;
        continue;
      }
      const key = c.codePointAt(0) as number;
      let next = childOf(root, node, key);
      if (next === 0) {
        next = newNode(root);
        addEdge(root, node, key, next);
      }
      node = next;
    }
    root.forms[node] = form;
    root.entries[node] = entries;
  }
  root.built[code] = top;
  root.pending.delete(code);
  return top;
}

function newNode(root: TrieRoot): number {
  root.forms.push(undefined);
  root.entries.push(undefined);
  return root.forms.length - 1;
}

function emptyEdges(capacity: number): TrieRoot['edges'] {
  return { parent: new Int32Array(capacity), code: new Int32Array(capacity), child: new Int32Array(capacity), size: 0 };
}

/** Slot of an edge: parent and code point mixed (Knuth's multiplicative hash), linear probing; capacity a power of 2. */
function edgeSlot(parent: number, code: number, mask: number): number {
  return (Math.imul(parent, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b)) & mask;
}

/** The child of `parent` by one code point (or code unit while scanning); 0 when there is none. */
function childOf(root: TrieRoot, parent: number, code: number): number {
  const { edges } = root;
  const mask = edges.child.length - 1;
  for (let slot = edgeSlot(parent, code, mask); ; slot = (slot + 1) & mask) {
    const child = edges.child[slot] as number;
    if (child === 0 || (edges.parent[slot] === parent && edges.code[slot] === code)) return child;
  }
}

function addEdge(root: TrieRoot, parent: number, code: number, child: number): void {
  if ((root.edges.size + 1) * 2 > root.edges.child.length) {
    // Kept at most half full (probes stay short): re-insert every edge into a table twice the size.
    const old = root.edges;
    root.edges = emptyEdges(old.child.length * 2);
    for (let slot = 0; slot < old.child.length; slot++) {
      if (old.child[slot] !== 0) insertEdge(root.edges, old.parent[slot] as number, old.code[slot] as number, old.child[slot] as number);
    }
  }
  insertEdge(root.edges, parent, code, child);
}

function insertEdge(edges: TrieRoot['edges'], parent: number, code: number, child: number): void {
  const mask = edges.child.length - 1;
  let slot = edgeSlot(parent, code, mask);
  while (edges.child[slot] !== 0) slot = (slot + 1) & mask;
  edges.parent[slot] = parent;
  edges.code[slot] = code;
  edges.child[slot] = child;
  edges.size++;
}

/**
 * Lengths (UTF-16 units, ascending) of the forms starting with one character, for lookup without the subtrie. A form
 * holding a character outside the BMP is left out: the trie, walked by code unit, never matches it either.
 */
function formLengths(root: TrieRoot, code: number): number[] {
  let lengths = root.lengths.get(code);
  if (!lengths) {
    const group = root.pending.get(code);
    if (!group) return [];
    lengths = [...new Set(group.filter(([form]) => !/[\uD800-\uDFFF]/.test(form)).map(([form]) => form.length))].sort((a, b) => a - b);
    root.lengths.set(code, lengths);
  }
  return lengths;
}

/** An ASCII letter or digit (NaN, past either end of the text, is not). */
function isLatinCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

function latinBounded(text: string, start: number, end: number): boolean {
  return !isLatinCode(text.charCodeAt(start - 1)) && !isLatinCode(text.charCodeAt(end));
}

/** True when consecutive whole words join to the form ("kv" + "cache" = "kvcache"). */
function wordBoundedInWords(words: string[], form: string): boolean {
  for (let start = 0; start < words.length; start++) {
    let joined = '';
    for (let end = start; end < words.length && joined.length < form.length; end++) {
      joined += words[end];
      if (joined === form) return true;
    }
  }
  return false;
}

/**
 * Tokens of every form of the given entries (the expansion of a query), without single Han characters and without
 * generic tokens that occur in the forms of many entries ("模型", "model"), which would match everything.
 */
export function expansionTokens(indices: number[], glossary: GlossaryIndex, tokenize: Tokenize): string[] {
  const { generic } = glossary;
  const tokens = new Set<string>();
  for (const index of indices) {
    const entry = glossary.entries[index];
    if (!entry) continue;
    for (const form of formsOf(entry)) {
      for (const token of tokenize(form)) if (!generic.has(token) && !/^\p{Script=Han}$/u.test(token)) tokens.add(token);
    }
  }
  return [...tokens];
}

/** Tokens that appear in the forms of more than three glossary entries. */
export function genericTokens(entries: readonly GlossaryEntry[], tokenize: Tokenize): Set<string> {
  const entriesPerToken = new Map<string, number>();
  for (const entry of entries) {
    const seen = new Set(formsOf(entry).flatMap((form) => tokenize(form)));
    for (const token of seen) entriesPerToken.set(token, (entriesPerToken.get(token) ?? 0) + 1);
  }
  return new Set([...entriesPerToken].filter(([, count]) => count > 3).map(([token]) => token));
}
