// A real HTTP server speaking the OpenAI protocol on 127.0.0.1, driven by any ChatModel (the FakeChatModel in tests):
// /v1/models, /v1/chat/completions (JSON and SSE) and /v1/embeddings. Scripted faults (HTTP errors with
// Retry-After, a stream cut midway, a stall after the headers, HTML or a wrong JSON shape) exercise clients. It stops by itself after `maxRequests` or `idleMs`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatMessage, ChatModel } from './chat-model.js';
import type { Embedder } from './embedder.js';

export type Fault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number; message?: string }
  | { kind: 'cut-stream'; afterChunks: number }
  /** Sends headers and `afterChunks` stream events (or nothing, for JSON), then stays silent with the socket open. */
  | { kind: 'stall'; afterChunks: number }
  /** Accepts the connection and never sends headers. */
  | { kind: 'no-headers' }
  /** Answers 200 with this exact body and content type (HTML, non-JSON, a wrong shape, a broken SSE stream). */
  | { kind: 'raw'; contentType: string; body: string };

export interface FakeServerOptions {
  model: ChatModel;
  embedder?: Embedder;
  /** Faults applied to the next chat requests, in order. */
  faults?: Fault[];
  apiKey?: string;
  maxRequests?: number;
  idleMs?: number;
}

export interface FakeServer {
  url: string;
  requests: { path: string; body: unknown; authorization: string | undefined }[];
  close(): Promise<void>;
}

export async function startFakeOpenAiServer(options: FakeServerOptions): Promise<FakeServer> {
  const faults = [...(options.faults ?? [])];
  const requests: FakeServer['requests'] = [];
  const maxRequests = options.maxRequests ?? 500;
  let idleTimer: NodeJS.Timeout | undefined;
  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  const close = () =>
    new Promise<void>((resolve) => {
      clearTimeout(idleTimer);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const touch = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void close(), options.idleMs ?? 60_000);
    idleTimer.unref();
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    touch();
    const raw = await readBody(request);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    requests.push({ path: request.url ?? '', body, authorization: request.headers.authorization });
    if (requests.length >= maxRequests) setImmediate(() => void close());
    if (options.apiKey && request.headers.authorization !== `Bearer ${options.apiKey}`)
      // Like real servers, echo the key that was presented (this is what leaked keys in the probe of issue 17).
      return json(response, 401, { error: { message: `Incorrect API key provided: ${(request.headers.authorization ?? '').replace(/^Bearer /, '')}` } });
    if (request.url === '/v1/models') return json(response, 200, { object: 'list', data: [{ id: options.model.id, object: 'model', owned_by: 'mianba' }] });
    if (request.url === '/v1/embeddings' && options.embedder) {
      const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
      const vectors = await options.embedder.embed(input);
      return json(response, 200, {
        object: 'list',
        model: body.model,
        data: vectors.map((vector, index) => ({ object: 'embedding', index, embedding: [...vector] })),
      });
    }
    if (request.url !== '/v1/chat/completions') return json(response, 404, { error: { message: `no route ${request.url}` } });
    if (body.model !== options.model.id) return json(response, 404, { error: { message: `model "${String(body.model)}" not found` } });
    const fault = faults.shift();
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      return json(response, fault.status, { error: { message: fault.message ?? `fault ${fault.status}` } }, headers);
    }
    if (fault?.kind === 'no-headers') return;
    if (fault?.kind === 'raw') {
      response.writeHead(200, { 'content-type': fault.contentType });
      response.end(fault.body);
      return;
    }
    if (fault?.kind === 'stall' && !body.stream) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.flushHeaders();
      return;
    }
    const result = await options.model.chat(body.messages as ChatMessage[]);
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      return json(response, 200, {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created,
        model: options.model.id,
        choices: [{ index: 0, message: { role: 'assistant', content: result.text }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      });
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const pieces = result.text.match(/[\s\S]{1,6}/g) ?? [];
    const send = (payload: unknown) => response.write(`data: ${JSON.stringify(payload)}\n\n`);
    for (const [index, piece] of pieces.entries()) {
      if (fault?.kind === 'cut-stream' && index >= fault.afterChunks) {
        response.end();
        return;
      }
      if (fault?.kind === 'stall' && index >= fault.afterChunks) {
        response.flushHeaders();
        return;
      }
      send({
        id: 'chatcmpl-fake',
        object: 'chat.completion.chunk',
        created,
        model: options.model.id,
        choices: [{ index: 0, delta: { content: piece }, finish_reason: null }],
      });
    }
    send({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created, model: options.model.id, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    response.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  touch();
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, close };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      data += chunk;
    });
    request.on('end', () => resolve(data));
    request.on('error', reject);
  });
}

function json(response: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(payload));
}
