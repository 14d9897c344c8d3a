import { sumFen, type Fen } from '../money/money.js';
import { bookTemplate, listAccounts, type Account } from './accounts.js';
import type { Book } from './books.js';
import type { Centre } from './centre.js';
import type { Period } from './period.js';

/**
 * Cash and bank balances that fall below zero (赤字). Money in a till or a bank account cannot be
 * negative, so a negative balance is always an entry error: a payment booked before the receipt that
 * paid for it, or booked to the wrong account. The voucher checks (赤字控制), the dashboard and the
 * 居务公开 sheet check all read them from here.
 */

/** Level-1 codes of the accounts that hold money: the chart template says which (`cashAccounts`). */
export function cashAccountCodes(book: Pick<Book, 'chart'>): string[] {
  return bookTemplate(book).cashAccounts ?? ['1001', '1002', '1009'];
}

/** The book's leaf accounts that hold money (现金, 银行存款 and their sub-accounts, 其他货币资金). */
export function cashLeaves(centre: Centre, book: Book): Account[] {
  const codes = cashAccountCodes(book);
  return listAccounts(centre, book.id).filter((a) => a.isLeaf && codes.some((c) => a.code.startsWith(c)));
}

export interface CashDeficit {
  code: string;
  /** Full name, as printouts show it. */
  name: string;
  /** The balance in 分 (negative). */
  balance: Fen;
  /** The day it is lowest (the first such day), when known. */
  date: string | null;
}

/**
 * Each cash or bank account that `changes` (分 per account id, debit positive) would take below zero:
 * the posted balance plus, for a voucher being saved (`postedOnly` false), every other voucher not yet
 * posted (nor void) — the balance after everything booked so far, as 用友's 赤字控制 checks it. Only
 * accounts the change pays out of are looked at.
 */
export function balancesAfter(
  centre: Centre,
  book: Book,
  changes: Map<number, Fen>,
  options: { postedOnly: boolean; excludeVoucherId?: number | null },
): CashDeficit[] {
  const paidOut = [...changes].filter(([, change]) => change < 0);
  if (paidOut.length === 0) return [];
  const codes = cashAccountCodes(book);
  const deficits: CashDeficit[] = [];
  for (const [accountId, change] of paidOut) {
    const { code } = centre.sql('SELECT code FROM account WHERE id = ?').get(accountId) as { code: string };
    if (!codes.some((c) => code.startsWith(c))) continue;
    const pending = options.postedOnly
      ? 0
      : unpostedMovement(centre, book.id, accountId, options.excludeVoucherId ?? null);
    const balance = sumFen([postedBalance(centre, accountId), pending, change]);
    if (balance < 0) {
      const account = cashLeaves(centre, book).find((a) => a.id === accountId)!;
      deficits.push({ code: account.code, name: account.fullName, balance, date: null });
    }
  }
  return deficits;
}

function postedBalance(centre: Centre, accountId: number): Fen {
  const row = centre
    .sql(
      `SELECT coalesce((SELECT debit - credit FROM opening_balance WHERE account_id = @id), 0)
            + coalesce((SELECT sum(debit - credit) FROM posted_total WHERE account_id = @id), 0) AS balance`,
    )
    .get({ id: accountId }) as { balance: number };
  return row.balance;
}

/**
 * Debit − credit of an account's lines in the book's vouchers that are not posted yet (nor void). The
 * partial index on unposted vouchers finds them without reading the book's posted history; a book
 * keeps a few dozen of them at a time, so this is a few dozen index reads.
 */
function unpostedMovement(
  centre: Centre,
  bookId: number,
  accountId: number,
  excludeVoucherId: number | null,
): Fen {
  const row = centre
    .sql(
      // From the unposted vouchers to their lines (CROSS JOIN keeps that order): the planner would rather
      // read every line the account ever had.
      `SELECT coalesce(sum(l.debit - l.credit), 0) AS movement
       FROM voucher v INDEXED BY voucher_unposted CROSS JOIN line l ON l.voucher_id = v.id
       WHERE v.book_id = @book AND v.status IN ('draft', 'reviewed') AND v.id IS NOT @exclude AND l.account_id = @id`,
    )
    .get({ book: bookId, id: accountId, exclude: excludeVoucherId }) as { movement: number };
  return row.movement;
}

/** Posted cash and bank balances below zero at the end of `to` (the latest posting when omitted). */
export function negativeCashBalances(centre: Centre, book: Book, to?: Period): CashDeficit[] {
  return cashLeaves(centre, book).flatMap((account) => {
    const row = centre
      .sql(
        `SELECT coalesce((SELECT debit - credit FROM opening_balance WHERE account_id = @id), 0)
              + coalesce((SELECT sum(debit - credit) FROM posted_total WHERE account_id = @id AND period <= @to), 0)
              AS balance`,
      )
      .get({ id: account.id, to: to ?? '9999-12' }) as { balance: number };
    return row.balance < 0
      ? [{ code: account.code, name: account.fullName, balance: row.balance, date: null }]
      : [];
  });
}

/**
 * The lowest end-of-day balance of each cash or bank account within `from`..`to`, for the accounts
 * where it is negative, on posted vouchers (the daily balance of 现金日记账 and 银行存款日记账).
 */
export function dailyCashDeficits(centre: Centre, book: Book, from: Period, to: Period): CashDeficit[] {
  return dailyCashDeficitsOf(centre, book, [{ from, to }])[0]!;
}

/**
 * `dailyCashDeficits` for several ranges of one book at once (the 居务公开 due list's periods): the
 * accounts are read once, and each account's days once over the whole span, not once per range.
 */
export function dailyCashDeficitsOf(
  centre: Centre,
  book: Book,
  ranges: Array<{ from: Period; to: Period }>,
): CashDeficit[][] {
  const result = ranges.map((): CashDeficit[] => []);
  if (ranges.length === 0) return result;
  const first = ranges.reduce((m, r) => (r.from < m ? r.from : m), ranges[0]!.from);
  const last = ranges.reduce((m, r) => (r.to > m ? r.to : m), ranges[0]!.to);
  for (const account of cashLeaves(centre, book)) {
    const start = centre
      .sql(
        `SELECT coalesce((SELECT debit - credit FROM opening_balance WHERE account_id = @id), 0)
              + coalesce((SELECT sum(debit - credit) FROM posted_total WHERE account_id = @id AND period < @from), 0)
              AS balance`,
      )
      .get({ id: account.id, from: first }) as { balance: number };
    const days = centre
      .sql(
        `SELECT v.date, sum(l.debit - l.credit) AS change FROM line l JOIN voucher v ON v.id = l.voucher_id
         WHERE l.account_id = ? AND l.period BETWEEN ? AND ? AND v.status = 'posted'
         GROUP BY v.date ORDER BY v.date`,
      )
      .all(account.id, first, last) as Array<{ date: string; change: number }>;
    // End-of-day balances over the whole span, then the lowest day within each range.
    let running: Fen = start.balance;
    const closing = days.map((day) => ({
      date: day.date,
      balance: (running = sumFen([running, day.change])),
    }));
    ranges.forEach(({ from, to }, i) => {
      const before = closing.filter((d) => d.date.slice(0, 7) < from).at(-1);
      const opening = before ? before.balance : start.balance;
      let lowest: CashDeficit | null =
        opening < 0
          ? { code: account.code, name: account.fullName, balance: opening, date: `${from}-01` }
          : null;
      for (const day of closing) {
        const month = day.date.slice(0, 7);
        if (month < from || month > to) continue;
        if (day.balance < 0 && (!lowest || day.balance < lowest.balance))
          lowest = { code: account.code, name: account.fullName, balance: day.balance, date: day.date };
      }
      if (lowest) result[i]!.push(lowest);
    });
  }
  return result;
}
