import { sumFen, yuanOrBlank, yuanToFen, type Fen } from '../money/money.js';
import type { AccountLedger, LedgerRow } from './account-ledger.js';
import type { Column, ReportModel, Row } from './model.js';
import { pagedBook, type PagedEntry } from './paginate.js';

/** The ledger's amounts are exact decimal strings of 分; '' is no amount. */
const fen = (yuan: string): Fen => (yuan === '' ? 0 : yuanToFen(yuan));
const blankZero = yuanOrBlank;

const marks: Partial<Record<LedgerRow['kind'], Row['mark']>> = { month: 'subtotal', year: 'subtotal' };

/**
 * 明细账 (三栏式) as a report model: 月 | 日 | 凭证字号 | 摘要 | 借方 | 贷方 | 借或贷 | 余额, with a 科目
 * column naming the leaf of each line when the ledger is of a parent account. Paginated for print:
 * each page but the last ends with 过次页 carrying the month's debit and credit so far (from the first
 * line after the last 本月合计) and the balance; the next page starts with 承前页 repeating them.
 * `perPage` 0 leaves the rows unpaginated (a screen).
 */
export function accountLedgerModel(
  ledger: AccountLedger,
  options: { perPage?: number; accountNames?: Map<string, string> } = {},
): ReportModel {
  const orientation = 'landscape';
  const byLeaf = ledger.rows.some((r) => r.accountCode);
  const columns: Column[] = [
    { key: 'month', header: '月', kind: 'code', width: 5 },
    { key: 'day', header: '日', kind: 'code', width: 5 },
    { key: 'voucher', header: '凭证字号', kind: 'code', width: 10 },
    { key: 'summary', header: '摘要', kind: 'text', width: byLeaf ? 30 : 40 },
    ...(byLeaf ? [{ key: 'account', header: '科目', kind: 'text', width: 26 } satisfies Column] : []),
    { key: 'debit', header: '借方', kind: 'amount', width: 15 },
    { key: 'credit', header: '贷方', kind: 'amount', width: 15 },
    { key: 'direction', header: '借或贷', kind: 'code', width: 7 },
    { key: 'balance', header: '余额', kind: 'amount', width: 15 },
  ];
  const leaf = (code: string | undefined) =>
    code ? `${code} ${options.accountNames?.get(code) ?? ''}`.trim() : '';

  let monthDebit: Fen = 0;
  let monthCredit: Fen = 0;
  const entries: PagedEntry[] = ledger.rows.map((r) => {
    if (r.kind === 'line') {
      monthDebit = sumFen([monthDebit, fen(r.debit)]);
      monthCredit = sumFen([monthCredit, fen(r.credit)]);
    }
    const row: Row = {
      cells: {
        month: String(Number(r.date.slice(5, 7))),
        day: String(Number(r.date.slice(8, 10))),
        voucher: r.voucher,
        summary: r.summary,
        ...(byLeaf ? { account: leaf(r.accountCode) } : {}),
        debit: r.kind === 'line' ? r.debit : blankZero(fen(r.debit)),
        credit: r.kind === 'line' ? r.credit : blankZero(fen(r.credit)),
        direction: r.direction,
        balance: r.balance,
      },
      ...(marks[r.kind] ? { mark: marks[r.kind] } : {}),
      ...(r.red ? { red: true } : {}),
      ...(r.voucherId !== null ? { drill: { voucherId: r.voucherId } } : {}),
    };
    // 本月合计 closes the month: a later page carries from the next month's first line.
    if (r.kind === 'month') [monthDebit, monthCredit] = [0, 0];
    const carry = {
      debit: blankZero(monthDebit),
      credit: blankZero(monthCredit),
      direction: r.direction,
      balance: r.balance,
    };
    return { row, carry };
  });
  const side = ledger.account.normalSide === 'debit' ? '借' : '贷';
  return pagedBook(ledger, {
    orientation,
    meta: [`科目：${ledger.account.code} ${ledger.account.fullName}（余额方向：${side}）`],
    columns,
    entries,
    perPage: options.perPage,
    sheetName: `明细账 ${ledger.account.code}`,
  });
}
