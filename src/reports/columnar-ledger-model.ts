import { fenToYuan, sumFen, yuanOrBlank, type Fen } from '../money/money.js';
import type { ColumnarLedger, ColumnarRow } from './columnar-ledger.js';
import type { Column, ReportModel, Row } from './model.js';
import { pagedBook, type PagedEntry } from './paginate.js';

const amount = yuanOrBlank;

const marks: Partial<Record<ColumnarRow['kind'], Row['mark']>> = { month: 'subtotal', year: 'subtotal' };

/** Column key of a leaf's amount. */
export const leafKey = (code: string) => `leaf${code}`;

/**
 * 多栏账 as a report model, landscape: 日期 | 凭证字号 | 摘要 | one column per leaf and 合计 under 借方
 * (an expense) or 贷方 (income) | the other side | 余额. Paginated like the other books, each 过次页
 * carrying every column's month-to-date sum and the balance.
 */
export function columnarLedgerModel(report: ColumnarLedger, options: { perPage?: number } = {}): ReportModel {
  const orientation = 'landscape';
  const [sideName, otherName] = report.side === 'debit' ? ['借方', '贷方'] : ['贷方', '借方'];
  const columns: Column[] = [
    { key: 'date', header: '日期', kind: 'code', width: 11 },
    { key: 'voucher', header: '凭证字号', kind: 'code', width: 10 },
    { key: 'summary', header: '摘要', kind: 'text', width: 24 },
    ...report.leaves.map((leaf): Column => ({
      key: leafKey(leaf.code),
      header: leaf.name,
      group: sideName,
      kind: 'amount',
      width: Math.min(22, Math.max(13, [...leaf.name].length * 2 + 1)),
    })),
    { key: 'total', header: '合计', group: sideName, kind: 'amount', width: 14 },
    { key: 'other', header: otherName, kind: 'amount', width: 13 },
    { key: 'balance', header: '余额', kind: 'amount', width: 14 },
  ];

  let month: Record<string, Fen> = {};
  const add = (key: string, value: Fen | null | undefined) => {
    if (value) month[key] = sumFen([month[key] ?? 0, value]);
  };
  const entries: PagedEntry[] = report.rows.map((r) => {
    if (r.kind === 'line') {
      for (const leaf of report.leaves) add(leafKey(leaf.code), r.leaves[leaf.code]);
      add('total', r.total);
      add('other', r.other);
    }
    const row: Row = {
      cells: {
        date: r.date,
        voucher: r.voucher,
        summary: r.summary,
        ...Object.fromEntries(report.leaves.map((l) => [leafKey(l.code), amount(r.leaves[l.code])])),
        total: amount(r.total),
        other: amount(r.other),
        balance: fenToYuan(r.balance),
      },
      ...(marks[r.kind] ? { mark: marks[r.kind] } : {}),
      ...(r.red ? { red: true } : {}),
      ...(r.voucherId !== null ? { drill: { voucherId: r.voucherId } } : {}),
    };
    // 本月合计 closes the month: a later page carries from the next month's first line.
    if (r.kind === 'month') month = {};
    const carry: Record<string, string> = { balance: fenToYuan(r.balance) };
    for (const column of columns) {
      if (column.kind === 'amount' && column.key !== 'balance') carry[column.key] = amount(month[column.key]);
    }
    return { row, carry };
  });
  const side = report.account.normalSide === 'debit' ? '借' : '贷';
  return pagedBook(report, {
    orientation,
    meta: [`科目：${report.account.code} ${report.account.fullName}（余额方向：${side}）`],
    columns,
    entries,
    perPage: options.perPage,
    sheetName: `多栏账 ${report.account.code}`,
  });
}
