import { fail } from '../errors.js';
import { listAccounts } from '../ledger/accounts.js';
import { findBook, listBooks, type Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { parsePeriod, periodLabel, previousPeriod, type Period } from '../ledger/period.js';
import { closingVoucherIds } from '../ledger/closing.js';
import { fundBalance, fundMovement, restrictedFunds, type RestrictedFund } from '../ledger/task-funds.js';
import { fenToYuan, sumFen, type Fen } from '../money/money.js';
import { leafBalances, net } from '../reports/balances.js';

/**
 * 资金来源情况表: where a community's money came from and what is left of each kind, per period.
 *
 * - Each restricted fund (a 费随事转 admission, or any project given restricted money) as the one
 *   definition in ledger/task-funds.ts has it: received, used (equipment bought with it included) and
 *   what is left — the figures of the admission list and of Sheet C.
 * - 限定性：未指定项目 — restricted money not kept by project (a restricted donation, say): what it was
 *   opened with and the restricted income booked without a project. Its release (a voucher 借 3102 /
 *   贷 3101 of its own) takes it to the unrestricted pool, shown in the 转入/转出 column.
 * - 非限定性资金（统筹使用） — everything else of the community's net assets: unrestricted income in,
 *   unrestricted spending out, and, in 转入/转出, what the restricted money left behind (equipment bought
 *   with task money is the community's asset, no longer the fund's money; released restricted money).
 *
 * Closing entries (结转) and releases (解除限定) move money between income and net assets, so they are
 * never income or spending here (ledger/closing.ts). Each row reads opening + received − spent +
 * transferred = closing. The pool is what the books' net assets (净资产合计 of the balance sheet) hold
 * beyond the restricted rows, and its 转入(转出) is explained in 其中 rows; anything the rows above do not
 * explain shows as 净资产调整 (a prior-year correction booked to net assets, for one).
 */

/** Amounts are decimal yuan; '' where a figure does not apply (the 其中 rows). */
export interface FundRow {
  kind:
    | 'unrestricted_source'
    | 'unrestricted_transfer'
    | 'unrestricted'
    | 'restricted'
    | 'restricted_unassigned'
    | 'total';
  fund: string;
  opening: string;
  received: string;
  spent: string;
  /** 转入（+）/ 转出（−）between restricted and unrestricted money, and adjustments of net assets. */
  transferred: string;
  closing: string;
}

export interface FundReport {
  title: string;
  book: string;
  period: string;
  from: Period;
  to: Period;
  rows: FundRow[];
  restricted: string;
  unrestricted: string;
  total: string;
  /** Why the restricted total may differ from 限定性净资产 of the balance sheet. */
  note: string;
}

/**
 * A fund is what is left to spend; the balance sheet keeps spent restricted money in 3102 until its
 * release is booked, so the two agree once releases are.
 */
const restrictedNote =
  '注：限定性资金为各项目扣除已使用（含购置资产）后的余额；资产负债表的限定性净资产在解除限定（借 3102 贷 3101）记账之前仍包括已使用的部分，解除限定后两者一致。';

interface Figures {
  kind: FundRow['kind'];
  fund: string;
  opening: Fen;
  received: Fen;
  spent: Fen;
  transferred: Fen;
  closing: Fen;
}

/** Income and expense of the months, per account, leaving out closing and release vouchers. */
function incomeAndExpense(
  centre: Centre,
  book: Book,
  from: Period,
  to: Period,
): Array<{ accountId: number; projectId: number | null; amount: Fen }> {
  return centre
    .sql(
      `SELECT l.account_id AS accountId, l.project_id AS projectId, sum(l.credit - l.debit) AS amount
       FROM line l JOIN voucher v ON v.id = l.voucher_id JOIN account a ON a.id = l.account_id
       WHERE v.book_id = @book AND v.status = 'posted' AND l.period BETWEEN @from AND @to
         AND a.category IN ('income', 'expense') AND v.id NOT IN ${closingVoucherIds('@book')}
       GROUP BY l.account_id, l.project_id`,
    )
    .all({ book: book.id, from, to }) as Array<{ accountId: number; projectId: number | null; amount: Fen }>;
}

/**
 * Restricted money not kept by project (a restricted donation booked without one): what it was opened
 * with, the restricted income booked without a project (closing vouchers left out), and its releases —
 * the vouchers that only move net assets (借 3102 / 贷 3101), by their net debit on restricted net asset
 * lines without a project. A release written inside a closing voucher together with income or expense
 * is not seen, as on line 40 of the activity statement: book it on its own.
 */
function unassignedRestricted(
  centre: Centre,
  book: Book,
  range: { from?: Period; to: Period },
): { opening: Fen; received: Fen; released: Fen } {
  const restrictedMoney = `a.book_id = @book AND a.restricted = 1 AND a.category IN ('income', 'net_assets')`;
  const row = centre
    .sql(
      `SELECT coalesce((SELECT sum(o.credit - o.debit) FROM opening_balance o JOIN account a ON a.id = o.account_id
                        WHERE ${restrictedMoney}), 0)
            - coalesce((SELECT sum(o.credit - o.debit) FROM opening_project o JOIN account a ON a.id = o.account_id
                        WHERE ${restrictedMoney}), 0) AS opening,
              coalesce((SELECT sum(l.credit - l.debit) FROM account a JOIN line l ON l.account_id = a.id
                        JOIN voucher v ON v.id = l.voucher_id
                        WHERE ${restrictedMoney} AND a.category = 'income' AND l.project_id IS NULL
                          AND v.status = 'posted' AND l.period BETWEEN @from AND @to
                          AND v.id NOT IN ${closingVoucherIds('@book')}), 0) AS received,
              coalesce((SELECT sum(l.debit - l.credit) FROM account a JOIN line l ON l.account_id = a.id
                        JOIN voucher v ON v.id = l.voucher_id
                        WHERE ${restrictedMoney} AND a.category = 'net_assets' AND l.project_id IS NULL
                          AND v.status = 'posted' AND l.period BETWEEN @from AND @to
                          AND NOT EXISTS (SELECT 1 FROM line x JOIN account xa ON xa.id = x.account_id
                                          WHERE x.voucher_id = v.id AND xa.category <> 'net_assets')), 0)
              AS released`,
    )
    .get({ book: book.id, from: range.from ?? '0000-00', to: range.to }) as {
    opening: number;
    received: number;
    released: number;
  };
  return row;
}

/** The books' net assets at the end of `to`: net asset accounts plus income less expense not closed. */
function netAssets(centre: Centre, book: Book, from: Period, to: Period): { opening: Fen; closing: Fen } {
  const { before, within } = leafBalances(centre, { bookId: book.id, from, to });
  const ids = new Set(
    listAccounts(centre, book.id)
      .filter((a) => a.isLeaf && ['net_assets', 'income', 'expense'].includes(a.category))
      .map((a) => a.id),
  );
  const credit = (map: typeof before) =>
    sumFen([...map].filter(([id]) => ids.has(id)).map(([, m]) => -net(m)));
  const opening = credit(before);
  return { opening, closing: sumFen([opening, credit(within)]) };
}

export function fundReport(centre: Centre, book: Book, options: { from: string; to: string }): FundReport {
  const from = parsePeriod(options.from, '起始期间');
  const to = parsePeriod(options.to, '截止期间');
  if (from > to) fail('invalid_argument', `起始期间 ${from} 晚于截止期间 ${to}`, { field: 'from' });
  const accounts = new Map(listAccounts(centre, book.id).map((a) => [a.id, a]));
  const before = previousPeriod(from);

  // Restricted funds kept by project: the one definition.
  const funds = restrictedFunds(centre, book, { postedOnly: true });
  const fundIds = new Set(funds.map((f) => f.projectId));
  const fundFigures = (f: RestrictedFund): Figures => {
    const within = fundMovement(f, from, to);
    return {
      kind: 'restricted',
      fund: `限定性：${f.project}`,
      opening: fundBalance(f, before),
      received: within.received,
      spent: within.used,
      transferred: 0,
      closing: fundBalance(f, to),
    };
  };
  const restricted = funds.map(fundFigures);

  // Income and expense of the months (closing vouchers left out).
  const movement = incomeAndExpense(centre, book, from, to);
  const sources = new Map<string, Fen>();
  let unrestrictedIncome: Fen = 0;
  let spending: Fen = 0;
  for (const m of movement) {
    const account = accounts.get(m.accountId)!;
    if (account.category === 'expense') {
      // Spending of a fund is the fund's; the rest is the pool's.
      if (m.projectId === null || !fundIds.has(m.projectId)) spending = sumFen([spending, -m.amount]);
    } else if (!account.restricted) {
      unrestrictedIncome = sumFen([unrestrictedIncome, m.amount]);
      sources.set(account.fullName, sumFen([sources.get(account.fullName) ?? 0, m.amount]));
    }
  }

  const earlier = unassignedRestricted(centre, book, { to: before });
  const inRange = unassignedRestricted(centre, book, { from, to });
  const unassignedOpening = sumFen([earlier.opening, earlier.received, -earlier.released]);
  const unassigned: Figures = {
    kind: 'restricted_unassigned',
    fund: '限定性：未指定项目',
    opening: unassignedOpening,
    received: inRange.received,
    spent: 0,
    // Released to unrestricted money.
    transferred: -inRange.released,
    closing: sumFen([unassignedOpening, inRange.received, -inRange.released]),
  };
  if ([unassigned.opening, unassigned.received, unassigned.closing].some((v) => v !== 0))
    restricted.push(unassigned);

  // The pool is the rest of the net assets.
  const total = netAssets(centre, book, from, to);
  const restrictedOpening = sumFen(restricted.map((f) => f.opening));
  const restrictedClosing = sumFen(restricted.map((f) => f.closing));
  const poolOpening = sumFen([total.opening, -restrictedOpening]);
  const poolClosing = sumFen([total.closing, -restrictedClosing]);
  const poolTransferred = sumFen([poolClosing, -poolOpening, -unrestrictedIncome, spending]);
  const pool: Figures = {
    kind: 'unrestricted',
    fund: '非限定性资金（统筹使用）',
    opening: poolOpening,
    received: unrestrictedIncome,
    spent: spending,
    transferred: poolTransferred,
    closing: poolClosing,
  };
  // What the pool's transfers are made of: assets bought with restricted money, releases, the rest.
  const assetsBought = sumFen(funds.map((f) => fundMovement(f, from, to).assets));
  const released = -unassigned.transferred;
  const adjustments = sumFen([poolTransferred, -assetsBought, -released]);
  const transferRows: FundRow[] = [
    { fund: '　其中：专项资金购置的资产', amount: assetsBought },
    { fund: '　其中：限定性资金解除限定', amount: released },
    { fund: '　其中：净资产调整', amount: adjustments },
  ]
    .filter((r) => r.amount !== 0)
    .map((r) => ({
      kind: 'unrestricted_transfer',
      fund: r.fund,
      opening: '',
      received: '',
      spent: '',
      transferred: fenToYuan(r.amount),
      closing: '',
    }));

  const text = (f: Figures): FundRow => ({
    kind: f.kind,
    fund: f.fund,
    opening: fenToYuan(f.opening),
    received: fenToYuan(f.received),
    spent: fenToYuan(f.spent),
    transferred: fenToYuan(f.transferred),
    closing: fenToYuan(f.closing),
  });
  // What each unrestricted source brought in; the pool spends and keeps them together.
  const sourceRows = [...sources.entries()]
    .filter(([, amount]) => amount !== 0)
    .map(([name, amount]): FundRow => ({
      kind: 'unrestricted_source',
      fund: `　其中：${name}`,
      opening: '',
      received: fenToYuan(amount),
      spent: '',
      transferred: '',
      closing: '',
    }));
  const all = [pool, ...restricted];
  const sum = (pick: (f: Figures) => Fen) => sumFen(all.map(pick));
  const totalRow: Figures = {
    kind: 'total',
    fund: '合计',
    opening: sum((f) => f.opening),
    received: sum((f) => f.received),
    spent: sum((f) => f.spent),
    transferred: sum((f) => f.transferred),
    closing: sum((f) => f.closing),
  };
  return {
    title: '资金来源情况表',
    book: book.community,
    period: from === to ? periodLabel(from) : `${periodLabel(from)}至${periodLabel(to)}`,
    from,
    to,
    rows: [text(pool), ...sourceRows, ...transferRows, ...restricted.map(text), text(totalRow)],
    restricted: fenToYuan(restrictedClosing),
    unrestricted: fenToYuan(poolClosing),
    total: fenToYuan(totalRow.closing),
    note: restrictedNote,
  };
}

/** The same report for every community of the centre, and their sum per fund. */
export function centreFundReport(
  centre: Centre,
  options: { from: string; to: string },
): { reports: FundReport[] } {
  return {
    reports: listBooks(centre).map((book) =>
      fundReport(centre, findBook(centre, book.communityCode), options),
    ),
  };
}
