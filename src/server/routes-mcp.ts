// MCP over streamable HTTP at /mcp, stateless: each request gets a fresh server and transport over the same App
// (tools are cheap to register; no session state to leak or expire). JSON responses, no long-lived SSE.
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Hono } from 'hono';
import type { App } from '../app.js';
import { createMcpServer, type McpOptions } from '../mcp/mcp-server.js';

export function registerMcpRoute(hono: Hono, app: App, options: McpOptions): void {
  hono.all('/mcp', async (c) => {
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    const server = createMcpServer(app, options);
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      void server.close();
    }
  });
}
