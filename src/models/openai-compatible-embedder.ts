// Embedder over any OpenAI-compatible /v1/embeddings endpoint (Ollama, vLLM, TEI, OpenAI, DashScope ...).
// Batches inputs, retries like the chat model, L2-normalises vectors; dimensions are learnt from the first response.
import { AppError } from '../core/errors.js';
import type { Embedder } from './embedder.js';
import { describeHttpError, type Fetch, originOf, postWithRetries, type RequestPolicy } from './http-retry.js';
import { readText } from './timed-body.js';

/** Built on the first response: zod (~100 modules) would otherwise load on every CLI start that never embeds remotely. */
async function embeddingsSchema() {
  const { z } = await import('zod');
  return z.object({ data: z.array(z.object({ index: z.number().int().optional(), embedding: z.array(z.number()).optional() }).passthrough()) });
}

export interface OpenAiEmbedderOptions {
  baseUrl: string;
  model: string;
  apiKey?: string | undefined;
  fetch?: Fetch;
  policy: RequestPolicy;
  batchSize?: number;
}

export class OpenAiCompatibleEmbedder implements Embedder {
  readonly id: string;
  dimensions = 0;
  private readonly fetchImpl: Fetch;

  constructor(private readonly options: OpenAiEmbedderOptions) {
    this.id = `openai-compatible:${options.model}@${originOf(options.baseUrl)}`;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async embed(texts: string[], callOptions: { signal?: AbortSignal } = {}): Promise<Float32Array[]> {
    const batchSize = this.options.batchSize ?? 64;
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      vectors.push(...(await this.embedBatch(texts.slice(start, start + batchSize), callOptions.signal)));
    }
    return vectors;
  }

  private async embedBatch(input: string[], signal: AbortSignal | undefined): Promise<Float32Array[]> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/embeddings`;
    const { response, limits } = await postWithRetries(
      this.fetchImpl,
      url,
      { headers, body: JSON.stringify({ model: this.options.model, input }) },
      this.options.policy,
      signal,
      (failed, body) => describeHttpError(failed, body, this.options.model),
    );
    const raw = await readText(response, limits);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new AppError('model_bad_response', `the embedding server answered with something that is not JSON: ${raw.slice(0, 120)}`);
    }
    const parsed = (await embeddingsSchema()).safeParse(json);
    if (!parsed.success) throw new AppError('model_bad_response', `the embedding server's answer has no "data" list of vectors`);
    const data = [...parsed.data.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    if (data.length !== input.length) throw new AppError('model_error', `the embedding server returned ${data.length} vectors for ${input.length} inputs`);
    return data.map((item) => {
      const values = item.embedding ?? [];
      if (values.length === 0) throw new AppError('model_error', 'the embedding server returned an empty vector');
      if (this.dimensions === 0) this.dimensions = values.length;
      if (values.length !== this.dimensions)
        throw new AppError('model_error', `the embedding server changed dimensions (${values.length} instead of ${this.dimensions})`);
      return unitLength(values);
    });
  }
}

export function unitLength(values: ArrayLike<number>): Float32Array {
  const vector = Float32Array.from(values as ArrayLike<number>);
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let index = 0; index < vector.length; index++) vector[index] = (vector[index] as number) / norm;
  return vector;
}
