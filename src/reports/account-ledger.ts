import { fail } from '../errors.js';
import { findAccount, listAccounts } from '../ledger/accounts.js';
import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { parsePeriod, periodLabel, periodsBetween, previousPeriod, type Period } from '../ledger/period.js';
import { formatRef } from '../ledger/vouchers.js';
import { addFen, fenToYuan, type Fen } from '../money/money.js';
import { addMovement, leafBalances, net, noMovement, type Movement } from './balances.js';

export type Direction = '借' | '贷' | '平';

export interface LedgerRow {
  kind: 'opening' | 'line' | 'month' | 'year';
  date: string;
  /** The voucher a line came from, for drill-down; null on opening and total rows. */
  voucherId: number | null;
  voucher: string;
  summary: string;
  debit: string;
  credit: string;
  direction: Direction;
  balance: string;
  /** Leaf account of the line when the ledger is for a parent account. */
  accountCode?: string | undefined;
  red?: boolean | undefined;
}

export interface AccountLedger {
  book: string;
  title: string;
  account: { code: string; name: string; fullName: string; normalSide: 'debit' | 'credit' };
  period: string;
  from: Period;
  to: Period;
  includeUnposted: boolean;
  rows: LedgerRow[];
}

/** 借/贷/平 and the size of the balance, as a 三栏式 ledger prints them. */
export function direction(balance: Fen): { direction: Direction; balance: string } {
  if (balance === 0) return { direction: '平', balance: '0.00' };
  return balance > 0
    ? { direction: '借', balance: fenToYuan(balance) }
    : { direction: '贷', balance: fenToYuan(-balance) };
}

/**
 * 明细账 of one account (a parent account includes every account below it): the balance brought
 * forward, each line with its running balance, and after each month 本月合计 and 本年累计.
 */
export function accountLedger(
  centre: Centre,
  book: Book,
  options: { account: string; from: Period; to: Period; includeUnposted?: boolean | undefined },
): AccountLedger {
  const from = parsePeriod(options.from, '起始期间');
  const to = parsePeriod(options.to, '截止期间');
  if (from > to) fail('invalid_argument', `起始期间 ${from} 晚于截止期间 ${to}`, { field: 'from' });
  const account = findAccount(centre, book.id, options.account);
  const members = listAccounts(centre, book.id).filter((a) => a.code.startsWith(account.code));
  const memberIds = new Set(members.map((a) => a.id));
  const codeOf = new Map(members.map((a) => [a.id, a.code]));

  // 本年累计 needs the movement from January (or the book's start) up to the month before `from`.
  const yearStart = `${from.slice(0, 4)}-01` < book.startPeriod ? book.startPeriod : `${from.slice(0, 4)}-01`;
  const { before } = leafBalances(centre, {
    bookId: book.id,
    from,
    to,
    includeUnposted: options.includeUnposted,
  });
  const earlierThisYear =
    from > yearStart
      ? leafBalances(centre, {
          bookId: book.id,
          from: yearStart,
          to: previousPeriod(from),
          includeUnposted: options.includeUnposted,
        }).within
      : new Map<number, Movement>();
  let opening = 0;
  let yearToDate: Movement = noMovement;
  for (const id of memberIds) {
    opening = addFen(opening, net(before.get(id) ?? noMovement));
    yearToDate = addMovement(yearToDate, earlierThisYear.get(id) ?? noMovement);
  }

  const lines = centre
    .sql(
      `SELECT v.id, v.date, v.period, v.word, v.number, l.line_no, l.summary, l.debit, l.credit, l.account_id
       FROM account a
       JOIN line l ON l.account_id = a.id AND l.period BETWEEN @from AND @to
       JOIN voucher v ON v.id = l.voucher_id
       WHERE a.book_id = @book AND a.code GLOB @code || '*'
         AND (v.status = 'posted' OR (@unposted AND v.status IN ('draft', 'reviewed')))
       ORDER BY v.date, v.word, v.number, l.line_no`,
    )
    .all({
      book: book.id,
      code: account.code,
      from,
      to,
      unposted: options.includeUnposted ? 1 : 0,
    }) as Array<{
    id: number;
    date: string;
    period: string;
    word: string;
    number: number;
    line_no: number;
    summary: string;
    debit: number;
    credit: number;
    account_id: number;
  }>;

  const rows: LedgerRow[] = [];
  let balance = opening;
  rows.push({
    kind: 'opening',
    date: `${from}-01`,
    voucherId: null,
    voucher: '',
    summary: from === book.startPeriod ? '期初余额' : from.endsWith('-01') ? '上年结转' : '期初余额',
    debit: '',
    credit: '',
    ...direction(balance),
  });
  const isParent = members.length > 1;
  let index = 0;
  for (const period of periodsBetween(from, to)) {
    if (period.endsWith('-01')) yearToDate = noMovement;
    let month: Movement = noMovement;
    for (; index < lines.length && lines[index]!.period === period; index++) {
      const l = lines[index]!;
      month = addMovement(month, l);
      balance = addFen(balance, net(l));
      rows.push({
        kind: 'line',
        date: l.date,
        voucherId: l.id,
        voucher: formatRef(l.word, l.number),
        summary: l.summary,
        debit: l.debit === 0 ? '' : fenToYuan(l.debit),
        credit: l.credit === 0 ? '' : fenToYuan(l.credit),
        ...direction(balance),
        ...(isParent ? { accountCode: codeOf.get(l.account_id) } : {}),
        ...(l.debit < 0 || l.credit < 0 ? { red: true } : {}),
      });
    }
    yearToDate = addMovement(yearToDate, month);
    const lastDay = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0))
      .toISOString()
      .slice(0, 10);
    const totals = (kind: 'month' | 'year', summary: string, m: Movement): LedgerRow => ({
      kind,
      date: lastDay,
      voucherId: null,
      voucher: '',
      summary,
      debit: fenToYuan(m.debit),
      credit: fenToYuan(m.credit),
      ...direction(balance),
    });
    rows.push(totals('month', '本月合计', month));
    rows.push(totals('year', '本年累计', yearToDate));
  }
  return {
    book: book.community,
    title: '明细账',
    account: {
      code: account.code,
      name: account.name,
      fullName: account.fullName,
      normalSide: account.normalSide,
    },
    period: from === to ? periodLabel(from) : `${periodLabel(from)}至${periodLabel(to)}`,
    from,
    to,
    includeUnposted: options.includeUnposted ?? false,
    rows,
  };
}
