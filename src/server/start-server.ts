// Listens with @hono/node-server on the given host and port (0 = any free port) and returns the URL and a close()
// that ends open connections (SSE streams included), so SIGINT/SIGTERM stop the server promptly.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { serve } from '@hono/node-server';
import type { App } from '../app.js';
import { createHttpApp, type HttpAppOptions } from './http-app.js';
import { assertSafeBinding, isLoopbackHost, machineHostNames } from './security.js';

export interface StartOptions extends Omit<HttpAppOptions, 'policy'> {
  host: string;
  port: number;
  token?: string | undefined;
  /** Names or addresses clients may use besides loopback and the bound host (default: see defaultAllowedHosts). */
  allowedHosts?: readonly string[] | undefined;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(app: App, options: StartOptions): Promise<RunningServer> {
  assertSafeBinding(options.host, options.token, app.config.databaseUrl !== undefined);
  let port: number | undefined;
  const allowedHosts = options.allowedHosts ?? defaultAllowedHosts(options.host, options.token);
  const hono = createHttpApp(app, { ...options, policy: { host: options.host, token: options.token, allowedHosts, port: () => port } });
  const server = await new Promise<Server>((resolve, reject) => {
    const created = serve({ fetch: hono.fetch, hostname: options.host, port: options.port }, () => resolve(created as Server)) as Server;
    created.once('error', reject);
  });
  port = (server.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** With a token on a non-loopback bind, LAN clients may use this machine's own names and addresses; otherwise none. */
export function defaultAllowedHosts(host: string, token: string | undefined): string[] {
  if (!token || isLoopbackHost(host)) return [];
  return machineHostNames(hostname(), networkInterfaces() as NodeJS.Dict<{ address: string }[]>);
}
