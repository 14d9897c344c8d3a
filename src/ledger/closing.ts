import type { AccountCategory } from './accounts.js';

/**
 * 结转 and 解除限定: the vouchers that move amounts between income, expense and net assets and nothing
 * else — they have a line on a net asset account (3101/3102) and every line is on an income, expense or
 * net asset account. A closing entry (income and expense closed to net assets), a release (借 3102 /
 * 贷 3101) and their red-ink reversals are such vouchers; a prior-year correction that also moves cash
 * (借 3101 / 贷 银行存款) is not.
 *
 * Their lines are no one's income or spending: the activity statement, the fund report, the restricted
 * funds, 到账 and the reconciliation all leave them out through this one rule, so that the figures are
 * the same before and after year-end closing.
 */
const moves = new Set<AccountCategory>(['income', 'expense', 'net_assets']);

/** True for the categories of a closing or release voucher's lines. */
export function isClosingVoucher(categories: Iterable<AccountCategory | string>): boolean {
  let netAssets = false;
  for (const category of categories) {
    if (!moves.has(category as AccountCategory)) return false;
    if (category === 'net_assets') netAssets = true;
  }
  return netAssets;
}

/**
 * The ids of a book's closing and release vouchers as an SQL subquery (`bookParam` names the query's
 * book parameter, e.g. '@book'; null for every book). Closing vouchers are a handful a year, found
 * from the net asset accounts' lines, so the subquery is read once per query.
 */
export function closingVoucherIds(bookParam: string | null): string {
  const book = bookParam ? `na.book_id = ${bookParam} AND ` : '';
  return `(SELECT n.voucher_id FROM account na JOIN line n ON n.account_id = na.id
           WHERE ${book}na.category = 'net_assets'
             AND NOT EXISTS (SELECT 1 FROM line x JOIN account xa ON xa.id = x.account_id
                             WHERE x.voucher_id = n.voucher_id AND xa.category IN ('asset', 'liability')))`;
}
