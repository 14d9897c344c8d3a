import { fail } from '../errors.js';
import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { parsePeriod, periodLabel, type Period } from '../ledger/period.js';
import { sumFen, type Fen } from '../money/money.js';
import { addMovement, noMovement, type Movement, subtreeMovementBeforeStart } from './balances.js';

/**
 * What the printed books (日记账, 总账, 多栏账) read from the vouchers: the lines of an account and
 * the accounts below it, the balance brought forward, and the movement per month. Posted vouchers
 * only, unless `includeUnposted` (drafts and reviewed vouchers too, never void ones).
 */

export interface Range {
  from: Period;
  to: Period;
}

export interface SubtreeQuery extends Range {
  bookId: number;
  /** The account; every account whose code starts with it is included. */
  code: string;
  includeUnposted?: boolean | undefined;
}

export interface BookLine {
  voucherId: number;
  date: string;
  word: string;
  number: number;
  lineNo: number;
  accountId: number;
  summary: string;
  /** Red ink is a negative amount on its side. */
  debit: Fen;
  credit: Fen;
}

/** Checks a report's months, as every report does. */
export function reportRange(options: Range): Range {
  const from = parsePeriod(options.from, '起始期间');
  const to = parsePeriod(options.to, '截止期间');
  if (from > to) fail('invalid_argument', `起始期间 ${from} 晚于截止期间 ${to}`, { field: 'from' });
  return { from, to };
}

export const rangeLabel = ({ from, to }: Range) =>
  from === to ? periodLabel(from) : `${periodLabel(from)}至${periodLabel(to)}`;

/** The words of a book's first row: 上年结转 in January of a later year, 期初余额 otherwise. */
export const openingSummary = (book: Book, from: Period) =>
  from !== book.startPeriod && from.endsWith('-01') ? '上年结转' : '期初余额';

/** The first month whose movement counts towards 本年累计 of `period`: January, or the book's start. */
export function yearStart(book: Book, period: Period): Period {
  const january = `${period.slice(0, 4)}-01`;
  return january < book.startPeriod ? book.startPeriod : january;
}

/** The last day of a month: '2025-02' → '2025-02-28'. */
export function lastDay(period: Period): string {
  return new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0))
    .toISOString()
    .slice(0, 10);
}

const unpostedStatuses = `v.status IN ('draft', 'reviewed')`;

/** Net debit balance of the subtree before `from`: opening balances plus all earlier movement. */
export function balanceBefore(centre: Centre, query: SubtreeQuery): Fen {
  const params = { book: query.bookId, code: query.code, from: query.from };
  const opening = centre
    .sql(
      `SELECT o.debit, o.credit FROM account a JOIN opening_balance o ON o.account_id = a.id
       WHERE a.book_id = @book AND a.code GLOB @code || '*'`,
    )
    .all(params) as Movement[];
  const posted = centre
    .sql(
      `SELECT t.debit, t.credit FROM account a JOIN posted_total t ON t.account_id = a.id
       WHERE a.book_id = @book AND a.code GLOB @code || '*' AND t.period < @from`,
    )
    .all(params) as Movement[];
  const unposted = query.includeUnposted
    ? (centre
        .sql(
          `SELECT l.debit, l.credit FROM account a JOIN line l ON l.account_id = a.id AND l.period < @from
           JOIN voucher v ON v.id = l.voucher_id
           WHERE a.book_id = @book AND a.code GLOB @code || '*' AND ${unpostedStatuses}`,
        )
        .all(params) as Movement[])
    : [];
  const all = [...opening, ...posted, ...unposted];
  return sumFen([...all.map((m) => m.debit), ...all.map((m) => -m.credit)]);
}

/** Movement of the subtree per month within the range (months without movement are absent). */
export function monthlyMovement(centre: Centre, query: SubtreeQuery): Map<Period, Movement> {
  const params = { book: query.bookId, code: query.code, from: query.from, to: query.to };
  const rows = centre
    .sql(
      `SELECT t.period, t.debit, t.credit FROM account a JOIN posted_total t ON t.account_id = a.id
       WHERE a.book_id = @book AND a.code GLOB @code || '*' AND t.period BETWEEN @from AND @to`,
    )
    .all(params) as Array<{ period: Period } & Movement>;
  if (query.includeUnposted) {
    rows.push(
      ...(centre
        .sql(
          `SELECT l.period, l.debit, l.credit FROM account a JOIN line l ON l.account_id = a.id
             AND l.period BETWEEN @from AND @to JOIN voucher v ON v.id = l.voucher_id
           WHERE a.book_id = @book AND a.code GLOB @code || '*' AND ${unpostedStatuses}`,
        )
        .all(params) as Array<{ period: Period } & Movement>),
    );
  }
  const months = new Map<Period, Movement>();
  for (const row of rows) months.set(row.period, addMovement(months.get(row.period) ?? noMovement, row));
  return months;
}

/**
 * Movement per month from the start of `from`'s year (or the book's start) to `to`, and 本年累计
 * (year-to-date) for any month of the range from it.
 */
export function yearToDate(
  centre: Centre,
  book: Book,
  query: SubtreeQuery,
): { month(period: Period): Movement; year(period: Period): Movement } {
  const months = monthlyMovement(centre, { ...query, from: yearStart(book, query.from) });
  return {
    month: (period) => months.get(period) ?? noMovement,
    year: (period) => {
      // A book begun after January brought the year's earlier movement with its opening balances.
      let total = subtreeMovementBeforeStart(centre, book, query.code, period);
      for (const [p, m] of months) {
        if (p <= period && p >= yearStart(book, period)) total = addMovement(total, m);
      }
      return total;
    },
  };
}

/** Every line of the subtree within the range, in book order (date, voucher, line). */
export function subtreeLines(centre: Centre, query: SubtreeQuery): BookLine[] {
  return centre
    .sql(
      `SELECT v.id AS voucherId, v.date, v.word, v.number, l.line_no AS lineNo, l.account_id AS accountId,
              l.summary, l.debit, l.credit
       FROM account a
       JOIN line l ON l.account_id = a.id AND l.period BETWEEN @from AND @to
       JOIN voucher v ON v.id = l.voucher_id
       WHERE a.book_id = @book AND a.code GLOB @code || '*'
         AND (v.status = 'posted' OR (@unposted AND ${unpostedStatuses}))
       ORDER BY v.date, v.word, v.number, l.line_no`,
    )
    .all({
      book: query.bookId,
      code: query.code,
      from: query.from,
      to: query.to,
      unposted: query.includeUnposted ? 1 : 0,
    }) as BookLine[];
}

/** Every line of the given vouchers, by voucher: the other side of a journal's lines (对方科目). */
export function voucherLines(
  centre: Centre,
  voucherIds: number[],
): Map<number, Array<Pick<BookLine, 'lineNo' | 'accountId' | 'debit' | 'credit'>>> {
  const byVoucher = new Map<number, Array<Pick<BookLine, 'lineNo' | 'accountId' | 'debit' | 'credit'>>>();
  if (voucherIds.length === 0) return byVoucher;
  const rows = centre
    .sql(
      `SELECT l.voucher_id AS voucherId, l.line_no AS lineNo, l.account_id AS accountId, l.debit, l.credit
       FROM json_each(?) j JOIN line l ON l.voucher_id = j.value ORDER BY l.voucher_id, l.line_no`,
    )
    .all(JSON.stringify([...new Set(voucherIds)])) as Array<
    { voucherId: number } & Pick<BookLine, 'lineNo' | 'accountId' | 'debit' | 'credit'>
  >;
  for (const { voucherId, ...line } of rows) {
    const list = byVoucher.get(voucherId) ?? [];
    list.push(line);
    byVoucher.set(voucherId, list);
  }
  return byVoucher;
}
