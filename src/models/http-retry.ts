// HTTP plumbing shared by the OpenAI-compatible adapters: timer-driven timeouts, retries with exponential backoff on
// 408/409/429/5xx only (honouring Retry-After), abort on the caller's signal, and errors that never include the key.
import { AppError } from '../core/errors.js';
import { raceDeadline } from './deadline.js';
import { type BodyLimits, readText } from './timed-body.js';

export type Fetch = typeof fetch;

export interface RequestPolicy {
  /** Budget for the response headers (connect + first byte), and between two body chunks; ms. */
  timeoutMs: number;
  maxRetries: number;
  /** Longest body accepted, in bytes (default maxResponseBytes). */
  maxResponseBytes?: number;
  /** First backoff delay; doubles per attempt (jittered), capped at 20 s. */
  baseDelayMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * 8 MB: a long answer is ~50 KB of JSON and a 64-input embedding batch of 4,096 dimensions ~3 MB; anything far
 * beyond is a misbehaving server (the probe saw a 40 MB answer passed through).
 */
export const maxResponseBytes = 8 * 2 ** 20;

/** A response whose headers arrived in time, with its body readers under the same deadlines. */
export interface TimedResponse {
  response: Response;
  limits: BodyLimits;
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unparseable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * POSTs with a timer-driven deadline per attempt (headers within `timeoutMs`), retrying timeouts and 408/409/429/5xx.
 * The returned limits keep the same attempt's controller, so reading the body is bounded by the idle deadline.
 */
export async function postWithRetries(
  fetchImpl: Fetch,
  url: string,
  init: { headers: Record<string, string>; body: string },
  policy: RequestPolicy,
  signal: AbortSignal | undefined,
  describe: (response: Response, body: string) => AppError,
): Promise<TimedResponse> {
  const sleep = policy.sleep ?? abortableSleep;
  let attempt = 0;
  for (;;) {
    if (signal?.aborted) throw new AppError('aborted', 'request aborted');
    const controller = new AbortController();
    const abort = () => controller.abort();
    const limits: BodyLimits = { idleMs: policy.timeoutMs, maxBytes: policy.maxResponseBytes ?? maxResponseBytes, origin: originOf(url), signal, abort };
    let response: Response;
    try {
      const pending = fetchImpl(url, { method: 'POST', headers: init.headers, body: init.body, signal: controller.signal });
      response = await raceDeadline(pending, policy.timeoutMs, signal, () => firstByteTimeout(url, policy.timeoutMs), abort);
    } catch (error) {
      if (signal?.aborted) throw new AppError('aborted', 'request aborted', { cause: error });
      const failure = error instanceof AppError ? error : networkError(url, error);
      if (attempt < policy.maxRetries && failure.code === 'model_timeout') {
        await sleep(backoff(attempt++, policy), signal);
        continue;
      }
      throw failure;
    }
    if (response.ok) return { response, limits };
    const body = await readText(response, { ...limits, maxBytes: 64 * 1024 }).catch(() => '');
    const error = describe(response, body);
    if (attempt < policy.maxRetries && isRetryableStatus(response.status)) {
      await sleep(parseRetryAfter(response.headers.get('retry-after')) ?? backoff(attempt, policy), signal);
      attempt++;
      continue;
    }
    throw error;
  }
}

function backoff(attempt: number, policy: RequestPolicy): number {
  const base = policy.baseDelayMs ?? 500;
  return Math.min(20_000, base * 2 ** attempt * (0.75 + Math.random() * 0.5));
}

function firstByteTimeout(url: string, timeoutMs: number): AppError {
  return new AppError('model_timeout', `the model server at ${originOf(url)} did not answer within ${timeoutMs / 1000} s`, { retryable: true });
}

function networkError(url: string, error: unknown): AppError {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ECONNRESET') {
    const hint = /:11434\b/.test(url) ? ' Start Ollama with: ollama serve' : ' Is the server running, and is the base URL right?';
    return new AppError('model_unavailable', `cannot reach the model server at ${originOf(url)} (${code}).${hint}`, { cause: error });
  }
  const detail = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
  return new AppError('model_unavailable', `cannot reach the model server at ${originOf(url)}: ${detail}`, { cause: error });
}

export function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the configured URL';
  }
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AppError('aborted', 'request aborted'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new AppError('aborted', 'request aborted'));
      },
      { once: true },
    );
  });
}

/** Maps an error response of an OpenAI-compatible server to a clear AppError (never echoing the API key). */
export function describeHttpError(response: Response, body: string, model: string): AppError {
  const status = response.status;
  let message = body.slice(0, 300);
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } | string; message?: string };
    message = (typeof parsed.error === 'string' ? parsed.error : parsed.error?.message) ?? parsed.message ?? message;
  } catch {
    // not JSON: keep the raw text
  }
  message = message.replace(/(sk-|Bearer\s+)[A-Za-z0-9._-]{6,}/g, '$1***');
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const options = { status, retryable: isRetryableStatus(status), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (status === 401 || status === 403)
    return new AppError('model_auth', `the model server rejected the API key (HTTP ${status}): ${message}. Check MIANBA_LLM_API_KEY.`, options);
  if (status === 404 && /model/i.test(message)) return new AppError('model_not_found', `model "${model}" is not available on the server: ${message}`, options);
  if (status === 404)
    return new AppError('model_not_found', `the server has no such endpoint (HTTP 404); check the base URL (it usually ends in /v1)`, options);
  return new AppError('model_error', `the model server answered HTTP ${status}: ${message}`, options);
}
