// Reliability cases of issue 17 for secrets: one redactor for every output. Exact keys of any shape (no "sk-"),
// URL-encoded forms, keys split across streamed pieces, MCP tool errors, and the HTTP error body all blank them.
import { describe, expect, it } from 'vitest';
import { secretsOfConfig, secretsOfEnvironment } from '../src/config/secrets.js';
import { AppError } from '../src/core/errors.js';
import { createStreamRedactor, redactSecrets } from '../src/core/redact.js';
import { runTool } from '../src/mcp/mcp-server.js';
import { errorResponse } from '../src/server/error-response.js';

const key = 'SECRETKEY-987654';
const token = 'tok/en+with=odd&chars';

describe('redactSecrets', () => {
  it('blanks exact keys whatever their shape, and their URL-encoded form', () => {
    expect(redactSecrets(`Incorrect API key provided: ${key}; t=${encodeURIComponent(token)} ${token}`, [key, token])).toBe(
      'Incorrect API key provided: ***; t=*** ***',
    );
  });

  it('never emits a key split across streamed pieces', () => {
    const redactor = createStreamRedactor([key]);
    const text = `before ${key} after ${key}`;
    let out = '';
    for (const piece of text.match(/[\s\S]{1,3}/g) ?? []) out += redactor.push(piece);
    out += redactor.flush();
    expect(out).toBe('before *** after ***');
  });
});

describe('every output uses it', () => {
  it('MCP tool errors and results', async () => {
    const failed = await runTool(async () => {
      throw new AppError('model_auth', `the model server rejected the API key (HTTP 401): Incorrect API key provided: ${key}`);
    }, [key]);
    expect(failed.isError).toBe(true);
    expect(failed.content[0]?.text).toContain('***');
    expect(failed.content[0]?.text).not.toContain(key);
    expect((await runTool(async () => `echo ${key}`, [key])).content[0]?.text).toBe('echo ***');
  });

  it('HTTP error bodies', () => {
    expect(JSON.stringify(errorResponse(new AppError('model_error', `bad ${key}`), [key]).body)).not.toContain(key);
  });

  it('the secrets come from the configuration and the environment', () => {
    const config = { llm: { apiKey: key }, embed: { provider: 'openai', apiKey: 'embed-key-1234' } } as unknown as Parameters<typeof secretsOfConfig>[0];
    expect(secretsOfConfig(config, token)).toEqual([key, 'embed-key-1234', token]);
    expect(secretsOfEnvironment({ MIANBA_LLM_API_KEY: key, MIANBA_TOKEN: token })).toEqual([key, token]);
  });
});
