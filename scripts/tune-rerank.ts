// Grid search of the built-in reranker's feature weights on a labelled set (uses the compiled dist/ and the current
// MIANBA_HOME). Prints the best weightings by MRR@10 and Hit@5; apply them by hand in src/retrieve/evidence.ts and
// feature-reranker.ts, and keep an eye on overfitting: the set is ours.
import { createApp } from '../dist/app.js';
import { loadConfig } from '../dist/config/config.js';
import { isRelevantHit, readEvalSet } from '../dist/eval/eval-set.js';

const set = process.argv[2] ?? 'test/fixtures/eval/retrieval-set.jsonl';
const app = createApp(await loadConfig({ env: process.env }));
const lines = readEvalSet(set).filter((line) => line.relevant.length > 0);
const rows: { relevant: boolean[]; features: number[][]; fused: number[]; unanswered: boolean[] }[] = [];
for (const line of lines) {
  const result = await app.search({ query: line.query, top: 10 });
  const trace = result.trace;
  const maxFused = Math.max(...trace.map((entry) => entry.fusedScore));
  rows.push({
    relevant: trace.map((entry) => isRelevantHit({ questionId: entry.questionId, path: entry.path, sources: [] }, line.relevant)),
    features: trace.map((entry) => [
      entry.features.questionSimilarity,
      entry.features.questionCoverage,
      entry.features.textCoverage,
      entry.features.termCoverage,
    ]),
    fused: trace.map((entry) => entry.fusedScore / maxFused),
    unanswered: trace.map(() => false),
  });
}
const grid = [0, 0.1, 0.2, 0.3, 0.4];
const results: { weights: number[]; blend: number; mrr: number; hit5: number }[] = [];
for (const a of grid)
  for (const b of grid)
    for (const c of grid)
      for (const d of grid) {
        const sum = a + b + c + d;
        if (sum === 0) continue;
        for (const blend of [0, 0.1, 0.15, 0.25, 0.35, 0.5]) {
          let mrr = 0;
          let hit5 = 0;
          for (const row of rows) {
            const scores = row.features.map(
              (f, index) => (1 - blend) * ((a * (f[0] ?? 0) + b * (f[1] ?? 0) + c * (f[2] ?? 0) + d * (f[3] ?? 0)) / sum) + blend * (row.fused[index] ?? 0),
            );
            const order = scores.map((score, index) => [score, index] as const).sort((x, y) => y[0] - x[0]);
            const rank = order.findIndex(([, index]) => row.relevant[index]);
            if (rank >= 0 && rank < 10) mrr += 1 / (rank + 1);
            if (rank >= 0 && rank < 5) hit5 += 1;
          }
          results.push({ weights: [a, b, c, d].map((w) => w / sum), blend, mrr: mrr / rows.length, hit5: hit5 / rows.length });
        }
      }
results.sort((x, y) => y.mrr - x.mrr || y.hit5 - x.hit5);
for (const result of results.slice(0, 15))
  console.log(
    `qSim ${result.weights[0]?.toFixed(2)} qCov ${result.weights[1]?.toFixed(2)} tCov ${result.weights[2]?.toFixed(2)} terms ${result.weights[3]?.toFixed(2)} blend ${result.blend}  MRR ${result.mrr.toFixed(3)} Hit@5 ${result.hit5.toFixed(3)}`,
  );
app.close();
