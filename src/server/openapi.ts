// The OpenAPI 3.1 document of the HTTP API, generated from the route table's zod schemas (z.toJSONSchema), so the
// document is exactly what the server validates. Pure.
import { z } from 'zod';
import type { ApiRoute } from './api-route.js';
import { errorBodySchema } from './error-response.js';

type JsonSchema = Record<string, unknown>;

export function openApiDocument(routes: readonly ApiRoute[], info: { version: string }): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'mianba API',
      version: info.version,
      description: 'Local-first LLM interview knowledge base and coach. Errors are { error: { code, message } }.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'required when the server was started with --token' } },
      schemas: { Error: jsonSchema(errorBodySchema, 'output') },
    },
    security: [{}, { bearer: [] }],
    paths,
  };
}

function operation(route: ApiRoute): JsonSchema {
  const parameters = [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')];
  const success = route.sse
    ? {
        description: 'Server-sent events; the final `done` event carries this JSON, `error` events carry an Error.',
        content: { 'text/event-stream': { schema: jsonSchema(route.response, 'output') } },
      }
    : { description: 'OK', content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } };
  const error = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  return {
    summary: route.summary,
    tags: [route.tag],
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase())}`,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
    ...(route.rawBody ? { requestBody: { required: true, content: { [route.rawBody.contentType]: { schema: route.rawBody.schema } } } } : {}),
    responses: { 200: success, default: error },
  };
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const { description, ...fieldSchema } = jsonSchema(field, 'input');
    return { name, in: where, required: where === 'path' || !field.safeParse(undefined).success, schema: fieldSchema, ...(description ? { description } : {}) };
  });
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
  return rest;
}
