// Evidence for an ANN index: loads every stored vector into one Float32Array, times an exact in-memory scan, then
// builds a prototype IVF (spherical k-means, nlist = sqrt(N)) and measures its latency and recall against the exact
// top 50. A measuring prototype only; the product's vector search is the store's searchVectors.
import { mean, percentile } from '../../src/eval/metrics.js';
import type { HashedNgramEmbedder } from '../../src/models/hashed-ngram-embedder.js';
import type { SqliteStore } from '../../src/store/sqlite-store.js';
import { createRandom } from '../prng.js';

const topK = 50;

export function runIvfProbe(store: SqliteStore, embedder: HashedNgramEmbedder, queries: string[]) {
  const dimensions = embedder.dimensions;
  let started = performance.now();
  const rows = [...store.vectorRows()];
  const capacity = rows.length;
  const data = new Float32Array(capacity * dimensions);
  let count = 0;
  for (const { vector } of rows) {
    if (count >= capacity) break;
    data.set(vector, count * dimensions);
    count++;
  }
  const loadMs = performance.now() - started;
  const queryVectors = queries.slice(0, 100).map((text) => embedder.embedOne(text));
  const dot = (row: number, query: Float32Array) => {
    let sum = 0;
    const offset = row * dimensions;
    for (let index = 0; index < dimensions; index++) sum += (data[offset + index] as number) * (query[index] as number);
    return sum;
  };

  const exactLatencies: number[] = [];
  const exact = queryVectors.map((query) => {
    const begin = performance.now();
    const best = createTopK(topK);
    for (let row = 0; row < count; row++) best.offer(row, dot(row, query));
    exactLatencies.push(performance.now() - begin);
    return best.rows();
  });

  const nlist = Math.max(16, Math.min(4096, Math.round(Math.sqrt(count))));
  started = performance.now();
  const centroids = trainCentroids(data, count, dimensions, nlist);
  const trainMs = performance.now() - started;
  started = performance.now();
  const lists: number[][] = Array.from({ length: nlist }, () => []);
  const row = new Float32Array(dimensions);
  for (let index = 0; index < count; index++) {
    row.set(data.subarray(index * dimensions, (index + 1) * dimensions));
    lists[nearest(centroids, nlist, dimensions, row, 1)[0] ?? 0]?.push(index);
  }
  const assignMs = performance.now() - started;

  const probes = [4, 8, 16, 32, 64]
    .filter((nprobe) => nprobe <= nlist)
    .map((nprobe) => {
      const latencies: number[] = [];
      const recalls50: number[] = [];
      const recalls10: number[] = [];
      let scanned = 0;
      queryVectors.forEach((query, queryIndex) => {
        const begin = performance.now();
        const best = createTopK(topK);
        for (const list of nearest(centroids, nlist, dimensions, query, nprobe)) {
          for (const member of lists[list] ?? []) best.offer(member, dot(member, query));
          scanned += lists[list]?.length ?? 0;
        }
        latencies.push(performance.now() - begin);
        const found = best.rows();
        const truth = exact[queryIndex] ?? [];
        recalls50.push(overlap(found, truth, topK));
        recalls10.push(overlap(found.slice(0, 10), truth.slice(0, 10), 10));
      });
      return {
        nprobe,
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        recallAt50: mean(recalls50),
        recallAt10: mean(recalls10),
        scannedShare: scanned / Math.max(1, queryVectors.length * count),
      };
    });
  return {
    vectors: count,
    dimensions,
    vectorMegabytes: (count * dimensions * 4) / 2 ** 20,
    loadMs,
    exactInMemory: { queries: exactLatencies.length, p50Ms: percentile(exactLatencies, 0.5), p99Ms: percentile(exactLatencies, 0.99) },
    ivf: { nlist, trainMs, assignMs, probes },
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** Spherical k-means on a sample of at most 10k rows, 6 iterations, deterministic initialisation. */
function trainCentroids(data: Float32Array, count: number, dimensions: number, nlist: number): Float32Array {
  const random = createRandom(7);
  const sample = random.shuffle(Array.from({ length: count }, (_, index) => index)).slice(0, Math.min(count, 10_000));
  const centroids = new Float32Array(nlist * dimensions);
  sample.slice(0, nlist).forEach((row, list) => {
    centroids.set(data.subarray(row * dimensions, (row + 1) * dimensions), list * dimensions);
  });
  const vector = new Float32Array(dimensions);
  for (let iteration = 0; iteration < 6; iteration++) {
    const sums = new Float32Array(nlist * dimensions);
    for (const row of sample) {
      vector.set(data.subarray(row * dimensions, (row + 1) * dimensions));
      const list = nearest(centroids, nlist, dimensions, vector, 1)[0] ?? 0;
      for (let index = 0; index < dimensions; index++)
        sums[list * dimensions + index] = (sums[list * dimensions + index] as number) + (vector[index] as number);
    }
    for (let list = 0; list < nlist; list++) {
      let norm = 0;
      for (let index = 0; index < dimensions; index++) norm += (sums[list * dimensions + index] as number) ** 2;
      if (norm === 0) continue;
      const scale = 1 / Math.sqrt(norm);
      for (let index = 0; index < dimensions; index++) centroids[list * dimensions + index] = (sums[list * dimensions + index] as number) * scale;
    }
  }
  return centroids;
}

/** Indexes of the `probe` centroids with the highest dot product. */
function nearest(centroids: Float32Array, nlist: number, dimensions: number, query: Float32Array, probe: number): number[] {
  const best = createTopK(probe);
  for (let list = 0; list < nlist; list++) {
    let sum = 0;
    const offset = list * dimensions;
    for (let index = 0; index < dimensions; index++) sum += (centroids[offset + index] as number) * (query[index] as number);
    best.offer(list, sum);
  }
  return best.rows();
}

function createTopK(size: number) {
  const rows: number[] = [];
  const scores: number[] = [];
  let minimum = 0;
  const findMinimum = () => {
    minimum = 0;
    for (let index = 1; index < scores.length; index++) if ((scores[index] as number) < (scores[minimum] as number)) minimum = index;
  };
  return {
    offer(row: number, score: number) {
      if (rows.length < size) {
        rows.push(row);
        scores.push(score);
        if (rows.length === size) findMinimum();
      } else if (score > (scores[minimum] as number)) {
        rows[minimum] = row;
        scores[minimum] = score;
        findMinimum();
      }
    },
    rows: () =>
      rows
        .map((row, index) => ({ row, score: scores[index] as number }))
        .sort((a, b) => b.score - a.score)
        .map((entry) => entry.row),
  };
}

function overlap(found: number[], truth: number[], k: number): number {
  const wanted = new Set(truth.slice(0, k));
  return wanted.size === 0 ? 1 : found.filter((row) => wanted.has(row)).length / wanted.size;
}
