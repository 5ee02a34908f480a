// Which Chinese segmenter should index and query use? The same SQLite FTS5 BM25 over the built-in bank, fed by
// (a) ICU Intl.Segmenter alone, (b) jieba (cut for search, its own dictionary), (c) jieba with our domain terms added,
// (d) mianba's tokenizer (domain terms first, ICU for the rest), judged on the labelled set's answerable bank
// queries; plus each segmenter's start-up cost. Run: npx tsx bench/segmenter-choice.ts
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { readBank } from '../src/bank/bank-data.js';
import { readEvalSet } from '../src/eval/eval-set.js';
import { hitAtK, mean, reciprocalRankAtK } from '../src/eval/metrics.js';
import { normalizeText } from '../src/text/normalize.js';
import { isStopword } from '../src/text/stopwords.js';
import { createTextTools, prepareTextData } from '../src/text/text-tools.js';

const require = createRequire(import.meta.url);
const { bank } = readBank();
const lines = readEvalSet('test/fixtures/eval/retrieval-set.jsonl').filter(
  (line) => line.relevant.length > 0 && line.relevant.every((id) => !id.includes('/')),
);
const icu = new Intl.Segmenter('zh', { granularity: 'word' });
const words = (text: string) => (normalizeText(text).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');

let started = performance.now();
const { Jieba } = require('@node-rs/jieba') as {
  Jieba: { withDict(dict: Uint8Array): { cutForSearch(text: string, hmm: boolean): string[]; loadDict(dict: Uint8Array): void } };
};
const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
const jieba = Jieba.withDict(dict);
const jiebaStartMs = performance.now() - started;
const jiebaDomain = Jieba.withDict(dict);
const domainTerms = prepareTextData(bank.glossary).dictionaryTerms.filter((term) => /^\p{Script=Han}{2,}$/u.test(term));
jiebaDomain.loadDict(Buffer.from(domainTerms.map((term) => `${term} 100000 n`).join('\n')));
started = performance.now();
const tools = createTextTools(bank.glossary);
const mianbaStartMs = performance.now() - started;

const clean = (tokens: string[]) =>
  tokens.map((token) => token.trim().toLowerCase()).filter((token) => token && /[\p{L}\p{N}]/u.test(token) && !isStopword(token));
const segmenters: Record<string, (text: string) => string[]> = {
  'ICU Intl.Segmenter': (text) => clean([...icu.segment(words(text))].filter((part) => part.isWordLike).map((part) => part.segment)),
  'jieba cut_for_search': (text) => clean(jieba.cutForSearch(words(text), true)),
  'jieba + domain terms': (text) => clean(jiebaDomain.cutForSearch(words(text), true)),
  'mianba (domain terms + ICU)': (text) => tools.tokenize(text),
};

const rows: string[] = [];
for (const [name, segment] of Object.entries(segmenters)) {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, question, answer, tokenize='unicode61 remove_diacritics 0')");
  const insert = db.prepare('INSERT INTO fts (id, question, answer) VALUES (?, ?, ?)');
  const indexStarted = performance.now();
  for (const question of bank.questions) {
    insert.run(
      question.id,
      segment(`${question.question.zh} ${question.question.en}`).join(' '),
      segment(`${question.answer.zh} ${question.answer.en}`).join(' '),
    );
  }
  const indexMs = performance.now() - indexStarted;
  const search = db.prepare('SELECT id FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 0, 4, 1) LIMIT 10');
  const flags = lines.map((line) => {
    const tokens = [...new Set(segment(line.query))];
    if (tokens.length === 0) return [];
    const ids = (search.all(tokens.map((token) => `"${token.replaceAll('"', '""')}"`).join(' OR ')) as { id: string }[]).map((row) => row.id);
    return ids.map((id) => line.relevant.includes(id));
  });
  rows.push(
    `| ${name} | ${mean(flags.map((f) => hitAtK(f, 5))).toFixed(3)} | ${mean(flags.map((f) => reciprocalRankAtK(f, 10))).toFixed(3)} | ${indexMs.toFixed(0)} ms |`,
  );
  db.close();
}
console.log(
  `${lines.length} answerable bank queries; start-up: jieba dictionary ${jiebaStartMs.toFixed(0)} ms, mianba text tools ${mianbaStartMs.toFixed(0)} ms\n`,
);
console.log('| segmenter (same FTS5 BM25) | Hit@5 | MRR@10 | index time |\n| --- | --- | --- | --- |');
console.log(rows.join('\n'));
