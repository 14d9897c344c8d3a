import { fail } from '../errors.js';
import { formatAmount, sumFen, type Fen } from '../money/money.js';
import type { Centre } from './centre.js';

/**
 * 费随事转 task funds are restricted money: what a department sent for its work, spent only on it. Each
 * admission (准入审批) is a project; its balance is the restricted income booked with the project less
 * the spending booked with it, over every voucher that is not void (drafts included, so a fund cannot be
 * overspent by vouchers waiting for review).
 */
export interface TaskFundBalance {
  projectId: number;
  name: string;
  received: Fen;
  spent: Fen;
  balance: Fen;
  /** How far below zero a supervisor has allowed the fund to go. */
  overdraft: Fen;
}

export function taskFundBalances(
  centre: Centre,
  bookId: number,
  excludeVoucherId: number | null = null,
): Map<number, TaskFundBalance> {
  const rows = centre
    .sql(
      `SELECT ad.project_id AS projectId, p.name, ad.overdraft,
              coalesce(sum(CASE WHEN a.category = 'income' THEN l.credit - l.debit END), 0) AS received,
              coalesce(sum(CASE WHEN a.category = 'expense' THEN l.debit - l.credit END), 0) AS spent
       FROM admission ad
       JOIN project p ON p.id = ad.project_id
       LEFT JOIN line l ON l.project_id = ad.project_id
         AND l.voucher_id IN (SELECT id FROM voucher WHERE book_id = @book AND status <> 'void' AND id IS NOT @exclude)
       LEFT JOIN account a ON a.id = l.account_id
       WHERE ad.book_id = @book
       GROUP BY ad.project_id`,
    )
    .all({ book: bookId, exclude: excludeVoucherId }) as Array<{
    projectId: number;
    name: string;
    overdraft: number;
    received: number;
    spent: number;
  }>;
  return new Map(rows.map((r) => [r.projectId, { ...r, balance: sumFen([r.received, -r.spent]) }]));
}

/**
 * Refuses a voucher that would take a task fund below zero (or below what a supervisor allowed),
 * naming the fund and its balance. Only vouchers that lower a fund are checked: receiving money into an
 * overdrawn fund is always allowed.
 */
export function checkTaskFunds(
  centre: Centre,
  bookId: number,
  lines: Array<{ accountId: number; projectId: number | null; debit: Fen; credit: Fen }>,
  excludeVoucherId: number | null,
): void {
  const withProject = lines.filter((l) => l.projectId !== null);
  if (withProject.length === 0) return;
  const funds = taskFundBalances(centre, bookId, excludeVoucherId);
  const category = new Map(
    (
      centre.sql('SELECT id, category FROM account WHERE book_id = ?').all(bookId) as Array<{
        id: number;
        category: string;
      }>
    ).map((a) => [a.id, a.category]),
  );
  const change = new Map<number, Fen>();
  for (const line of withProject) {
    const fund = funds.get(line.projectId!);
    if (!fund) continue;
    const kind = category.get(line.accountId);
    const effect =
      kind === 'income'
        ? sumFen([line.credit, -line.debit])
        : kind === 'expense'
          ? sumFen([line.credit, -line.debit])
          : 0;
    change.set(fund.projectId, sumFen([change.get(fund.projectId) ?? 0, effect]));
  }
  for (const [projectId, delta] of change) {
    const fund = funds.get(projectId)!;
    const after = sumFen([fund.balance, delta]);
    if (delta < 0 && after < -fund.overdraft) {
      fail(
        'forbidden',
        `费随事转项目“${fund.name}”余额不足：现有余额 ${formatAmount(fund.balance)} 元，本凭证使用 ${formatAmount(-delta)} 元，` +
          `将超支 ${formatAmount(-after - fund.overdraft)} 元。专款专用，不能超支；确需垫支请主管登记超支许可`,
        { field: 'lines' },
      );
    }
  }
}
