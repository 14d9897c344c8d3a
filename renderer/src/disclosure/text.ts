import type { ApiOutput } from '../api';

/** Words for the 居务公开 screens. */

export type DueSheet = ApiOutput<'disclosure.due'>[number];
export type ItemRule = ApiOutput<'disclosure.rules'>[number];

export const dueStatusText: Record<DueSheet['status'], string> = {
  overdue: '已逾期',
  due: '待公开',
  changed: '公开后有变动',
  published: '已公开',
};

/** The badge colour of each state: overdue red, due and changed amber, published grey. */
export const dueStatusBadge: Record<DueSheet['status'], string> = {
  overdue: 'red',
  due: 'draft',
  changed: 'draft',
  published: 'closed',
};

export const directionText: Record<ItemRule['direction'], string> = { receipt: '收入', payment: '支出' };
export const ruleSourceText: Record<ItemRule['source'], string> = { book: '本账套', chart: '科目模板' };

/** Needs action: not yet on the board, or on it with figures the books no longer agree with. */
export const needsAction = (d: DueSheet) => d.status !== 'published';
