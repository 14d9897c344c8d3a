import type { ApiOutput } from '../api';
import { csvDocument } from '../grants/format';

export type FundReportData = ApiOutput<'report.funds'>;
export type FundRow = FundReportData['rows'][number];
export type StaffingRow = ApiOutput<'staffing.check'>[number];

/** The report names a restricted fund `限定性：<project>`; the project is what 凭证查询 filters on. */
export function projectOf(row: FundRow): string | undefined {
  return row.kind === 'restricted' ? row.fund.replace(/^限定性：/, '') : undefined;
}

/** The 资金来源情况表 of one or more books as CSV (BOM, Chinese headers), one line per row. */
export function fundReportCsv(reports: FundReportData[]): string {
  const header = ['社区', '期间', '资金', '期初结余', '本期收入', '本期使用', '期末结余'];
  const lines = reports.flatMap((r) =>
    r.rows.map((row) => [
      r.book,
      r.period,
      row.fund.trim(),
      row.opening,
      row.received,
      row.spent,
      row.closing,
    ]),
  );
  return csvDocument([header, ...lines]);
}

/** 达标 / 不足 / 未录入, and what is missing when short. */
export function staffingStatus(row: StaffingRow): {
  text: string;
  className: string;
  title: string;
  gaps: string[];
} {
  if (!row.required)
    return { text: '未录入', className: 'closed', title: '未录入本年度户数，无法核对', gaps: [] };
  if (!row.recorded) return { text: '未录入', className: 'closed', title: '未录入本年度实有人员', gaps: [] };
  const gaps: string[] = [];
  const workers = row.required.workers - row.recorded.workers;
  const police = row.required.auxiliaryPolice - row.recorded.auxiliaryPolice;
  if (workers > 0) gaps.push(`社工缺 ${workers} 名`);
  if (police > 0) gaps.push(`协警缺 ${police} 名`);
  return row.meetsNorm
    ? { text: '达标', className: 'posted', title: '实有人员达到配备标准', gaps }
    : { text: '不足', className: 'red', title: gaps.join('，'), gaps };
}
