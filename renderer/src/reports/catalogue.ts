/**
 * The report catalogue's books and statements as they stand in the navigation (group 账簿报表), each at
 * `#/reports/<name>` and drawn by the one report screen from `report.view`. A report the core lists
 * (`report.list`) but this list does not is still reachable from 全部账表 at `#/reports?name=<name>`.
 * The two reports that also have an interactive screen of their own are marked 打印 here.
 */
export const catalogueScreens: ReadonlyArray<{ name: string; title: string }> = [
  { name: 'general-ledger', title: '总账' },
  { name: 'ledger', title: '明细账（打印）' },
  { name: 'cash-journal', title: '现金日记账' },
  { name: 'bank-journal', title: '银行存款日记账' },
  { name: 'multi-column', title: '多栏账' },
  { name: 'trial-balance', title: '科目余额表（打印）' },
  { name: 'balance-sheet', title: '资产负债表' },
  { name: 'activities', title: '业务活动表' },
  { name: 'funds', title: '资金来源情况表（打印）' },
  { name: 'task-funds', title: '专项资金使用情况表' },
];

/** The route of a catalogue report: its own nav entry when it has one, else the catalogue screen. */
export function reportPath(name: string): { path: string; params: Record<string, string> } {
  return catalogueScreens.some((s) => s.name === name)
    ? { path: `/reports/${name}`, params: {} }
    : { path: '/reports', params: { name } };
}
