// Bare definition queries ("什么是 X?", "What is X?") over the built-in bank: is the first hit the item about X itself?
// Labels: test/fixtures/eval/definition-set.jsonl (hand-picked, one defining item per name; half = tuning / held-out,
// alternating by name; RoPE, the case found in use, is in the tuning half). Report both halves.
// Usage: npm run build && MIANBA_HOME=$(mktemp -d) npx tsx scripts/definition-report.ts
import { createApp } from '../dist/app.js';
import { loadConfig } from '../dist/config/config.js';
import { readDefinitionSet, scoreByHalf } from '../dist/eval/definition-set.js';

const app = createApp(await loadConfig({ env: process.env }));
const rows = readDefinitionSet('test/fixtures/eval/definition-set.jsonl');
const halves = await scoreByHalf(rows, async (query) => (await app.search({ query, kb: 'builtin', top: 3 })).hits.map((hit) => hit.questionId));
for (const [label, half] of halves) {
  console.log(`${label}: first ${half.first}/${half.total} = ${(half.first / half.total).toFixed(3)}, top 3 ${(half.within / half.total).toFixed(3)}`);
  for (const miss of half.misses) console.log(`  miss ${miss}`);
}
