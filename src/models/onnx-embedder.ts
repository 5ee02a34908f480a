// Embedder over a local ONNX model directory through @huggingface/transformers (an optional dependency, not installed
// by default: `npm i @huggingface/transformers`). Remote loading is disabled: a missing model is a clear error naming
// the directory, never a download or a hang. Mean pooling, L2-normalised (sentence-transformers style).
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../core/errors.js';
import type { Embedder } from './embedder.js';
import { unitLength } from './openai-compatible-embedder.js';

type Extractor = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ data: Float32Array; dims: number[] }>;

export class OnnxEmbedder implements Embedder {
  readonly id: string;
  dimensions = 0;
  private extractor: Extractor | undefined;
  private readonly directory: string;

  constructor(directory: string) {
    this.directory = resolve(directory);
    this.id = `onnx:${basename(this.directory)}`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const extractor = await this.load();
    const output = await extractor(texts, { pooling: 'mean', normalize: true });
    const width = output.dims.at(-1) ?? 0;
    if (this.dimensions === 0) this.dimensions = width;
    return texts.map((_, index) => unitLength(output.data.subarray(index * width, (index + 1) * width)));
  }

  private async load(): Promise<Extractor> {
    if (this.extractor) return this.extractor;
    assertModelDirectory(this.directory);
    let transformers: { env: Record<string, unknown>; pipeline: (task: string, model: string, options: Record<string, unknown>) => Promise<unknown> };
    try {
      const name = '@huggingface/transformers';
      transformers = (await import(name)) as typeof transformers;
    } catch (error) {
      throw new AppError('invalid_config', 'the ONNX embedder needs the optional package @huggingface/transformers: npm i @huggingface/transformers', {
        cause: error,
      });
    }
    transformers.env.allowRemoteModels = false;
    transformers.env.allowLocalModels = true;
    transformers.env.localModelPath = `${dirname(this.directory)}/`;
    try {
      this.extractor = (await transformers.pipeline('feature-extraction', basename(this.directory), { local_files_only: true })) as Extractor;
    } catch (error) {
      throw new AppError('invalid_config', `cannot load the ONNX model in ${this.directory}: ${(error as Error).message}`, { cause: error });
    }
    return this.extractor;
  }
}

/** A usable directory has config.json, a tokenizer and an onnx/ model file. */
export function assertModelDirectory(directory: string): void {
  if (!existsSync(directory))
    throw new AppError('invalid_config', `ONNX model directory ${directory} does not exist (set MIANBA_EMBED_ONNX_DIR to a downloaded model folder)`);
  const missing = ['config.json', 'tokenizer.json'].filter((file) => !existsSync(join(directory, file)));
  const onnxDir = join(directory, 'onnx');
  const hasModel = existsSync(onnxDir) && readdirSync(onnxDir).some((file) => file.endsWith('.onnx'));
  if (!hasModel) missing.push('onnx/*.onnx');
  if (missing.length > 0) throw new AppError('invalid_config', `ONNX model directory ${directory} is missing ${missing.join(', ')}`);
}
