// Where the time of a PostgreSQL document write goes: writes 1,000-unit synthetic documents (as bench/postgres-stores.ts
// does) and sums the time of each statement kind of replaceDocument. Run: npx tsx bench/postgres-write-profile.ts [units]
import { readBank, readBankIndex } from '../src/bank/bank-data.js';
import { HashedNgramEmbedder } from '../src/models/hashed-ngram-embedder.js';
import { createPostgresKbCatalog } from '../src/store/postgres/postgres-kb-catalog.js';
import { createTextTools } from '../src/text/text-tools.js';
import { startPgCluster } from '../test/support/pg-cluster.js';
import { synthBatch, synthVocabulary } from './scale/synth.js';

const total = Number(process.argv[2] ?? 5000);
const index = readBankIndex();
const tools = createTextTools(index.glossary, index.text);
const embedder = new HashedNgramEmbedder(tools);
const vocabulary = synthVocabulary(
  readBank().bank.questions,
  index.glossary.flatMap((term) => [term.en, ...term.abbr, ...term.zh]),
);
const cluster = await startPgCluster('profile');
const { default: pg } = await import('pg');
// Statement timing: wrap the pool clients' query (this bench's own pool, passed to the catalog).
const timings = new Map<string, number>();
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function timedQuery(this: unknown, ...args: unknown[]) {
  const first = args[0];
  const text = typeof first === 'string' ? first : ((first as { text?: string })?.text ?? '');
  const kind = text.trim().split(/\s+/).slice(0, 3).join(' ').slice(0, 40);
  const started = performance.now();
  const result = (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  if (result instanceof Promise) return result.finally(() => timings.set(kind, (timings.get(kind) ?? 0) + performance.now() - started)) as never;
  return result as never;
} as never;
const catalog = createPostgresKbCatalog({ url: cluster.url });
try {
  const store = await catalog.create('profile');
  await store.setIdentity({ embedder: { id: embedder.id, dimensions: embedder.dimensions }, tokenizer: 'bench' });
  let writeMs = 0;
  for (let batch = 0; batch * 1000 < total; batch++) {
    const { document, units } = await synthBatch(vocabulary, { seed: 1, batch, size: 1000 }, tools.tokenize, embedder);
    timings.clear();
    const started = performance.now();
    await store.replaceDocument(document, units);
    writeMs += performance.now() - started;
    if (batch === Math.floor(total / 1000) - 1)
      for (const [kind, ms] of [...timings].sort((a, b) => b[1] - a[1])) process.stdout.write(`${ms.toFixed(0).padStart(7)} ms  ${kind}\n`);
  }
  process.stdout.write(`${total} units: ${Math.round(total / (writeMs / 1000))} units/s\n`);
} finally {
  await catalog.close();
  cluster.stop();
}
