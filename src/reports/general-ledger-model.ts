import { yuanOrBlank } from '../money/money.js';
import { direction } from './account-ledger.js';
import type { GeneralLedger } from './general-ledger.js';
import type { Column, ReportModel, Row } from './model.js';
import { bookSignatures } from './paginate.js';

const columns: Column[] = [
  { key: 'account', header: '科目', kind: 'text', width: 26 },
  { key: 'month', header: '月', kind: 'code', width: 8 },
  { key: 'summary', header: '摘要', kind: 'text', width: 14 },
  { key: 'debit', header: '借方', kind: 'amount', width: 16 },
  { key: 'credit', header: '贷方', kind: 'amount', width: 16 },
  { key: 'direction', header: '借或贷', kind: 'code', width: 7 },
  { key: 'balance', header: '余额', kind: 'amount', width: 16 },
];

const amount = yuanOrBlank;

/**
 * 总账 as a report model: one block per account, its first row (上年结转 / 期初余额) naming the account,
 * then 本月合计 and 本年累计 for each month. No page breaks: a block is at most 25 rows.
 */
export function generalLedgerModel(report: GeneralLedger): ReportModel {
  const oneYear = report.from.slice(0, 4) === report.to.slice(0, 4);
  const monthLabel = (period: string) => (oneYear ? String(Number(period.slice(5, 7))) : period);
  const rows: Row[] = [];
  for (const account of report.accounts) {
    for (const r of account.rows) {
      rows.push({
        cells: {
          account: r.kind === 'opening' ? `${account.code} ${account.name}` : '',
          month: monthLabel(r.period),
          summary: r.summary,
          debit: amount(r.debit),
          credit: amount(r.credit),
          ...direction(r.balance),
        },
        ...(r.kind === 'opening' ? { mark: 'heading' as const, level: account.level } : {}),
        drill: { account: account.code },
      });
    }
  }
  return {
    title: report.title,
    subtitle: report.book,
    period: report.period,
    unit: '元',
    orientation: 'landscape',
    columns,
    rows,
    notes: report.includeUnposted ? ['注：本账包含未记账凭证。'] : [],
    signatures: bookSignatures(),
  };
}
