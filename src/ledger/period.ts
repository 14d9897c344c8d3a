import { fail } from '../errors.js';

/** A period is a calendar month written 'YYYY-MM'; the fiscal year is the calendar year. */
export type Period = string;

const periodPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parsePeriod(text: string, field = '期间'): Period {
  const trimmed = text.trim();
  if (!periodPattern.test(trimmed))
    fail('invalid_argument', `${field}“${text}”无效，应为 YYYY-MM，例如 2025-03`, { field });
  return trimmed;
}

/** Accepts 2025-03-05, 2025/3/5 and 2025.3.5; returns 'YYYY-MM-DD' or fails naming the field. */
export function parseDate(text: string, field = '日期'): string {
  const normalised = text
    .trim()
    .replace(/[/.]/g, '-')
    .replace(/-(\d)(?=-|$)/g, '-0$1');
  const match = datePattern.exec(normalised);
  if (match) {
    const [, y, m, d] = match.map(Number) as [number, number, number, number];
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (
      probe.getUTCFullYear() === y &&
      probe.getUTCMonth() === m - 1 &&
      probe.getUTCDate() === d &&
      y >= 1900
    ) {
      return normalised;
    }
  }
  return fail('invalid_argument', `${field}“${text}”不是有效日期，应为 YYYY-MM-DD，例如 2025-03-05`, {
    field,
  });
}

export function periodOfDate(date: string): Period {
  return date.slice(0, 7);
}

export function nextPeriod(period: Period): Period {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function previousPeriod(period: Period): Period {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Every period from `from` to `to` inclusive. */
export function periodsBetween(from: Period, to: Period): Period[] {
  const periods: Period[] = [];
  for (let p = from; p <= to; p = nextPeriod(p)) periods.push(p);
  return periods;
}

/** '2025-03' → '2025年3月', the label printed on reports. */
export function periodLabel(period: Period): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${y}年${m}月`;
}
