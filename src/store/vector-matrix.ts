// The exact scan of a knowledge base's vectors: every stored vector of one dimension in one matrix, scored against a
// query in one loop. A store of int8 rows (the built-in embedder's, vector-codec.ts) keeps its levels as they are
// stored, with one scale per row: building the matrix is then a byte copy per row instead of a decoding loop (a
// one-shot CLI search over 1.4k units spent ~28 ms decoding before the loop was optimised), and it holds a quarter of
// the memory. A store holding any float32 row (older stores, model embedders) decodes every row to float32. Pure.
import { decodeVectorInto, int8LevelsInto, vectorCodecOf } from './vector-codec.js';

export interface VectorMatrix {
  unitIds: Int32Array;
  dimensions: number;
  /** Row-major: float32 values, or int8 levels each row multiplied by its `scales` entry. */
  values: Float32Array | Int8Array;
  scales: Float32Array | undefined;
}

/** One stored row: [unit id, BLOB], as the store reads it. */
export type VectorRow = [number, Uint8Array];

/** The matrix of the rows holding `dimensions`-long vectors; rows of another length (another embedder's) are left out. */
export function buildVectorMatrix(rows: VectorRow[], dimensions: number): VectorMatrix {
  let int8Rows = 0;
  let float32Rows = 0;
  for (const [, bytes] of rows) {
    const codec = vectorCodecOf(bytes, dimensions);
    if (codec === 'int8') int8Rows++;
    else if (codec === 'float32') float32Rows++;
  }
  const unitIds = new Int32Array(int8Rows + float32Rows);
  if (float32Rows === 0) {
    const levels = new Int8Array(int8Rows * dimensions);
    const levelBytes = new Uint8Array(levels.buffer);
    const scales = new Float32Array(int8Rows);
    let count = 0;
    for (const [unitId, bytes] of rows) {
      const scale = int8LevelsInto(bytes, dimensions, levelBytes, count * dimensions);
      if (scale === undefined) continue;
      scales[count] = scale;
      unitIds[count++] = unitId;
    }
    return { unitIds, dimensions, values: levels, scales };
  }
  const values = new Float32Array(unitIds.length * dimensions);
  let count = 0;
  for (const [unitId, bytes] of rows) {
    if (!decodeVectorInto(bytes, dimensions, values, count * dimensions)) continue;
    unitIds[count++] = unitId;
  }
  return { unitIds, dimensions, values, scales: undefined };
}

/** The dot product of every row with `query` (a cosine: stored and query vectors are unit length). */
export function scoreVectorMatrix(matrix: VectorMatrix, query: Float32Array): Float32Array {
  const scores = new Float32Array(matrix.unitIds.length);
  // One loop per element type, so each stays monomorphic for V8.
  if (matrix.scales) scoreLevels(matrix.values as Int8Array, matrix.scales, matrix.dimensions, query, scores);
  else scoreFloats(matrix.values as Float32Array, matrix.dimensions, query, scores);
  return scores;
}

function scoreLevels(levels: Int8Array, scales: Float32Array, dimensions: number, query: Float32Array, scores: Float32Array): void {
  for (let row = 0; row < scores.length; row++) {
    let dot = 0;
    const offset = row * dimensions;
    for (let index = 0; index < dimensions; index++) dot += (levels[offset + index] as number) * (query[index] as number);
    scores[row] = dot * (scales[row] as number);
  }
}

function scoreFloats(values: Float32Array, dimensions: number, query: Float32Array, scores: Float32Array): void {
  for (let row = 0; row < scores.length; row++) {
    let dot = 0;
    const offset = row * dimensions;
    for (let index = 0; index < dimensions; index++) dot += (values[offset + index] as number) * (query[index] as number);
    scores[row] = dot;
  }
}
