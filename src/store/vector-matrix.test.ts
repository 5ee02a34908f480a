// The exact scan's matrix scores every row as decoding it would: int8 rows kept as levels with a scale, float32 rows
// (or a mix) decoded, rows of another dimension left out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeVector, encodeVector } from './vector-codec.js';
import { buildVectorMatrix, scoreVectorMatrix, type VectorRow } from './vector-matrix.js';

const dimensions = 24;
const unitVector = (values: number[]) => {
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));
  return Float32Array.from(values, (value) => (norm > 0 ? value / norm : 0));
};
const anyVector = fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: dimensions, maxLength: dimensions }).map(unitVector);
const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, index) => sum + value * (b[index] as number), 0);

/** Scores of decoding each BLOB and taking its dot product with the query, as a row-by-row scan would. */
function decodedScores(rows: VectorRow[], query: Float32Array): Map<number, number> {
  const scores = new Map<number, number>();
  for (const [unitId, bytes] of rows) {
    const vector = decodeVector(bytes, dimensions);
    if (vector) scores.set(unitId, dot(vector, query));
  }
  return scores;
}

function matrixScores(rows: VectorRow[], query: Float32Array): { scores: Map<number, number>; int8: boolean } {
  const matrix = buildVectorMatrix(rows, dimensions);
  const scores = scoreVectorMatrix(matrix, query);
  return { scores: new Map([...matrix.unitIds].map((unitId, row) => [unitId, scores[row] as number])), int8: matrix.values instanceof Int8Array };
}

describe('vector matrix', () => {
  it('keeps int8 rows as levels and scores them as their decoded vectors', () => {
    fc.assert(
      fc.property(fc.array(anyVector, { minLength: 1, maxLength: 30 }), anyVector, (vectors, query) => {
        const rows: VectorRow[] = vectors.map((vector, index) => [index + 1, encodeVector(vector, 'int8')]);
        const { scores, int8 } = matrixScores(rows, query);
        expect(int8).toBe(true);
        const expected = decodedScores(rows, query);
        expect([...scores.keys()]).toEqual([...expected.keys()]);
        for (const [unitId, score] of expected) expect(scores.get(unitId)).toBeCloseTo(score, 5);
      }),
    );
  });

  it('decodes every row when any is float32, and leaves out rows of another dimension', () => {
    const vectors = [1, 2, 3, 4].map((seed) => unitVector(Array.from({ length: dimensions }, (_, index) => Math.sin(seed * (index + 1)))));
    const rows: VectorRow[] = [
      [1, encodeVector(vectors[0] as Float32Array, 'int8')],
      [2, encodeVector(vectors[1] as Float32Array, 'float32')],
      [3, encodeVector(unitVector([1, 2, 3]), 'float32')],
      [4, encodeVector(vectors[3] as Float32Array, 'int8')],
    ];
    const query = vectors[1] as Float32Array;
    const { scores, int8 } = matrixScores(rows, query);
    expect(int8).toBe(false);
    expect([...scores.keys()]).toEqual([1, 2, 4]);
    expect(scores.get(2)).toBeCloseTo(1, 5);
    for (const [unitId, score] of decodedScores(rows, query)) expect(scores.get(unitId)).toBeCloseTo(score, 6);
    // Only rows of another dimension: an empty matrix that scores nothing.
    expect(scoreVectorMatrix(buildVectorMatrix([[9, encodeVector(unitVector([1, 2]), 'int8')]], dimensions), query)).toHaveLength(0);
  });
});
