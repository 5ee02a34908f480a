// ChatModel over any OpenAI-compatible /v1/chat/completions server (Ollama, vLLM, llama.cpp server, DeepSeek,
// DashScope/Qwen, OpenAI). Streams over SSE when asked; a stream that ends without a finish reason is an error.
import { AppError } from '../core/errors.js';
import type { ChatMessage, ChatModel, ChatOptions, ChatResult } from './chat-model.js';
import { describeHttpError, type Fetch, postWithRetries, type RequestPolicy } from './http-retry.js';
import { readSseData } from './sse.js';

export interface OpenAiCompatibleOptions {
  baseUrl: string;
  model: string;
  apiKey?: string | undefined;
  fetch?: Fetch;
  policy: RequestPolicy;
  /** Decoding defaults from the config; per-call options win. */
  defaults?: ChatOptions;
}

interface CompletionChunk {
  choices?: { delta?: { content?: string | null }; message?: { content?: string | null }; finish_reason?: string | null }[];
  error?: { message?: string };
}

export class OpenAiCompatibleChatModel implements ChatModel {
  readonly id: string;
  private readonly fetchImpl: Fetch;

  constructor(private readonly options: OpenAiCompatibleOptions) {
    this.id = options.model;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async chat(messages: ChatMessage[], callOptions: ChatOptions = {}): Promise<ChatResult> {
    const merged = { ...this.options.defaults, ...stripUndefined(callOptions) };
    const stream = merged.onToken !== undefined;
    const body: Record<string, unknown> = { model: this.options.model, messages, stream };
    if (merged.temperature !== undefined) body.temperature = merged.temperature;
    if (merged.topP !== undefined) body.top_p = merged.topP;
    if (merged.topK !== undefined) body.top_k = merged.topK;
    if (merged.presencePenalty !== undefined) body.presence_penalty = merged.presencePenalty;
    if (merged.frequencyPenalty !== undefined) body.frequency_penalty = merged.frequencyPenalty;
    if (merged.repetitionPenalty !== undefined) body.repetition_penalty = merged.repetitionPenalty;
    if (merged.maxTokens !== undefined) body.max_tokens = merged.maxTokens;
    if (merged.json) body.response_format = { type: 'json_object' };
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    const response = await postWithRetries(this.fetchImpl, url, { headers, body: JSON.stringify(body) }, this.options.policy, merged.signal, (failed, text) =>
      describeHttpError(failed, text, this.options.model),
    );
    if (!stream) {
      const parsed = (await response.json()) as CompletionChunk;
      const choice = parsed.choices?.[0];
      if (!choice) throw new AppError('model_error', `the model server returned no choices${parsed.error?.message ? `: ${parsed.error.message}` : ''}`);
      return { text: choice.message?.content ?? '', finishReason: choice.finish_reason ?? 'stop' };
    }
    if (!response.body) throw new AppError('model_error', 'the model server sent an empty stream');
    let text = '';
    let finishReason: string | undefined;
    try {
      for await (const data of readSseData(response.body, merged.signal)) {
        if (data.trim() === '[DONE]') break;
        let chunk: CompletionChunk;
        try {
          chunk = JSON.parse(data) as CompletionChunk;
        } catch {
          throw new AppError('model_error', 'the model server sent a malformed stream event');
        }
        if (chunk.error) throw new AppError('model_error', `the model server failed mid-stream: ${chunk.error.message ?? 'unknown error'}`);
        const choice = chunk.choices?.[0];
        const piece = choice?.delta?.content ?? '';
        if (piece) {
          text += piece;
          merged.onToken?.(piece);
        }
        if (choice?.finish_reason) finishReason = choice.finish_reason;
      }
    } catch (error) {
      if (merged.signal?.aborted) throw new AppError('aborted', 'generation aborted', { cause: error });
      if (error instanceof AppError) throw error;
      throw new AppError('model_error', `the stream from the model server broke: ${(error as Error).message}`, { cause: error });
    }
    if (merged.signal?.aborted) throw new AppError('aborted', 'generation aborted');
    if (!finishReason)
      throw new AppError('model_error', 'the stream from the model server ended before the answer was finished (no finish reason); the answer may be cut off');
    return { text, finishReason };
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
