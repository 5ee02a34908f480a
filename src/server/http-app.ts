// The HTTP server as a Hono app over one App: security headers, Host/Origin/token checks, body limits, the JSON API
// (from the route table), the OpenAPI document, the OpenAI-compatible endpoints, MCP at /mcp and the web app.
// On a team server (a database URL) every request acts for the person of its personal token (person-scope.ts).
// Testable through `request()` with no port. Every error goes through the one mapping in onError.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { z } from 'zod';
import type { App } from '../app.js';
import { AppError } from '../core/errors.js';
import { type ApiRoute, defineRoute, registerRoutes } from './api-route.js';
import { errorResponse } from './error-response.js';
import { openApiDocument } from './openapi.js';
import { personalApp } from './person-scope.js';
import { askRoutes } from './routes-ask.js';
import { calcRoutes } from './routes-calc.js';
import { documentRoutes } from './routes-documents.js';
import { kbRoutes } from './routes-kb.js';
import { registerMcpRoute } from './routes-mcp.js';
import { openAiRoutes } from './routes-openai.js';
import { practiceRoutes } from './routes-practice.js';
import { questionRoutes } from './routes-questions.js';
import { settingsRoutes } from './routes-settings.js';
import { threadRoutes } from './routes-threads.js';
import { userRoutes } from './routes-users.js';
import { type AccessPolicy, accessGuard } from './security.js';
import { contentSecurityPolicy, registerStaticFiles } from './static-files.js';

export interface HttpAppOptions {
  version: string;
  policy: AccessPolicy;
  /** Built web app to serve at `/` (web/dist); none in API-only tests. */
  webRoot?: string | undefined;
  /** JSON request bodies; uploads may be as large as the configured max file size. */
  jsonLimitBytes?: number;
  /** Called with errors that are not AppErrors (bugs), for the server log; the client only sees "internal error". */
  onUnexpectedError?: (error: unknown) => void;
}

const protectedPrefixes = ['/api/', '/v1/', '/mcp', '/openapi.json'];

export function createHttpApp(server: App, options: HttpAppOptions): Hono {
  const isProtected = (path: string) => protectedPrefixes.some((prefix) => path.startsWith(prefix));
  // A team server knows people, not one shared token: personal tokens replace --token.
  const team = server.config.databaseUrl ? personalApp(server, { verify: (token) => server.users().verify(token), isProtected }) : undefined;
  const app = team?.app ?? server;
  const secrets = [app.config.llm?.apiKey, app.config.embed.provider === 'openai' ? app.config.embed.apiKey : undefined, options.policy.token].filter(
    (secret): secret is string => typeof secret === 'string' && secret.length > 0,
  );
  const hono = new Hono();
  hono.onError((error, c) => {
    const mapped = errorResponse(error, secrets);
    if (mapped.status >= 500 && !(error instanceof AppError)) options.onUnexpectedError?.(error);
    return c.json(mapped.body, mapped.status as 500);
  });
  hono.notFound((c) => c.json(errorResponse(new AppError('not_found', `no route ${c.req.method} ${c.req.path}`)).body, 404));
  hono.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', contentSecurityPolicy);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
  });
  // JSON answers compressed (streams of server-sent events are not: the filter leaves text/event-stream alone);
  // static files compress themselves (static-files.ts), so they already carry Content-Encoding and pass through.
  hono.use('*', compress());
  // The question lists change only on upload or re-index: revalidated by ETag, a 304 instead of the list.
  hono.use('/api/questions', etag());
  hono.use('/api/questions/*', etag());
  hono.use('*', accessGuard(team ? { ...options.policy, token: undefined } : options.policy, isProtected));
  if (team) hono.use('*', team.middleware);
  const tooLarge = (limit: number) => () => {
    throw new AppError('payload_too_large', `request body over the ${formatBytes(limit)} limit`);
  };
  const jsonLimit = options.jsonLimitBytes ?? 2 ** 20;
  const uploadLimit = app.config.maxFileMb * 2 ** 20 + 2 ** 20;
  const limitJson = bodyLimit({ maxSize: jsonLimit, onError: tooLarge(jsonLimit) });
  const limitUpload = bodyLimit({ maxSize: uploadLimit, onError: tooLarge(uploadLimit) });
  hono.use('*', (c, next) => (/^\/api\/kbs\/[^/]+\/documents$/.test(c.req.path) && c.req.method === 'POST' ? limitUpload(c, next) : limitJson(c, next)));

  const routes = [
    statusRoute(app, options.version),
    ...askRoutes(app, secrets),
    ...threadRoutes(app, secrets),
    ...questionRoutes(app),
    ...kbRoutes(app, secrets),
    ...documentRoutes(app),
    ...settingsRoutes(app, secrets),
    ...calcRoutes(),
    ...practiceRoutes(() => app.practice()),
    ...openAiRoutes(app, secrets),
    ...userRoutes(app),
  ];
  registerRoutes(hono, routes);
  const document = openApiDocument(routes, { version: options.version });
  hono.get('/openapi.json', (c) => c.json(document));
  registerMcpRoute(hono, app, { version: options.version });
  registerStaticFiles(hono, options.webRoot);
  return hono;
}

function statusRoute(app: App, version: string): ApiRoute {
  return defineRoute({
    method: 'get',
    path: '/api/status',
    tag: 'status',
    summary: 'Server status: version, default knowledge base, whether a model is configured (never its key)',
    response: z.object({
      name: z.literal('mianba'),
      version: z.string(),
      defaultKb: z.string(),
      maxFileMb: z.number(),
      llm: z.object({ configured: z.boolean(), model: z.string().optional() }),
    }),
    handle: async () => ({
      name: 'mianba',
      version,
      defaultKb: app.config.kb,
      maxFileMb: app.config.maxFileMb,
      llm: { configured: app.config.llm !== undefined, model: app.config.llm?.model },
    }),
  });
}

function formatBytes(bytes: number): string {
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(0)} MB` : `${(bytes / 1024).toFixed(0)} KB`;
}
