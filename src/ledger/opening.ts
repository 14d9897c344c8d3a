import { fail, LedgerError, type RowError } from '../errors.js';
import { fenToYuan, parseAmount, sumFen, type Fen } from '../money/money.js';
import { listAccounts } from './accounts.js';
import { recordAudit } from './audit.js';
import type { Book } from './books.js';
import type { Centre } from './centre.js';
import { requireRole, type Actor } from './operators.js';

/** 期初余额 of a book: one figure per leaf account, as of the start of the book's first period. */
export interface OpeningBalances {
  rows: Array<{ code: string; name: string; normalSide: 'debit' | 'credit'; debit: string; credit: string }>;
  debitTotal: string;
  creditTotal: string;
  difference: string;
  balanced: boolean;
  /** Opening balances are fixed once the book has a posted voucher. */
  locked: boolean;
}

/** Debit total minus credit total of a book's opening balances, in 分; 0 when they balance. */
export function openingImbalance(centre: Centre, bookId: number): Fen {
  const row = centre
    .sql(
      `SELECT coalesce(sum(o.debit), 0) AS d, coalesce(sum(o.credit), 0) AS c
       FROM opening_balance o JOIN account a ON a.id = o.account_id WHERE a.book_id = ?`,
    )
    .get(bookId) as { d: number; c: number };
  return sumFen([row.d, -row.c]);
}

export function getOpeningBalances(centre: Centre, book: Book): OpeningBalances {
  const amounts = new Map(
    (
      centre
        .sql(
          'SELECT o.account_id AS id, o.debit, o.credit FROM opening_balance o JOIN account a ON a.id = o.account_id WHERE a.book_id = ?',
        )
        .all(book.id) as Array<{ id: number; debit: number; credit: number }>
    ).map((r) => [r.id, r]),
  );
  const rows = listAccounts(centre, book.id)
    .filter((a) => amounts.has(a.id))
    .map((a) => {
      const amount = amounts.get(a.id)!;
      return {
        code: a.code,
        name: a.fullName,
        normalSide: a.normalSide,
        debit: fenToYuan(amount.debit),
        credit: fenToYuan(amount.credit),
      };
    });
  const debit = sumFen([...amounts.values()].map((r) => r.debit));
  const credit = sumFen([...amounts.values()].map((r) => r.credit));
  return {
    rows,
    debitTotal: fenToYuan(debit),
    creditTotal: fenToYuan(credit),
    difference: fenToYuan(debit - credit),
    balanced: debit === credit,
    locked: isOpeningLocked(centre, book.id),
  };
}

function isOpeningLocked(centre: Centre, bookId: number): boolean {
  return !!centre.sql(`SELECT 1 FROM voucher WHERE book_id = ? AND status = 'posted' LIMIT 1`).get(bookId);
}

export interface OpeningInput {
  account: string;
  debit?: string | undefined;
  credit?: string | undefined;
  /** Row of the imported file, for messages. */
  row?: number | undefined;
}

/**
 * Sets the opening balances of the listed accounts (others keep theirs; `replace` clears them first,
 * which is what an import does). An unbalanced set may be saved while the accountant is still typing;
 * the balance check stops the first posting instead.
 */
export function setOpeningBalances(
  actor: Actor,
  book: Book,
  inputs: OpeningInput[],
  options: { replace?: boolean; source?: string } = {},
): OpeningBalances {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '录入期初余额');
  if (isOpeningLocked(centre, book.id))
    fail('forbidden', `账套“${book.community}”已有记账凭证，期初余额不能再修改`);
  const accounts = new Map(listAccounts(centre, book.id).map((a) => [a.code, a]));
  const errors: RowError[] = [];
  const seen = new Set<string>();
  const resolved = inputs.flatMap((input, index) => {
    const row = input.row ?? index + 1;
    const problem = (column: string, message: string) =>
      errors.push({ row, column, message: `第 ${row} 行${column}：${message}` });
    const account = accounts.get(input.account.trim());
    if (!account) return (problem('科目编码', `科目 ${input.account} 不存在`), []);
    if (!account.isLeaf)
      return (
        problem('科目编码', `${account.code} ${account.fullName} 有下级科目，期初余额请录入到末级科目`),
        []
      );
    if (seen.has(account.code)) return (problem('科目编码', `科目 ${account.code} 重复`), []);
    seen.add(account.code);
    try {
      const debit = input.debit?.trim() ? parseAmount(input.debit, '期初借方') : 0;
      const credit = input.credit?.trim() ? parseAmount(input.credit, '期初贷方') : 0;
      if (debit < 0 || credit < 0) return (problem('金额', '期初余额不能为负数，请填在另一方'), []);
      if (debit !== 0 && credit !== 0) return (problem('金额', '期初借方和期初贷方只能填一个'), []);
      return [{ account, debit, credit }];
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      return (problem('金额', error.message), []);
    }
  });
  if (errors.length > 0) {
    throw new LedgerError(
      'import_failed',
      `期初余额${options.source ? ` ${options.source} ` : ''}有 ${errors.length} 处错误，未作任何修改`,
      { rows: errors },
    );
  }
  const before = getOpeningBalances(centre, book);
  if (options.replace) {
    centre
      .sql('DELETE FROM opening_balance WHERE account_id IN (SELECT id FROM account WHERE book_id = ?)')
      .run(book.id);
  }
  const upsert = centre.sql(
    `INSERT INTO opening_balance (account_id, debit, credit) VALUES (?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET debit = excluded.debit, credit = excluded.credit`,
  );
  for (const { account, debit, credit } of resolved) upsert.run(account.id, debit, credit);
  centre
    .sql(
      'DELETE FROM opening_balance WHERE debit = 0 AND credit = 0 AND account_id IN (SELECT id FROM account WHERE book_id = ?)',
    )
    .run(book.id);
  const after = getOpeningBalances(centre, book);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'opening.set',
    entity: 'book',
    entityId: book.id,
    bookId: book.id,
    before,
    after: { ...after, source: options.source },
  });
  return after;
}
