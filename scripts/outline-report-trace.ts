// Why a query cites what it cites: runs the offline `ask --kb builtin` for each argument and prints the top candidates
// with their evidence features (similarity, coverage of question / text, glossary terms, intent, lead) and the id
// cited first. Uses the compiled dist/ (run `npm run build` first) and the current MIANBA_HOME (use a temp dir).
// Usage: npx tsx scripts/outline-report-trace.ts "什么是 RAG?" ["…"]
import { createApp } from '../dist/app.js';
import { loadConfig } from '../dist/config/config.js';

const app = createApp(await loadConfig({ env: process.env }));
const fixed = (value: number | undefined) => (value === undefined ? '  -  ' : value.toFixed(3));
for (const question of process.argv.slice(2)) {
  const result = await app.ask({ question, kb: 'builtin', length: 'brief', useLlm: false });
  const first = result.citations[0];
  console.log(`\n${question}\n  cited [1]: ${first?.questionId ?? (result.refused ? 'refused' : 'none')}  tokens: ${result.search.query.tokens.join(' ')}`);
  const idf = result.search.query.tokens.map((token) => `${token}:${(result.search.query.idf.get(token) ?? 0).toFixed(1)}`);
  console.log(`  idf: ${idf.join(' ')}`);
  const rows = [...result.search.trace].sort((a, b) => (a.finalRank ?? 99) - (b.finalRank ?? 99) || (b.rerankScore ?? 0) - (a.rerankScore ?? 0));
  for (const entry of rows.slice(0, 8)) {
    const f = entry.features;
    console.log(
      `  #${entry.finalRank ?? '-'} rr ${fixed(entry.rerankScore)} ev ${fixed(f.evidence)} sim ${fixed(f.questionSimilarity)} qc ${fixed(f.questionCoverage)} tc ${fixed(f.textCoverage)} gl ${fixed(f.termCoverage)} in ${f.intent} ld ${f.lead} ${entry.questionId} | ${entry.label.slice(0, 50)}`,
    );
  }
}
app.close();
