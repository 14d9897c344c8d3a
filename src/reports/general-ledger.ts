import { listAccounts, type Account } from '../ledger/accounts.js';
import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { periodsBetween, type Period } from '../ledger/period.js';
import { sumFen, type Fen } from '../money/money.js';
import {
  addMovement,
  leafBalances,
  movementBeforeStart,
  net,
  noMovement,
  type Movement,
} from './balances.js';
import { openingSummary, rangeLabel, reportRange, yearStart } from './book-lines.js';

/**
 * 总账 (general ledger): for each level-1 account (or down to `level`), the balance brought forward,
 * then per month 本月合计 and 本年累计 with the balance at the month's end — the 总账 form that is
 * posted from monthly totals (科目汇总) rather than line by line. A parent's figures are the sums of
 * the leaves below it.
 */

export interface GeneralLedgerRow {
  kind: 'opening' | 'month' | 'year';
  period: Period;
  summary: string;
  /** Movement in 分; null on the opening row. */
  debit: Fen | null;
  credit: Fen | null;
  /** Balance after the row, positive on the debit side. */
  balance: Fen;
}

export interface GeneralLedgerAccount {
  code: string;
  name: string;
  fullName: string;
  level: number;
  rows: GeneralLedgerRow[];
}

export interface GeneralLedger {
  book: string;
  title: string;
  period: string;
  from: Period;
  to: Period;
  includeUnposted: boolean;
  accounts: GeneralLedgerAccount[];
}

export interface GeneralLedgerOptions {
  from: Period;
  to: Period;
  /** Deepest account level shown; 1 (level-1 accounts) by default. */
  level?: number | undefined;
  /** Leave out accounts with no balance brought forward and no movement in the months. */
  hideZero?: boolean | undefined;
  includeUnposted?: boolean | undefined;
}

/** Movement per leaf account and month from `from` to `to`, from the posted totals (and unposted lines). */
function leafMonths(
  centre: Centre,
  bookId: number,
  from: Period,
  to: Period,
  includeUnposted: boolean,
): Map<number, Map<Period, Movement>> {
  const params = { book: bookId, from, to };
  const rows = centre
    .sql(
      `SELECT t.account_id AS id, t.period, t.debit, t.credit FROM account a JOIN posted_total t ON t.account_id = a.id
       WHERE a.book_id = @book AND t.period BETWEEN @from AND @to`,
    )
    .all(params) as Array<{ id: number; period: Period } & Movement>;
  if (includeUnposted) {
    rows.push(
      ...(centre
        .sql(
          `SELECT l.account_id AS id, v.period, sum(l.debit) AS debit, sum(l.credit) AS credit
           FROM voucher v JOIN line l ON l.voucher_id = v.id
           WHERE v.book_id = @book AND v.status IN ('draft', 'reviewed') AND v.period BETWEEN @from AND @to
           GROUP BY l.account_id, v.period`,
        )
        .all(params) as Array<{ id: number; period: Period } & Movement>),
    );
  }
  const byLeaf = new Map<number, Map<Period, Movement>>();
  for (const { id, period, ...movement } of rows) {
    const months = byLeaf.get(id) ?? new Map<Period, Movement>();
    months.set(period, addMovement(months.get(period) ?? noMovement, movement));
    byLeaf.set(id, months);
  }
  return byLeaf;
}

export function generalLedger(centre: Centre, book: Book, options: GeneralLedgerOptions): GeneralLedger {
  const { from, to } = reportRange(options);
  const includeUnposted = options.includeUnposted ?? false;
  const accounts = listAccounts(centre, book.id);
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  const { before } = leafBalances(centre, { bookId: book.id, from, to, includeUnposted });
  const months = leafMonths(centre, book.id, yearStart(book, from), to, includeUnposted);

  // Each leaf's figures added into every account above it.
  const opening = new Map<string, Fen>();
  const monthly = new Map<string, Map<Period, Movement>>();
  const ancestors = (account: Account): Account[] => {
    const chain: Account[] = [];
    for (let a: Account | undefined = account; a; a = a.parentCode ? byCode.get(a.parentCode) : undefined) {
      chain.push(a);
    }
    return chain;
  };
  for (const [id, movement] of before) {
    const leaf = byId.get(id);
    if (!leaf) continue;
    for (const a of ancestors(leaf)) opening.set(a.code, sumFen([opening.get(a.code) ?? 0, net(movement)]));
  }
  for (const [id, leafMonthly] of months) {
    const leaf = byId.get(id);
    if (!leaf) continue;
    for (const a of ancestors(leaf)) {
      const target = monthly.get(a.code) ?? new Map<Period, Movement>();
      for (const [period, m] of leafMonthly) {
        target.set(period, addMovement(target.get(period) ?? noMovement, m));
      }
      monthly.set(a.code, target);
    }
  }

  // The year's movement a book begun after January brought in, rolled up like the months.
  const brought = new Map<string, Movement>();
  for (const [id, m] of movementBeforeStart(centre, book, from)) {
    const leaf = byId.get(id);
    if (leaf)
      for (const a of ancestors(leaf)) brought.set(a.code, addMovement(brought.get(a.code) ?? noMovement, m));
  }
  const broughtOf = (code: string, period: Period) =>
    period.slice(0, 4) === book.startPeriod.slice(0, 4) ? (brought.get(code) ?? noMovement) : noMovement;

  const periods = periodsBetween(from, to);
  const result: GeneralLedgerAccount[] = [];
  for (const account of accounts.filter((a) => a.level <= (options.level ?? 1))) {
    const accountMonths = monthly.get(account.code) ?? new Map<Period, Movement>();
    let balance = opening.get(account.code) ?? 0;
    const moved = periods.some((p) => {
      const m = accountMonths.get(p);
      return m !== undefined && (m.debit !== 0 || m.credit !== 0);
    });
    if (options.hideZero && balance === 0 && !moved) continue;
    const rows: GeneralLedgerRow[] = [
      {
        kind: 'opening',
        period: from,
        summary: openingSummary(book, from),
        debit: null,
        credit: null,
        balance,
      },
    ];
    for (const period of periods) {
      const month = accountMonths.get(period) ?? noMovement;
      let year = broughtOf(account.code, period);
      for (const [p, m] of accountMonths) {
        if (p >= yearStart(book, period) && p <= period) year = addMovement(year, m);
      }
      balance = sumFen([balance, net(month)]);
      rows.push({ kind: 'month', period, summary: '本月合计', ...month, balance });
      rows.push({ kind: 'year', period, summary: '本年累计', ...year, balance });
    }
    result.push({
      code: account.code,
      name: account.name,
      fullName: account.fullName,
      level: account.level,
      rows,
    });
  }
  return {
    book: book.community,
    title: '总账',
    period: rangeLabel({ from, to }),
    from,
    to,
    includeUnposted,
    accounts: result,
  };
}
