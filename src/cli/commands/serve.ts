// `mianba serve [--port 8848] [--host 127.0.0.1] [--token-file F | MIANBA_TOKEN] [--allowed-hosts a,b]`: the HTTP API,
// the OpenAI-compatible endpoints, MCP at /mcp and the web app (prebuilt web/dist). Loopback only unless a token is
// given; the token is never printed whole. Stops cleanly on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { secretsOfConfig } from '../../config/secrets.js';
import { resolveServerToken, tokenHint } from '../../config/server-token.js';
import { redactSecrets } from '../../core/redact.js';
import { startServer } from '../../server/start-server.js';
import { untilStopped } from '../../server/until-stopped.js';
import { mianbaVersion } from '../../server/version.js';
import type { CliContext, Command } from '../cli-context.js';
import { withApp } from '../open-app.js';
import { numberFlag, parseCommandArgs } from '../parse-args.js';

const usage = 'mianba serve [--port 8848] [--host 127.0.0.1] [--token-file FILE | env MIANBA_TOKEN | --token T] [--allowed-hosts NAME,IP] [--kb NAME]';

export const runServe: Command = async (args, context) => {
  const { values } = parseCommandArgs(
    args,
    {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      token: { type: 'string' },
      'token-file': { type: 'string' },
      'allowed-hosts': { type: 'string' },
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
  const resolved = resolveServerToken({ flag: values.token, file: values['token-file'], env: context.env });
  const token = resolved?.token;
  if (resolved?.source === '--token') context.stderr.write('mianba: warning: --token is visible to other users in `ps`; prefer MIANBA_TOKEN or --token-file\n');
  const allowedHosts = values['allowed-hosts']
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const webRoot = fileURLToPath(new URL('../../../web/dist/', import.meta.url));
  const hasWeb = existsSync(webRoot);
  return withApp(context, { kb: values.kb }, async (app) => {
    const server = await startServer(app, {
      host,
      port,
      token,
      allowedHosts,
      version: mianbaVersion,
      webRoot: hasWeb ? webRoot : undefined,
      onUnexpectedError: (error) =>
        context.stderr.write(
          redactSecrets(`mianba: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`, secretsOfConfig(app.config, token)),
        ),
    });
    writeBanner(context, server.url, resolved, hasWeb, app.config.databaseUrl !== undefined);
    await untilStopped(context);
    context.stderr.write('mianba: stopping\n');
    await server.close();
    return 0;
  });
};

function writeBanner(context: CliContext, url: string, token: ReturnType<typeof resolveServerToken>, hasWeb: boolean, team: boolean): void {
  const open = team ? `${url}/#token=<your personal token>` : token ? `${url}/#token=<your token>` : `${url}/`;
  // A team server (database URL) answers personal tokens only; --token does not apply there.
  const auth = team
    ? '  auth       Authorization: Bearer <personal token>  (team server: mianba user add NAME)'
    : token
      ? `  auth       Authorization: Bearer <token>  (token ${tokenHint(token.token)} from ${token.source})`
      : '  auth       none (loopback only)';
  context.stdout.write(
    [
      `mianba serving ${hasWeb ? open : `${url}/ (API only: web/dist is missing, run npm run build)`}`,
      `  API        ${url}/api  (OpenAPI: ${url}/openapi.json)`,
      `  OpenAI     ${url}/v1   (model "mianba")`,
      `  MCP        ${url}/mcp`,
      auth,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}
