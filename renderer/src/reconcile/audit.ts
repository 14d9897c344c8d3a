/**
 * How the 操作日志 words the reconciliation actions: the action's name and one line from the before/after
 * the core recorded (reconcile/*.ts), like the other actions in screens/Audit.tsx.
 */

export const reconcileActionText: Record<string, string> = {
  'reconcile.allocations.import': '导入拨款对账单',
  'reconcile.allocations.autoMatch': '拨款自动勾对',
  'reconcile.allocations.match': '拨款手工勾对',
  'reconcile.allocation.unmatch': '取消拨款勾对',
  'reconcile.bank.import': '导入银行对账单',
  'reconcile.bank.autoMatch': '银行自动勾对',
  'reconcile.bank.match': '银行手工勾对',
  'reconcile.bank.unmatch': '取消银行勾对',
  'reconcile.bank.save': '保存余额调节表',
  'reconcile.bank.sign': '审核余额调节表',
  'reconcile.removeAlias': '删除社区别名',
};

export const reconcileEntityText: Record<string, string> = {
  statement_import: '对账单',
  rec_match: '勾对',
  bank_reconciliation: '调节表',
  community_alias: '社区别名',
};

type Fields = { [key: string]: unknown };
const fields = (value: unknown): Fields =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};
const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(text).filter(Boolean) : []);
const count = (value: unknown): number =>
  Array.isArray(value) ? value.length : typeof value === 'number' ? value : 0;
const month = (period: string) =>
  /^\d{4}-\d{2}$/.test(period) ? `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月` : period;

/** One line for a reconciliation action, and its amount; undefined for any other action. */
export function summarizeReconcile(record: {
  action: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
}): { text: string; amount?: string } | undefined {
  const before = fields(record.before);
  const after = fields(record.after);
  switch (record.action) {
    case 'reconcile.allocations.import': {
      const aliases = Object.keys(fields(after.aliases));
      return {
        text: `${text(after.source)} · ${text(after.file)}：导入 ${count(after.imported)} 笔${
          count(after.skipped) ? `，跳过 ${count(after.skipped)} 笔重复` : ''
        }${aliases.length ? `；确认社区别名 ${aliases.join('、')}` : ''}`,
      };
    }
    case 'reconcile.bank.import':
      return {
        text: `账户 ${text(after.account)} · ${text(after.file)}：导入 ${count(after.imported)} 笔${
          count(after.skipped) ? `，跳过 ${count(after.skipped)} 笔已导入的` : ''
        }`,
      };
    case 'reconcile.allocations.autoMatch':
    case 'reconcile.allocations.match':
    case 'reconcile.bank.autoMatch':
    case 'reconcile.bank.match': {
      // Rows written before the log carried names have the ids and the reason only.
      const refs = list(after.refs);
      const other = record.action.includes('allocations')
        ? list(after.documents).join('、') || '拨款'
        : list(after.statement).length > 0
          ? `银行流水 ${list(after.statement).join('、')}`
          : '账内对冲';
      const what = refs.length
        ? `${text(after.community)} ${other} ↔ ${refs.join('、')}`
        : `勾对 ${record.entityId ?? ''}`;
      return {
        text: `${what}：${text(after.reason)}`,
        ...(text(after.amount) ? { amount: text(after.amount) } : {}),
      };
    }
    case 'reconcile.allocation.unmatch':
    case 'reconcile.bank.unmatch':
      return { text: `勾对 ${record.entityId ?? ''}，原依据：${text(before.reason)}` };
    case 'reconcile.bank.save':
      return {
        text: `账户 ${text(after.account)} ${month(text(after.period))}${
          after.version ? ` 第 ${text(after.version)} 版` : ''
        }${fields(record.before).version ? '（重新保存，未审核）' : ''}，调节后余额`,
        ...(text(after.adjusted) ? { amount: text(after.adjusted) } : {}),
      };
    case 'reconcile.bank.sign':
      return {
        text: `账户 ${text(after.account)} ${month(text(after.period))} 第 ${text(after.version)} 版（编制人 ${text(
          after.preparedBy,
        )}），签字后只读`,
        ...(text(after.adjusted) ? { amount: text(after.adjusted) } : {}),
      };
    case 'reconcile.removeAlias':
      return { text: `${text(before.alias)} → ${text(before.community)}` };
    default:
      return undefined;
  }
}
