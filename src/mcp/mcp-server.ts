// The MCP server: the knowledge base as tools for agents (Claude Desktop, Cursor): search, ask, get_question, and the
// drill (next_question, grade_answer). One factory, served over stdio by `mianba mcp` and over streamable HTTP at /mcp.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { App } from '../app.js';
import { secretsOfConfig } from '../config/secrets.js';
import { AppError, isAppError } from '../core/errors.js';
import { kbNamePattern, kbNameRule } from '../core/kb-name.js';
import { redactSecrets } from '../core/redact.js';
import { formatAnswer, formatHits, formatQuestion } from './format-tool-output.js';
import { registerPracticeTools } from './practice-tools.js';

export interface ToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  isError?: boolean;
}

export interface McpOptions {
  version: string;
  /** The server token (over HTTP), redacted like the API keys. */
  token?: string | undefined;
}

const kb = z.string().regex(kbNamePattern, kbNameRule).optional().describe('knowledge base name (default: all, plus the built-in bank)');

export function createMcpServer(app: App, options: McpOptions): McpServer {
  const server = new McpServer({ name: 'mianba', version: options.version }, { instructions: instructions() });
  const secrets = secretsOfConfig(app.config, options.token);
  const run = (body: () => Promise<string>) => runTool(body, secrets);
  server.registerTool(
    'search',
    {
      title: 'Search the knowledge base',
      description: 'Hybrid search over the built-in LLM interview bank and the user notes. Returns ranked passages with source path and line.',
      inputSchema: { query: z.string().min(1).max(2000), kb, top: z.number().int().min(1).max(50).optional() },
      annotations: { readOnlyHint: true },
    },
    ({ query, kb: name, top }) => run(async () => formatHits((await app.search({ query, kb: name, top: top ?? 8 })).hits)),
  );
  server.registerTool(
    'ask',
    {
      title: 'Answer with citations',
      description:
        'Answers an LLM-engineering interview question from the knowledge base with numbered citations [n] and a Sources list, or refuses when the notes do not cover it.',
      inputSchema: { question: z.string().min(1).max(4000), kb, length: z.enum(['brief', 'full']).optional() },
      annotations: { readOnlyHint: true },
    },
    ({ question, kb: name, length }) => run(async () => formatAnswer(await app.ask({ question, kb: name, length }), app.config.home)),
  );
  server.registerTool(
    'get_question',
    {
      title: 'Get a question',
      description: 'One question of the bank or of the user notes by id: the reference answer, key points and sources.',
      inputSchema: { id: z.string().min(1).max(128), language: z.enum(['zh', 'en']).optional() },
      annotations: { readOnlyHint: true },
    },
    ({ id, language }) =>
      run(async () => {
        const item = await app.getQuestion(id);
        if (!item) throw new AppError('not_found', `no question with id "${id}"`);
        return formatQuestion(item, language ?? 'zh', true);
      }),
  );
  registerPracticeTools(server, run, () => app.practice());
  return server;
}

/** Runs a tool body; failures become an error result with the AppError message (never a stack trace), secrets blanked. */
export async function runTool(body: () => Promise<string>, secrets: readonly string[] = []): Promise<ToolResult> {
  try {
    return { content: [{ type: 'text', text: redactSecrets(await body(), secrets) }] };
  } catch (error) {
    const message = isAppError(error) ? error.message : 'internal error';
    return { content: [{ type: 'text', text: redactSecrets(message, secrets) }], isError: true };
  }
}

function instructions(): string {
  return 'mianba (面霸) is a local knowledge base for LLM engineering interviews. Use `ask` for cited answers, `search` for passages, and next_question/grade_answer to drill the user.';
}
