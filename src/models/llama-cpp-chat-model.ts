// ChatModel over a local GGUF file through node-llama-cpp, an optional dependency (`npm i node-llama-cpp`), with
// building or downloading llama.cpp binaries disabled: a missing package or file is a clear error, never a download.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../core/errors.js';
import type { ChatMessage, ChatModel, ChatOptions, ChatResult } from './chat-model.js';

interface LlamaSession {
  prompt(
    text: string,
    options: {
      temperature?: number;
      topP?: number;
      topK?: number;
      maxTokens?: number;
      signal?: AbortSignal;
      onTextChunk?: (text: string) => void;
      repeatPenalty?: { penalty?: number; presencePenalty?: number; frequencyPenalty?: number };
    },
  ): Promise<string>;
}

interface LlamaModule {
  getLlama(options: { build: 'never' }): Promise<{
    loadModel(options: { modelPath: string }): Promise<{ createContext(options: { contextSize?: number }): Promise<{ getSequence(): unknown }> }>;
  }>;
  LlamaChatSession: new (options: { contextSequence: unknown; systemPrompt?: string }) => LlamaSession;
}

export class LlamaCppChatModel implements ChatModel {
  readonly id: string;
  private readonly file: string;
  private context: { getSequence(): unknown } | undefined;
  private module: LlamaModule | undefined;

  constructor(
    file: string,
    private readonly contextSize = 8192,
  ) {
    this.file = resolve(file);
    this.id = `gguf:${this.file.split('/').at(-1)}`;
  }

  async chat(messages: ChatMessage[], options: ChatOptions = {}): Promise<ChatResult> {
    const { module, context } = await this.load();
    const system = messages
      .filter((message) => message.role === 'system')
      .map((message) => message.content)
      .join('\n');
    const user = messages
      .filter((message) => message.role !== 'system')
      .map((message) => message.content)
      .join('\n\n');
    const session = new module.LlamaChatSession({ contextSequence: context.getSequence(), systemPrompt: system });
    try {
      const text = await session.prompt(user, {
        ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
        ...(options.topP !== undefined ? { topP: options.topP } : {}),
        ...(options.topK !== undefined ? { topK: options.topK } : {}),
        ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onToken ? { onTextChunk: options.onToken } : {}),
        repeatPenalty: {
          ...(options.repetitionPenalty !== undefined ? { penalty: options.repetitionPenalty } : {}),
          ...(options.presencePenalty !== undefined ? { presencePenalty: options.presencePenalty } : {}),
          ...(options.frequencyPenalty !== undefined ? { frequencyPenalty: options.frequencyPenalty } : {}),
        },
      });
      return { text, finishReason: 'stop' };
    } catch (error) {
      if (options.signal?.aborted) throw new AppError('aborted', 'generation aborted', { cause: error });
      throw new AppError('model_error', `local GGUF generation failed: ${(error as Error).message}`, { cause: error });
    }
  }

  private async load(): Promise<{ module: LlamaModule; context: { getSequence(): unknown } }> {
    if (this.module && this.context) return { module: this.module, context: this.context };
    if (!existsSync(this.file)) throw new AppError('invalid_config', `GGUF model file ${this.file} does not exist (MIANBA_LLM_GGUF)`);
    try {
      const name = 'node-llama-cpp';
      this.module = (await import(name)) as LlamaModule;
    } catch (error) {
      throw new AppError('invalid_config', 'a local GGUF model needs the optional package node-llama-cpp: npm i node-llama-cpp', { cause: error });
    }
    try {
      const llama = await this.module.getLlama({ build: 'never' });
      const model = await llama.loadModel({ modelPath: this.file });
      this.context = await model.createContext({ contextSize: this.contextSize });
    } catch (error) {
      throw new AppError('model_unavailable', `cannot load the GGUF model ${this.file}: ${(error as Error).message}`, { cause: error });
    }
    return { module: this.module, context: this.context };
  }
}
