// Would a vector index fix the misses at scale? For every planted query the hybrid search misses (not in its top 5),
// the rank of the planted answer in an EXACT scan of all stored vectors (top 1000). With the built-in hashed n-gram
// embedder, session 7 found none of the 27 tuning-half misses at 1M in the exact top 300 (one at 715): an ANN index
// over these vectors could only approach that exact scan, so it cannot recover them. Reads a scale store only.
//   node --import tsx bench/scale/vector-reach.ts <db> <queries.json> [odd|even|all]
import { readFileSync } from 'node:fs';
import { searchKnowledge } from '../../src/retrieve/search-pipeline.js';
import { isTuningQuery, type ScaleQuery } from './results.js';
import { openScaleSearch, scaleSearchOptions } from './scale-search.js';

const [db, queriesFile, half = 'all'] = process.argv.slice(2);
if (!db || !queriesFile) throw new Error('usage: vector-reach.ts <db> <queries.json> [odd|even|all]');
const { tools, embedder, reranker, store } = openScaleSearch(db);
const all = JSON.parse(readFileSync(queriesFile, 'utf8')) as ScaleQuery[];
const options = scaleSearchOptions;
const depths = [5, 20, 100, 300, 1000];
const within = new Map(depths.map((depth) => [depth, 0]));
let misses = 0;
for (const [position, entry] of all.entries()) {
  if (entry.relevant.length === 0 || (half !== 'all' && isTuningQuery(position) !== (half === 'odd'))) continue;
  const result = await searchKnowledge(entry.query, { stores: [store], tools, embedder, reranker }, options);
  const at = result.hits.findIndex((hit) => entry.relevant.includes(hit.questionId ?? ''));
  if (at >= 0 && at < 5) continue;
  misses++;
  const scored = await store.searchVectors({ vector: embedder.embedOne(entry.query), limit: 1000 });
  const units = new Map((await store.getUnits(scored.map((entry) => entry.unitId))).map((unit) => [unit.id, unit]));
  const rank = scored.findIndex((scoredUnit) => entry.relevant.includes(units.get(scoredUnit.unitId)?.questionId ?? ''));
  for (const depth of depths) if (rank >= 0 && rank < depth) within.set(depth, (within.get(depth) ?? 0) + 1);
  console.log(
    `${isTuningQuery(position) ? 'tuning' : 'held-out'}\thybrid rank ${at < 0 ? '-' : at + 1}\texact vector rank ${rank < 0 ? '>1000' : rank + 1}\t${entry.query}`,
  );
}
console.log(`${misses} hybrid misses; planted answer within the exact vector top ${depths.map((depth) => `${depth}: ${within.get(depth)}`).join(', ')}`);
await store.close();
