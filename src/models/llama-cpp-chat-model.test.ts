import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LlamaCppChatModel } from './llama-cpp-chat-model.js';

describe('local GGUF chat model', () => {
  it('names a missing model file instead of failing obscurely', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'mianba-gguf-')), 'qwen2.5-7b-instruct-q4_k_m.gguf');
    await expect(new LlamaCppChatModel(missing).chat([{ role: 'user', content: 'hi' }])).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining(missing),
    });
  });

  it('asks for the optional package when it is not installed, never downloading anything', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mianba-gguf-')), 'model.gguf');
    writeFileSync(file, 'GGUF');
    const error = await new LlamaCppChatModel(file).chat([{ role: 'user', content: 'hi' }]).catch((caught: unknown) => caught);
    expect(String((error as Error).message)).toMatch(/node-llama-cpp|cannot load the GGUF model/);
  });
});
