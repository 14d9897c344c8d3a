import { fail } from '../errors.js';
import { recordAudit } from '../ledger/audit.js';
import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { dimensionId } from '../ledger/dimensions.js';
import { requireRole, type Actor } from '../ledger/operators.js';
import { parseDate, parsePeriod, periodOfDate } from '../ledger/period.js';
import { fundBalance, fundMovement, restrictedFunds } from '../ledger/task-funds.js';
import { saveVoucher, type Voucher } from '../ledger/vouchers.js';
import { fenToYuan, parseAmount, sumFen } from '../money/money.js';

/** 准入审批: a department's work admitted into a community, with the money it sends (费随事转). */
export interface Admission {
  id: number;
  project: string;
  department: string;
  matter: string;
  approvalNumber: string;
  approvalDate: string;
  amount: string;
  periodFrom: string;
  periodTo: string;
  status: 'approved' | 'active' | 'finished' | 'returned';
  yearEnd: 'carry_forward' | 'return' | null;
  overdraft: string;
  received: string;
  spent: string;
  balance: string;
}

export const admissionStatusLabels = {
  approved: '已批准',
  active: '执行中',
  finished: '已完成',
  returned: '已退回',
} as const;

interface Row {
  id: number;
  project_id: number;
  project: string;
  department: string;
  matter: string;
  approval_number: string;
  approval_date: string;
  amount: number;
  period_from: string;
  period_to: string;
  status: Admission['status'];
  year_end: Admission['yearEnd'];
  overdraft: number;
}

/** Every admission with its fund: received, used and balance over every voucher that is not void. */
export function listAdmissions(centre: Centre, book: Book): Admission[] {
  const funds = new Map(restrictedFunds(centre, book, { postedOnly: false }).map((f) => [f.projectId, f]));
  const rows = centre
    .sql(
      'SELECT ad.*, p.name AS project FROM admission ad JOIN project p ON p.id = ad.project_id WHERE ad.book_id = ? ORDER BY ad.approval_date, ad.id',
    )
    .all(book.id) as Row[];
  return rows.map((r) => {
    const fund = funds.get(r.project_id)!;
    return {
      id: r.id,
      project: r.project,
      department: r.department,
      matter: r.matter,
      approvalNumber: r.approval_number,
      approvalDate: r.approval_date,
      amount: fenToYuan(r.amount),
      periodFrom: r.period_from,
      periodTo: r.period_to,
      status: r.status,
      yearEnd: r.year_end,
      overdraft: fenToYuan(r.overdraft),
      received: fenToYuan(sumFen([fund.opening.received, fundMovement(fund).received])),
      spent: fenToYuan(sumFen([fund.opening.used, fundMovement(fund).used])),
      balance: fenToYuan(fundBalance(fund)),
    };
  });
}

/** An admission by id or approval number. */
export function findAdmission(centre: Centre, book: Book, ref: string | number): Admission {
  const found = listAdmissions(centre, book).find(
    (a) => a.id === Number(ref) || a.approvalNumber === String(ref).trim(),
  );
  if (!found) fail('not_found', `账套“${book.community}”中没有准入审批“${ref}”`, { field: 'admission' });
  return found;
}

export interface AdmissionInput {
  department: string;
  matter: string;
  approvalNumber: string;
  approvalDate: string;
  amount: string;
  periodFrom: string;
  periodTo: string;
}

export function addAdmission(actor: Actor, book: Book, input: AdmissionInput): Admission {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '登记准入审批');
  const approvalDate = parseDate(input.approvalDate, '审批日期');
  const amount = parseAmount(input.amount, '核定金额');
  if (amount < 0) fail('invalid_argument', '核定金额不能为负数', { field: 'amount' });
  const from = parsePeriod(input.periodFrom, '起始期间');
  const to = parsePeriod(input.periodTo, '截止期间');
  if (to < from) fail('invalid_argument', `截止期间 ${to} 早于起始期间 ${from}`, { field: 'periodTo' });
  const number = input.approvalNumber.trim();
  if (centre.sql('SELECT 1 FROM admission WHERE book_id = ? AND approval_number = ?').get(book.id, number)) {
    fail('duplicate', `准入审批文号 ${number} 已登记`, { field: 'approvalNumber' });
  }
  const project = `${input.department.trim()}·${input.matter.trim()}`;
  const projectId = dimensionId(centre, book.id, 'project', project);
  if (centre.sql('SELECT 1 FROM admission WHERE project_id = ?').get(projectId)) {
    fail('duplicate', `项目“${project}”已有准入审批`, { field: 'matter' });
  }
  const id = Number(
    centre
      .sql(
        `INSERT INTO admission (book_id, project_id, department, matter, approval_number, approval_date, amount, period_from, period_to, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        book.id,
        projectId,
        input.department.trim(),
        input.matter.trim(),
        number,
        approvalDate,
        amount,
        from,
        to,
        operator.id,
        centre.now(),
      ).lastInsertRowid,
  );
  const admission = findAdmission(centre, book, id);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'admission.add',
    entity: 'admission',
    entityId: id,
    bookId: book.id,
    after: admission,
  });
  return admission;
}

/** A supervisor allows a task fund to go below zero by up to `amount`, with a reason (audited). */
export function allowOverdraft(
  actor: Actor,
  book: Book,
  ref: string | number,
  input: { amount: string; reason: string },
): Admission {
  const { centre, operator } = actor;
  requireRole(operator, ['supervisor'], '登记超支许可');
  if (!input.reason.trim()) fail('invalid_argument', '超支许可必须写明原因', { field: 'reason' });
  const before = findAdmission(centre, book, ref);
  const amount = parseAmount(input.amount, '允许超支金额');
  if (amount < 0) fail('invalid_argument', '允许超支金额不能为负数', { field: 'amount' });
  centre.sql('UPDATE admission SET overdraft = ? WHERE id = ?').run(amount, before.id);
  const after = findAdmission(centre, book, before.id);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'admission.overdraft',
    entity: 'admission',
    entityId: before.id,
    bookId: book.id,
    before,
    after: { ...after, reason: input.reason.trim() },
  });
  return after;
}

/**
 * Year-end handling of a task fund with a balance: carried forward to next year, or returned to its
 * department (借 管理费用 / 贷 其他应付款—应退回专项资金, as a draft for review; paying it out is then a
 * normal voucher). The choice is recorded on the admission.
 */
export function closeAdmission(
  actor: Actor,
  book: Book,
  ref: string | number,
  input: { handling: 'carry_forward' | 'return'; date: string },
): { admission: Admission; voucher: Voucher | null } {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '处理专项资金结余');
  const before = findAdmission(centre, book, ref);
  const date = parseDate(input.date, '处理日期');
  let voucher: Voucher | null = null;
  if (input.handling === 'return') {
    if (!before.balance.startsWith('-') && before.balance !== '0.00') {
      const payable = centre
        .sql(`SELECT code FROM account WHERE book_id = ? AND code = '220902'`)
        .get(book.id) as { code: string } | undefined;
      const expense = centre
        .sql(`SELECT code FROM account WHERE book_id = ? AND code = '520199'`)
        .get(book.id) as { code: string } | undefined;
      if (!payable || !expense)
        fail('not_found', '账套缺少科目 220902 应退回专项资金 或 520199 管理费用—其他，请先增加');
      const summary = `${periodOfDate(date).slice(0, 4)}年末退回${before.department}${before.matter}结余资金（${before.approvalNumber}）`;
      voucher = saveVoucher(actor, book, {
        date,
        lines: [
          { account: expense.code, summary, debit: before.balance, project: before.project },
          { account: payable.code, summary, credit: before.balance },
        ],
      });
    }
    centre.sql(`UPDATE admission SET year_end = 'return', status = 'returned' WHERE id = ?`).run(before.id);
  } else {
    // A fund with nothing left is finished; one with money left goes on into the next year.
    const status =
      before.balance === '0.00' ? 'finished' : before.status === 'approved' ? 'active' : before.status;
    centre
      .sql(`UPDATE admission SET year_end = 'carry_forward', status = ? WHERE id = ?`)
      .run(status, before.id);
  }
  const after = findAdmission(centre, book, before.id);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'admission.close',
    entity: 'admission',
    entityId: before.id,
    bookId: book.id,
    before,
    after: { ...after, voucher: voucher?.ref ?? null },
  });
  return { admission: after, voucher };
}
