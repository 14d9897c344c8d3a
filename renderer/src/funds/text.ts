import type { ApiOutput } from '../api';

/** Words for the 拨款到账与专项资金 screen. */

export type Admission = ApiOutput<'admission.list'>[number];
export type Receipt = ApiOutput<'grant.receive'>;
export type ReceivedRow = ApiOutput<'grant.received'>[number];

/** The sources a community receives through the form, in the words of the district's notices. */
export const sourceChoices = [
  { value: 'base', label: '基础经费' },
  { value: 'household', label: '按户经费' },
  { value: 'task', label: '费随事转' },
  { value: 'award', label: '评先评优奖励' },
] as const;

export type SourceChoice = (typeof sourceChoices)[number]['value'];

export const sourceText: Record<string, string> = {
  base: '基础经费',
  household: '按户经费',
  task: '费随事转',
  award: '评先评优奖励',
  other: '其他拨款',
};

export const admissionStatusText: Record<Admission['status'], string> = {
  approved: '已批准',
  active: '执行中',
  finished: '已完成',
  returned: '已退回',
};

/** Amount typed with separators ('8,000') as the decimal text the API reads. */
export function amountInput(text: string): string {
  return text.replace(/[,，\s]/g, '');
}

/** Today on this computer as YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const isNegative = (amount: string) => amount.startsWith('-') && !/^-0*(\.0*)?$/.test(amount);
