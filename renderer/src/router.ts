import { useEffect, useState } from 'react';

/**
 * Hash routes (`#/vouchers?period=2025-03`): they work the same from the loopback server and from a file
 * in Electron, and the browser's back button walks the accountant's drill-downs backwards.
 */
export interface Route {
  path: string;
  params: URLSearchParams;
}

function current(): Route {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = hash.split('?');
  return { path, params: new URLSearchParams(query) };
}

/**
 * The browser fires hashchange after the event that changed the hash has been handled, so a control
 * whose state lives in the URL (a checkbox of a report) would first snap back, then change. Our own
 * filter changes (reports/query.ts) therefore also tell every route at once, within the same event.
 * Navigation between screens does not: it waits for hashchange, which the leave guard (leave.ts) may
 * stop first.
 */
const routeChanged = 'jucai:route';
export const announceRoute = () => window.dispatchEvent(new Event(routeChanged));

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    window.addEventListener('hashchange', update);
    window.addEventListener(routeChanged, update);
    return () => {
      window.removeEventListener('hashchange', update);
      window.removeEventListener(routeChanged, update);
    };
  }, []);
  return route;
}

export function href(path: string, params: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

export function navigate(path: string, params: Record<string, string | number | undefined> = {}): void {
  window.location.hash = href(path, params);
}
