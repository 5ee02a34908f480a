// Learns an English -> Chinese word lexicon from the bilingual bank (questions, answers, briefs and key points are
// aligned zh/en pairs, all our own text) with IBM Model 1 (EM over word-translation probabilities, a NULL word on the
// English side), and writes bank/lexicon.tsv: one English token per line with its Chinese tokens and probabilities.
// Run after bank changes: `npx tsx scripts/build-lexicon.ts`; review the diff like any data change.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultBankDir, readBankIndex } from '../src/bank/bank-data.js';
import { loadBank } from '../src/bank/load-bank.js';
import { createTextTools } from '../src/text/text-tools.js';

const bank = loadBank(defaultBankDir);
const index = readBankIndex();
const { tokenize, glossary } = createTextTools(index.glossary, index.text);
const latin = /^[a-z][a-z-]*$/;
const han = /^\p{Script=Han}{2,}$/u;
const pairs: { en: string[]; zh: string[] }[] = [];
const add = (en: string, zh: string) => {
  const enTokens = tokenize(en).filter((token) => latin.test(token) && token.length >= 3);
  const zhTokens = tokenize(zh).filter((token) => han.test(token));
  if (enTokens.length > 0 && zhTokens.length > 0) pairs.push({ en: enTokens, zh: zhTokens });
};
for (const question of bank.questions) {
  add(question.question.en, question.question.zh);
  if (question.brief) add(question.brief.en, question.brief.zh);
  for (const point of question.keyPoints) add(point.en, point.zh);
  for (const misconception of question.misconceptions) add(misconception.claim.en, misconception.claim.zh);
  // Answers: paragraph by paragraph when both languages have the same number of paragraphs, else whole.
  const zhParts = question.answer.zh.split(/\n\s*\n/);
  const enParts = question.answer.en.split(/\n\s*\n/);
  if (zhParts.length === enParts.length) {
    zhParts.forEach((part, i) => {
      add(enParts[i] ?? '', part);
    });
  } else add(question.answer.en, question.answer.zh);
}

const NULL = '<null>';
// t[e][f] = p(f | e), initialised uniformly over co-occurring pairs.
const t = new Map<string, Map<string, number>>();
const documents = new Map<string, number>();
for (const pair of pairs) {
  for (const e of new Set([...pair.en, NULL])) {
    documents.set(e, (documents.get(e) ?? 0) + 1);
    const row = t.get(e) ?? new Map<string, number>();
    t.set(e, row);
    for (const f of pair.zh) row.set(f, 1);
  }
}
for (const row of t.values()) for (const f of row.keys()) row.set(f, 1 / row.size);
for (let iteration = 0; iteration < 8; iteration++) {
  const counts = new Map<string, Map<string, number>>();
  for (const pair of pairs) {
    const es = [...pair.en, NULL];
    for (const f of pair.zh) {
      let total = 0;
      for (const e of es) total += t.get(e)?.get(f) ?? 0;
      if (total === 0) continue;
      for (const e of es) {
        const share = (t.get(e)?.get(f) ?? 0) / total;
        const row = counts.get(e) ?? new Map<string, number>();
        counts.set(e, row);
        row.set(f, (row.get(f) ?? 0) + share);
      }
    }
  }
  for (const [e, row] of counts) {
    let sum = 0;
    for (const value of row.values()) sum += value;
    t.set(e, new Map([...row].map(([f, value]) => [f, value / sum])));
  }
}

/** Kept: English words seen in >= 2 pairs, translations with p >= 0.08, at most 4, Chinese side >= 2 Han chars. */
const glossaryWords = glossary.latinWords;
const lines: string[] = [];
for (const [e, row] of [...t].sort(([a], [b]) => a.localeCompare(b))) {
  if (e === NULL || (documents.get(e) ?? 0) < 2) continue;
  const best = [...row]
    .filter(([, p]) => p >= 0.08)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4);
  if (best.length === 0) continue;
  lines.push(`${e}\t${best.map(([f, p]) => `${f}:${p.toFixed(2)}`).join(' ')}${glossaryWords.has(e) ? '\tglossary' : ''}`);
}
writeFileSync(
  join(defaultBankDir, 'lexicon.tsv'),
  `# English token -> Chinese tokens with p(zh|en), learned by scripts/build-lexicon.ts (IBM Model 1 over the bank's zh/en pairs).\n${lines.join('\n')}\n`,
);
console.log(`${pairs.length} aligned pairs, ${lines.length} English tokens written to bank/lexicon.tsv`);
