import { fail } from '../errors.js';
import { findAccount, listAccounts } from '../ledger/accounts.js';
import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { parsePeriod, periodLabel, periodsBetween, type Period } from '../ledger/period.js';
import { formatRef } from '../ledger/vouchers.js';
import { addFen, fenToYuan, sumFen, type Fen, yuanOrBlank } from '../money/money.js';
import { subtreeMovementBeforeStart } from './balances.js';

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
 *
 * The sums are done by SQLite in 64-bit integers (exact), including the running balance as a window
 * sum, so a year of the bank account (thousands of lines) costs one index range read.
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
  const isParent = !account.isLeaf;
  const codeOf = new Map(listAccounts(centre, book.id).map((a) => [a.id, a.code]));
  const firstYearStart = `${from.slice(0, 4)}-01`;
  const params = {
    book: book.id,
    code: account.code,
    from,
    to,
    yearStart: firstYearStart < book.startPeriod ? book.startPeriod : firstYearStart,
    unposted: options.includeUnposted ? 1 : 0,
  };

  const { opening } = centre
    .sql(
      `SELECT coalesce((SELECT sum(o.debit - o.credit) FROM account a JOIN opening_balance o ON o.account_id = a.id
                        WHERE a.book_id = @book AND a.code GLOB @code || '*'), 0)
            + coalesce((SELECT sum(t.debit - t.credit) FROM account a JOIN posted_total t ON t.account_id = a.id
                        WHERE a.book_id = @book AND a.code GLOB @code || '*' AND t.period < @from), 0)
            + coalesce((SELECT sum(l.debit - l.credit) FROM account a JOIN line l ON l.account_id = a.id AND l.period < @from
                        JOIN voucher v ON v.id = l.voucher_id
                        WHERE @unposted AND a.book_id = @book AND a.code GLOB @code || '*'
                          AND v.status IN ('draft', 'reviewed')), 0) AS opening`,
    )
    .get(params) as { opening: number };

  // Month totals and the running year-to-date, January (or the book's start) onwards.
  const months = new Map(
    (
      centre
        .sql(
          `WITH movement AS (
             SELECT t.period, t.debit, t.credit FROM account a JOIN posted_total t ON t.account_id = a.id
             WHERE a.book_id = @book AND a.code GLOB @code || '*' AND t.period BETWEEN @yearStart AND @to
             UNION ALL
             SELECT l.period, l.debit, l.credit FROM account a JOIN line l ON l.account_id = a.id
               AND l.period BETWEEN @yearStart AND @to JOIN voucher v ON v.id = l.voucher_id
             WHERE @unposted AND a.book_id = @book AND a.code GLOB @code || '*' AND v.status IN ('draft', 'reviewed'))
           SELECT period, sum(debit) AS debit, sum(credit) AS credit,
                  sum(sum(debit)) OVER (PARTITION BY substr(period, 1, 4) ORDER BY period) AS yearDebit,
                  sum(sum(credit)) OVER (PARTITION BY substr(period, 1, 4) ORDER BY period) AS yearCredit
           FROM movement GROUP BY period`,
        )
        .all(params) as Array<{
        period: string;
        debit: number;
        credit: number;
        yearDebit: number;
        yearCredit: number;
      }>
    ).map((m) => [m.period, m]),
  );

  // Rows as arrays, in book order: a year of the bank account is thousands of lines, and building
  // an object per row costs more than the query itself.
  const lines = centre
    .sql(
      `SELECT v.id, v.date, v.word, v.number, l.summary, l.debit, l.credit, l.account_id
       FROM account a
       JOIN line l ON l.account_id = a.id AND l.period BETWEEN @from AND @to
       JOIN voucher v ON v.id = l.voucher_id
       WHERE a.book_id = @book AND a.code GLOB @code || '*'
         AND (v.status = 'posted' OR (@unposted AND v.status IN ('draft', 'reviewed')))
       ORDER BY v.date, v.word, v.number, l.line_no`,
    )
    .raw(true)
    .all(params) as Array<
    [
      id: number,
      date: string,
      word: string,
      number: number,
      summary: string,
      debit: number,
      credit: number,
      accountId: number,
    ]
  >;
  const [CID, CDATE, CWORD, CNUMBER, CSUMMARY, CDEBIT, CCREDIT, CACCOUNT] = [0, 1, 2, 3, 4, 5, 6, 7] as const;

  const rows: LedgerRow[] = [];
  let balance = opening;
  rows.push({
    kind: 'opening',
    date: `${from}-01`,
    voucherId: null,
    voucher: '',
    summary: from !== book.startPeriod && from.endsWith('-01') ? '上年结转' : '期初余额',
    debit: '',
    credit: '',
    ...direction(balance),
  });
  let index = 0;
  for (const period of periodsBetween(from, to)) {
    for (; index < lines.length && lines[index]![CDATE].startsWith(period); index++) {
      const l = lines[index]!;
      const debit = l[CDEBIT];
      const credit = l[CCREDIT];
      // The running balance is exact integer 分 (BigInt inside addFen).
      balance = addFen(balance, debit, -credit);
      rows.push({
        kind: 'line',
        date: l[CDATE],
        voucherId: l[CID],
        voucher: formatRef(l[CWORD], l[CNUMBER]),
        summary: l[CSUMMARY],
        debit: yuanOrBlank(debit),
        credit: yuanOrBlank(credit),
        ...direction(balance),
        ...(isParent ? { accountCode: codeOf.get(l[CACCOUNT]) } : {}),
        ...(debit < 0 || credit < 0 ? { red: true } : {}),
      });
    }
    const month = months.get(period);
    // A month without movement still carries the year-to-date of the months before it.
    const year =
      month ??
      [...months.values()]
        .filter((m) => m.period < period && m.period.slice(0, 4) === period.slice(0, 4))
        .at(-1);
    const lastDay = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0))
      .toISOString()
      .slice(0, 10);
    const totals = (kind: 'month' | 'year', summary: string, debit: number, credit: number): LedgerRow => ({
      kind,
      date: lastDay,
      voucherId: null,
      voucher: '',
      summary,
      debit: fenToYuan(debit),
      credit: fenToYuan(credit),
      ...direction(balance),
    });
    rows.push(totals('month', '本月合计', month?.debit ?? 0, month?.credit ?? 0));
    // A book begun after January brought the year's earlier movement with its opening balances.
    const brought = subtreeMovementBeforeStart(centre, book, account.code, period);
    rows.push(
      totals(
        'year',
        '本年累计',
        sumFen([year?.yearDebit ?? 0, brought.debit]),
        sumFen([year?.yearCredit ?? 0, brought.credit]),
      ),
    );
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
