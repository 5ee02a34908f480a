// Coverage report of the interview outline against the built-in bank: for every question in bank/outline/*.yaml it runs
// the offline `ask` (extractive, no LLM) on the built-in KB and checks that citation [1] is one of the mapped ids and
// that the answer is in the question's language. Uses the compiled dist/ (run `npm run build` first) and the current
// MIANBA_HOME (use a temp dir). Figures are also given per half: odd-numbered chapters (the tuning half of
// src/retrieve/tuning.ts) and even-numbered ones (held out). Usage: npx tsx scripts/outline-report-b.ts [--from N] [--to N]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createApp } from '../dist/app.js';
import { loadConfig } from '../dist/config/config.js';

type OutlineFile = { outline: number; questions: { q: string; ids: string[] }[] };

const flag = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const from = flag('--from', 1);
const to = flag('--to', 31);
const cjk = /[\u3400-\u9fff]/g;
const latinWord = /[A-Za-z]+/g;
const isChinese = (text: string) => (text.match(cjk)?.length ?? 0) >= (text.match(latinWord)?.length ?? 0) / 2;

const app = createApp(await loadConfig({ env: process.env }));
const bank = app.bank();
const idAt = new Map(bank.questions.map((question) => [`${question.file}:${question.line}`, question.id]));
const known = new Set(bank.questions.flatMap((question) => [question.id, ...(question.aliasIds ?? [])]));

const dir = 'bank/outline';
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => parse(readFileSync(join(dir, name), 'utf8')) as OutlineFile)
  .filter((file) => file.outline >= from && file.outline <= to);

const halves = { odd: { total: 0, cited: 0 }, even: { total: 0, cited: 0 } };
let total = 0;
let cited = 0;
let sameLanguage = 0;
// Search order alone (hit #1 of the reranked list), beside what the answer cites first.
let rankedFirst = 0;
const misses: string[] = [];
const unknown: string[] = [];
for (const file of files) {
  for (const entry of file.questions) {
    for (const id of entry.ids) if (!known.has(id)) unknown.push(`${file.outline} ${id}`);
    const result = await app.ask({ question: entry.q, kb: 'builtin', useLlm: false });
    const first = result.citations[0];
    const firstId = first ? idAt.get(`${first.path}:${first.line}`) : undefined;
    const top = result.search.hits[0];
    const topId = top ? idAt.get(`${top.path}:${top.line}`) : undefined;
    if (topId && entry.ids.includes(topId)) rankedFirst += 1;
    total += 1;
    const half = halves[file.outline % 2 === 1 ? 'odd' : 'even'];
    half.total += 1;
    if (firstId && entry.ids.includes(firstId)) {
      cited += 1;
      half.cited += 1;
    } else
      misses.push(
        `${String(file.outline).padStart(2, '0')} ${entry.q} -> ${firstId ?? (result.refused ? 'refused' : 'none')}${topId !== firstId ? ` [search #1 ${topId}]` : ''} (want ${entry.ids.join(', ')})`,
      );
    if (!result.refused && isChinese(result.answer) === isChinese(entry.q)) sameLanguage += 1;
  }
}
app.close();

const percent = (count: number) => `${((100 * count) / Math.max(total, 1)).toFixed(1)}%`;
console.log(`outline chapters ${from}-${to}: ${total} questions`);
console.log(`citation [1] is a mapped id: ${cited}/${total} (${percent(cited)})`);
for (const [name, half] of Object.entries(halves))
  console.log(
    `  ${name === 'odd' ? 'odd chapters (tuning)' : 'even chapters (held out)'}: ${half.cited}/${half.total} (${((100 * half.cited) / Math.max(half.total, 1)).toFixed(1)}%)`,
  );
console.log(`search hit #1 is a mapped id: ${rankedFirst}/${total} (${percent(rankedFirst)})`);
console.log(`answered in the question's language: ${sameLanguage}/${total} (${percent(sameLanguage)})`);
if (unknown.length) console.log(`unknown ids:\n  ${unknown.join('\n  ')}`);
console.log(`misses (${misses.length}):\n  ${misses.join('\n  ')}`);
