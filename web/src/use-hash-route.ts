// Hash routing (#/ask, #/bank/<id>, ...): works from any static file server and never sends the route to the server.
import { useEffect, useState } from 'preact/hooks';

export const pages = ['ask', 'bank', 'practice', 'progress', 'kbs', 'calc'] as const;
export type Page = (typeof pages)[number];

export interface Route {
  page: Page;
  rest: string[];
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const page = (pages as readonly string[]).includes(parts[0] ?? '') ? (parts[0] as Page) : 'ask';
  return { page, rest: parts.slice(1) };
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
