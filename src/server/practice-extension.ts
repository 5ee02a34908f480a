// The drill and progress over HTTP and MCP: one Practice (practice.db) opened on first use and shared by the routes
// and the MCP tools of one server; close() releases it when the server stops.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { App } from '../app.js';
import type { runTool } from '../mcp/mcp-server.js';
import { registerPracticeTools } from '../mcp/practice-tools.js';
import { createPractice, type Practice } from '../practice/create-practice.js';
import type { ApiRoute } from './api-route.js';
import { practiceRoutes } from './routes-practice.js';

export interface PracticeExtension {
  routes: ApiRoute[];
  registerMcpTools(server: McpServer, run: typeof runTool): void;
  close(): void;
}

export function createPracticeExtension(app: App): PracticeExtension {
  let practice: Practice | undefined;
  const get = (): Practice => {
    practice ??= createPractice(app);
    return practice;
  };
  return {
    routes: practiceRoutes(get),
    registerMcpTools: (server, run) => registerPracticeTools(server, run, get),
    close() {
      practice?.close();
      practice = undefined;
    },
  };
}
