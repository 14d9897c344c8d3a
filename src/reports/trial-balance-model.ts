import { preparerAndReviewer, type Column, type ReportModel, type Row } from './model.js';
import type { TrialBalance, TrialBalanceRow } from './trial-balance.js';

type Figure =
  | 'openingDebit'
  | 'openingCredit'
  | 'debit'
  | 'credit'
  | 'yearDebit'
  | 'yearCredit'
  | 'closingDebit'
  | 'closingCredit';

const figures: Array<{ key: Figure; group: string; header: string }> = [
  { key: 'openingDebit', group: '期初余额', header: '借方' },
  { key: 'openingCredit', group: '期初余额', header: '贷方' },
  { key: 'debit', group: '本期发生额', header: '借方' },
  { key: 'credit', group: '本期发生额', header: '贷方' },
  { key: 'yearDebit', group: '本年累计发生额', header: '借方' },
  { key: 'yearCredit', group: '本年累计发生额', header: '贷方' },
  { key: 'closingDebit', group: '期末余额', header: '借方' },
  { key: 'closingCredit', group: '期末余额', header: '贷方' },
];

/** A zero amount is left blank, as on the paper form. */
const amount = (yuan: string) => (yuan === '0.00' ? '' : yuan);

const amountCells = (row: Pick<TrialBalanceRow, Figure>): Record<string, string> =>
  Object.fromEntries(figures.map((f) => [f.key, amount(row[f.key])]));

/** 科目余额表 as a neutral report model: code, indented name, four 借方/贷方 pairs and a 合计 row. */
export function trialBalanceModel(tb: TrialBalance): ReportModel {
  const columns: Column[] = [
    { key: 'code', header: '科目编码', kind: 'code', width: 12 },
    { key: 'name', header: '科目名称', kind: 'text', width: 30 },
    ...figures.map((f): Column => ({
      key: f.key,
      header: f.header,
      group: f.group,
      kind: 'amount',
      width: 13,
    })),
  ];
  const rows: Row[] = tb.rows.map((row) => ({
    cells: { code: row.code, name: row.name, ...amountCells(row) },
    level: row.level,
    drill: { account: row.code },
  }));
  rows.push({ cells: { code: '', name: '合计', ...amountCells(tb.total) }, mark: 'total' });
  const notes: string[] = [];
  if (tb.includeUnposted) notes.push('注：本表包含未记账凭证。');
  if (!tb.balanced) notes.push('注：借贷不平衡，请检查账簿。');
  return {
    title: tb.title,
    subtitle: tb.book,
    period: tb.period,
    unit: '元',
    orientation: 'landscape',
    columns,
    rows,
    notes,
    signatures: preparerAndReviewer(),
  };
}
