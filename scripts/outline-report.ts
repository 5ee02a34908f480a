// Asks every question of the outline map (bank/outline/*.yaml) against the built-in knowledge base, offline, in one
// process, and reports how often citation [1] is a mapped id and how often the answer is in the question's language.
// Usage: npm run build && npx tsx scripts/outline-report.ts [--chapters 1-15] [--json]. Measures only; changes nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { defaultBankDir } from '../src/bank/bank-data.js';
import { loadOutlineMap } from '../src/bank/outline-map.js';
import { loadConfig } from '../src/config/config.js';
import { languageOf } from '../src/practice/text-units.js';

interface Miss {
  outline: number;
  question: string;
  expected: string[];
  cited: string | null;
}

const args = process.argv.slice(2);
const range = chapterRange(args[args.indexOf('--chapters') + 1] ?? '1-31', args.includes('--chapters'));
const home = mkdtempSync(join(tmpdir(), 'mianba-outline-report-'));
const app = createApp(await loadConfig({ env: { MIANBA_HOME: home }, flags: {} }));
try {
  const bank = app.bank();
  const canonical = new Map(bank.questions.flatMap((question) => [question.id, ...question.aliasIds].map((id) => [id, question.id] as const)));
  const chapters = loadOutlineMap(defaultBankDir, bank).filter((chapter) => chapter.outline >= range[0] && chapter.outline <= range[1]);
  const misses: Miss[] = [];
  const perChapter: { outline: number; questions: number; cited: number }[] = [];
  let total = 0;
  let citedRight = 0;
  let sameLanguage = 0;
  for (const chapter of chapters) {
    let cited = 0;
    for (const question of chapter.questions) {
      total++;
      const result = await app.ask({ question: question.q, kb: 'builtin', useLlm: false });
      const first = result.citations[0];
      const hit = first ? result.search.hits.find((candidate) => candidate.path === first.path && candidate.line === first.line) : undefined;
      const citedId = hit?.questionId ?? null;
      const expected = question.ids.map((id) => canonical.get(id) ?? id);
      if (citedId !== null && expected.includes(citedId)) {
        citedRight++;
        cited++;
      } else misses.push({ outline: chapter.outline, question: question.q, expected, cited: citedId });
      if (!result.refused && languageOf(result.answer) === languageOf(question.q)) sameLanguage++;
    }
    perChapter.push({ outline: chapter.outline, questions: chapter.questions.length, cited });
  }
  const share = (count: number) => (total === 0 ? 0 : Math.round((1000 * count) / total) / 10);
  const report = { questions: total, citedMappedFirst: share(citedRight), answeredInQuestionLanguage: share(sameLanguage), perChapter, misses };
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    process.stdout.write(`outline questions: ${total} (chapters ${range[0]}-${range[1]})\n`);
    process.stdout.write(`citation [1] is a mapped id: ${report.citedMappedFirst}% (${citedRight}/${total})\n`);
    process.stdout.write(`answered in the question's language: ${report.answeredInQuestionLanguage}% (${sameLanguage}/${total})\n`);
    for (const row of perChapter) process.stdout.write(`  chapter ${String(row.outline).padStart(2)}: ${row.cited}/${row.questions}\n`);
    process.stdout.write(`misses (${misses.length}):\n`);
    for (const miss of misses)
      process.stdout.write(`  [${miss.outline}] ${miss.question}\n      expected ${miss.expected.join(', ')}; cited ${miss.cited ?? '(none)'}\n`);
  }
} finally {
  app.close();
  rmSync(home, { recursive: true, force: true });
}

function chapterRange(text: string, given: boolean): [number, number] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!given || !match) return [1, 31];
  const from = Number(match[1]);
  return [from, Number(match[2] ?? from)];
}
