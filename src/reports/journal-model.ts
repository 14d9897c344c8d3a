import { fenToYuan, sumFen, yuanOrBlank, type Fen } from '../money/money.js';
import type { Journal, JournalRow } from './journal.js';
import type { Column, ReportModel, Row } from './model.js';
import { pagedBook, type PagedEntry } from './paginate.js';

/** A zero amount is left blank, as on the paper book; null (the opening row) too. */
const amount = yuanOrBlank;

const columns: Column[] = [
  { key: 'date', header: '日期', kind: 'code', width: 11 },
  { key: 'voucher', header: '凭证字号', kind: 'code', width: 10 },
  { key: 'summary', header: '摘要', kind: 'text', width: 30 },
  { key: 'counter', header: '对方科目', kind: 'text', width: 30 },
  { key: 'debit', header: '收入（借方）', kind: 'amount', width: 14 },
  { key: 'credit', header: '支出（贷方）', kind: 'amount', width: 14 },
  { key: 'balance', header: '余额', kind: 'amount', width: 15 },
];

const marks: Partial<Record<JournalRow['kind'], Row['mark']>> = { month: 'subtotal', year: 'subtotal' };

/**
 * 现金日记账 / 银行存款日记账 as a report model, paginated for print: each page but the last ends with
 * 过次页 carrying the month's 收入 and 支出 so far and the balance, and the next page starts with 承前页
 * (see paginate.ts). `perPage` 0 gives the unpaginated rows (a screen).
 */
export function journalModel(report: Journal, options: { perPage?: number } = {}): ReportModel {
  const orientation = 'landscape';
  let monthDebit: Fen = 0;
  let monthCredit: Fen = 0;
  const entries: PagedEntry[] = report.rows.map((r) => {
    if (r.kind === 'line') {
      monthDebit = sumFen([monthDebit, r.debit ?? 0]);
      monthCredit = sumFen([monthCredit, r.credit ?? 0]);
    }
    const row: Row = {
      cells: {
        date: r.date,
        voucher: r.voucher,
        summary: r.summary,
        counter: r.counter,
        debit: amount(r.debit),
        credit: amount(r.credit),
        balance: fenToYuan(r.balance),
      },
      ...(marks[r.kind] ? { mark: marks[r.kind] } : {}),
      ...(r.red ? { red: true } : {}),
      ...(r.voucherId !== null ? { drill: { voucherId: r.voucherId } } : {}),
    };
    // 本月合计 closes the month: what a later page carries starts again from nothing.
    if (r.kind === 'month') [monthDebit, monthCredit] = [0, 0];
    const carry = { debit: amount(monthDebit), credit: amount(monthCredit), balance: fenToYuan(r.balance) };
    return { row, carry };
  });
  return pagedBook(report, {
    orientation,
    meta: [`科目：${report.account.code} ${report.account.fullName}`],
    columns,
    entries,
    perPage: options.perPage,
  });
}
