import { fail } from '../errors.js';
import { listAccounts, type Account } from '../ledger/accounts.js';
import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { parsePeriod, type Period } from '../ledger/period.js';
import { formatAmount, sumFen, type Fen, yuanOrBlank } from '../money/money.js';
import { leafBalances, movementBeforeStart, net, noMovement, type Movement } from './balances.js';
import type { ReportModel, Row } from './model.js';
import {
  accountFormula,
  defaultBalanceSheetLayout,
  evaluateLines,
  isLine,
  matches,
  type BalanceSheetLayout,
  type LayoutEntry,
  type Side,
} from './statement-layout.js';

/**
 * 资产负债表 (会民非01表): 年初数 and 期末数 of every line of layouts/balance-sheet.json.
 *
 * Net assets and unclosed income/expense: under 民非 income and expense are closed to net assets
 * (非限定性收入 and all expenses to 3101, 限定性收入 to 3102). Until that is booked, the year's
 * surplus sits in the income and expense accounts, and a sheet of 3101/3102 alone would not balance.
 * The layout therefore adds the balances still held by income and expense accounts to the net asset
 * lines (限定性收入 to 限定性净资产, everything else to 非限定性净资产), so the sheet balances before
 * and after closing and shows the same figures either way. If it still does not balance (an account
 * the layout does not map, unbalanced opening balances), the model says so with the difference.
 */

export interface BalanceSheetOptions {
  to: Period;
  includeUnposted?: boolean | undefined;
}

export type BalanceSheetEntry =
  | { kind: 'heading'; label: string }
  | { kind: 'blank' }
  | {
      kind: 'line';
      line: number;
      label: string;
      level: number;
      mark?: 'subtotal' | 'total';
      /** 年初数 and 期末数 in 分, on the side's balance (debit for assets, credit for the right side). */
      opening: Fen;
      closing: Fen;
    };

export interface BalanceSheet {
  title: string;
  form: string;
  book: string;
  /** 2025年12月31日: the last day of `to`. */
  date: string;
  to: Period;
  /** The first month of the year (or the book's first month): 年初数 is the balance before it. */
  yearStart: Period;
  includeUnposted: boolean;
  left: { header: string; entries: BalanceSheetEntry[]; total: { opening: Fen; closing: Fen } };
  right: { header: string; entries: BalanceSheetEntry[]; total: { opening: Fen; closing: Fen } };
  /** 资产总计 − 负债和净资产总计; zero in balanced books. */
  difference: { opening: Fen; closing: Fen };
  /** Income less expense not yet closed to net assets at the end of `to` (included in 净资产). */
  unclosed: Fen;
  /** Leaf accounts with a balance that no line takes, with their full names. */
  unmapped: string[];
}

/** '2025-12' → '2025年12月31日'. */
export function monthEndLabel(period: Period): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}年${m}月${lastDay}日`;
}

/** The first month of `period`'s year, or the book's first month when the book started later. */
export function yearStartOf(book: Book, period: Period): Period {
  const january = `${period.slice(0, 4)}-01`;
  return book.startPeriod > january ? book.startPeriod : january;
}

export function balanceSheet(
  centre: Centre,
  book: Book,
  options: BalanceSheetOptions,
  layout: BalanceSheetLayout = defaultBalanceSheetLayout(),
): BalanceSheet {
  const to = parsePeriod(options.to, '截止期间');
  if (to < book.startPeriod)
    fail('invalid_argument', `截止期间 ${to} 早于账套启用期间 ${book.startPeriod}`, { field: 'to' });
  const yearStart = yearStartOf(book, to);
  const leaves = listAccounts(centre, book.id).filter((a) => a.isLeaf);
  const { before, within } = leafBalances(centre, {
    bookId: book.id,
    from: yearStart,
    to,
    includeUnposted: options.includeUnposted,
  });
  // 年初数 of a book begun after January: its 期初 less the year's movement it brought in (1 January).
  const brought =
    yearStart === book.startPeriod ? movementBeforeStart(centre, book, to) : new Map<number, Movement>();
  const openingOf = (a: Account): Fen =>
    sumFen([net(before.get(a.id) ?? noMovement), -net(brought.get(a.id) ?? noMovement)]);
  const closingStart = (a: Account): Fen => net(before.get(a.id) ?? noMovement);
  const closingOf = (a: Account): Fen => sumFen([closingStart(a), net(within.get(a.id) ?? noMovement)]);

  // A line's amounts are on its side's balance (debit for 资产, credit for 负债和净资产) unless it says.
  const sideOfLine = new Map<number, Side>();
  for (const side of [layout.left, layout.right])
    for (const line of side.entries.filter(isLine)) sideOfLine.set(line.line, line.balance ?? side.balance);
  const lines = [...layout.left.entries, ...layout.right.entries].filter(isLine);
  const values = evaluateLines(lines, 2, (line) => [
    accountFormula(line, sideOfLine.get(line.line)!, leaves, openingOf),
    accountFormula(line, sideOfLine.get(line.line)!, leaves, closingOf),
  ]);

  const toEntries = (entries: LayoutEntry[]): BalanceSheetEntry[] =>
    entries.map((e): BalanceSheetEntry => {
      if ('heading' in e) return { kind: 'heading', label: e.heading };
      if (!isLine(e)) return { kind: 'blank' };
      const [opening, closing] = values.get(e.line)!;
      return {
        kind: 'line',
        line: e.line,
        label: e.label,
        level: e.level,
        ...(e.mark ? { mark: e.mark } : {}),
        opening: opening!,
        closing: closing!,
      };
    });
  const total = (entries: BalanceSheetEntry[]) => {
    const line = entries.find((e) => e.kind === 'line' && e.mark === 'total');
    return line?.kind === 'line'
      ? { opening: line.opening, closing: line.closing }
      : { opening: 0, closing: 0 };
  };
  const left = toEntries(layout.left.entries);
  const right = toEntries(layout.right.entries);
  const leftTotal = total(left);
  const rightTotal = total(right);

  const terms = lines.flatMap((l) => l.accounts ?? []);
  const unmapped = leaves
    .filter((a) => (openingOf(a) !== 0 || closingOf(a) !== 0) && !terms.some((t) => matches(t, a)))
    .map((a) => `${a.code} ${a.fullName}`);
  const unclosed = -sumFen(
    leaves.filter((a) => a.category === 'income' || a.category === 'expense').map(closingOf),
  );

  return {
    title: layout.title,
    form: layout.form,
    book: book.community,
    date: monthEndLabel(to),
    to,
    yearStart,
    includeUnposted: options.includeUnposted ?? false,
    left: { header: layout.left.header, entries: left, total: leftTotal },
    right: { header: layout.right.header, entries: right, total: rightTotal },
    difference: {
      opening: sumFen([leftTotal.opening, -rightTotal.opening]),
      closing: sumFen([leftTotal.closing, -rightTotal.closing]),
    },
    unclosed,
    unmapped,
  };
}

/** A zero amount is left blank, as on the paper form. */
const amount = yuanOrBlank;

/** Indentation inside the label: two sides share a printed row, and a row has one level. */
const indent = (level: number) => '\u3000'.repeat(level - 1);

type Cells = Record<string, string>;
/** What one side of a printed row holds; a level-1 line stands alone, like a section heading. */
type Kind = 'heading' | 'line' | 'standalone' | 'subtotal' | 'total' | 'blank';

function sideCells(entry: BalanceSheetEntry, prefix: string): { cells: Cells; kind: Kind } {
  if (entry.kind === 'blank') return { cells: {}, kind: 'blank' };
  if (entry.kind === 'heading') return { cells: { [`${prefix}Label`]: entry.label }, kind: 'heading' };
  return {
    cells: {
      [`${prefix}Label`]: `${indent(entry.level)}${entry.label}`,
      [`${prefix}Line`]: String(entry.line),
      [`${prefix}Opening`]: amount(entry.opening),
      [`${prefix}Closing`]: amount(entry.closing),
    },
    kind: entry.mark ?? (entry.level === 1 ? 'standalone' : 'line'),
  };
}

/**
 * A printed row has one mark for both sides, so it gets one only when the sides agree: a blank side
 * agrees with anything, and a heading with a standalone line (受托代理负债 beside 固定资产：). The
 * layout pairs subtotals with subtotals, so a mark never makes an ordinary line of the other side bold.
 */
function rowMark(a: Kind, b: Kind): Row['mark'] {
  const kinds = new Set([a, b]);
  kinds.delete('blank');
  if (kinds.has('heading')) kinds.delete('standalone');
  const [only, ...rest] = kinds;
  return rest.length === 0 && (only === 'heading' || only === 'subtotal' || only === 'total')
    ? only
    : undefined;
}

/** 资产负债表 in its two-sided form: 资产 | 行次 | 年初数 | 期末数 ‖ 负债和净资产 | 行次 | 年初数 | 期末数. */
export function balanceSheetModel(sheet: BalanceSheet): ReportModel {
  const rows: Row[] = sheet.left.entries.map((leftEntry, i) => {
    const left = sideCells(leftEntry, 'left');
    const right = sideCells(sheet.right.entries[i] ?? { kind: 'blank' }, 'right');
    const mark = rowMark(left.kind, right.kind);
    return { cells: { ...left.cells, ...right.cells }, ...(mark ? { mark } : {}) };
  });
  const notes: string[] = [];
  if (sheet.includeUnposted) notes.push('注：本表包含未记账凭证。');
  if (sheet.unclosed !== 0) {
    notes.push(
      `注：收入、费用尚未结转，净资产已含未结转的收支差额 ${formatAmount(sheet.unclosed)} 元（限定性收入计入限定性净资产）。`,
    );
  }
  for (const [label, diff] of [
    ['年初数', sheet.difference.opening],
    ['期末数', sheet.difference.closing],
  ] as const) {
    if (diff !== 0)
      notes.push(
        `注：${label}资产总计与负债和净资产总计不等，相差 ${formatAmount(diff)} 元，请检查期初余额和科目设置。`,
      );
  }
  if (sheet.unmapped.length > 0)
    notes.push(`注：以下科目有余额但未列入本表任何项目：${sheet.unmapped.join('、')}。`);
  return {
    title: sheet.title,
    subtitle: sheet.book,
    period: sheet.date,
    unit: '元',
    orientation: 'portrait',
    meta: [sheet.form],
    columns: [
      { key: 'leftLabel', header: sheet.left.header, kind: 'text', width: 24 },
      { key: 'leftLine', header: '行次', kind: 'code', width: 5 },
      { key: 'leftOpening', header: '年初数', kind: 'amount', width: 14 },
      { key: 'leftClosing', header: '期末数', kind: 'amount', width: 14 },
      { key: 'rightLabel', header: sheet.right.header, kind: 'text', width: 22 },
      { key: 'rightLine', header: '行次', kind: 'code', width: 5 },
      { key: 'rightOpening', header: '年初数', kind: 'amount', width: 14 },
      { key: 'rightClosing', header: '期末数', kind: 'amount', width: 14 },
    ],
    rows,
    notes,
    signatures: [[{ label: '单位负责人' }, { label: '会计机构负责人' }, { label: '制表人' }]],
  };
}
