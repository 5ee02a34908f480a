// Exact cosine search over a knowledge base's vectors in PostgreSQL, scored in this process (Debian's PostgreSQL 15
// has no pgvector). A full scan reads the vectors once and caches them as one matrix until the knowledge base's
// revision moves, so a write through another server is seen at the next search; `among` fetches only those rows.
import type { Pool } from 'pg';
import type { ScoredUnit, VectorQuery } from '../store.js';
import { topK } from '../top-k.js';
import { vectorOf } from './unit-rows.js';

interface VectorMatrix {
  revision: string;
  unitIds: Float64Array;
  dimensions: number;
  values: Float32Array;
}

export class VectorCache {
  private matrix: VectorMatrix | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly kbId: number,
  ) {}

  async search(query: VectorQuery): Promise<ScoredUnit[]> {
    if (query.limit <= 0) return [];
    if (query.among) return this.searchAmong(query.vector, query.among, query.limit);
    const { unitIds, dimensions, values } = await this.load();
    if (dimensions !== query.vector.length || unitIds.length === 0) return [];
    const scores = new Float32Array(unitIds.length);
    for (let row = 0; row < unitIds.length; row++) scores[row] = dot(values, row * dimensions, query.vector);
    return topK(scores, query.limit).map((row) => ({ unitId: unitIds[row] as number, score: scores[row] as number }));
  }

  invalidate(): void {
    this.matrix = undefined;
  }

  private async searchAmong(vector: Float32Array, among: number[], limit: number): Promise<ScoredUnit[]> {
    if (among.length === 0) return [];
    const result = await this.pool.query<{ unit_id: string; vector: Buffer }>(
      'SELECT unit_id, vector FROM unit_vectors WHERE kb_id = $1 AND unit_id = ANY($2::bigint[])',
      [this.kbId, among],
    );
    const rows = result.rows.map((row) => ({ unitId: Number(row.unit_id), vector: vectorOf(row.vector) })).filter((row) => row.vector.length === vector.length);
    const scores = new Float32Array(rows.map((row) => dot(row.vector, 0, vector)));
    return topK(scores, limit).map((index) => ({ unitId: (rows[index] as { unitId: number }).unitId, score: scores[index] as number }));
  }

  private async load(): Promise<VectorMatrix> {
    const revision = (await this.pool.query<{ revision: string }>('SELECT revision FROM kbs WHERE id = $1', [this.kbId])).rows[0]?.revision ?? '';
    if (this.matrix?.revision === revision) return this.matrix;
    const result = await this.pool.query<{ unit_id: string; vector: Buffer }>('SELECT unit_id, vector FROM unit_vectors WHERE kb_id = $1 ORDER BY unit_id', [
      this.kbId,
    ]);
    const dimensions = result.rows[0] ? result.rows[0].vector.byteLength / 4 : 0;
    const values = new Float32Array(result.rows.length * dimensions);
    const unitIds = new Float64Array(result.rows.length);
    result.rows.forEach((row, index) => {
      unitIds[index] = Number(row.unit_id);
      values.set(vectorOf(row.vector).subarray(0, dimensions), index * dimensions);
    });
    this.matrix = { revision, unitIds, dimensions, values };
    return this.matrix;
  }
}

function dot(values: Float32Array, offset: number, query: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < query.length; index++) sum += (values[offset + index] as number) * (query[index] as number);
  return sum;
}
