import { fail } from '../errors.js';
import { listAccounts } from '../ledger/accounts.js';
import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { findCommunity } from '../ledger/communities.js';
import { dailyCashDeficits, type CashDeficit } from '../ledger/cash-balances.js';
import { listDisclosureItems } from '../ledger/dimensions.js';
import { sumFen, type Fen } from '../money/money.js';
import { leafBalances, net } from '../reports/balances.js';
import { fundBalance, fundMovement, restrictedFunds, type RestrictedFund } from '../ledger/task-funds.js';
import { previousPeriod } from '../ledger/period.js';
import { cashEntries, type CashEntry } from './cash-view.js';
import { cashAccountCodes, isCustodial, type Direction } from './items.js';
import { parseDisclosurePeriod, type DisclosurePeriod } from './period.js';

/**
 * The figures of the three 居务公开 sheets for one book and period, in 分:
 * A (summary: 期初结余 + 收入 − 支出 = 期末结余, by item, 本期 and 本年累计), B (every receipt and payment)
 * and C (费随事转 task funds). Only posted vouchers count. The sheet's closing balance is checked against
 * the books' cash + bank balance; a sheet that does not agree says so and cannot be published.
 */

export interface ItemFigure {
  item: string;
  period: Fen;
  year: Fen;
}

export interface TaskFundFigure {
  project: string;
  department: string;
  approvalNumber: string;
  broughtForward: Fen;
  received: Fen;
  spent: Fen;
  spentToDate: Fen;
  balance: Fen;
  handling: string;
}

export interface SheetFigures {
  period: DisclosurePeriod;
  book: { id: number; community: string; title: string };
  opening: { period: Fen; year: Fen };
  receipts: ItemFigure[];
  payments: ItemFigure[];
  totals: { receipts: ItemFigure; payments: ItemFigure };
  /** 期末结余 = opening + receipts − payments, as the sheet computes it. */
  closing: Fen;
  /** Cash + bank balance at the period's end, from the books. */
  booksClosing: Fen;
  balanced: boolean;
  /** 专项 (task funds' balances) and 非专项 parts of the closing balance. */
  restricted: Fen;
  unrestricted: Fen;
  assets: { fixedAssets: Fen; depreciation: Fen; inventory: Fen; custodial: Fen };
  /** Sheet B: the period's receipts and payments in date order. */
  entries: CashEntry[];
  taskFunds: TaskFundFigure[];
  /** Vouchers of the period not yet posted (the sheet shows posted ones only). */
  unposted: number;
  /**
   * Cash and bank accounts whose end-of-day balance went below zero within the period (the lowest day of
   * each): money cannot be negative, so the books are wrong even when the closing balance agrees.
   */
  deficits: CashDeficit[];
}

export function sheetFigures(centre: Centre, book: Book, periodKey: string): SheetFigures {
  const period = parseDisclosurePeriod(periodKey);
  if (period.to < book.startPeriod) {
    fail('invalid_argument', `${book.community}的账簿从${book.startPeriod}开始，没有${period.label}的数据`, {
      field: 'period',
    });
  }
  // A period that begins before the book does is counted from the book's first month.
  const from = period.from < book.startPeriod ? book.startPeriod : period.from;
  const yearStart = `${period.year}-01` < book.startPeriod ? book.startPeriod : `${period.year}-01`;

  const accounts = listAccounts(centre, book.id).filter((a) => a.isLeaf);
  const cash = cashAccountCodes(book);
  const under = (prefixes: string[]) =>
    accounts.filter((a) => prefixes.some((p) => a.code.startsWith(p))).map((a) => a.id);
  const custodialCash = accounts.filter((a) => cash.some((p) => a.code.startsWith(p)) && isCustodial(a.name));
  const cashIds = under(cash).filter((id) => !custodialCash.some((a) => a.id === id));
  const inPeriod = leafBalances(centre, { bookId: book.id, from, to: period.to });
  const inYear = leafBalances(centre, { bookId: book.id, from: yearStart, to: period.to });
  const balanceOf = (ids: number[], which: 'opening' | 'closing', b = inPeriod) =>
    sumFen(
      ids.flatMap((id) => {
        const before = b.before.get(id);
        const within = b.within.get(id);
        return [before ? net(before) : 0, which === 'closing' && within ? net(within) : 0];
      }),
    );

  const periodEntries = cashEntries(centre, book, from, period.to);
  const yearEntries = from === yearStart ? periodEntries : cashEntries(centre, book, yearStart, period.to);
  const items = listDisclosureItems(centre, book.id);
  const byItem = (direction: Direction): ItemFigure[] => {
    const sum = (entries: CashEntry[], item: string) =>
      sumFen(entries.filter((e) => e.direction === direction && e.item === item).map((e) => e.amount));
    return items
      .filter((i) => i.direction === direction)
      .map((i) => ({ item: i.name, period: sum(periodEntries, i.name), year: sum(yearEntries, i.name) }));
  };
  const receipts = byItem('receipt');
  const payments = byItem('payment');
  const total = (label: string, list: ItemFigure[]): ItemFigure => ({
    item: label,
    period: sumFen(list.map((f) => f.period)),
    year: sumFen(list.map((f) => f.year)),
  });
  const totals = { receipts: total('收入合计', receipts), payments: total('支出合计', payments) };
  const opening = { period: balanceOf(cashIds, 'opening'), year: balanceOf(cashIds, 'opening', inYear) };
  const closing = sumFen([opening.period, totals.receipts.period, -totals.payments.period]);
  const booksClosing = balanceOf(cashIds, 'closing');

  const taskFunds = taskFundFigures(centre, book, period, from, yearStart);
  const restricted = sumFen(taskFunds.map((f) => f.balance));
  const community = findCommunity(centre, book.communityCode);
  const unposted = (
    centre
      .sql(
        "SELECT count(*) AS n FROM voucher WHERE book_id = ? AND status IN ('draft', 'reviewed') AND period BETWEEN ? AND ?",
      )
      .get(book.id, from, period.to) as { n: number }
  ).n;
  return {
    period,
    book: {
      id: book.id,
      community: book.community,
      title: `${community.subdistrict ?? ''}${book.community}居民委员会`,
    },
    opening,
    receipts,
    payments,
    totals,
    closing,
    booksClosing,
    balanced: closing === booksClosing,
    restricted,
    unrestricted: sumFen([closing, -restricted]),
    assets: {
      fixedAssets: balanceOf(under(['1501']), 'closing'),
      depreciation: -balanceOf(under(['1502']), 'closing'),
      inventory: balanceOf(under(['1201']), 'closing'),
      // 受托代理资产 (1701) and any 受托代理 cash sub-account: held for others, outside the balance.
      custodial: balanceOf([...under(['1701']), ...custodialCash.map((a) => a.id)], 'closing'),
    },
    entries: periodEntries,
    taskFunds,
    unposted,
    deficits: dailyCashDeficits(centre, book, from, period.to),
  };
}

/**
 * Sheet C: each restricted fund — every 费随事转 admission's project, and any other project given
 * restricted money — as the books hold it, by the one definition of a restricted fund's money
 * (ledger/task-funds.ts), on posted vouchers: brought forward from last year,
 * received and used in the period, used since it began, and its balance at the period's end. Equipment
 * bought with task money is used as much as wages paid from it; a closing or release entry is neither.
 */
export function taskFundFigures(
  centre: Centre,
  book: Book,
  period: DisclosurePeriod,
  from: string,
  yearStart: string,
): TaskFundFigure[] {
  const admissions = centre
    .sql(
      `SELECT ad.project_id AS projectId, p.name AS project, ad.department, ad.approval_number AS approvalNumber,
              ad.status, ad.year_end AS yearEnd
       FROM admission ad JOIN project p ON p.id = ad.project_id
       WHERE ad.book_id = ? AND ad.approval_date <= ?
       ORDER BY ad.approval_date, ad.id`,
    )
    .all(book.id, `${period.to}-31`) as Array<{
    projectId: number;
    project: string;
    department: string;
    approvalNumber: string;
    status: string;
    yearEnd: string | null;
  }>;
  const funds = restrictedFunds(centre, book, { postedOnly: true });
  const byProject = new Map(funds.map((f) => [f.projectId, f]));
  const handling = (r: (typeof admissions)[number]) =>
    r.status === 'returned' || r.yearEnd === 'return'
      ? '退回'
      : r.yearEnd === 'carry_forward'
        ? '结转下年'
        : r.status === 'finished'
          ? '已完成'
          : '继续使用';
  const figure = (
    fund: RestrictedFund,
    row: { department: string; approvalNumber: string; handling: string },
  ) => {
    const within = fundMovement(fund, from, period.to);
    return {
      project: fund.project,
      ...row,
      broughtForward: fundBalance(fund, previousPeriod(yearStart)),
      received: within.received,
      spent: within.used,
      spentToDate: sumFen([fund.opening.used, fundMovement(fund, undefined, period.to).used]),
      balance: fundBalance(fund, period.to),
    };
  };
  // Every restricted fund the books hold by the period's end: the admissions (准入审批) first, then the
  // projects given restricted money without one (a fund carried in from before the book, a sponsorship
  // for one purpose), so that 专项结余 is all the restricted money the fund report shows.
  const admitted = admissions.map((r) =>
    figure(byProject.get(r.projectId)!, {
      department: r.department,
      approvalNumber: r.approvalNumber,
      handling: handling(r),
    }),
  );
  const others = funds
    .filter((f) => !f.admission)
    .filter((f) => f.opening.received !== 0 || [...f.months.keys()].some((m) => m <= period.to))
    .sort((a, b) => a.project.localeCompare(b.project, 'zh'))
    .map((f) => figure(f, { department: '', approvalNumber: '', handling: '继续使用' }));
  return [...admitted, ...others];
}
