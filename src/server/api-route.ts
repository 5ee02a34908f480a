// One API route as data: method, path, zod schemas for params, query, body and response, and the handler. The same
// table registers the Hono routes (parse input -> handler -> parse output, which also drops any field the schema
// does not name) and produces the OpenAPI document, so the two cannot drift apart.
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { kbNamePattern, kbNameRule } from '../core/kb-name.js';

export type HttpMethod = 'get' | 'post' | 'delete';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  context: Context;
}

export interface ApiRoute<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: HttpMethod;
  /** Hono path syntax, e.g. `/api/kbs/:kb`. */
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Non-JSON request bodies (multipart uploads), described for OpenAPI only; the handler reads them itself. */
  rawBody?: { contentType: string; schema: Record<string, unknown> };
  /** JSON response; for `sse` routes, the data of the final `done` event. */
  response: z.ZodType;
  sse?: boolean;
  handle(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<unknown>;
}

/** Keeps the schemas' types flowing into the handler without widening the table's element type. */
export function defineRoute<P extends z.ZodType = z.ZodObject, Q extends z.ZodType = z.ZodObject, B extends z.ZodType = z.ZodObject>(
  route: ApiRoute<P, Q, B>,
): ApiRoute {
  return route as unknown as ApiRoute;
}

export function registerRoutes(hono: Hono, routes: readonly ApiRoute[]): void {
  for (const route of routes) {
    hono.on(route.method.toUpperCase(), route.path, async (c) => {
      const params = parseInput(route.params, c.req.param(), 'path');
      const query = parseInput(route.query, c.req.query(), 'query');
      const body = route.body ? parseInput(route.body, await readJson(c), 'body') : undefined;
      const result = await route.handle({ params, query, body, context: c });
      if (result instanceof Response) return result;
      return c.json(route.response.parse(result) as object);
    });
  }
}

function parseInput(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return value;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = [where, ...(issue?.path ?? []).map(String)].join('.');
  throw new AppError('invalid_input', `${field}: ${issue?.message ?? 'invalid'}`);
}

async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/json')) throw new AppError('invalid_input', 'expected a JSON body (Content-Type: application/json)');
  try {
    return await c.req.json();
  } catch (error) {
    if (error instanceof AppError || (error instanceof Error && error.name === 'HTTPException')) throw error;
    throw new AppError('invalid_input', 'the request body is not valid JSON');
  }
}

/** Query-string booleans: "1", "true", "yes" are true; "0", "false", "no" false. */
export const queryBoolean = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes')
  .optional();

export const kbName = z.string().regex(kbNamePattern, kbNameRule).describe('knowledge base name');
