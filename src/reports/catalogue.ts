import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { fail } from '../errors.js';
import { fundReport } from '../grants/fund-report.js';
import { fundReportModel } from '../grants/report-models.js';
import { taskFundReport } from '../disclosure/task-fund-report.js';
import { listAccounts } from '../ledger/accounts.js';
import { accountLedger } from './account-ledger.js';
import { accountLedgerModel } from './account-ledger-model.js';
import { columnarLedger } from './columnar-ledger.js';
import { columnarLedgerModel } from './columnar-ledger-model.js';
import { generalLedger } from './general-ledger.js';
import { generalLedgerModel } from './general-ledger-model.js';
import { journal } from './journal.js';
import { journalModel } from './journal-model.js';
import type { ReportModel } from './model.js';
import { trialBalance } from './trial-balance.js';
import { trialBalanceModel } from './trial-balance-model.js';
import { balanceSheet, balanceSheetModel } from './balance-sheet.js';
import { activityStatement, activityStatementModel } from './activities.js';

/**
 * Every printable book and statement by name: what it needs and how its model is built. The API's
 * `report.view` / `report.render`, the `jucai report <name>` command and the report screens all go
 * through this list, so a report added here is on screen, in Excel, in PDF and on the command line.
 * To add a report: compute its figures in its own module, draw them into a ReportModel, add an entry.
 */

/** What a report may take besides the book and months. */
export interface ReportParams {
  from: string;
  to: string;
  /** Account code (明细账, 日记账, 多栏账). */
  account?: string;
  /** Deepest account level shown (科目余额表, 总账). */
  level?: number;
  hideZero?: boolean;
  includeUnposted?: boolean;
}

export type ReportOption = 'account' | 'level' | 'hideZero' | 'includeUnposted';

export interface ReportEntry {
  name: string;
  title: string;
  /** The options the report reads; an account is required when listed in `requires`. */
  options: ReportOption[];
  requires?: ReportOption[];
  build(centre: Centre, book: Book, params: ReportParams): ReportModel;
}

const entries: ReportEntry[] = [
  {
    name: 'trial-balance',
    title: '科目余额表',
    options: ['level', 'hideZero', 'includeUnposted'],
    build: (centre, book, params) => trialBalanceModel(trialBalance(centre, book, params)),
  },
  {
    name: 'funds',
    title: '资金来源情况表',
    options: [],
    build: (centre, book, params) => fundReportModel([fundReport(centre, book, params)]),
  },
  {
    name: 'task-funds',
    title: '专项资金使用情况表',
    options: [],
    build: (centre, book, params) => taskFundReport(centre, book, params.from, params.to),
  },
  {
    name: 'balance-sheet',
    title: '资产负债表',
    options: ['includeUnposted'],
    build: (centre, book, params) => balanceSheetModel(balanceSheet(centre, book, params)),
  },
  {
    name: 'activities',
    title: '业务活动表',
    options: ['includeUnposted'],
    build: (centre, book, params) => activityStatementModel(activityStatement(centre, book, params)),
  },
  {
    name: 'ledger',
    title: '明细账',
    options: ['account', 'includeUnposted'],
    requires: ['account'],
    build: (centre, book, params) =>
      accountLedgerModel(accountLedger(centre, book, { ...params, account: params.account! }), {
        accountNames: new Map(listAccounts(centre, book.id).map((a) => [a.code, a.fullName])),
      }),
  },
  {
    name: 'general-ledger',
    title: '总账',
    options: ['level', 'hideZero', 'includeUnposted'],
    build: (centre, book, params) => generalLedgerModel(generalLedger(centre, book, params)),
  },
  {
    name: 'cash-journal',
    title: '现金日记账',
    options: ['account', 'includeUnposted'],
    build: (centre, book, params) => journalModel(journal(centre, book, { ...params, kind: 'cash' })),
  },
  {
    name: 'bank-journal',
    title: '银行存款日记账',
    options: ['account', 'includeUnposted'],
    build: (centre, book, params) => journalModel(journal(centre, book, { ...params, kind: 'bank' })),
  },
  {
    name: 'multi-column',
    title: '多栏账',
    options: ['account', 'includeUnposted'],
    requires: ['account'],
    build: (centre, book, params) =>
      columnarLedgerModel(columnarLedger(centre, book, { ...params, account: params.account! })),
  },
];

export function listReports(): Array<Omit<ReportEntry, 'build'>> {
  return entries.map(({ build: _build, ...rest }) => rest);
}

export function findReport(name: string): ReportEntry {
  const entry = entries.find((e) => e.name === name);
  if (!entry) {
    return fail('not_found', `没有名为“${name}”的账表。可用：${entries.map((e) => e.name).join('、')}`, {
      field: 'report',
    });
  }
  return entry;
}

/** Builds a report's model, refusing a missing required option by name. */
export function buildReport(centre: Centre, book: Book, name: string, params: ReportParams): ReportModel {
  const entry = findReport(name);
  for (const option of entry.requires ?? []) {
    if (params[option] === undefined || params[option] === '') {
      fail('invalid_argument', `${entry.title}须指定${option === 'account' ? '科目' : option}`, {
        field: option,
      });
    }
  }
  return entry.build(centre, book, params);
}
