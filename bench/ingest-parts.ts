// The two halves of an ingest timed in ONE process, for this build and others given, alternating (whole-process
// timings swing ±50% on a shared machine; parts measured side by side in one process do not): the parse worker's
// work per file (parse, tokens, vectors, packing) and the store's (replaceDocuments in ingest-sized batches into a
// fresh knowledge base). Prints min and median ms per build and a hash of every packed file and stored table, so a
// faster build is also shown to give the same tokens, vectors and rows. Not part of `npm run bench`.
//   npx tsx bench/ingest-parts.ts [rounds=8]   BENCH_INGEST_MB=3   BENCH_PARTS_BUILDS=<root of a built copy>,...
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureNoteDirs, writeNotesCorpus } from './ingest-notes.js';
import { log, projectRoot } from './machine.js';

// Each build's modules are loaded from its own dist/, so their types are not this checkout's: only what is used.
type Packed = { document: { path: string }; units: { unit: unknown; joined: unknown }[]; vectors?: Float32Array };
type WorkerStep = (file: { path: string; format: 'markdown'; bytes: Uint8Array }) => Promise<Packed>;
interface Build {
  root: string;
  work: WorkerStep;
  store: (packed: Packed[], bytes: number[]) => Promise<string>;
  workerMs: number[];
  storeMs: number[];
  hashes: string[];
}

const rounds = Number(process.argv[2] ?? 8);
const directory = mkdtempSync(join(tmpdir(), 'mianba-ingest-parts-'));
try {
  const corpus = writeNotesCorpus({
    sources: fixtureNoteDirs(projectRoot),
    directory: join(directory, 'notes'),
    targetBytes: Number(process.env.BENCH_INGEST_MB ?? 3) * 1e6,
    seed: Number(process.env.BENCH_SEED ?? 20240601),
  });
  const names = readdirSync(corpus.directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .sort();
  const files = names.map((name) => ({
    path: join(corpus.directory, name),
    format: 'markdown' as const,
    bytes: new Uint8Array(readFileSync(join(corpus.directory, name))),
  }));
  log(`ingest parts: ${files.length} files, ${(corpus.bytes / 1e6).toFixed(2)} MB, ${rounds} rounds`);
  const roots = [projectRoot, ...(process.env.BENCH_PARTS_BUILDS ?? '').split(',').filter(Boolean)];
  const builds: Build[] = [];
  for (const root of roots) builds.push(await loadBuild(root));
  for (let round = 0; round < rounds; round++) {
    for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
      let started = performance.now();
      const packed: Packed[] = [];
      const sizes: number[] = [];
      const fileHash = createHash('sha1');
      for (const file of files) {
        const result = await build.work(file).catch((error: Error) => error.message);
        if (typeof result === 'string') {
          fileHash.update(result);
          continue;
        }
        const { vectors, ...rest } = result;
        fileHash.update(JSON.stringify(rest));
        if (vectors) fileHash.update(new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
        packed.push(structuredClone(result));
        sizes.push(file.bytes.length);
      }
      build.workerMs.push(performance.now() - started);
      started = performance.now();
      const storeHash = await build.store(packed, sizes);
      build.storeMs.push(performance.now() - started);
      if (round === 0) build.hashes.push(fileHash.digest('hex').slice(0, 12), storeHash);
    }
  }
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `min ${Math.round(sorted[0] ?? 0)} med ${Math.round(sorted[sorted.length >> 1] ?? 0)} ms`;
  };
  for (const build of builds)
    log(`${build.root}: worker ${stats(build.workerMs)}, store ${stats(build.storeMs)}; packed ${build.hashes[0]}, stored ${build.hashes[1]}`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}

async function loadBuild(root: string): Promise<Build> {
  const dist = join(root, 'dist');
  const load = (path: string) => import(join(dist, path));
  const { readBankIndex } = await load('bank/bank-data.js');
  const { createTextTools } = await load('text/text-tools.js');
  const { createTokenizer } = await load('text/tokenize.js');
  const { HashedNgramEmbedder, createThreadEmbedder } = await load('models/hashed-ngram-embedder.js');
  const { unpackFile } = await load('ingest/packed-file.js');
  const { openSqliteStore } = await load('store/sqlite-store.js');
  const index = readBankIndex();
  const tools = createTextTools(index.glossary, index.text);
  const embedder = new HashedNgramEmbedder(tools);
  // What the worker receives: cloned data, not the main thread's objects.
  const dictionary = structuredClone(tools.dictionary);
  const tokenize = createTokenizer(dictionary);
  const embed = createThreadEmbedder(structuredClone(embedder.threadRecipe().data));
  let work: WorkerStep;
  if (existsSync(join(dist, 'ingest', 'parse-to-pack.js'))) {
    const { parseFileToPack } = await load('ingest/parse-to-pack.js');
    work = (file) => parseFileToPack(file, { dictionary, tokenize, embed });
  } else {
    // Builds before parse-to-pack.ts: the composition their parse worker ran.
    const { parseAndIndex } = await load('ingest/parse-and-index.js');
    const { embeddingText } = await load('ingest/index-units.js');
    const { packFile } = await load('ingest/packed-file.js');
    work = async (file) => {
      const parsed = await parseAndIndex(file.path, file.format, file.bytes, tokenize);
      type Indexed = { unit: { question?: string; text: string }; questionEn?: string };
      return packFile(
        parsed,
        embed(parsed.units.map((unit: Indexed) => embeddingText({ question: unit.unit.question, questionEn: unit.questionEn, text: unit.unit.text }))),
      );
    };
  }
  const store = async (packed: Packed[], sizes: number[]): Promise<string> => {
    const home = mkdtempSync(join(tmpdir(), 'mianba-ingest-parts-kb-'));
    try {
      const kb = openSqliteStore(join(home, 'kb.sqlite'), 'default');
      await kb.setIdentity({ embedder: { id: embedder.id, dimensions: embedder.dimensions }, tokenizer: 'bench' });
      // Batches as write-batch.ts makes them: 64 files or 1 MB, a file of 256 KB or more alone.
      let batch: unknown[] = [];
      let batchBytes = 0;
      const flush = async () => {
        if (batch.length > 0) await kb.replaceDocuments(batch);
        batch = [];
        batchBytes = 0;
      };
      for (const [position, file] of packed.entries()) {
        const bytes = sizes[position] ?? 0;
        if (bytes >= 256 * 1024) await flush();
        const { document, units } = unpackFile(file);
        batch.push({ document, units });
        batchBytes += bytes;
        if (bytes >= 256 * 1024 || batch.length >= 64 || batchBytes >= 2 ** 20) await flush();
      }
      await flush();
      const documents = await kb.listDocuments();
      const stored = createHash('sha1');
      for (const document of documents) stored.update(`${document.path}\t${document.contentHash}\t${document.units}\n`);
      await kb.close();
      return stored.digest('hex').slice(0, 12);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  };
  return { root, work, store, workerMs: [], storeMs: [], hashes: [] };
}
