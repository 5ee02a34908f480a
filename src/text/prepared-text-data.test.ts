// The start-up shortcuts must not change a single token or glossary match: text tools made from the build-time data
// (JSON round-tripped, as dist/bank-index.json holds it) agree with tools computed from the glossary, and the lazily
// built glossary trie finds exactly what the eager trie it replaced found, on the bank and on the test notes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBank } from '../bank/bank-data.js';
import { findTerms, type GlossaryIndex, normalizeForm, prepareTermScan } from './glossary.js';
import { normalizeText } from './normalize.js';
import { createTextTools, type PreparedTextData, prepareTextData } from './text-tools.js';

const bank = readBank().bank;
const preparedData = JSON.parse(JSON.stringify(prepareTextData(bank.glossary))) as PreparedTextData;
const fromBuild = createTextTools(bank.glossary, preparedData);
const computed = createTextTools(bank.glossary);

function notesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return notesUnder(path);
    return /\.(md|txt)$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

const texts = [
  ...bank.questions.flatMap((question) => [question.question.zh, question.question.en, question.answer.zh, question.answer.en]),
  ...notesUnder(join(import.meta.dirname, '..', '..', 'test', 'fixtures')),
];

describe('text tools from build-time data', () => {
  it('hold the same glossary forms, in the same order, naming the same entries', () => {
    expect(typeof preparedData.forms).toBe('string');
    expect(fromBuild.glossary.forms).toEqual(computed.glossary.forms);
    expect([...fromBuild.glossary.byForm]).toEqual([...computed.glossary.byForm]);
    expect(fromBuild.glossary.byForm.size).toBeGreaterThan(3000);
  });

  it('tokenize every bank question and test note exactly as tools computed from the glossary', () => {
    expect(texts.length).toBeGreaterThan(500);
    for (const text of texts) expect(fromBuild.tokenize(text)).toEqual(computed.tokenize(text));
  });

  it('find the same glossary terms as the eager trie, on the corpus and on random mixes of forms', () => {
    const forms = [...computed.glossary.byForm.keys()];
    for (const text of texts) {
      const normalized = normalizeText(text);
      expect(findTerms(normalized, fromBuild.glossary)).toEqual(eagerFindTerms(normalized, computed.glossary));
    }
    const piece = fc.oneof(fc.constantFrom(...forms), fc.constantFrom(' ', '的', 'x', '-', '缓存', 'kv'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const normalized = normalizeText(pieces.join(''));
        expect(findTerms(normalized, fromBuild.glossary)).toEqual(eagerFindTerms(normalized, computed.glossary));
      }),
    );
  });

  it('find the same terms in the same order before any subtrie is built (forms looked up by length, as a query does)', () => {
    const queries = [
      'why do we divide attention scores by the square root of the key dimension',
      'KV cache 为什么能加速推理? 和 PagedAttention 有什么关系',
      ...bank.questions.slice(0, 40).flatMap((question) => [question.question.zh, question.question.en]),
    ];
    for (const query of queries) {
      // A fresh index per query: every first character is met for the first time.
      const fresh = createTextTools(bank.glossary, preparedData);
      const normalized = normalizeText(query);
      expect(findTerms(normalized, fresh.glossary)).toEqual(eagerFindTerms(normalized, computed.glossary));
    }
    // With every subtrie built up front (the ingest worker's embedder), the same findings.
    const warmed = createTextTools(bank.glossary, preparedData);
    prepareTermScan(warmed.glossary);
    for (const text of [...queries, ...texts.slice(0, 300)]) {
      const normalized = normalizeText(text);
      expect(findTerms(normalized, warmed.glossary)).toEqual(eagerFindTerms(normalized, computed.glossary));
    }
    // Not vacuous: the lookup finds terms (KV cache, PagedAttention) on a fresh index.
    expect(findTerms(normalizeText('KV cache 和 PagedAttention'), createTextTools(bank.glossary, preparedData).glossary).length).toBeGreaterThan(1);
  });
});

// The previous implementation, kept verbatim as the oracle: a character trie of every form, built up front.
interface TrieNode {
  children: Map<string, TrieNode>;
  form: string | undefined;
  entries: number[];
}

const eagerTries = new WeakMap<GlossaryIndex, TrieNode>();

function eagerTrie(glossary: GlossaryIndex): TrieNode {
  const cached = eagerTries.get(glossary);
  if (cached) return cached;
  const trie: TrieNode = { children: new Map(), form: undefined, entries: [] };
  for (const [form, entries] of glossary.byForm) {
    let node = trie;
    for (const char of form) {
      let next = node.children.get(char);
      if (!next) {
        next = { children: new Map(), form: undefined, entries: [] };
        node.children.set(char, next);
      }
      node = next;
    }
    node.form = form;
    node.entries = entries;
  }
  eagerTries.set(glossary, trie);
  return trie;
}

function eagerFindTerms(normalized: string, glossary: GlossaryIndex): number[] {
  const compact = normalizeForm(normalized);
  const trie = eagerTrie(glossary);
  const found = new Set<number>();
  const words = normalized.split(/[^a-z0-9]+/).filter(Boolean);
  const isLatin = (char: string | undefined) => char !== undefined && /[a-z0-9]/.test(char);
  const wordBounded = (form: string) => {
    for (let start = 0; start < words.length; start++) {
      let joined = '';
      for (let end = start; end < words.length && joined.length < form.length; end++) {
        joined += words[end];
        if (joined === form) return true;
      }
    }
    return false;
  };
  for (let start = 0; start < compact.length; start++) {
    let node: TrieNode | undefined = trie;
    for (let end = start; end < compact.length; end++) {
      node = node.children.get(compact[end] as string);
      if (!node) break;
      if (node.form === undefined || node.entries.every((index) => found.has(index))) continue;
      const form = node.form;
      const bounded = !isLatin(compact[start - 1]) && !isLatin(compact[end + 1]);
      if (/^[a-z0-9]/.test(form) && !bounded && !wordBounded(form)) continue;
      for (const index of node.entries) found.add(index);
    }
  }
  return [...found];
}
