// Hash routing (#/ask, #/bank/<id>, ...): works from any static file server and never sends the route to the server.
import { useEffect, useState } from 'preact/hooks';

export const pages = ['ask', 'bank', 'practice', 'progress', 'kbs', 'calc', 'settings', 'doc'] as const;
export type Page = (typeof pages)[number];

export interface Route {
  page: Page;
  rest: string[];
  /** State after `?` in the hash (`#/bank?topic=…&q=…`): shareable and kept by reload and Back. */
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  const page = (pages as readonly string[]).includes(parts[0] ?? '') ? (parts[0] as Page) : 'ask';
  return { page, rest: parts.slice(1), params: new URLSearchParams(search) };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The hash for a page, path parts and query state (empty values left out). */
export function routeHash(page: Page, rest: string[] = [], params: Record<string, string> = {}): string {
  const search = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== ''));
  const path = [page, ...rest].map(encodeURIComponent).join('/');
  return `#/${path}${search.size > 0 ? `?${search}` : ''}`;
}

/** Replaces the current entry (typing in a search box should not fill the history). */
export function replaceRoute(hash: string): void {
  if (location.hash === hash) return;
  history.replaceState(null, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(page: Page, ...rest: string[]): void {
  location.hash = `#/${[page, ...rest].map(encodeURIComponent).join('/')}`;
}
