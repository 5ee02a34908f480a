import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '/work/main/node_modules/yaml/dist/index.js';
import { createApp } from '/work/main/src/app.ts';
import { loadConfig } from '/work/main/src/config/config.ts';
const dir = '/work/main/bank/outline';
const qs = readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort().flatMap((n) => { const f = parse(readFileSync(join(dir, n), 'utf8')); return f.questions.map((e: any) => ({ ch: f.outline, q: e.q, ids: e.ids })); });
const app = createApp(await loadConfig({ env: { MIANBA_HOME: process.env.OH ?? mkdtempSync(join(tmpdir(), 'o-')) } }));
const canon = new Map(app.bank().questions.flatMap((i) => [[i.id, i.id] as const, ...i.aliasIds.map((a) => [a, i.id] as const)]));
let ok = 0; const misses: string[] = []; let top5 = 0;
for (const e of qs) {
  const r = await app.ask({ question: e.q, kb: 'builtin', length: 'brief', useLlm: false });
  const c = r.citations[0]; const hit = c ? r.search.hits.find((h) => h.path === c.path && h.line === c.line) : undefined;
  const id = hit?.questionId ? canon.get(hit.questionId) : undefined; const want = e.ids.map((m: string) => canon.get(m) ?? m);
  const rank = r.search.hits.findIndex((h) => h.questionId && want.includes(canon.get(h.questionId))) + 1;
  if (rank >= 1 && rank <= 5) top5++;
  if (!r.refused && id && want.includes(id)) ok++; else misses.push(`${e.ch}\t${rank}\t${r.refused ? 'REFUSED' : id}\t${want.join(',')}\t${e.q}`);
}
console.log(`first ${ok}/${qs.length} = ${(ok / qs.length).toFixed(3)}, in top5 ${top5}`);
(await import('node:fs')).writeFileSync('/tmp/omiss.tsv', misses.join('\n'));
