import type { Operator } from './session';

/** Chinese words for the codes the API returns, shared by every screen. */

export const kindText: Record<string, string> = {
  urban: '市区',
  town: '县城/建制镇',
  rural: '农村新社区',
  remote: '山区/海岛',
};

export const roleText: Record<string, string> = {
  accountant: '会计',
  reviewer: '审核',
  supervisor: '主管',
  overseer: '议监会（只读）',
};

export const roleDuty: Record<string, string> = {
  accountant: '建账、科目、期初余额、制单、导入',
  reviewer: '审核、记账（不能审核自己制单的凭证）',
  supervisor: '全部操作，含反结账、管理操作员',
  overseer: '查阅全部账簿与日志，不能修改',
};

export const sideText: Record<string, string> = { debit: '借', credit: '贷' };

export const categoryText: Record<string, string> = {
  asset: '资产',
  liability: '负债',
  net_assets: '净资产',
  income: '收入',
  expense: '费用',
};

export const entityText: Record<string, string> = {
  voucher: '凭证',
  period: '会计期间',
  account: '会计科目',
  book: '账套',
  community: '社区',
  operator: '操作员',
  admission: '准入审批',
  disclosure_publication: '居务公开表',
  grant_policy: '拨款政策',
  setting: '设置',
};

/** Audit actions in the words an accountant would use. */
export const actionText: Record<string, string> = {
  'voucher.create': '新增凭证',
  'voucher.update': '修改凭证',
  'voucher.move': '修改凭证（改期）',
  'voucher.delete': '删除凭证',
  'voucher.void': '作废凭证',
  'voucher.review': '审核',
  'voucher.unreview': '取消审核',
  'voucher.post': '记账',
  'voucher.reverse': '红字冲销',
  'period.close': '结账',
  'period.reopen': '反结账',
  'account.add': '增加科目',
  'account.rename': '科目改名',
  'account.disable': '停用科目',
  'account.enable': '启用科目',
  'account.delete': '删除科目',
  'account.attributes': '科目属性',
  'account.import': '导入科目表',
  'opening.set': '期初余额',
  'import.vouchers': '导入凭证',
  'operator.add': '添加操作员',
  'operator.rename': '操作员改名',
  'operator.setRole': '更改操作员角色',
  'operator.disable': '停用操作员',
  'operator.enable': '启用操作员',
  'book.create': '建账',
  'book.words': '设置凭证字',
  'book.deficitControl': '设置赤字控制',
  'community.add': '添加社区',
  'households.set': '登记户数',
  'grant.policy': '修改拨款政策',
  'grant.rate': '设置农村社区每户标准',
  'admission.add': '登记准入审批',
  'admission.close': '专项资金年末处理',
  'admission.overdraft': '登记超支许可',
  'staffing.set': '登记人员配备',
  'disclosure.publish': '居务公开',
  'disclosure.rule': '设置收支项目对应',
  'disclosure.settings': '设置公开频率和公开日',
};

/** Accountants and supervisors keep the books; reviewers and overseers do not change the setup. */
export function keepsBooks(operator: Operator | undefined, readOnly: boolean): boolean {
  return !readOnly && (operator?.role === 'accountant' || operator?.role === 'supervisor');
}
