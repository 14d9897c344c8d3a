import { localTime } from '../setup/time';

/**
 * 居务公开 periods as the API writes them: a month (2025-03), a quarter (2025-Q1) or a year (2025),
 * and the words the board uses for them (2025年3月, 2025年第1季度, 2025年度).
 */

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface DisclosurePeriod {
  year: number;
  kind: PeriodKind;
  /** Month 1–12 or quarter 1–4; 0 for a year. */
  which: number;
}

export function parsePeriod(key: string): DisclosurePeriod | undefined {
  const text = key.trim().toUpperCase();
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text)))
    return { year: Number(match[1]), kind: 'month', which: Number(match[2]) };
  if ((match = /^(\d{4})-Q([1-4])$/.exec(text)))
    return { year: Number(match[1]), kind: 'quarter', which: Number(match[2]) };
  if ((match = /^(\d{4})$/.exec(text))) return { year: Number(match[1]), kind: 'year', which: 0 };
  return undefined;
}

export function periodKey(p: DisclosurePeriod): string {
  if (p.kind === 'month') return `${p.year}-${String(p.which).padStart(2, '0')}`;
  if (p.kind === 'quarter') return `${p.year}-Q${p.which}`;
  return String(p.year);
}

export function periodLabel(key: string): string {
  const p = parsePeriod(key);
  if (!p) return key;
  if (p.kind === 'month') return `${p.year}年${p.which}月`;
  if (p.kind === 'quarter') return `${p.year}年第${p.which}季度`;
  return `${p.year}年度`;
}

/** The quarter that ended last before `date` (YYYY-MM-DD), the usual sheet to look at. */
export function lastEndedQuarter(date: string): string {
  const year = Number(date.slice(0, 4));
  const quarter = Math.ceil(Number(date.slice(5, 7)) / 3);
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
}

/** Today in the centre's calendar (China time, as the core counts days), whatever this computer's zone. */
export function today(): string {
  return localTime(new Date().toISOString()).slice(0, 10);
}

export const frequencyText = { monthly: '按月', quarterly: '按季' } as const;

/** The first and last month a period covers, for links to the vouchers behind a sheet. */
export function monthRange(key: string): { from: string; to: string } | undefined {
  const p = parsePeriod(key);
  if (!p) return undefined;
  const m = (n: number) => `${p.year}-${String(n).padStart(2, '0')}`;
  if (p.kind === 'month') return { from: m(p.which), to: m(p.which) };
  if (p.kind === 'quarter') return { from: m(p.which * 3 - 2), to: m(p.which * 3) };
  return { from: m(1), to: m(12) };
}
