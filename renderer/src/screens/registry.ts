import type { ComponentType } from 'react';
import { Accounts } from './Accounts';
import { Audit } from './Audit';
import { Communities } from './Communities';
import { Dashboard } from './Dashboard';
import { Disclosure } from './Disclosure';
import { DisclosureDue } from './DisclosureDue';
import { FundReport } from './FundReport';
import { Funds } from './Funds';
import { Grants } from './Grants';
import { Households } from './Households';
import { Import } from './Import';
import { Ledger } from './Ledger';
import { Opening } from './Opening';
import { Operators } from './Operators';
import { Periods } from './Periods';
import { ReconcileAllocations } from './ReconcileAllocations';
import { ReconcileBank } from './ReconcileBank';
import { Reports } from './Reports';
import { Staffing } from './Staffing';
import { TrialBalance } from './TrialBalance';
import { VoucherEntry } from './VoucherEntry';
import { VoucherList } from './VoucherList';
import { catalogueScreens } from '../reports/catalogue';

/**
 * Every screen, its route and its place in the navigation. `key` is the Alt+key shortcut; `book`
 * screens need a community's books chosen in the top bar.
 */
export interface Screen {
  path: string;
  title: string;
  group: string;
  component: ComponentType;
  key?: string;
  book?: boolean;
}

export const screens: Screen[] = [
  { path: '/', title: '工作台', group: '总览', component: Dashboard, key: '1' },
  { path: '/voucher', title: '凭证录入', group: '日常记账', component: VoucherEntry, key: 'N', book: true },
  { path: '/vouchers', title: '凭证查询', group: '日常记账', component: VoucherList, key: 'L', book: true },
  { path: '/periods', title: '结账', group: '日常记账', component: Periods, book: true },
  {
    path: '/trial-balance',
    title: '科目余额表',
    group: '账簿报表',
    component: TrialBalance,
    key: 'B',
    book: true,
  },
  { path: '/ledger', title: '明细账', group: '账簿报表', component: Ledger, book: true },
  // The report catalogue (report.list): one entry per book or statement, all drawn by one screen.
  ...catalogueScreens.map((r): Screen => ({
    path: `/reports/${r.name}`,
    title: r.title,
    group: '账簿报表',
    component: Reports,
    book: true,
  })),
  { path: '/reports', title: '全部账表', group: '账簿报表', component: Reports, book: true },
  { path: '/households', title: '户数', group: '经费', component: Households },
  { path: '/grants', title: '应拨经费', group: '经费', component: Grants, key: 'G' },
  { path: '/funds', title: '拨款到账与专项资金', group: '经费', component: Funds, book: true },
  { path: '/fund-report', title: '资金来源情况表', group: '经费', component: FundReport, book: true },
  { path: '/staffing', title: '人员配备', group: '经费', component: Staffing },
  { path: '/disclosure', title: '公开表', group: '居务公开', component: Disclosure, key: 'P', book: true },
  { path: '/disclosure/due', title: '应公开', group: '居务公开', component: DisclosureDue },
  { path: '/reconcile/allocations', title: '拨款对账', group: '对账', component: ReconcileAllocations },
  { path: '/reconcile/bank', title: '银行对账', group: '对账', component: ReconcileBank },
  { path: '/communities', title: '社区与账套', group: '基础设置', component: Communities },
  { path: '/accounts', title: '会计科目', group: '基础设置', component: Accounts, book: true },
  { path: '/opening', title: '期初余额', group: '基础设置', component: Opening, book: true },
  { path: '/import', title: '导入', group: '基础设置', component: Import, book: true },
  { path: '/operators', title: '操作员', group: '系统', component: Operators },
  { path: '/audit', title: '操作日志', group: '系统', component: Audit },
];
