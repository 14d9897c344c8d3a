import { findAccount, listAccounts } from '../ledger/accounts.js';
import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { periodsBetween, type Period } from '../ledger/period.js';
import { formatRef } from '../ledger/vouchers.js';
import { sumFen, type Fen } from '../money/money.js';
import { movementBeforeStart } from './balances.js';
import {
  balanceBefore,
  lastDay,
  openingSummary,
  rangeLabel,
  reportRange,
  subtreeLines,
  yearStart,
  type BookLine,
} from './book-lines.js';

/**
 * 多栏账 (columnar ledger) of a parent account such as 5101 业务活动成本 or 4401 政府补助收入: one amount
 * column per leaf below it on the account's normal side (借方 for an expense, 贷方 for income), their
 * 合计, one column for the other side (the year-end carry-forward, a refund), and the balance. Lines in
 * date order, then 本月合计 and 本年累计 after each month.
 */

export interface ColumnarLeaf {
  code: string;
  /** The column header: the leaf's name, or its path below the account when two leaves share a name. */
  name: string;
}

export interface ColumnarRow {
  kind: 'opening' | 'line' | 'month' | 'year';
  date: string;
  voucherId: number | null;
  voucher: string;
  summary: string;
  /** Amount on the analysed side per leaf code (in 分; absent is nothing). */
  leaves: Record<string, Fen>;
  /** Sum of the analysed side; null on the opening row. */
  total: Fen | null;
  /** Amount on the other side. */
  other: Fen | null;
  /** Balance after the row on the account's normal side. */
  balance: Fen;
  red?: boolean;
}

export interface ColumnarLedger {
  book: string;
  title: string;
  account: { code: string; name: string; fullName: string; normalSide: 'debit' | 'credit' };
  /** The side analysed into columns: the account's normal side. */
  side: 'debit' | 'credit';
  period: string;
  from: Period;
  to: Period;
  includeUnposted: boolean;
  leaves: ColumnarLeaf[];
  rows: ColumnarRow[];
}

/** Sums of lines: per leaf on the analysed side, the analysed side's total and the other side. */
function sums(lines: BookLine[], side: 'debit' | 'credit', codeOf: (id: number) => string) {
  const leaves: Record<string, Fen> = {};
  for (const line of lines) {
    const code = codeOf(line.accountId);
    leaves[code] = sumFen([leaves[code] ?? 0, line[side]]);
  }
  return {
    leaves,
    total: sumFen(lines.map((l) => l[side])),
    other: sumFen(lines.map((l) => l[side === 'debit' ? 'credit' : 'debit'])),
  };
}

export function columnarLedger(
  centre: Centre,
  book: Book,
  options: { account: string; from: Period; to: Period; includeUnposted?: boolean | undefined },
): ColumnarLedger {
  const range = reportRange(options);
  const account = findAccount(centre, book.id, options.account);
  const side = account.normalSide;
  const accounts = listAccounts(centre, book.id);
  const codeById = new Map(accounts.map((a) => [a.id, a.code]));
  const codeOf = (id: number) => codeById.get(id) ?? '';
  const query = { bookId: book.id, code: account.code, includeUnposted: options.includeUnposted };
  // From January, so that 本年累计 of a range starting mid-year counts the earlier months.
  const lines = subtreeLines(centre, { ...query, from: yearStart(book, range.from), to: range.to });

  // Columns: the leaves that moved this year (every leaf when none has), in code order.
  const allLeaves = accounts.filter((a) => a.isLeaf && a.code.startsWith(account.code));
  const moved = new Set(lines.map((l) => codeOf(l.accountId)));
  const shown = allLeaves.some((a) => moved.has(a.code))
    ? allLeaves.filter((a) => moved.has(a.code))
    : allLeaves;
  const below = (fullName: string) => fullName.slice(account.fullName.length + 1) || fullName;
  const leaves = shown.map((a) => ({
    code: a.code,
    name: shown.filter((b) => b.name === a.name).length > 1 ? below(a.fullName) : a.name,
  }));

  // The year's movement a book begun after January brought in, as lines of its leaves for 本年累计.
  const brought = (period: Period): typeof lines =>
    [...movementBeforeStart(centre, book, period)]
      .filter(([id]) => codeOf(id).startsWith(account.code))
      .map(([accountId, m]) => ({
        voucherId: 0,
        date: `${book.startPeriod}-01`,
        word: '',
        number: 0,
        lineNo: 0,
        accountId,
        summary: '本年累计（建账前）',
        debit: m.debit,
        credit: m.credit,
      }));
  const before = balanceBefore(centre, { ...query, ...range });
  let balance = side === 'debit' ? before : sumFen([-before]);
  const rows: ColumnarRow[] = [
    {
      kind: 'opening',
      date: `${range.from}-01`,
      voucherId: null,
      voucher: '',
      summary: openingSummary(book, range.from),
      leaves: {},
      total: null,
      other: null,
      balance,
    },
  ];
  for (const period of periodsBetween(range.from, range.to)) {
    const inMonth = lines.filter((l) => l.date.startsWith(period));
    for (const line of inMonth) {
      const own = line[side];
      const other = line[side === 'debit' ? 'credit' : 'debit'];
      balance = sumFen([balance, own, -other]);
      rows.push({
        kind: 'line',
        date: line.date,
        voucherId: line.voucherId,
        voucher: formatRef(line.word, line.number),
        summary: line.summary,
        leaves: own !== 0 ? { [codeOf(line.accountId)]: own } : {},
        total: own,
        other,
        balance,
        ...(own < 0 || other < 0 ? { red: true } : {}),
      });
    }
    const start = yearStart(book, period);
    const year = [
      ...brought(period),
      ...lines.filter((l) => l.date.slice(0, 7) >= start && l.date.slice(0, 7) <= period),
    ];
    const date = lastDay(period);
    const total = { date, voucherId: null, voucher: '', balance };
    rows.push({ kind: 'month', summary: '本月合计', ...total, ...sums(inMonth, side, codeOf) });
    rows.push({ kind: 'year', summary: '本年累计', ...total, ...sums(year, side, codeOf) });
  }
  return {
    book: book.community,
    title: '多栏账',
    account: {
      code: account.code,
      name: account.name,
      fullName: account.fullName,
      normalSide: account.normalSide,
    },
    side,
    period: rangeLabel(range),
    from: range.from,
    to: range.to,
    includeUnposted: options.includeUnposted ?? false,
    leaves,
    rows,
  };
}
