// Who may talk to the server: the bind rule (loopback unless a token is set), Host and Origin checks against DNS
// rebinding and cross-site requests (loopback, the bound host, and the allowed hosts), and the bearer token. Pure checks plus one Hono middleware; no I/O.
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../core/errors.js';

export interface AccessPolicy {
  /** The host the server is bound to (127.0.0.1 by default). */
  host: string;
  /** The port it listens on; undefined when unknown (in-process tests), which skips the port check. */
  port: () => number | undefined;
  /** Bearer token every API request must carry; required to bind anything but loopback. */
  token: string | undefined;
  /**
   * Further names or addresses clients may reach the server by (a LAN IP, the machine's name): from --allowed-hosts,
   * or this machine's own names and addresses when a token is set (see machineHostNames).
   */
  allowedHosts?: readonly string[];
}

const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(host: string): boolean {
  return loopbackNames.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Refuses to expose the knowledge base beyond this machine without a token (the CLI maps `usage` to exit 2). A team
 * server (`personalTokens`) may bind anywhere: every request carries a personal token.
 */
export function assertSafeBinding(host: string, token: string | undefined, personalTokens = false): void {
  if (!isLoopbackHost(host) && !token && !personalTokens)
    throw new AppError(
      'usage',
      `refusing to listen on ${host} without --token: anyone on the network could read your notes (use --token T or --host 127.0.0.1)`,
    );
  if (token !== undefined && token.length < 8) throw new AppError('usage', '--token must be at least 8 characters');
}

/** Host header check: only loopback names or the bound host, on the listening port. */
export function isAllowedHost(hostHeader: string, policy: AccessPolicy): boolean {
  const parsed = splitHostPort(hostHeader);
  if (!parsed) return false;
  const name = parsed.name.toLowerCase();
  const nameAllowed =
    isLoopbackHost(parsed.name) ||
    name === bracketed(policy.host).toLowerCase() ||
    (policy.allowedHosts ?? []).some((allowed) => bracketed(allowed).toLowerCase() === name);
  const port = policy.port();
  return nameAllowed && (port === undefined || parsed.port === port);
}

/** Origin check (browsers send it on cross-origin and non-GET requests): same rules as Host, http only. */
export function isAllowedOrigin(origin: string, policy: AccessPolicy): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  return isAllowedHost(url.port ? url.host : `${url.hostname}:80`, policy);
}

/** The token of an `Authorization: Bearer <token>` header; '' when there is none. */
export function bearerToken(authorization: string | undefined): string {
  return /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim() ?? '';
}

export function hasValidToken(authorization: string | undefined, token: string): boolean {
  const presented = bearerToken(authorization);
  const expected = Buffer.from(token);
  const actual = Buffer.from(presented);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Rejects requests with a foreign Host or Origin (403) and, on protected paths, without the token (401). */
export function accessGuard(policy: AccessPolicy, isProtected: (path: string) => boolean): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!isAllowedHost(host, policy)) throw new AppError('forbidden', `host "${host}" is not allowed (DNS rebinding protection)`);
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== 'null' && !isAllowedOrigin(origin, policy)) throw new AppError('forbidden', `origin "${origin}" is not allowed`);
    if (origin === 'null') throw new AppError('forbidden', 'opaque origins are not allowed');
    if (policy.token !== undefined && isProtected(c.req.path) && !hasValidToken(c.req.header('authorization'), policy.token))
      throw new AppError('unauthorized', 'missing or wrong bearer token (Authorization: Bearer <token>)');
    await next();
  };
}

/** This machine's host name (with and without ".local") and its interface addresses: how LAN clients reach it. */
export function machineHostNames(hostname: string, interfaces: NodeJS.Dict<{ address: string }[]>): string[] {
  const names = [hostname, `${hostname}.local`];
  for (const addresses of Object.values(interfaces)) for (const entry of addresses ?? []) names.push(entry.address.replace(/%.*$/, ''));
  return [...new Set(names.filter(Boolean))];
}

function splitHostPort(value: string): { name: string; port: number | undefined } | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!match?.[1]) return undefined;
  return { name: match[1], port: match[2] === undefined ? 80 : Number(match[2]) };
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
