import { communityKindLabels } from '../ledger/communities.js';
import { preparerAndReviewer, type ReportModel, type Row } from '../reports/model.js';
import type { FundReport } from './fund-report.js';
import type { entitlementTable } from './grants.js';

/** The grant reports as neutral report models, so every output (screen, .xlsx, PDF) draws them alike. */

type Entitlement = ReturnType<typeof entitlementTable>;

/** 社区工作经费应拨表 of a year. */
export function entitlementModel(result: Entitlement): ReportModel {
  const rows: Row[] = result.rows.map((r) => ({
    cells: {
      community: r.community,
      kind: communityKindLabels[r.kind],
      resident: r.households ? String(r.households.resident) : '',
      registered: r.households ? String(r.households.registered) : '',
      weighted: r.entitlement?.weightedHouseholds ?? '',
      base: r.entitlement?.sources.find((s) => s.source === 'base')?.amount ?? '',
      household: r.entitlement?.sources.find((s) => s.source === 'household')?.amount ?? '',
      total: r.entitlement?.total ?? '',
      working: r.missing ?? r.entitlement?.working ?? '',
    },
  }));
  rows.push({
    cells: {
      community: '合计',
      base: result.totals.base,
      household: result.totals.household,
      total: result.totals.total,
    },
    mark: 'total',
  });
  return {
    title: `${result.year} 年社区工作经费应拨表`,
    period: `${result.year}年度`,
    unit: '元',
    orientation: 'landscape',
    columns: [
      { key: 'community', header: '社区', kind: 'text' },
      { key: 'kind', header: '类型', kind: 'text' },
      { key: 'resident', header: '常住户数', kind: 'code' },
      { key: 'registered', header: '户籍户数', kind: 'code' },
      { key: 'weighted', header: '折算户数', kind: 'code' },
      { key: 'base', header: '基数拨款', kind: 'amount' },
      { key: 'household', header: '按户拨款', kind: 'amount' },
      { key: 'total', header: '应拨合计', kind: 'amount' },
      { key: 'working', header: '计算过程', kind: 'text', width: 60 },
    ],
    rows,
    signatures: preparerAndReviewer(),
  };
}

/** 资金来源情况表 of one community, or of several one after another. */
export function fundReportModel(reports: FundReport[]): ReportModel {
  return {
    title: '资金来源情况表',
    ...(reports.length === 1 ? { subtitle: reports[0]!.book } : { subtitle: '全中心' }),
    period: reports[0]?.period ?? '',
    unit: '元',
    orientation: 'portrait',
    columns: [
      { key: 'book', header: '社区', kind: 'text' },
      { key: 'fund', header: '资金', kind: 'text', width: 40 },
      { key: 'opening', header: '期初结余', kind: 'amount' },
      { key: 'received', header: '本期收入', kind: 'amount' },
      { key: 'spent', header: '本期使用', kind: 'amount' },
      { key: 'transferred', header: '转入(转出)', kind: 'amount' },
      { key: 'closing', header: '期末结余', kind: 'amount' },
    ],
    rows: reports.flatMap((report) =>
      report.rows.map((row): Row => ({
        cells: {
          book: report.book,
          fund: row.fund,
          opening: row.opening,
          received: row.received,
          spent: row.spent,
          transferred: row.transferred,
          closing: row.closing,
        },
        ...(row.kind === 'total' ? { mark: 'total' as const } : {}),
      })),
    ),
    notes: reports[0] ? [reports[0].note] : [],
    signatures: preparerAndReviewer(),
  };
}
