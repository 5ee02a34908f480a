// Loads a @huggingface/transformers pipeline from a local ONNX model directory with remote loading disabled. The
// package is optional (`npm i @huggingface/transformers`): its absence or a bad directory is a clear error.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../core/errors.js';

export async function loadTransformersPipeline(directory: string, task: 'feature-extraction' | 'text-classification', purpose: string): Promise<unknown> {
  assertModelDirectory(directory);
  let transformers: { env: Record<string, unknown>; pipeline: (task: string, model: string, options: Record<string, unknown>) => Promise<unknown> };
  try {
    const name = '@huggingface/transformers';
    transformers = (await import(name)) as typeof transformers;
  } catch (error) {
    throw new AppError('invalid_config', `the ONNX ${purpose} needs the optional package @huggingface/transformers: npm i @huggingface/transformers`, {
      cause: error,
    });
  }
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  transformers.env.localModelPath = `${dirname(directory)}/`;
  try {
    return await transformers.pipeline(task, basename(directory), { local_files_only: true });
  } catch (error) {
    throw new AppError('invalid_config', `cannot load the ONNX model in ${directory}: ${(error as Error).message}`, { cause: error });
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
