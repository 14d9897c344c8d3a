import { useState } from 'react';
import { useApi, type ApiOutput } from '../api';
import { useBook } from '../book';
import { actionText, categoryText, entityText, kindText, roleText } from '../labels';
import { grouped } from '../money';
import { reconcileActionText, reconcileEntityText, summarizeReconcile } from '../reconcile/audit';
import { localTime } from '../setup/time';
import { useFillHeight } from '../setup/layout';
import '../setup/setup.css';
import { Amount, Button, Empty, ErrorNotice, Field, Input, Page, Select, Toolbar } from '../ui/components';

type AuditRecord = ApiOutput<'audit.list'>[number];

/** Every action and object in words: the ledger's (labels.ts) and reconciliation's (reconcile/audit.ts). */
const actionWords: Record<string, string> = { ...actionText, ...reconcileActionText };
const entityWords: Record<string, string> = { ...entityText, ...reconcileEntityText };
type Fields = { [key: string]: unknown };

/** Actions an overseer looks for first: they undo or reopen something. */
const marked = new Set([
  'voucher.reverse',
  'voucher.delete',
  'voucher.void',
  'period.reopen',
  'account.delete',
  'voucher.unreview',
]);

const fields = (value: unknown): Fields =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};
const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/** The voucher a row speaks of: '2025-01 记-0001'. */
function voucherName(v: Fields): string {
  return [text(v.period), text(v.ref)].filter(Boolean).join(' ');
}

/** One line saying what changed, from the before/after the core recorded; and the amount, if any. */
export function summarize(record: AuditRecord): { text: string; amount?: string } {
  const before = fields(record.before);
  const after = fields(record.after);
  switch (record.action) {
    case 'voucher.create':
      return { text: `${voucherName(after)} ${text(after.summary)}`, amount: text(after.debitTotal) };
    case 'voucher.update':
    case 'voucher.move': {
      const was = voucherName(before);
      const now = voucherName(after);
      return {
        text: `${was === now ? now : `${was} → ${now}`} ${text(after.summary)}`,
        amount: text(after.debitTotal),
      };
    }
    case 'voucher.delete':
    case 'voucher.void': {
      const renumbered = Array.isArray(after.renumbered) ? after.renumbered.length : 0;
      return {
        text: `${voucherName(before)} ${text(before.summary)}${renumbered ? `（其后 ${renumbered} 张凭证顺序前移）` : ''}`,
        amount: text(before.debitTotal),
      };
    }
    case 'voucher.review':
    case 'voucher.unreview':
    case 'voucher.post':
      return { text: voucherName(after) };
    case 'voucher.reverse': {
      const original = fields(after.reverses);
      return {
        text: `${voucherName(after)} 冲销 ${voucherName(original)}`,
        amount: text(after.debitTotal),
      };
    }
    case 'period.close':
      return { text: `${text(after.period)} 结账` };
    case 'period.reopen':
      return { text: `${text(after.period)}，原因：${text(after.reason)}` };
    case 'account.add':
    case 'account.disable':
    case 'account.enable':
      return { text: `${text(after.code)} ${text(after.fullName)}` };
    case 'account.delete':
      return { text: `${text(before.code)} ${text(before.fullName)}` };
    case 'account.rename':
      return { text: `${text(after.code)} ${text(before.name)} → ${text(after.name)}` };
    case 'account.import': {
      const added = Array.isArray(after.added) ? after.added.length : 0;
      const renamed = Array.isArray(after.renamed) ? after.renamed.length : 0;
      return { text: `${text(after.source)}：增加 ${added} 个科目，改名 ${renamed} 个` };
    }
    case 'opening.set': {
      const source = text(after.source);
      return {
        text: `${source ? `从 ${source} 导入，` : ''}借方合计 ${grouped(text(after.debitTotal))}，贷方合计 ${grouped(text(after.creditTotal))}，${
          after.balanced ? '平衡' : `不平（差额 ${grouped(text(after.difference))}）`
        }`,
      };
    }
    case 'import.vouchers':
      return {
        text: `${text(after.source)}：${text(after.vouchers)} 张凭证，${text(after.first)} 至 ${text(after.last)}${
          after.posted ? `，作为已记账凭证（审核人 ${text(after.reviewer)}）` : ''
        }`,
      };
    case 'operator.add':
      return { text: `${text(after.name)}（${roleText[text(after.role)] ?? text(after.role)}）` };
    case 'operator.rename':
      return { text: `${text(before.name)} → ${text(after.name)}` };
    case 'operator.setRole': {
      const role = (value: unknown) => roleText[text(value)] ?? text(value);
      return { text: `${text(after.name)}：${role(before.role)} → ${role(after.role)}` };
    }
    case 'operator.disable':
    case 'operator.enable':
      return { text: text(after.name) };
    case 'book.create':
      return {
        text: `${text(after.community)}，启用 ${text(after.startPeriod)}，科目表 ${text(after.chart)}（${text(after.accounts)} 个科目）`,
      };
    case 'book.words':
      return {
        text: `凭证字 ${Array.isArray(before.voucherWords) ? before.voucherWords.join('') : ''} → ${
          Array.isArray(after.voucherWords) ? after.voucherWords.join('') : ''
        }`,
      };
    case 'community.add':
      return {
        text: `${text(after.name)}（${text(after.code)}，${kindText[text(after.kind)] ?? text(after.kind)}${
          text(after.subdistrict) ? `，${text(after.subdistrict)}` : ''
        }）`,
      };
    default: {
      const reconciled = summarizeReconcile(record);
      if (reconciled) return reconciled;
      const shown = JSON.stringify(record.after ?? record.before ?? '');
      return { text: shown.length > 80 ? `${shown.slice(0, 80)}…` : shown };
    }
  }
}

const pageSize = 200;

/** 操作日志: every change, who made it and when; read-only for everyone. */
export function Audit() {
  const [fill, fillHeight] = useFillHeight<HTMLDivElement>();
  const currentBook = useBook();
  const [scope, setScope] = useState<'all' | 'book'>('all');
  const [entity, setEntity] = useState('');
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(pageSize);
  const book = scope === 'book' && currentBook ? currentBook : undefined;
  const audit = useApi('audit.list', {
    ...(book ? { book } : {}),
    ...(entity ? { entity } : {}),
    limit,
  });
  const rows = (audit.data ?? []).map((r) => ({ record: r, summary: summarize(r) }));
  const needle = search.trim();
  const shown = needle
    ? rows.filter(
        ({ record, summary }) =>
          summary.text.includes(needle) ||
          (record.operator ?? '').includes(needle) ||
          (actionWords[record.action] ?? record.action).includes(needle) ||
          (record.book ?? '').includes(needle),
      )
    : rows;
  const more = (audit.data?.length ?? 0) >= limit && limit < 5000;

  return (
    <Page title="操作日志" sub="每一项修改的时间、操作员和内容，只能查看">
      <ErrorNotice error={audit.error} />
      <Toolbar>
        <Field label="账套">
          <Select
            value={scope}
            onChange={(e) => setScope(e.target.value as 'all' | 'book')}
            style={{ width: 170 }}
            aria-label="账套范围"
          >
            <option value="all">全部（含中心级操作）</option>
            {currentBook && <option value="book">当前账套：{currentBook}</option>}
          </Select>
        </Field>
        <Field label="对象">
          <Select
            value={entity}
            onChange={(e) => setEntity(e.target.value)}
            style={{ width: 120 }}
            aria-label="对象"
          >
            <option value="">全部</option>
            {Object.entries(entityWords).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="查找">
          <Input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="操作员、凭证号、内容…"
            style={{ width: 200 }}
          />
        </Field>
        <span className="hint" style={{ marginLeft: 'auto', alignSelf: 'center' }}>
          {audit.loading
            ? '正在读取…'
            : `显示最近 ${shown.length} 条${needle ? `（共读取 ${rows.length} 条）` : ''}`}
        </span>
      </Toolbar>
      <div className="table-wrap" ref={fill} style={{ maxHeight: fillHeight }}>
        {shown.length === 0 && !audit.loading ? (
          <Empty>没有符合条件的操作记录。</Empty>
        ) : (
          <table className="grid" data-testid="audit">
            <thead>
              <tr>
                <th style={{ width: 150 }}>时间</th>
                <th style={{ width: 80 }}>操作员</th>
                <th style={{ width: 100 }}>操作</th>
                <th style={{ width: 90 }}>账套</th>
                <th style={{ width: 70 }}>对象</th>
                <th>内容</th>
                <th className="num" style={{ width: 110 }}>
                  金额
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ record, summary }) => (
                <tr key={record.id} data-action={record.action}>
                  <td className="code">{localTime(record.at)}</td>
                  <td>{record.operator ?? <span className="muted">—</span>}</td>
                  <td>
                    {marked.has(record.action) ? (
                      <span className="badge red">{actionWords[record.action] ?? record.action}</span>
                    ) : (
                      (actionWords[record.action] ?? <span className="code">{record.action}</span>)
                    )}
                  </td>
                  <td>{record.book ?? <span className="muted">中心</span>}</td>
                  <td className="muted">
                    {entityWords[record.entity] ?? categoryText[record.entity] ?? record.entity}
                  </td>
                  <td className="wrap">{summary.text}</td>
                  <td className="num">{summary.amount ? <Amount value={summary.amount} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {more && (
        <div style={{ marginTop: 8, textAlign: 'center' }}>
          <Button small onClick={() => setLimit((n) => Math.min(5000, n * 5))}>
            显示更早的记录
          </Button>
        </div>
      )}
    </Page>
  );
}
