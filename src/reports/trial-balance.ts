import { fail } from '../errors.js';
import { listAccounts, type Account } from '../ledger/accounts.js';
import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { parsePeriod, periodLabel, type Period } from '../ledger/period.js';
import { addFen, fenToYuan, type Fen } from '../money/money.js';
import {
  addMovement,
  leafBalances,
  movementBeforeStart,
  net,
  noMovement,
  type Movement,
} from './balances.js';
import { yearStart } from './book-lines.js';

export interface TrialBalanceOptions {
  from: Period;
  to: Period;
  /** Show accounts down to this level (1 = level-1 accounts only). */
  level?: number | undefined;
  hideZero?: boolean | undefined;
  includeUnposted?: boolean | undefined;
}

export interface TrialBalanceRow {
  code: string;
  name: string;
  fullName: string;
  level: number;
  isLeaf: boolean;
  openingDebit: string;
  openingCredit: string;
  debit: string;
  credit: string;
  /** 本年累计发生额 from January (or the book's start, with what a mid-year book brought in) to `to`. */
  yearDebit: string;
  yearCredit: string;
  closingDebit: string;
  closingCredit: string;
}

export interface TrialBalance {
  book: string;
  title: string;
  period: string;
  from: Period;
  to: Period;
  includeUnposted: boolean;
  rows: TrialBalanceRow[];
  /** Sum of the level-1 accounts: each pair must be equal in balanced books. */
  total: Omit<TrialBalanceRow, 'code' | 'name' | 'fullName' | 'level' | 'isLeaf'>;
  balanced: boolean;
}

interface Figures {
  opening: Fen;
  movement: Movement;
  /** 本年累计 when it differs from `movement`. */
  year?: Movement;
}

/** A balance is shown in the debit column when positive and in the credit column when negative. */
function split(balance: Fen): { debit: Fen; credit: Fen } {
  return balance >= 0 ? { debit: balance, credit: 0 } : { debit: 0, credit: -balance };
}

/**
 * 科目余额表. Figures are computed for leaf accounts and rolled up into every ancestor, so a parent
 * always equals the sum of its children.
 */
export function trialBalance(centre: Centre, book: Book, options: TrialBalanceOptions): TrialBalance {
  const from = parsePeriod(options.from, '起始期间');
  const to = parsePeriod(options.to, '截止期间');
  if (from > to) fail('invalid_argument', `起始期间 ${from} 晚于截止期间 ${to}`, { field: 'from' });
  // Before its first month the book holds no months, only what its 期初余额 brought in (本年累计).
  if (from < book.startPeriod)
    fail(
      'invalid_argument',
      `起始期间 ${from} 早于账套启用期间 ${book.startPeriod}：请从 ${book.startPeriod} 起查询，启用前的本年发生额见“本年累计发生额”`,
      { field: 'from' },
    );
  const accounts = listAccounts(centre, book.id);
  const { before, within } = leafBalances(centre, {
    bookId: book.id,
    from,
    to,
    includeUnposted: options.includeUnposted,
  });

  // 本年累计: January (or the book's first month) to `to`, and what a book begun mid-year brought in.
  // Usually the report's own months from January: then it is their movement, and is not summed twice.
  const yearFrom = yearStart(book, to);
  const brought = movementBeforeStart(centre, book, to);
  let yearMovement: Map<number, Movement> | undefined;
  if (yearFrom !== from || brought.size > 0) {
    yearMovement =
      yearFrom === from
        ? new Map(within)
        : leafBalances(centre, {
            bookId: book.id,
            from: yearFrom,
            to,
            includeUnposted: options.includeUnposted,
          }).within;
    for (const [id, m] of brought) yearMovement.set(id, addMovement(yearMovement.get(id) ?? noMovement, m));
  }

  const byId = new Map(accounts.map((a) => [a.id, a]));
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  const figures = new Map<string, Figures>();
  const touch = (account: Account, opening: Fen, movement: Movement, year: Movement | undefined) => {
    for (let a: Account | undefined = account; a; a = a.parentCode ? byCode.get(a.parentCode) : undefined) {
      const current = figures.get(a.code) ?? { opening: 0, movement: noMovement };
      figures.set(a.code, {
        opening: addFen(current.opening, opening),
        movement: addMovement(current.movement, movement),
        ...(year ? { year: addMovement(current.year ?? noMovement, year) } : {}),
      });
    }
  };
  for (const id of new Set([...before.keys(), ...within.keys(), ...(yearMovement?.keys() ?? [])])) {
    const account = byId.get(id);
    if (account)
      touch(
        account,
        net(before.get(id) ?? noMovement),
        within.get(id) ?? noMovement,
        yearMovement && (yearMovement.get(id) ?? noMovement),
      );
  }

  const toRow = (account: Account): TrialBalanceRow => {
    const f = figures.get(account.code) ?? { opening: 0, movement: noMovement };
    const year = f.year ?? f.movement;
    const opening = split(f.opening);
    const closing = split(addFen(f.opening, net(f.movement)));
    return {
      code: account.code,
      name: account.name,
      fullName: account.fullName,
      level: account.level,
      isLeaf: account.isLeaf,
      openingDebit: fenToYuan(opening.debit),
      openingCredit: fenToYuan(opening.credit),
      debit: fenToYuan(f.movement.debit),
      credit: fenToYuan(f.movement.credit),
      yearDebit: fenToYuan(year.debit),
      yearCredit: fenToYuan(year.credit),
      closingDebit: fenToYuan(closing.debit),
      closingCredit: fenToYuan(closing.credit),
    };
  };
  const isZero = (row: TrialBalanceRow) =>
    [
      row.openingDebit,
      row.openingCredit,
      row.debit,
      row.credit,
      row.yearDebit,
      row.yearCredit,
      row.closingDebit,
      row.closingCredit,
    ].every((v) => v === '0.00');

  const rows = accounts
    .filter((a) => a.level <= (options.level ?? 99))
    .map(toRow)
    .filter((row) => !options.hideZero || !isZero(row));

  let total = {
    openingDebit: 0,
    openingCredit: 0,
    debit: 0,
    credit: 0,
    yearDebit: 0,
    yearCredit: 0,
    closingDebit: 0,
    closingCredit: 0,
  };
  for (const account of accounts.filter((a) => a.level === 1)) {
    const f = figures.get(account.code);
    if (!f) continue;
    const opening = split(f.opening);
    const closing = split(addFen(f.opening, net(f.movement)));
    total = {
      openingDebit: addFen(total.openingDebit, opening.debit),
      openingCredit: addFen(total.openingCredit, opening.credit),
      debit: addFen(total.debit, f.movement.debit),
      credit: addFen(total.credit, f.movement.credit),
      yearDebit: addFen(total.yearDebit, (f.year ?? f.movement).debit),
      yearCredit: addFen(total.yearCredit, (f.year ?? f.movement).credit),
      closingDebit: addFen(total.closingDebit, closing.debit),
      closingCredit: addFen(total.closingCredit, closing.credit),
    };
  }
  return {
    book: book.community,
    title: '科目余额表',
    period: from === to ? periodLabel(from) : `${periodLabel(from)}至${periodLabel(to)}`,
    from,
    to,
    includeUnposted: options.includeUnposted ?? false,
    rows,
    total: {
      openingDebit: fenToYuan(total.openingDebit),
      openingCredit: fenToYuan(total.openingCredit),
      debit: fenToYuan(total.debit),
      credit: fenToYuan(total.credit),
      yearDebit: fenToYuan(total.yearDebit),
      yearCredit: fenToYuan(total.yearCredit),
      closingDebit: fenToYuan(total.closingDebit),
      closingCredit: fenToYuan(total.closingCredit),
    },
    balanced:
      total.openingDebit === total.openingCredit &&
      total.debit === total.credit &&
      total.yearDebit === total.yearCredit &&
      total.closingDebit === total.closingCredit,
  };
}
