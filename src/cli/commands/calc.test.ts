import { PassThrough, Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { exitCodeOf, isAppError } from '../../core/errors.js';
import type { CliContext } from '../cli-context.js';
import { runCalc } from './calc.js';

/** Runs `mianba calc ...` in-process with captured streams; errors map to exit codes as main.ts does. */
async function calc(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const context: CliContext = { stdout, stderr, stdin: Readable.from([]), env: {}, cwd: process.cwd() };
  let code: number;
  try {
    code = await runCalc(args, context);
  } catch (error) {
    context.stderr.write(`mianba: ${isAppError(error) ? error.message : String(error)}\n`);
    code = exitCodeOf(error);
  }
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

describe('mianba calc', () => {
  test('inference --json gives weights, KV cache and total in bytes', async () => {
    const { code, stdout } = await calc('inference', '--model', 'llama-2-7b', '--dtype', 'fp16', '--context', '4096', '--batch', '1', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.weightsBytes).toBe(6_738_415_616 * 2);
    expect(result.kvCacheBytes).toBe(524_288 * 4096);
    expect(result.kvCacheBytesPerToken).toBe(524_288);
    expect(result.totalBytes).toBeGreaterThan(result.weightsBytes + result.kvCacheBytes);
    expect(result.gpus.find((gpu: { gpu: string }) => gpu.gpu === 'a100-80g')).toMatchObject({ gpusNeeded: 1, fitsOnOne: true });
  });

  test('training --json with ZeRO-3 on 8 GPUs gives perGpuBytes and a breakdown', async () => {
    const { code, stdout } = await calc(
      'training',
      '--model',
      'llama-2-7b',
      '--method',
      'full',
      '--optimizer',
      'adamw',
      '--precision',
      'mixed',
      '--gpus',
      '8',
      '--zero',
      '3',
      '--json',
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    const { weightsBytes, gradientsBytes, optimizerBytes, activationBytes } = result.breakdown;
    expect(weightsBytes + gradientsBytes + optimizerBytes).toBe((16 * 6_738_415_616) / 8);
    expect(result.perGpuBytes).toBe(weightsBytes + gradientsBytes + optimizerBytes + activationBytes);
  });

  test('LoRA options: --rank and --targets', async () => {
    const { stdout } = await calc('training', '--model', 'llama-2-7b', '--method', 'lora', '--rank', '8', '--targets', 'q,v', '--checkpointing', '--json');
    expect(JSON.parse(stdout).trainableParams).toBe(4_194_304);
  });

  test('compute --json gives 6·N·D', async () => {
    const { code, stdout } = await calc('flops', '--model', 'gpt-3', '--tokens', '300B', '--gpu', 'v100-32g', '--gpus', '1024', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).trainingFlops).toBeCloseTo(6 * 174_604_259_328 * 300e9, -18);
  });

  test('the human table states its units and the verdicts', async () => {
    const { code, stdout } = await calc('inference', '--model', 'llama-2-70b', '--gpu', 'a100-80g');
    expect(code).toBe(0);
    expect(stdout).toContain('GiB (2^30 bytes)');
    expect(stdout).toMatch(/A100 80G\s+80\s+needs 2/);
  });

  test('--explain prints each term with values and the sources', async () => {
    const { stdout } = await calc('training', '--model', 'llama-2-7b', '--explain');
    expect(stdout).toContain('s·b·h·(34 + 5·a·s/h)');
    expect(stdout).toContain('4 B fp32 master weights');
    expect(stdout).toContain('Rajbhandari et al. 2020');
  });

  test('--list-models and --list-gpus list the presets', async () => {
    expect((await calc('--list-models')).stdout).toMatch(/llama-3-8b\s+8\.03B\s+8\.03B\s+0\.00%/);
    expect((await calc('--list-gpus')).stdout).toContain('h100-80g');
    expect(JSON.parse((await calc('--list-models', '--json')).stdout)).toHaveLength(13);
  });

  test('a bad model name exits 2 naming the valid presets', async () => {
    const { code, stderr } = await calc('inference', '--model', 'llama-5');
    expect(code).toBe(2);
    expect(stderr).toContain('unknown model "llama-5"');
    expect(stderr).toContain('llama-2-7b');
    expect(stderr).toContain('qwen2.5-72b');
  });

  test.each([
    [['inference'], 'missing --model'],
    [['inference', '--model', 'llama-2-7b', '--dtype', 'fp7'], 'unknown --dtype "fp7"'],
    [['inference', '--model', 'llama-2-7b', '--gpu', 'tpu-v5'], 'unknown GPU "tpu-v5"'],
    [['inference', '--model', 'llama-2-7b', '--context', 'long'], '--context must be a token count'],
    [['training', '--model', 'llama-2-7b', '--zero', '4'], '--zero must be an integer >= 0 and <= 3'],
    [['training', '--model', 'bloom-7b1', '--method', 'lora', '--targets', 'gate'], 'has no gate projection'],
    [['predict', '--model', 'llama-2-7b'], 'unknown calculation "predict"'],
    [[], 'missing what to calculate'],
  ])('usage error for %j', async (args, message) => {
    const { code, stderr } = await calc(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
