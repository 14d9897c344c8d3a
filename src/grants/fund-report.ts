import { fail } from '../errors.js';
import { listAccounts, type Account } from '../ledger/accounts.js';
import { findBook, listBooks, type Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { parsePeriod, periodLabel, type Period } from '../ledger/period.js';
import { fenToYuan, sumFen, type Fen } from '../money/money.js';

/**
 * 资金来源情况表: where a community's money came from and what is left of each kind, on the 民非 net
 * assets view. Restricted money (限定性) is tracked per fund — a project that received restricted income,
 * such as each 费随事转 admission — from the lines carrying that project. Unrestricted money
 * (非限定性) is one pool that all unrestricted spending draws on; its rows show what each source brought
 * in. Restricted income accounts are those named 限定性收入 and the accounts below them (chart data).
 *
 * The report balances to the books: opening + received − spent = closing, and the closing total equals
 * the net assets (净资产) the ledger shows at the end of the period.
 */

/** Amounts are decimal yuan; '' where a figure does not apply (the 其中 rows of the unrestricted pool). */
export interface FundRow {
  kind: 'unrestricted_source' | 'unrestricted' | 'restricted' | 'restricted_unassigned' | 'total';
  fund: string;
  opening: string;
  received: string;
  spent: string;
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
}

interface Movement {
  before: Fen;
  within: Fen;
}

function isRestricted(account: Account, byCode: Map<string, Account>): boolean {
  for (let a: Account | undefined = account; a; a = a.parentCode ? byCode.get(a.parentCode) : undefined) {
    if (a.name === '限定性收入' || a.name === '限定性净资产') return true;
    if (a.name.startsWith('非限定性')) return false;
  }
  return false;
}

export function fundReport(centre: Centre, book: Book, options: { from: string; to: string }): FundReport {
  const from = parsePeriod(options.from, '起始期间');
  const to = parsePeriod(options.to, '截止期间');
  if (from > to) fail('invalid_argument', `起始期间 ${from} 晚于截止期间 ${to}`, { field: 'from' });
  const accounts = listAccounts(centre, book.id);
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  const byId = new Map(accounts.map((a) => [a.id, a]));

  // Posted lines of income and expense accounts, per account and project, before and within the range.
  const movements = centre
    .sql(
      `SELECT l.account_id AS accountId, l.project_id AS projectId, p.name AS project,
              sum(CASE WHEN l.period < @from THEN l.credit - l.debit ELSE 0 END) AS before,
              sum(CASE WHEN l.period >= @from THEN l.credit - l.debit ELSE 0 END) AS within
       FROM line l JOIN voucher v ON v.id = l.voucher_id JOIN account a ON a.id = l.account_id
       LEFT JOIN project p ON p.id = l.project_id
       WHERE v.book_id = @book AND v.status = 'posted' AND l.period <= @to AND a.category IN ('income', 'expense')
       GROUP BY l.account_id, l.project_id`,
    )
    .all({ book: book.id, from, to }) as Array<{
    accountId: number;
    projectId: number | null;
    project: string | null;
    before: number;
    within: number;
  }>;

  // Net assets brought into the book (期初 3101/3102), credit-positive.
  const openingNet = centre
    .sql(
      `SELECT a.id AS accountId, o.credit - o.debit AS amount FROM opening_balance o JOIN account a ON a.id = o.account_id
       WHERE a.book_id = ? AND a.category = 'net_assets'`,
    )
    .all(book.id) as Array<{ accountId: number; amount: number }>;

  const restrictedIncome = (id: number) => {
    const account = byId.get(id)!;
    return account.category === 'income' && isRestricted(account, byCode);
  };
  // A restricted fund is a project that received restricted income.
  const fundProjects = new Set(
    movements.filter((m) => m.projectId !== null && restrictedIncome(m.accountId)).map((m) => m.projectId!),
  );

  const funds = new Map<string, { received: Movement; spent: Movement }>();
  const sources = new Map<string, Movement>();
  const pool = { received: { before: 0, within: 0 }, spent: { before: 0, within: 0 } };
  const unassigned = { received: { before: 0, within: 0 }, spent: { before: 0, within: 0 } };
  const add = (m: Movement, before: Fen, within: Fen): Movement => ({
    before: sumFen([m.before, before]),
    within: sumFen([m.within, within]),
  });

  for (const m of movements) {
    const account = byId.get(m.accountId)!;
    if (account.category === 'income') {
      if (restrictedIncome(m.accountId)) {
        if (m.projectId !== null) {
          const f = funds.get(m.project!) ?? {
            received: { before: 0, within: 0 },
            spent: { before: 0, within: 0 },
          };
          funds.set(m.project!, { ...f, received: add(f.received, m.before, m.within) });
        } else unassigned.received = add(unassigned.received, m.before, m.within);
      } else {
        pool.received = add(pool.received, m.before, m.within);
        sources.set(
          account.fullName,
          add(sources.get(account.fullName) ?? { before: 0, within: 0 }, m.before, m.within),
        );
      }
    } else if (m.projectId !== null && fundProjects.has(m.projectId)) {
      // Spending is credit − debit here (negative); the report shows it positive.
      const f = funds.get(m.project!)!;
      funds.set(m.project!, { ...f, spent: add(f.spent, -m.before, -m.within) });
    } else {
      pool.spent = add(pool.spent, -m.before, -m.within);
    }
  }
  for (const o of openingNet) {
    const account = byId.get(o.accountId)!;
    if (isRestricted(account, byCode)) unassigned.received = add(unassigned.received, o.amount, 0);
    else pool.received = add(pool.received, o.amount, 0);
  }

  interface Figures {
    kind: FundRow['kind'];
    fund: string;
    opening: Fen;
    received: Fen;
    spent: Fen;
    closing: Fen;
  }
  const figures = (kind: FundRow['kind'], fund: string, received: Movement, spent: Movement): Figures => {
    const opening = sumFen([received.before, -spent.before]);
    return {
      kind,
      fund,
      opening,
      received: received.within,
      spent: spent.within,
      closing: sumFen([opening, received.within, -spent.within]),
    };
  };
  const text = (f: Figures): FundRow => ({
    kind: f.kind,
    fund: f.fund,
    opening: fenToYuan(f.opening),
    received: fenToYuan(f.received),
    spent: fenToYuan(f.spent),
    closing: fenToYuan(f.closing),
  });
  // What each unrestricted source brought in; the pool spends and keeps them together, so these rows
  // have no opening, spending or closing of their own.
  const sourceRows = [...sources.entries()]
    .filter(([, m]) => m.within !== 0)
    .map(([name, m]): FundRow => ({
      kind: 'unrestricted_source',
      fund: `　其中：${name}`,
      opening: '',
      received: fenToYuan(m.within),
      spent: '',
      closing: '',
    }));
  const pooled = figures('unrestricted', '非限定性资金（统筹使用）', pool.received, pool.spent);
  const unassignedFund = figures(
    'restricted_unassigned',
    '限定性：未指定项目',
    unassigned.received,
    unassigned.spent,
  );
  const restricted = [
    ...[...funds.entries()].map(([name, f]) => figures('restricted', `限定性：${name}`, f.received, f.spent)),
    ...([unassignedFund.opening, unassignedFund.received, unassignedFund.spent, unassignedFund.closing].some(
      (v) => v !== 0,
    )
      ? [unassignedFund]
      : []),
  ];
  const all = [pooled, ...restricted];
  const sum = (pick: (f: Figures) => Fen) => sumFen(all.map(pick));
  const total: Figures = {
    kind: 'total',
    fund: '合计',
    opening: sum((f) => f.opening),
    received: sum((f) => f.received),
    spent: sum((f) => f.spent),
    closing: sum((f) => f.closing),
  };
  return {
    title: '资金来源情况表',
    book: book.community,
    period: from === to ? periodLabel(from) : `${periodLabel(from)}至${periodLabel(to)}`,
    from,
    to,
    rows: [text(pooled), ...sourceRows, ...restricted.map(text), text(total)],
    restricted: fenToYuan(sumFen(restricted.map((f) => f.closing))),
    unrestricted: fenToYuan(pooled.closing),
    total: fenToYuan(total.closing),
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
