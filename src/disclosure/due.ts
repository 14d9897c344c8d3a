import { fail } from '../errors.js';
import { recordAudit } from '../ledger/audit.js';
import { listBooks, type Book } from '../ledger/books.js';
import { dailyCashDeficitsOf } from '../ledger/cash-balances.js';
import type { Centre } from '../ledger/centre.js';
import { requireRole, type Actor } from '../ledger/operators.js';
import { periodOfDate } from '../ledger/period.js';
import { currentSheets } from './publish.js';
import { sheetFigures } from './sheets.js';
import { deficitViews, type DeficitView } from './view.js';
import {
  daysBetween,
  monthsOf,
  parseDisclosurePeriod,
  publicationDate,
  type DisclosurePeriod,
} from './period.js';

/**
 * When sheets are due. Quarterly by default; monthly for a community whose transactions are many
 * (more than `monthlyThreshold` vouchers in some month of the quarter); each due on `publicationDay`
 * of the month after its period. Both are centre settings.
 */

export interface DisclosureSettings {
  monthlyThreshold: number;
  publicationDay: number;
}

const defaults: DisclosureSettings = { monthlyThreshold: 30, publicationDay: 20 };

export function disclosureSettings(centre: Centre): DisclosureSettings {
  const rows = centre.sql("SELECT key, value FROM setting WHERE key LIKE 'disclosure.%'").all() as Array<{
    key: string;
    value: string;
  }>;
  const stored = Object.fromEntries(rows.map((r) => [r.key.slice('disclosure.'.length), Number(r.value)]));
  return { ...defaults, ...stored };
}

export function setDisclosureSettings(actor: Actor, input: Partial<DisclosureSettings>): DisclosureSettings {
  const { centre, operator } = actor;
  requireRole(operator, ['supervisor'], '设置公开频率和公开日');
  const before = disclosureSettings(centre);
  if (
    input.monthlyThreshold !== undefined &&
    (!Number.isInteger(input.monthlyThreshold) || input.monthlyThreshold < 1)
  ) {
    fail('invalid_argument', '按月公开的凭证数阈值须为正整数', { field: 'monthlyThreshold' });
  }
  if (
    input.publicationDay !== undefined &&
    (!Number.isInteger(input.publicationDay) || input.publicationDay < 1 || input.publicationDay > 28)
  ) {
    fail('invalid_argument', '公开日须为 1 到 28 日', { field: 'publicationDay' });
  }
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    centre
      .sql(
        'INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(`disclosure.${key}`, String(value));
  }
  const after = disclosureSettings(centre);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'disclosure.settings',
    entity: 'setting',
    before,
    after,
  });
  return after;
}

/** Vouchers (not void) per month of the book, for deciding monthly publication. */
function vouchersPerMonth(centre: Centre, book: Book, from: string, to: string): Map<string, number> {
  const rows = centre
    .sql(
      "SELECT period, count(*) AS n FROM voucher WHERE book_id = ? AND status <> 'void' AND period BETWEEN ? AND ? GROUP BY period",
    )
    .all(book.id, from, to) as Array<{ period: string; n: number }>;
  return new Map(rows.map((r) => [r.period, r.n]));
}

/**
 * The sheet periods a book publishes for a quarter: the quarter itself, or its months when some month
 * of it has more vouchers than the threshold.
 */
export function sheetPeriods(
  centre: Centre,
  book: Book,
  quarter: DisclosurePeriod,
  settings = disclosureSettings(centre),
): DisclosurePeriod[] {
  const months = monthsOf(quarter).filter((m) => m >= book.startPeriod);
  if (months.length === 0) return [];
  // Once a quarter or one of its months is published, that frequency stays for the quarter.
  const published = centre
    .sql('SELECT DISTINCT period FROM disclosure_publication WHERE book_id = ? AND period IN (?, ?, ?, ?)')
    .all(book.id, quarter.key, ...monthsOf(quarter)) as Array<{ period: string }>;
  if (published.some((p) => p.period === quarter.key)) return [quarter];
  const counts = vouchersPerMonth(centre, book, quarter.from, quarter.to);
  const busy =
    published.length > 0 || monthsOf(quarter).some((m) => (counts.get(m) ?? 0) > settings.monthlyThreshold);
  return busy ? months.map((m) => parseDisclosurePeriod(m)) : [quarter];
}

export type DueStatus = 'due' | 'overdue' | 'published' | 'changed';
export const dueStatusLabels: Record<DueStatus, string> = {
  due: '待公开',
  overdue: '已逾期',
  published: '已公开',
  changed: '公开后账簿有变动',
};

export interface DueSheet {
  book: string;
  period: string;
  label: string;
  frequency: 'monthly' | 'quarterly';
  dueOn: string;
  status: DueStatus;
  /** Versions published so far. */
  versions: number;
  /** When the sheet first went on the board (version 1's 公开日期); null when not yet. */
  publishedOn: string | null;
  /** Days version 1 went up after the due day (逾期公开); null when on time or not yet published. */
  lateDays: number | null;
  /** Whether the sheet agrees with the books; null when not computed (unpublished: see the sheet). */
  balanced: boolean | null;
  unposted: number;
  /** Cash and bank accounts below zero on some day of the period: not ready for the board. */
  deficits: DeficitView[];
}

const quarterOf = (period: string) =>
  parseDisclosurePeriod(`${period.slice(0, 4)}-Q${Math.ceil(Number(period.slice(5, 7)) / 3)}`);

/**
 * The sheets of the last four quarters that have ended by `asOf`, for every book (or one), with their
 * state: still due, overdue, published, or published but changed in the books since.
 */
export function dueSheets(
  centre: Centre,
  options: { asOf?: string; book?: Book; all?: boolean } = {},
): DueSheet[] {
  const asOf = options.asOf ?? centre.today();
  const settings = disclosureSettings(centre);
  const current = quarterOf(periodOfDate(asOf));
  const quarters: DisclosurePeriod[] = [];
  let q = current;
  for (let i = 0; i < 4; i++) {
    const prev = q.from.endsWith('-01')
      ? `${q.year - 1}-Q4`
      : `${q.year}-Q${Math.ceil(Number(q.from.slice(5, 7)) / 3) - 1}`;
    q = parseDisclosurePeriod(prev);
    quarters.unshift(q);
  }
  quarters.push(current);
  const result: DueSheet[] = [];
  for (const book of options.book ? [options.book] : listBooks(centre)) {
    const rows: DueSheet[] = [];
    const ranges: Array<{ from: string; to: string }> = [];
    for (const quarter of quarters) {
      if (quarter.to < book.startPeriod) continue;
      for (const p of sheetPeriods(centre, book, quarter, settings)) {
        if (p.to >= periodOfDate(asOf)) continue; // not ended yet
        const dueOn = publicationDate(p, settings.publicationDay);
        const latest = centre
          .sql(
            `SELECT count(*) AS versions, max(created_at) AS at,
                    min(CASE WHEN version = 1 THEN published_on END) AS first
             FROM disclosure_publication WHERE book_id = ? AND period = ?`,
          )
          .get(book.id, p.key) as { versions: number; at: string | null; first: string | null };
        const versions = latest.versions;
        // A published period is drawn again only when a voucher up to its end was posted after the
        // publication (nothing else moves its figures but the item rules): the list stays quick on a
        // centre of a hundred books.
        const touched =
          versions > 0 &&
          !!centre
            .sql(
              "SELECT 1 FROM voucher WHERE book_id = ? AND status = 'posted' AND period <= ? AND posted_at > ? LIMIT 1",
            )
            .get(book.id, p.to, latest.at);
        const f = touched ? sheetFigures(centre, book, p.key) : undefined;
        const changes = versions === 0 ? undefined : f ? (currentSheets(centre, book, f).changes ?? []) : [];
        const status: DueStatus =
          changes === undefined
            ? asOf > dueOn
              ? 'overdue'
              : 'due'
            : changes.length > 0
              ? 'changed'
              : 'published';
        const unposted = f
          ? f.unposted
          : (
              centre
                .sql(
                  "SELECT count(*) AS n FROM voucher WHERE book_id = ? AND status IN ('draft', 'reviewed') AND period BETWEEN ? AND ?",
                )
                .get(book.id, p.from, p.to) as { n: number }
            ).n;
        if (status === 'published' && !options.all) continue;
        ranges.push({ from: p.from < book.startPeriod ? book.startPeriod : p.from, to: p.to });
        rows.push({
          book: book.community,
          period: p.key,
          label: p.label,
          frequency: p.kind === 'month' ? 'monthly' : 'quarterly',
          dueOn,
          status,
          versions,
          publishedOn: latest.first,
          lateDays: latest.first && latest.first > dueOn ? daysBetween(dueOn, latest.first) : null,
          balanced: f ? f.balanced : null,
          unposted,
          deficits: [],
        });
      }
    }
    // Every period of the book in one pass over its cash days: the list stays quick.
    dailyCashDeficitsOf(centre, book, ranges).forEach((d, i) => (rows[i]!.deficits = deficitViews(d)));
    result.push(...rows);
  }
  return result;
}
