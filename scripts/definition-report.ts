// Bare definition queries ("什么是 X?", "What is X?") over the built-in bank: is the first hit the item about X itself?
// Labels: test/fixtures/eval/definition-set.jsonl (hand-picked, one defining item per name; half = tuning / held-out,
// alternating by name; RoPE, the case found in use, is in the tuning half). Report both halves.
// Usage: npm run build && MIANBA_HOME=$(mktemp -d) npx tsx scripts/definition-report.ts
import { readFileSync } from 'node:fs';
import { createApp } from '../dist/app.js';
import { loadConfig } from '../dist/config/config.js';

type Row = { query: string; relevant: string[]; half: 'tuning' | 'held-out' };
const rows = readFileSync('test/fixtures/eval/definition-set.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Row);
const app = createApp(await loadConfig({ env: process.env }));
const halves = new Map<string, { first: number; top3: number; total: number; misses: string[] }>();
for (const row of rows) {
  const half = halves.get(row.half) ?? { first: 0, top3: 0, total: 0, misses: [] };
  halves.set(row.half, half);
  const result = await app.search({ query: row.query, kb: 'builtin', top: 3 });
  const ids = result.hits.map((hit) => hit.questionId ?? '');
  half.total++;
  if (row.relevant.includes(ids[0] ?? '')) half.first++;
  else half.misses.push(`${row.query} -> ${ids[0]} (expected ${row.relevant.join(', ')})`);
  if (ids.some((id) => row.relevant.includes(id))) half.top3++;
}
for (const [label, half] of halves) {
  console.log(`${label}: first ${half.first}/${half.total} = ${(half.first / half.total).toFixed(3)}, top 3 ${(half.top3 / half.total).toFixed(3)}`);
  for (const miss of half.misses) console.log(`  miss ${miss}`);
}
