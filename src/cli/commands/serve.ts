// `mianba serve [--port 8848] [--host 127.0.0.1] [--token T]`: the HTTP API, the OpenAI-compatible endpoints, MCP at
// /mcp and the web app (prebuilt web/dist). Loopback only unless a token is given; stops cleanly on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../core/errors.js';
import { createPracticeExtension } from '../../server/practice-extension.js';
import { startServer } from '../../server/start-server.js';
import { untilStopped } from '../../server/until-stopped.js';
import { mianbaVersion } from '../../server/version.js';
import type { CliContext, Command } from '../cli-context.js';
import { withApp } from '../open-app.js';
import { numberFlag, parseCommandArgs } from '../parse-args.js';

const usage = 'mianba serve [--port 8848] [--host 127.0.0.1] [--token T] [--kb NAME]';

export const runServe: Command = async (args, context) => {
  const { values } = parseCommandArgs(
    args,
    {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      token: { type: 'string' },
      kb: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    usage,
  );
  if (values.help) {
    context.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  const port = numberFlag(values.port, 'port', { min: 0, max: 65_535, integer: true }) ?? 8848;
  const host = values.host ?? '127.0.0.1';
  if (values.token !== undefined && !/^[\x21-\x7e]+$/.test(values.token)) throw new AppError('usage', '--token must be printable ASCII without spaces');
  const webRoot = fileURLToPath(new URL('../../../web/dist/', import.meta.url));
  const hasWeb = existsSync(webRoot);
  return withApp(context, { kb: values.kb }, async (app) => {
    const practice = createPracticeExtension(app);
    const server = await startServer(app, {
      host,
      port,
      token: values.token,
      version: mianbaVersion,
      webRoot: hasWeb ? webRoot : undefined,
      extraRoutes: practice.routes,
      registerMcpTools: practice.registerMcpTools,
      onUnexpectedError: (error) => context.stderr.write(`mianba: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
    });
    writeBanner(context, server.url, values.token, hasWeb);
    await untilStopped(context);
    context.stderr.write('mianba: stopping\n');
    await server.close();
    practice.close();
    return 0;
  });
};

function writeBanner(context: CliContext, url: string, token: string | undefined, hasWeb: boolean): void {
  const open = token ? `${url}/#token=${encodeURIComponent(token)}` : `${url}/`;
  context.stdout.write(
    [
      `mianba serving ${hasWeb ? open : `${url}/ (API only: web/dist is missing, run npm run build)`}`,
      `  API        ${url}/api  (OpenAPI: ${url}/openapi.json)`,
      `  OpenAI     ${url}/v1   (model "mianba")`,
      `  MCP        ${url}/mcp`,
      token ? '  auth       Authorization: Bearer <token>' : '  auth       none (loopback only)',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}
