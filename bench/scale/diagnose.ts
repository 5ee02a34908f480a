// Why a planted answer is missed at scale: for each labelled query whose answer is not in the hybrid top 5, where the
// planted unit drops out (the bounded MATCH's terms, the wide candidate set, the fused top 50, or the reranker) and
// which units beat it. Reads a scale store only.
//   node --import tsx bench/scale/diagnose.ts <db> <queries.json> [odd|even|all] [--verbose]
import { readFileSync } from 'node:fs';
import { processQuery, withCorpusStatistics } from '../../src/retrieve/query.js';
import { searchKnowledge, withoutCommonTokens } from '../../src/retrieve/search-pipeline.js';
import { FIELD_WEIGHTS, LEXICAL_CANDIDATES_FOR_VECTORS } from '../../src/retrieve/tuning.js';
import { boundedTerms, pairedTerms } from '../../src/store/sqlite-lexical.js';
import { isTuningQuery, type ScaleQuery } from './results.js';
import { openScaleSearch, scaleSearchOptions } from './scale-search.js';

const [db, queriesFile, half = 'all', ...flags] = process.argv.slice(2);
if (!db || !queriesFile) throw new Error('usage: diagnose.ts <db> <queries.json> [odd|even|all] [--verbose]');
const verbose = flags.includes('--verbose');
const { tools, embedder, reranker, store } = openScaleSearch(db);
const all = JSON.parse(readFileSync(queriesFile, 'utf8')) as ScaleQuery[];
const chosen = all.filter((entry, position) => entry.relevant.length > 0 && (half === 'all' || isTuningQuery(position) === (half === 'odd')));
const options = scaleSearchOptions;

const causes = new Map<string, number>();
const count = (cause: string) => causes.set(cause, (causes.get(cause) ?? 0) + 1);
let hits = 0;
const halfHits = { tuning: [0, 0], heldOut: [0, 0] };
for (const entry of chosen) {
  const result = await searchKnowledge(entry.query, { stores: [store], tools, embedder, reranker }, options);
  const at = result.hits.findIndex((hit) => entry.relevant.includes(hit.questionId ?? ''));
  const counts = isTuningQuery(all.indexOf(entry)) ? halfHits.tuning : halfHits.heldOut;
  counts[1] = (counts[1] ?? 0) + 1;
  if (at >= 0 && at < 5) {
    hits++;
    counts[0] = (counts[0] ?? 0) + 1;
    continue;
  }
  const planted = (await Promise.all(entry.relevant.map((id) => store.findUnits({ questionId: id })))).flat();
  const plantedKeys = new Set(planted.map((unit) => `scale:${unit.id}`));
  const parsed = processQuery(entry.query, tools, { expand: true });
  const stats = await store.termStats([...parsed.tokens, ...parsed.expansion]);
  const frequencies = [{ frequencies: stats.documentFrequencies, units: stats.units }];
  const query = withCorpusStatistics(parsed, frequencies, tools);
  const ownTokens = withoutCommonTokens(query.tokens, frequencies);
  const matchTokens = [...ownTokens, ...withoutCommonTokens(query.expansion, frequencies)];
  const kept = [...new Set([...boundedTerms(matchTokens, stats), ...pairedTerms(ownTokens, stats).flat()])];
  const plantedTokens = new Set(planted.flatMap((unit) => unit.tokenSet.split(' ')));
  const keptInPlanted = kept.filter((term) => plantedTokens.has(term));
  // The pipeline's vector candidates in a large store: the as-typed MATCH widened, plus the glossary list.
  const wide = [
    ...(await store.searchLexical({ tokens: ownTokens, fieldWeights: FIELD_WEIGHTS, limit: LEXICAL_CANDIDATES_FOR_VECTORS, questionPairs: true })),
    ...(await store.searchLexical({ tokens: matchTokens, fieldWeights: FIELD_WEIGHTS, limit: options.candidates, questionPairs: true })),
  ];
  const wideRank = wide.findIndex((match) => plantedKeys.has(`scale:${match.unitId}`));
  const bodyRanks = await Promise.all(
    [
      { question: 0, text: 1, topic: 0 },
      { question: 1, text: 1, topic: 0 },
    ].map(async (fieldWeights) => {
      const list = await store.searchLexical({ tokens: matchTokens, fieldWeights, limit: 200 });
      const rank = list.findIndex((match) => plantedKeys.has(`scale:${match.unitId}`));
      return rank < 0 ? '-' : String(rank + 1);
    }),
  );
  const traced = result.trace.findIndex((item) => plantedKeys.has(item.key));
  let cause: string;
  if (planted.length === 0) cause = 'answer not in the store (a notes path)';
  else if (keptInPlanted.length === 0) cause = 'bounded terms miss the answer';
  else if (wideRank < 0) cause = 'not in the wide candidates';
  else if (traced < 0) cause = 'in wide, not in the fused 50';
  else cause = 'reranked below 5';
  count(cause);
  const bestSynthetic = result.trace.find((item) => item.path.startsWith('synthetic/'));
  const plantedTrace = traced >= 0 ? result.trace[traced] : undefined;
  console.log(
    `${all.indexOf(entry)} ${entry.query} | ${cause} | final ${at < 0 ? '-' : at + 1} | trace ${traced < 0 ? '-' : traced + 1} | wide ${wideRank < 0 ? '-' : wideRank + 1} | body ${bodyRanks.join(' ')}`,
  );
  if (verbose) {
    console.log(
      `   tokens ${matchTokens.join(',')} | kept ${kept.map((term) => `${term}:${stats.documentFrequencies.get(term)}`).join(',')} | in answer ${keptInPlanted.join(',')}`,
    );
    if (plantedTrace)
      console.log(
        `   planted ${JSON.stringify(plantedTrace.ranks)} rr ${plantedTrace.rerankScore?.toFixed(3)} ev ${plantedTrace.evidence.toFixed(3)} ${JSON.stringify(roundAll(plantedTrace.features))} ${plantedTrace.label}`,
      );
    for (const item of result.trace.slice(0, 3))
      console.log(
        `   top ${item.path.startsWith('synthetic/') ? 'SYN' : 'bank'} ${JSON.stringify(item.ranks)} rr ${item.rerankScore?.toFixed(3)} ${JSON.stringify(roundAll(item.features))} ${item.label}`,
      );
    if (bestSynthetic && !result.trace.slice(0, 3).includes(bestSynthetic))
      console.log(`   best synthetic rr ${bestSynthetic.rerankScore?.toFixed(3)} ${bestSynthetic.label}`);
  }
}
console.log(`\n${half}: ${chosen.length} queries, Hit@5 ${(hits / chosen.length).toFixed(3)}`);
for (const [name, [found = 0, asked = 0]] of Object.entries(halfHits))
  if (asked > 0) console.log(`  ${name}: ${asked} queries, Hit@5 ${(found / asked).toFixed(3)}`);
for (const [cause, n] of [...causes].sort((a, b) => b[1] - a[1])) console.log(`  ${n}  ${cause}`);
await store.close();

function roundAll(features: object): Record<string, number> {
  return Object.fromEntries(Object.entries(features).map(([key, value]) => [key.slice(0, 6), Math.round((value as number) * 100) / 100]));
}
