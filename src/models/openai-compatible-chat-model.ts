// ChatModel over any OpenAI-compatible /v1/chat/completions server (Ollama, vLLM, llama.cpp server, DeepSeek,
// DashScope/Qwen, OpenAI). Streams over SSE when asked. Every response is validated (zod): HTML, non-JSON, a broken
// stream, `{"choices":"nope"}` or an over-long answer fail with model_bad_response, never an empty answer.
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { createStreamRedactor, redactSecrets } from '../core/redact.js';
import type { ChatMessage, ChatModel, ChatOptions, ChatResult } from './chat-model.js';
import { describeHttpError, type Fetch, postWithRetries, type RequestPolicy } from './http-retry.js';
import { readSseData } from './sse.js';
import { readChunks, readText } from './timed-body.js';

export interface OpenAiCompatibleOptions {
  baseUrl: string;
  model: string;
  apiKey?: string | undefined;
  fetch?: Fetch;
  policy: RequestPolicy;
  /** Decoding defaults from the config; per-call options win. */
  defaults?: ChatOptions;
  /** Further secrets to blank out of answers and errors (the API key always is). */
  secrets?: readonly string[];
}

/** 200,000 characters: ~20x the longest answer mianba asks for; beyond it the server is misbehaving. */
export const maxAnswerChars = 200_000;

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullish() }).passthrough(), finish_reason: z.string().nullish() }).passthrough()).min(1),
});
const chunkSchema = z
  .object({
    error: z.object({ message: z.string().optional() }).passthrough().optional(),
    choices: z
      .array(z.object({ delta: z.object({ content: z.string().nullish() }).passthrough().nullish(), finish_reason: z.string().nullish() }).passthrough())
      .optional(),
  })
  .passthrough();

export class OpenAiCompatibleChatModel implements ChatModel {
  readonly id: string;
  private readonly fetchImpl: Fetch;
  private readonly secrets: readonly (string | undefined)[];

  constructor(private readonly options: OpenAiCompatibleOptions) {
    this.id = options.model;
    this.fetchImpl = options.fetch ?? fetch;
    this.secrets = [options.apiKey, ...(options.secrets ?? [])];
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
    try {
      const { response, limits } = await postWithRetries(
        this.fetchImpl,
        url,
        { headers, body: JSON.stringify(body) },
        this.options.policy,
        merged.signal,
        (failed, text) => describeHttpError(failed, text, this.options.model),
      );
      if (!stream) return this.parseCompletion(await readText(response, limits), response);
      const redactor = createStreamRedactor(this.secrets);
      let text = '';
      let finishReason: string | undefined;
      for await (const data of readSseData(readChunks(response, limits))) {
        if (data.trim() === '[DONE]') break;
        const chunk = chunkSchema.safeParse(parseJson(data));
        if (!chunk.success) throw new AppError('model_bad_response', `the model server sent a malformed stream event: ${preview(data)}`);
        if (chunk.data.error) throw new AppError('model_error', `the model server failed mid-stream: ${chunk.data.error.message ?? 'unknown error'}`);
        const choice = chunk.data.choices?.[0];
        const piece = choice?.delta?.content ?? '';
        if (piece) {
          text += piece;
          if (text.length > maxAnswerChars) throw tooLong();
          const safe = redactor.push(piece);
          if (safe) merged.onToken?.(safe);
        }
        if (choice?.finish_reason) finishReason = choice.finish_reason;
      }
      const rest = redactor.flush();
      if (rest) merged.onToken?.(rest);
      if (merged.signal?.aborted) throw new AppError('aborted', 'generation aborted');
      if (!finishReason)
        throw new AppError(
          'model_bad_response',
          'the stream from the model server ended before the answer was finished (no finish reason); the answer may be cut off',
        );
      return { text: redactSecrets(text, this.secrets), finishReason };
    } catch (error) {
      if (merged.signal?.aborted && !(error instanceof AppError && error.code === 'aborted'))
        throw new AppError('aborted', 'generation aborted', { cause: error });
      throw this.redacted(error);
    }
  }

  private parseCompletion(raw: string, response: Response): ChatResult {
    const json = parseJson(raw);
    if (json === undefined) {
      const kind = /^\s*</.test(raw) || (response.headers.get('content-type') ?? '').includes('html') ? 'HTML' : 'text that is not JSON';
      throw new AppError('model_bad_response', `the model server answered with ${kind} instead of a completion (is the base URL right?): ${preview(raw)}`);
    }
    const parsed = completionSchema.safeParse(json);
    if (!parsed.success) {
      const serverError = (json as { error?: { message?: unknown } } | null)?.error?.message;
      throw new AppError(
        'model_bad_response',
        `the model server's answer is not a chat completion (${parsed.error.issues[0]?.path.join('.') || 'root'}: ${parsed.error.issues[0]?.message ?? 'invalid'})${typeof serverError === 'string' ? `: ${serverError}` : ''}`,
      );
    }
    const choice = parsed.data.choices[0] as z.infer<typeof completionSchema>['choices'][number];
    const text = choice.message.content ?? '';
    if (text.length > maxAnswerChars) throw tooLong();
    return { text: redactSecrets(text, this.secrets), finishReason: choice.finish_reason ?? 'stop' };
  }

  /** The same error with every configured secret blanked out of its message. */
  private redacted(error: unknown): unknown {
    if (!(error instanceof AppError)) return error;
    const message = redactSecrets(error.message, this.secrets);
    if (message === error.message) return error;
    return new AppError(error.code, message, {
      status: error.status,
      retryable: error.retryable,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    });
  }
}

function tooLong(): AppError {
  return new AppError('model_bad_response', `the model's answer is longer than ${maxAnswerChars.toLocaleString('en')} characters; refusing it`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat || '(empty)';
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
