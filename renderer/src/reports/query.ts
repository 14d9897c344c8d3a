import { useApi } from '../api';
import { announceRoute, href, useRoute } from '../router';

/**
 * Report screens keep their filters in the hash URL, so a drill-down and the browser's back button
 * always land on the same figures. Filter changes replace the current history entry (they are not
 * steps of a drill-down); opening an account or a voucher pushes a new one.
 */
export function useQuery(path: string) {
  const route = useRoute();
  const get = (key: string) => route.params.get(key) ?? '';
  const replace = (patch: Record<string, string | undefined>) => {
    const next: Record<string, string> = {};
    route.params.forEach((value, key) => (next[key] = value));
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
    }
    window.location.replace(href(path, next));
    announceRoute();
  };
  /** Records a value in the current entry without re-rendering, e.g. the row a drill-down left from. */
  const remember = (patch: Record<string, string | undefined>) => {
    const next: Record<string, string> = {};
    route.params.forEach((value, key) => (next[key] = value));
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
    }
    window.history.replaceState(window.history.state, '', href(path, next));
  };
  return { params: route.params, get, replace, remember };
}

const periodPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

export const isPeriod = (text: string) => periodPattern.test(text);

/**
 * The range a report opens on when the URL names none: the book's current year (the year of its latest
 * month with vouchers) from January, or from the book's first month, up to that latest month.
 */
export function useDefaultRange(book: string) {
  const periods = useApi('period.list', book ? { book } : null);
  const list = periods.data;
  const start = list?.[0]?.period;
  let range: { from: string; to: string } | undefined;
  if (list && start) {
    const latest = [...list].reverse().find((p) => p.vouchers > 0)?.period ?? list.at(-1)!.period;
    const yearStart = `${latest.slice(0, 4)}-01`;
    range = { from: yearStart < start ? start : yearStart, to: latest };
  }
  const months = (list ?? []).map((p) => p.period);
  return { range, start, months, loading: periods.loading, error: periods.error };
}
