import { fail } from '../errors.js';
import { nextPeriod, periodsBetween, type Period } from '../ledger/period.js';

/**
 * The period a disclosure sheet covers: a month (2025-03), a quarter (2025-Q1) or a year (2025).
 * Sheets are published at least quarterly, monthly when a community's transactions are many.
 */
export interface DisclosurePeriod {
  /** As written and stored: 2025-03, 2025-Q1, 2025. */
  key: string;
  kind: 'month' | 'quarter' | 'year';
  year: number;
  from: Period;
  to: Period;
  /** 2025年3月, 2025年第1季度, 2025年度. */
  label: string;
  /** 2025-01-01至2025-03-31. */
  dates: string;
}

const lastDay = (period: Period): string => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

export function parseDisclosurePeriod(text: string, field = 'period'): DisclosurePeriod {
  const key = text.trim().toUpperCase();
  let match: RegExpExecArray | null;
  let result: Omit<DisclosurePeriod, 'dates' | 'key'> | undefined;
  if ((match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key))) {
    const year = Number(match[1]);
    result = { kind: 'month', year, from: key, to: key, label: `${year}年${Number(match[2])}月` };
  } else if ((match = /^(\d{4})-Q([1-4])$/.exec(key))) {
    const year = Number(match[1]);
    const q = Number(match[2]);
    const from = `${year}-${String(q * 3 - 2).padStart(2, '0')}`;
    result = {
      kind: 'quarter',
      year,
      from,
      to: `${year}-${String(q * 3).padStart(2, '0')}`,
      label: `${year}年第${q}季度`,
    };
  } else if ((match = /^(\d{4})$/.exec(key))) {
    const year = Number(match[1]);
    result = { kind: 'year', year, from: `${year}-01`, to: `${year}-12`, label: `${year}年度` };
  }
  if (!result) {
    return fail('invalid_argument', `公开期间“${text}”无效，应为月份 2025-03、季度 2025-Q1 或年度 2025`, {
      field,
    });
  }
  return { key, ...result, dates: `${result.from}-01至${lastDay(result.to)}` };
}

export const monthKey = (period: Period): string => period;
export const quarterKey = (period: Period): string =>
  `${period.slice(0, 4)}-Q${Math.ceil(Number(period.slice(5, 7)) / 3)}`;

/** The months a disclosure period covers. */
export const monthsOf = (p: DisclosurePeriod): Period[] => periodsBetween(p.from, p.to);

/** The day a sheet for `p` is due on the board: `day` of the month after the period. */
export function publicationDate(p: DisclosurePeriod, day: number): string {
  const month = nextPeriod(p.to);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** Whole days from one date to a later one: 2025-04-20 → 2025-04-25 is 5. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export { lastDay };
