import { sumFen, type Fen } from '../money/money.js';
import type { Centre } from '../ledger/centre.js';
import type { Period } from '../ledger/period.js';

/** Debit and credit movement of one account; red ink is already negative on its side. */
export interface Movement {
  debit: Fen;
  credit: Fen;
}

export const noMovement: Movement = { debit: 0, credit: 0 };

export function addMovement(a: Movement, b: Movement): Movement {
  return { debit: sumFen([a.debit, b.debit]), credit: sumFen([a.credit, b.credit]) };
}

/** Net balance on the debit side: positive is a debit balance, negative a credit balance. */
export const net = (m: Movement): Fen => sumFen([m.debit, -m.credit]);

export interface BalanceQuery {
  bookId: number;
  from: Period;
  to: Period;
  /** Count drafts and reviewed vouchers too (用友's 包含未记账凭证); posted only by default. */
  includeUnposted?: boolean | undefined;
}

/**
 * Per leaf account: the balance brought forward to `from` (opening balances plus everything before it)
 * and the movement within `from`..`to`. Posted movement comes from the monthly totals the posting
 * trigger keeps, so this costs one small range read per book however many lines it has.
 */
export function leafBalances(
  centre: Centre,
  query: BalanceQuery,
): { before: Map<number, Movement>; within: Map<number, Movement> } {
  const before = new Map<number, Movement>();
  const within = new Map<number, Movement>();
  const add = (map: Map<number, Movement>, id: number, m: Movement) =>
    map.set(id, addMovement(map.get(id) ?? noMovement, m));

  const opening = centre
    .sql(
      'SELECT o.account_id AS id, o.debit, o.credit FROM opening_balance o JOIN account a ON a.id = o.account_id WHERE a.book_id = ?',
    )
    .all(query.bookId) as Array<{ id: number } & Movement>;
  for (const row of opening) add(before, row.id, row);

  const posted = centre
    .sql(
      `SELECT t.account_id AS id, t.period < @from AS early, sum(t.debit) AS debit, sum(t.credit) AS credit
       FROM account a JOIN posted_total t ON t.account_id = a.id
       WHERE a.book_id = @book AND t.period <= @to
       GROUP BY t.account_id, early`,
    )
    .all({ book: query.bookId, from: query.from, to: query.to }) as Array<
    { id: number; early: number } & Movement
  >;
  for (const row of posted) add(row.early ? before : within, row.id, row);

  if (query.includeUnposted) {
    const unposted = centre
      .sql(
        `SELECT l.account_id AS id, l.period < @from AS early, sum(l.debit) AS debit, sum(l.credit) AS credit
         FROM voucher v JOIN line l ON l.voucher_id = v.id
         WHERE v.book_id = @book AND v.status IN ('draft', 'reviewed') AND v.period <= @to
         GROUP BY l.account_id, early`,
      )
      .all({ book: query.bookId, from: query.from, to: query.to }) as Array<
      { id: number; early: number } & Movement
    >;
    for (const row of unposted) add(row.early ? before : within, row.id, row);
  }
  return { before, within };
}

/**
 * The year's movement before the book's first month, per leaf account: what a book begun after January
 * brought in with its opening balances (期初余额's 本年累计借方 / 本年累计贷方). It is part of 本年累计 of
 * every month of that first year, and of nothing else; empty for any other period and for a book begun
 * in January.
 */
export function movementBeforeStart(
  centre: Centre,
  book: { id: number; startPeriod: Period },
  period: Period,
): Map<number, Movement> {
  if (book.startPeriod.endsWith('-01') || period.slice(0, 4) !== book.startPeriod.slice(0, 4))
    return new Map();
  const rows = centre
    .sql(
      `SELECT o.account_id AS id, o.year_debit AS debit, o.year_credit AS credit
       FROM opening_balance o JOIN account a ON a.id = o.account_id
       WHERE a.book_id = ? AND (o.year_debit <> 0 OR o.year_credit <> 0)`,
    )
    .all(book.id) as Array<{ id: number } & Movement>;
  return new Map(rows.map((r) => [r.id, { debit: r.debit, credit: r.credit }]));
}

/** The same, summed over the leaves whose codes start with `code`. */
export function subtreeMovementBeforeStart(
  centre: Centre,
  book: { id: number; startPeriod: Period },
  code: string,
  period: Period,
): Movement {
  const moved = movementBeforeStart(centre, book, period);
  if (moved.size === 0) return noMovement;
  const ids = new Set(
    (
      centre
        .sql(`SELECT id FROM account WHERE book_id = ? AND code GLOB ? || '*'`)
        .all(book.id, code) as Array<{
        id: number;
      }>
    ).map((r) => r.id),
  );
  let total = noMovement;
  for (const [id, m] of moved) if (ids.has(id)) total = addMovement(total, m);
  return total;
}
