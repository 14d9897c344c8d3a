import type { ApiOutput } from '../api';
import type { Operator } from '../session';

/**
 * What the signed-in operator may do with a voucher or a period, mirroring the core's rules
 * (src/ledger/vouchers.ts, src/ledger/periods.ts) so the screens only offer what will be accepted.
 * The core stays the judge: whatever it refuses is shown as it says it.
 */

export type Voucher = ApiOutput<'voucher.get'>;
export type VoucherItem = ApiOutput<'voucher.list'>[number];
export type PeriodState = ApiOutput<'period.list'>[number];
export type VoucherStatus = VoucherItem['status'];

export const statusOptions: Array<{ value: '' | VoucherStatus; label: string }> = [
  { value: '', label: '全部' },
  { value: 'draft', label: '未审核' },
  { value: 'reviewed', label: '已审核' },
  { value: 'posted', label: '已记账' },
  { value: 'void', label: '作废' },
];

export const roleText: Record<string, string> = {
  accountant: '会计',
  reviewer: '审核',
  supervisor: '主管',
  overseer: '议监会',
};

type Role = Operator['role'];
const canReviewRole = (role: Role) => role === 'reviewer' || role === 'supervisor';
const canWriteRole = (role: Role) => role === 'accountant' || role === 'reviewer' || role === 'supervisor';

export const canBatchReview = (op: Operator | undefined) => !!op && canReviewRole(op.role);
export const canBatchPost = (op: Operator | undefined) => !!op && canWriteRole(op.role);
export const canClose = (op: Operator | undefined) =>
  !!op && (op.role === 'accountant' || op.role === 'supervisor');
export const canReopen = (op: Operator | undefined) => op?.role === 'supervisor';

/** The facts the rules need; both a list row and a full voucher carry them. */
interface VoucherFacts {
  status: VoucherStatus;
  preparedBy: string;
  reviewedBy: string | null;
  isReversal: boolean;
  isReversed: boolean;
}

export function factsOfItem(v: VoucherItem): VoucherFacts {
  return { ...v, isReversal: v.reversesId !== null, isReversed: v.reversedById !== null };
}

export function factsOfVoucher(v: Voucher): VoucherFacts {
  return { ...v, isReversal: v.reverses !== null, isReversed: v.reversedBy !== null };
}

export type Verdict = { ok: true } | { ok: false; why: string };
const yes: Verdict = { ok: true };
const no = (why: string): Verdict => ({ ok: false, why });

export function mayReview(v: VoucherFacts, op: Operator | undefined): Verdict {
  if (!op || !canReviewRole(op.role)) return no(`${roleText[op?.role ?? ''] ?? '当前操作员'}不能审核凭证`);
  if (v.status !== 'draft') return no('只有未审核的凭证可以审核');
  if (v.preparedBy === op.name) return no('审核人不能是制单人');
  return yes;
}

export function mayUnreview(v: VoucherFacts, op: Operator | undefined): Verdict {
  if (!op || !canReviewRole(op.role)) return no('只有审核或主管可以取消审核');
  if (v.status !== 'reviewed') return no('只有已审核未记账的凭证可以取消审核');
  if (v.reviewedBy !== op.name && op.role !== 'supervisor') return no('只有审核人本人或主管可以取消审核');
  return yes;
}

export function mayPost(v: VoucherFacts, op: Operator | undefined): Verdict {
  if (!op || !canWriteRole(op.role)) return no(`${roleText[op?.role ?? ''] ?? '当前操作员'}不能记账`);
  if (v.status !== 'reviewed') return no('只有已审核的凭证可以记账');
  return yes;
}

export function mayReverse(v: VoucherFacts, op: Operator | undefined): Verdict {
  if (!op || !canWriteRole(op.role)) return no('当前操作员不能红字冲销');
  if (v.status !== 'posted') return no('只有已记账的凭证需要红字冲销');
  if (v.isReversal) return no('红字冲销凭证不能再冲销');
  if (v.isReversed) return no('已冲销');
  return yes;
}

export function mayEdit(v: VoucherFacts, op: Operator | undefined): Verdict {
  if (!op || !canWriteRole(op.role)) return no('当前操作员不能修改凭证');
  if (v.status !== 'draft') return no('只有未审核的凭证可以修改');
  return yes;
}

/** The summary the core gives a reversal: 注销1月15日记-1号凭证. */
export function reversalSummary(v: Pick<Voucher, 'date' | 'word' | 'number'>): string {
  const [, month, day] = v.date.split('-').map(Number);
  return `注销${month}月${day}日${v.word}-${v.number}号凭证`;
}

/** 2025-03 → 2025年3月 */
export function periodText(period: string): string {
  const [y, m] = period.split('-');
  return `${y}年${Number(m)}月`;
}

/** A voucher as accountants name it across months: 2025-03 记-0003, or 记-0003 within the same month. */
export function refText(ref: { period: string; ref: string }, samePeriod?: string): string {
  return ref.period === samePeriod ? ref.ref : `${ref.period} ${ref.ref}`;
}
