import { fail } from '../errors.js';
import { listAccounts, type Account } from '../ledger/accounts.js';
import { isClosingVoucher } from '../ledger/closing.js';
import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { parsePeriod, periodLabel, type Period } from '../ledger/period.js';
import { sumFen, type Fen, yuanOrBlank } from '../money/money.js';
import {
  addMovement,
  leafBalances,
  movementBeforeStart,
  net,
  noMovement,
  type Movement,
} from './balances.js';
import { yearStartOf } from './balance-sheet.js';
import type { Column, ReportModel, Row } from './model.js';
import {
  accountFormula,
  defaultActivitiesLayout,
  evaluateLines,
  isLine,
  singleAccount,
  type ActivitiesLayout,
  type LayoutLine,
} from './statement-layout.js';

/**
 * 业务活动表 (会民非02表): every line of layouts/activities.json for the report's months (本月数,
 * 本季度数, 本半年度数 or 本期数) and for the year to date (本年累计数), each split 非限定性 / 限定性 / 合计.
 *
 * Closing entries: once income and expense are closed to net assets (结转), their accounts net to zero
 * for the month, so the statement cannot be read off account balances. It takes each income and
 * expense account's movement in the months, leaving out every line of a closing voucher (one rule for
 * every reader: ledger/closing.ts). So the statement is the same before and after closing.
 *
 * 限定性净资产转为非限定性净资产 (line 40) comes from the vouchers whose lines are all on the two net
 * asset accounts (借 3102 / 贷 3101, `release` in the layout): their net debit on 3102.
 */

export interface ActivityOptions {
  from: Period;
  to: Period;
  includeUnposted?: boolean | undefined;
}

export interface Split {
  unrestricted: Fen;
  restricted: Fen;
  total: Fen;
}

export type ActivityEntry =
  | { kind: 'heading'; label: string }
  | {
      kind: 'line';
      line: number;
      label: string;
      level: number;
      mark?: 'subtotal' | 'total';
      /** The account the line stands for, when it stands for exactly one. */
      account?: string;
      period: Split;
      year: Split;
    };

export type PeriodKind = 'month' | 'quarter' | 'half' | 'other';

export interface ActivityStatement {
  title: string;
  form: string;
  book: string;
  from: Period;
  to: Period;
  /** First month of 本年累计数: January, or the book's first month when it started later. */
  yearFrom: Period;
  periodKind: PeriodKind;
  /** 本月数, 本季度数, 本半年度数 or 本期数. */
  periodHeader: string;
  /** 2025年3月, 2025年第1季度, 2025年上半年, 2025年1月至12月. */
  periodLabel: string;
  includeUnposted: boolean;
  entries: ActivityEntry[];
}

const periodHeaders: Record<PeriodKind, string> = {
  month: '本月数',
  quarter: '本季度数',
  half: '本半年度数',
  other: '本期数',
};

function describePeriod(from: Period, to: Period): { kind: PeriodKind; label: string } {
  const year = Number(from.slice(0, 4));
  const first = Number(from.slice(5));
  const last = Number(to.slice(5));
  if (from === to) return { kind: 'month', label: periodLabel(from) };
  if (first % 3 === 1 && last === first + 2)
    return { kind: 'quarter', label: `${year}年第${(first + 2) / 3}季度` };
  if ((first === 1 && last === 6) || (first === 7 && last === 12))
    return { kind: 'half', label: `${year}年${first === 1 ? '上' : '下'}半年` };
  return { kind: 'other', label: `${year}年${first}月至${last}月` };
}

interface NetAssetLine {
  voucherId: number;
  accountId: number;
  debit: Fen;
  credit: Fen;
}

/**
 * Every line of the vouchers in `from`..`to` that touch a net asset account (closing and release
 * vouchers; a handful a month), posted only unless unposted vouchers are asked for.
 */
function netAssetVoucherLines(
  centre: Centre,
  bookId: number,
  range: { from: Period; to: Period },
  netAssetIds: number[],
  includeUnposted: boolean,
): NetAssetLine[] {
  return centre
    .sql(
      `SELECT l.voucher_id AS voucherId, l.account_id AS accountId, l.debit, l.credit
       FROM voucher v JOIN line l ON l.voucher_id = v.id
       WHERE v.book_id = @book AND v.period BETWEEN @from AND @to
         AND (v.status = 'posted' OR (@unposted AND v.status IN ('draft', 'reviewed')))
         AND EXISTS (SELECT 1 FROM line n WHERE n.voucher_id = v.id
                     AND n.account_id IN (SELECT value FROM json_each(@netAssets)))
       ORDER BY l.voucher_id, l.line_no`,
    )
    .all({
      book: bookId,
      from: range.from,
      to: range.to,
      unposted: includeUnposted ? 1 : 0,
      netAssets: JSON.stringify(netAssetIds),
    }) as NetAssetLine[];
}

interface Figures {
  /** Movement per leaf account, closing vouchers left out. */
  movement: Map<number, Movement>;
  /** Net debit on the release's `from` account (3102) of pure net asset transfers. */
  release: Fen;
}

function figuresFor(
  centre: Centre,
  book: Book,
  accounts: Account[],
  layout: ActivitiesLayout,
  range: { from: Period; to: Period },
  includeUnposted: boolean,
): Figures {
  const { within } = leafBalances(centre, { bookId: book.id, ...range, includeUnposted });
  const under = (prefixes: string[]) =>
    new Set(accounts.filter((a) => prefixes.some((p) => a.code.startsWith(p))).map((a) => a.id));
  const category = new Map(accounts.map((a) => [a.id, a.category]));
  const netAssets = new Set(accounts.filter((a) => a.category === 'net_assets').map((a) => a.id));
  const releases = layout.entries.filter(isLine).flatMap((l) => (l.release ? [l.release] : []));
  const releaseFrom = under(releases.map((r) => r.from));
  const releaseTo = under(releases.map((r) => r.to));
  const transfer = new Set([...releaseFrom, ...releaseTo]);

  const byVoucher = new Map<number, NetAssetLine[]>();
  const touching = [...netAssets, ...transfer];
  for (const line of netAssetVoucherLines(centre, book.id, range, touching, includeUnposted)) {
    const lines = byVoucher.get(line.voucherId) ?? [];
    lines.push(line);
    byVoucher.set(line.voucherId, lines);
  }

  const movement = new Map(within);
  const release: Fen[] = [];
  for (const lines of byVoucher.values()) {
    const pureTransfer =
      lines.every((l) => transfer.has(l.accountId)) &&
      lines.some((l) => releaseFrom.has(l.accountId)) &&
      lines.some((l) => releaseTo.has(l.accountId));
    if (pureTransfer) {
      for (const l of lines) if (releaseFrom.has(l.accountId)) release.push(l.debit, -l.credit);
    }
    // A 结转 voucher (ledger/closing.ts): its income and expense lines are not the year's.
    if (!isClosingVoucher(lines.map((l) => category.get(l.accountId)!))) continue;
    for (const l of lines) {
      const current = movement.get(l.accountId) ?? noMovement;
      movement.set(l.accountId, addMovement(current, { debit: -l.debit, credit: -l.credit }));
    }
  }
  return { movement, release: sumFen(release) };
}

export function activityStatement(
  centre: Centre,
  book: Book,
  options: ActivityOptions,
  layout: ActivitiesLayout = defaultActivitiesLayout(),
): ActivityStatement {
  const from = parsePeriod(options.from, '起始期间');
  const to = parsePeriod(options.to, '截止期间');
  if (from > to) fail('invalid_argument', `起始期间 ${from} 晚于截止期间 ${to}`, { field: 'from' });
  if (from.slice(0, 4) !== to.slice(0, 4))
    fail('invalid_argument', `业务活动表的起止期间须在同一年度内（${from} 至 ${to}）`, { field: 'from' });
  if (to < book.startPeriod)
    fail('invalid_argument', `截止期间 ${to} 早于账套启用期间 ${book.startPeriod}`, { field: 'to' });
  const yearFrom = yearStartOf(book, to);
  const includeUnposted = options.includeUnposted ?? false;
  const accounts = listAccounts(centre, book.id);
  const leaves = accounts.filter((a) => a.isLeaf);
  // 限定性 is the account's attribute (chart data), so an imported chart's codes cannot mislead it.
  const unrestrictedLeaves = leaves.filter((a) => !a.restricted);
  const restrictedLeaves = leaves.filter((a) => a.restricted);

  const ranges = [
    { from: from < yearFrom ? yearFrom : from, to },
    { from: yearFrom, to },
  ];
  const figures = ranges.map((range) => figuresFor(centre, book, accounts, layout, range, includeUnposted));
  // 本年累计数 of a book begun after January includes the year's income and expense before it began:
  // the credits of income accounts and the debits of expense accounts (as 用友's 利润表 reads 累计发生额),
  // since the old software may have closed them month by month, which books the other side.
  const year = figures[1]!;
  const categoryOf = new Map(accounts.map((a) => [a.id, a.category]));
  for (const [id, m] of movementBeforeStart(centre, book, to)) {
    const category = categoryOf.get(id);
    const own =
      category === 'income'
        ? { debit: 0, credit: m.credit }
        : category === 'expense'
          ? { debit: m.debit, credit: 0 }
          : m;
    year.movement.set(id, addMovement(year.movement.get(id) ?? noMovement, own));
  }

  const lines = layout.entries.filter(isLine);
  // Four columns: months 非限定性, months 限定性, year 非限定性, year 限定性; 合计 is added after.
  const own = (line: LayoutLine): Fen[] =>
    figures.flatMap(({ movement, release }) => {
      if (line.release) return [release, -release];
      const side = line.balance ?? 'credit';
      const debitNet = (a: Account) => net(movement.get(a.id) ?? noMovement);
      return [
        accountFormula(line, side, unrestrictedLeaves, debitNet),
        accountFormula(line, side, restrictedLeaves, debitNet),
      ];
    });
  const values = evaluateLines(lines, 4, own);
  const split = (unrestricted: Fen, restricted: Fen): Split => ({
    unrestricted,
    restricted,
    total: sumFen([unrestricted, restricted]),
  });

  const entries = layout.entries.flatMap((e): ActivityEntry[] => {
    if ('heading' in e) return [{ kind: 'heading', label: e.heading }];
    if (!isLine(e)) return [];
    const [pu, pr, yu, yr] = values.get(e.line)! as [Fen, Fen, Fen, Fen];
    const account = singleAccount(e, accounts);
    return [
      {
        kind: 'line',
        line: e.line,
        label: e.label,
        level: e.level,
        ...(e.mark ? { mark: e.mark } : {}),
        ...(account ? { account } : {}),
        period: split(pu, pr),
        year: split(yu, yr),
      },
    ];
  });
  const period = describePeriod(from, to);
  return {
    title: layout.title,
    form: layout.form,
    book: book.community,
    from,
    to,
    yearFrom,
    periodKind: period.kind,
    periodHeader: periodHeaders[period.kind],
    periodLabel: period.label,
    includeUnposted,
    entries,
  };
}

/** A zero amount is left blank, as on the paper form. */
const amount = yuanOrBlank;

const splitKeys = [
  { key: 'Unrestricted', header: '非限定性', figure: 'unrestricted' },
  { key: 'Restricted', header: '限定性', figure: 'restricted' },
  { key: 'Total', header: '合计', figure: 'total' },
] as const;

/** 业务活动表: 项目 | 行次 | the months' 非限定性/限定性/合计 | 本年累计数 非限定性/限定性/合计. */
export function activityStatementModel(statement: ActivityStatement): ReportModel {
  const groups = [
    { prefix: 'period', header: statement.periodHeader },
    { prefix: 'year', header: '本年累计数' },
  ] as const;
  const columns: Column[] = [
    { key: 'label', header: '项目', kind: 'text', width: 44 },
    { key: 'line', header: '行次', kind: 'code', width: 6 },
    ...groups.flatMap((g) =>
      splitKeys.map((s): Column => ({
        key: `${g.prefix}${s.key}`,
        header: s.header,
        group: g.header,
        kind: 'amount',
        width: 14,
      })),
    ),
  ];
  const rows: Row[] = statement.entries.map((entry): Row => {
    if (entry.kind === 'heading') return { cells: { label: entry.label }, mark: 'heading' };
    const cells: Record<string, string> = { label: entry.label, line: String(entry.line) };
    for (const g of groups)
      for (const s of splitKeys) cells[`${g.prefix}${s.key}`] = amount(entry[g.prefix][s.figure]);
    return {
      cells,
      level: entry.level,
      ...(entry.mark ? { mark: entry.mark } : {}),
      ...(entry.account ? { drill: { account: entry.account } } : {}),
    };
  });
  return {
    title: statement.title,
    subtitle: statement.book,
    period: statement.periodLabel,
    unit: '元',
    orientation: 'landscape',
    meta: [statement.form],
    columns,
    rows,
    notes: statement.includeUnposted ? ['注：本表包含未记账凭证。'] : [],
    signatures: [[{ label: '单位负责人' }, { label: '会计机构负责人' }, { label: '制表人' }]],
  };
}
