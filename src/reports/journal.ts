import { fail } from '../errors.js';
import { findAccount, listAccounts, type Account } from '../ledger/accounts.js';
import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { periodsBetween, type Period } from '../ledger/period.js';
import { formatRef } from '../ledger/vouchers.js';
import { sumFen, type Fen } from '../money/money.js';
import {
  balanceBefore,
  lastDay,
  openingSummary,
  rangeLabel,
  reportRange,
  subtreeLines,
  voucherLines,
  yearToDate,
  type BookLine,
} from './book-lines.js';

/**
 * 现金日记账 and 银行存款日记账 (cash journal, bank journal): every line of the cash or bank account in
 * date order with the balance after it, a 本日合计 row with the day's balance for every day with
 * movement (日清, 会计基础工作规范 第60条), 本月合计 and 本年累计 after each month, and the counter
 * accounts (对方科目) of each voucher.
 */

export type JournalKind = 'cash' | 'bank';

export const journalAccounts: Record<JournalKind, { code: string; title: string; label: string }> = {
  cash: { code: '1001', title: '现金日记账', label: '现金' },
  bank: { code: '1002', title: '银行存款日记账', label: '银行存款' },
};

export interface JournalRow {
  kind: 'opening' | 'line' | 'day' | 'month' | 'year';
  date: string;
  /** The voucher of a line, for drill-down; null on the opening and total rows. */
  voucherId: number | null;
  voucher: string;
  summary: string;
  /** 对方科目: the accounts on the other side of the voucher, by name. */
  counter: string;
  /** 收入 (借方) and 支出 (贷方) in 分; null on the opening row. */
  debit: Fen | null;
  credit: Fen | null;
  /** Balance after the row, on the debit side (negative would be an overdraft). */
  balance: Fen;
  red?: boolean;
  /** Leaf account of a line when the journal covers several (1002 with two bank accounts). */
  accountCode?: string;
}

export interface Journal {
  book: string;
  kind: JournalKind;
  title: string;
  account: { code: string; name: string; fullName: string };
  period: string;
  from: Period;
  to: Period;
  includeUnposted: boolean;
  rows: JournalRow[];
}

/**
 * How a counter account is named: the level-1 account and the leaf (政府补助收入—社区工作经费(基础经费)),
 * so that the many 非限定性收入 leaves are told apart without printing a code alone.
 */
export function counterName(account: Account, byCode: Map<string, Account>): string {
  const top = byCode.get(account.code.slice(0, 4));
  return !top || top.code === account.code ? account.name : `${top.name}—${account.name}`;
}

/** The journal's account: the cash or bank account, or one of the accounts below it. */
function journalAccount(centre: Centre, book: Book, kind: JournalKind, code: string | undefined): Account {
  const { code: root, title, label } = journalAccounts[kind];
  const account = findAccount(centre, book.id, code?.trim() || root);
  if (!account.code.startsWith(root)) {
    fail('invalid_argument', `${title}只能选${label}科目（${root}及其明细），不能选 ${account.code}`, {
      field: 'account',
    });
  }
  return account;
}

export function journal(
  centre: Centre,
  book: Book,
  options: {
    kind: JournalKind;
    account?: string | undefined;
    from: Period;
    to: Period;
    includeUnposted?: boolean | undefined;
  },
): Journal {
  const range = reportRange(options);
  const account = journalAccount(centre, book, options.kind, options.account);
  const query = {
    bookId: book.id,
    code: account.code,
    ...range,
    includeUnposted: options.includeUnposted,
  };
  const accounts = listAccounts(centre, book.id);
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  const lines = subtreeLines(centre, query);
  const others = voucherLines(
    centre,
    lines.map((l) => l.voucherId),
  );

  /** The voucher's lines on the other side of this one (all other accounts when there are none). */
  const counter = (line: BookLine): string => {
    const all = (others.get(line.voucherId) ?? []).filter((l) => l.lineNo !== line.lineNo);
    const isDebit = line.debit !== 0;
    const opposite = all.filter((l) => (isDebit ? l.credit !== 0 : l.debit !== 0));
    const names = (opposite.length > 0 ? opposite : all)
      .map((l) => byId.get(l.accountId))
      .filter((a): a is Account => a !== undefined);
    return [...new Set(names.map((a) => counterName(a, byCode)))].join('、');
  };

  const totals = yearToDate(centre, book, query);
  const rows: JournalRow[] = [];
  let balance = balanceBefore(centre, query);
  rows.push({
    kind: 'opening',
    date: `${range.from}-01`,
    voucherId: null,
    voucher: '',
    summary: openingSummary(book, range.from),
    counter: '',
    debit: null,
    credit: null,
    balance,
  });
  const isParent = !account.isLeaf;
  let index = 0;
  for (const period of periodsBetween(range.from, range.to)) {
    while (index < lines.length && lines[index]!.date.startsWith(period)) {
      const date = lines[index]!.date;
      const day: BookLine[] = [];
      for (; index < lines.length && lines[index]!.date === date; index++) {
        const line = lines[index]!;
        day.push(line);
        balance = sumFen([balance, line.debit, -line.credit]);
        rows.push({
          kind: 'line',
          date,
          voucherId: line.voucherId,
          voucher: formatRef(line.word, line.number),
          summary: line.summary,
          counter: counter(line),
          debit: line.debit,
          credit: line.credit,
          balance,
          ...(line.debit < 0 || line.credit < 0 ? { red: true } : {}),
          ...(isParent ? { accountCode: byId.get(line.accountId)?.code ?? '' } : {}),
        });
      }
      rows.push({
        kind: 'day',
        date,
        voucherId: null,
        voucher: '',
        summary: '本日合计',
        counter: '',
        debit: sumFen(day.map((l) => l.debit)),
        credit: sumFen(day.map((l) => l.credit)),
        balance,
      });
    }
    const total = (kind: 'month' | 'year', summary: string, debit: Fen, credit: Fen): JournalRow => ({
      kind,
      date: lastDay(period),
      voucherId: null,
      voucher: '',
      summary,
      counter: '',
      debit,
      credit,
      balance,
    });
    const month = totals.month(period);
    const year = totals.year(period);
    rows.push(total('month', '本月合计', month.debit, month.credit));
    rows.push(total('year', '本年累计', year.debit, year.credit));
  }
  return {
    book: book.community,
    kind: options.kind,
    title: journalAccounts[options.kind].title,
    account: { code: account.code, name: account.name, fullName: account.fullName },
    period: rangeLabel(range),
    from: range.from,
    to: range.to,
    includeUnposted: options.includeUnposted ?? false,
    rows,
  };
}
