import { fail } from '../errors.js';
import { recordAudit } from '../ledger/audit.js';
import type { Centre } from '../ledger/centre.js';
import { requireRole, type Actor } from '../ledger/operators.js';
import { formatRef } from '../ledger/vouchers.js';
import { fenToYuan, formatAmount, sumFen, type Fen } from '../money/money.js';
import { voucherBook } from './allocation-match.js';
import { findBankAccount } from './bank-statements.js';

/**
 * Matching bank lines to the bank journal. The book side is every posted line on a 银行存款 (1002)
 * account in the books of the communities that use the account — several communities may share one
 * account, and each bank line then belongs to one community's line. Amounts are signed: money in is
 * positive on both sides. A red-ink pair in the books (a voucher and its reversal, or any lines that
 * cancel out) never reaches the bank: its lines are matched with each other, with no statement line
 * (账内对冲, as 用友's 对冲).
 */

export interface BankLine {
  id: number;
  date: string;
  reference: string;
  summary: string;
  counterparty: string;
  amount: Fen;
  balance: Fen | null;
  matchId: number | null;
}

export interface BookBankLine {
  voucherId: number;
  lineNo: number;
  communityId: number;
  community: string;
  date: string;
  voucher: string;
  summary: string;
  amount: Fen;
  /** The voucher this one reverses in red, or that reverses it (the pair cancels once both are booked). */
  reversalOf: number | null;
  reversedBy: { id: number; date: string } | null;
  /** A red voucher reversing this one is written but not yet posted: it is about to cancel, not to match. */
  reversalPending: boolean;
  matchId: number | null;
}

export function loadBankLines(centre: Centre, accountNumber: string, to?: string): BankLine[] {
  return centre
    .sql(
      `SELECT b.id, b.date, b.reference, b.summary, b.counterparty, b.amount, b.balance,
              (SELECT match_id FROM rec_match_statement s WHERE s.bank_line_id = b.id) AS matchId
       FROM bank_line b WHERE b.account_number = @account AND (@to IS NULL OR b.date <= @to)
       ORDER BY b.date, b.import_id, b.row_no`,
    )
    .all({ account: accountNumber, to: to ?? null }) as BankLine[];
}

export function loadBookBankLines(centre: Centre, accountNumber: string, to?: string): BookBankLine[] {
  const rows = centre
    .sql(
      `SELECT v.id AS voucherId, l.line_no AS lineNo, b.community_id AS communityId, c.name AS community, v.date,
              v.word, v.number, l.summary, l.debit - l.credit AS amount, v.reverses_voucher_id AS reversalOf,
              (SELECT r.id FROM voucher r WHERE r.reverses_voucher_id = v.id AND r.status = 'posted') AS reversedById,
              (SELECT r.date FROM voucher r WHERE r.reverses_voucher_id = v.id AND r.status = 'posted') AS reversedByDate,
              EXISTS (SELECT 1 FROM voucher r WHERE r.reverses_voucher_id = v.id AND r.status IN ('draft', 'reviewed')) AS reversalPending,
              (SELECT match_id FROM rec_match_book m WHERE m.kind = 'bank' AND m.voucher_id = v.id AND m.line_no = l.line_no) AS matchId
       FROM voucher v
       JOIN book b ON b.id = v.book_id
       JOIN community c ON c.id = b.community_id
       JOIN line l ON l.voucher_id = v.id
       JOIN account a ON a.id = l.account_id
       JOIN bank_account ba ON ba.community_id = b.community_id AND ba.account_number = @account
       WHERE v.status = 'posted' AND a.code LIKE ba.ledger_code || '%'
         AND (@to IS NULL OR v.date <= @to)
       ORDER BY v.date, c.name, v.word, v.number, l.line_no`,
    )
    .all({ account: accountNumber, to: to ?? null }) as Array<
    Omit<BookBankLine, 'voucher' | 'reversedBy' | 'reversalPending'> & {
      word: string;
      number: number;
      reversedById: number | null;
      reversedByDate: string | null;
      reversalPending: number;
    }
  >;
  return rows.map(({ word, number, reversedById, reversedByDate, reversalPending, ...r }) => ({
    ...r,
    reversalPending: reversalPending === 1,
    voucher: formatRef(word, number),
    reversedBy: reversedById === null ? null : { id: reversedById, date: reversedByDate! },
  }));
}

/** A line of a voucher reversed in red, or of its reversal: it cancels within the books. */
const inRedPair = (l: BookBankLine) => l.reversedBy !== null || l.reversalOf !== null;

/** Each open line of a posted reversal with the line it reverses (the reversal copies the line numbers). */
export function proposeReversalPairs(book: BookBankLine[]) {
  const open = book.filter((l) => l.matchId === null);
  return open.flatMap((red) => {
    if (red.reversalOf === null) return [];
    const original = open.find((l) => l.voucherId === red.reversalOf && l.lineNo === red.lineNo);
    return original && original.amount === -red.amount
      ? [{ lines: [original, red], reason: `红字冲销：${red.voucher} 冲销 ${original.voucher}，账内对冲` }]
      : [];
  });
}

const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/**
 * Proposes one-to-one matches: equal amounts, the same day first, then within 5 days, each bank line (in
 * date order) taking the nearest open book line. Bank lines of equal date and amount are
 * interchangeable, so taking them in order is no guess; among equally near book lines, one whose summary
 * carries the bank's 流水号 wins.
 */
export function proposeBankMatches(bank: BankLine[], book: BookBankLine[]) {
  const openBank = bank.filter((b) => b.matchId === null);
  const openBook = book.filter((l) => l.matchId === null && !l.reversalPending && !inRedPair(l));
  const taken = new Set<unknown>();
  const out: Array<{ bank: BankLine; book: BookBankLine; reason: string }> = [];
  for (const pass of ['exact', 'near'] as const) {
    for (const b of openBank) {
      if (taken.has(b)) continue;
      const gap = (l: BookBankLine) => Math.abs(days(b.date, l.date));
      const hits = openBook
        .filter(
          (l) => !taken.has(l) && l.amount === b.amount && (pass === 'exact' ? gap(l) === 0 : gap(l) <= 5),
        )
        .sort(
          (x, y) =>
            gap(x) - gap(y) ||
            Number(!!b.reference && y.summary.includes(b.reference)) -
              Number(!!b.reference && x.summary.includes(b.reference)),
        );
      const chosen = hits[0];
      if (!chosen) continue;
      taken.add(b);
      taken.add(chosen);
      const d = days(b.date, chosen.date);
      out.push({
        bank: b,
        book: chosen,
        reason:
          d === 0
            ? `金额、日期一致（${chosen.community} ${chosen.voucher}）`
            : `金额一致，入账${d > 0 ? '晚' : '早'} ${Math.abs(d)} 天（${chosen.community} ${chosen.voucher}）`,
      });
    }
  }
  return out;
}

function insertBankMatch(
  actor: Actor,
  bank: BankLine[],
  book: BookBankLine[],
  reason: string,
  auto: boolean,
): number {
  const { centre, operator } = actor;
  const id = Number(
    centre
      .sql("INSERT INTO rec_match (kind, auto, reason, created_by, created_at) VALUES ('bank', ?, ?, ?, ?)")
      .run(auto ? 1 : 0, reason, operator.id, centre.now()).lastInsertRowid,
  );
  const s = centre.sql('INSERT INTO rec_match_statement (match_id, bank_line_id, amount) VALUES (?, ?, ?)');
  for (const b of bank) s.run(id, b.id, b.amount);
  const l = centre.sql(
    "INSERT INTO rec_match_book (match_id, kind, voucher_id, line_no, amount) VALUES (?, 'bank', ?, ?, ?)",
  );
  for (const x of book) l.run(id, x.voucherId, x.lineNo, x.amount);
  recordAudit(centre, {
    operatorId: operator.id,
    action: auto ? 'reconcile.bank.autoMatch' : 'reconcile.bank.match',
    entity: 'rec_match',
    entityId: id,
    bookId: voucherBook(centre, book[0]!.voucherId),
    // Ids for the record, and what a person reads in the log.
    after: {
      bank: bank.map((b) => b.id),
      book: book.map((x) => `${x.voucherId}:${x.lineNo}`),
      community: book[0]!.community,
      refs: book.map((x) => x.voucher),
      statement: bank.map((b) => b.reference || b.date),
      amount: fenToYuan(bank.length > 0 ? sumFen(bank.map((b) => b.amount)) : Math.abs(book[0]!.amount)),
      reason,
    },
  });
  return id;
}

export function autoMatchBank(actor: Actor, accountNumber: string) {
  requireRole(actor.operator, ['accountant', 'supervisor'], '银行对账');
  const account = findBankAccount(actor.centre, accountNumber);
  const book = loadBookBankLines(actor.centre, account.accountNumber);
  const proposals = proposeBankMatches(loadBankLines(actor.centre, account.accountNumber), book);
  return [
    ...proposals.map((p) => ({
      id: insertBankMatch(actor, [p.bank], [p.book], p.reason, true),
      bankLine: p.bank.id as number | null,
      voucher: `${p.book.community} ${p.book.voucher}`,
      reason: p.reason,
    })),
    ...proposeReversalPairs(book).map((p) => ({
      id: insertBankMatch(actor, [], p.lines, p.reason, true),
      bankLine: null,
      voucher: `${p.lines[0]!.community} ${p.lines.map((l) => l.voucher).join('、')}`,
      reason: p.reason,
    })),
  ];
}

export function matchBank(
  actor: Actor,
  input: {
    account: string;
    bankLines: number[];
    bookLines: Array<{ voucherId: number; lineNo: number }>;
    note?: string | undefined;
  },
) {
  requireRole(actor.operator, ['accountant', 'supervisor'], '银行对账');
  const account = findBankAccount(actor.centre, input.account);
  const bank = loadBankLines(actor.centre, account.accountNumber).filter((b) =>
    input.bankLines.includes(b.id),
  );
  const book = loadBookBankLines(actor.centre, account.accountNumber).filter((l) =>
    input.bookLines.some((x) => x.voucherId === l.voucherId && x.lineNo === l.lineNo),
  );
  if (bank.length !== input.bankLines.length)
    fail('not_found', '请选择本账户对账单上的银行流水', { field: 'bankLines' });
  if (book.length !== input.bookLines.length || book.length === 0) {
    fail('not_found', '请选择使用本账户的社区账上已记账的银行存款分录', { field: 'bookLines' });
  }
  if ([...bank, ...book].some((x) => x.matchId !== null))
    fail('voucher_state', '有选中的项目已勾对，请先取消原勾对', { field: 'bankLines' });
  if (new Set(book.map((l) => l.communityId)).size > 1)
    fail('invalid_argument', '一笔银行流水只能对应一个社区的账', { field: 'bookLines' });
  const a = sumFen(bank.map((b) => b.amount));
  const b = sumFen(book.map((l) => l.amount));
  // 账内对冲: book lines alone, cancelling out (a red-ink pair).
  if (bank.length === 0) {
    if (book.length < 2 || b !== 0) {
      fail('unbalanced', `账内对冲的分录合计须为零（现为 ${formatAmount(b)}），或请同时选择银行流水`, {
        field: 'bookLines',
      });
    }
    const reason = `账内对冲（${input.note ? `手工：${input.note}` : '手工'}）`;
    return { id: insertBankMatch(actor, [], book, reason, false), reason };
  }
  if (book.some(inRedPair)) {
    fail('voucher_state', '红字冲销的凭证与被冲销的凭证互相抵销，只能互相对冲，不能与银行流水勾对', {
      field: 'bookLines',
    });
  }
  if (a !== b) {
    fail(
      'unbalanced',
      `金额不等：银行 ${formatAmount(a)}，账上 ${formatAmount(b)}，差额 ${formatAmount(sumFen([a, -b]))}`,
      { field: 'bookLines' },
    );
  }
  const reason = `手工勾对${input.note ? `：${input.note}` : ''}`;
  return { id: insertBankMatch(actor, bank, book, reason, false), reason };
}
