// `mianba mcp`: the MCP server over stdio for agents (Claude Desktop, Cursor). Protocol on stdout, logs on stderr;
// exits when the client closes standard input or on SIGINT/SIGTERM.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from '../../mcp/mcp-server.js';
import { untilStopped } from '../../server/until-stopped.js';
import { mianbaVersion } from '../../server/version.js';
import type { Command } from '../cli-context.js';
import { withApp } from '../open-app.js';
import { parseCommandArgs } from '../parse-args.js';

const usage = 'mianba mcp [--kb NAME]   (stdio; configure your agent to run this command)';

export const runMcp: Command = async (args, context) => {
  const { values } = parseCommandArgs(args, { kb: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, usage);
  if (values.help) {
    context.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  return withApp(context, { kb: values.kb }, async (app) => {
    const server = createMcpServer(app, { version: mianbaVersion });
    const transport = new StdioServerTransport(context.stdin, context.stdout);
    const closed = new Promise<void>((resolve) => {
      transport.onclose = () => resolve();
    });
    await server.connect(transport);
    context.stderr.write('mianba mcp: ready on stdio\n');
    await Promise.race([untilStopped(context, { stdinEnd: true }), closed]);
    await server.close();
    return 0;
  });
};
