import { useState, type FormEvent } from 'react';
import { useAction, useApi } from '../api';
import { money } from '../grants/format';
import { fenText, toFen } from '../money';
import { YearPicker } from '../grants/YearPicker';
import { href } from '../router';
import { useSession } from '../session';
import {
  Amount,
  Button,
  Card,
  Empty,
  ErrorNotice,
  Field,
  Input,
  Notice,
  Progress,
  Select,
} from '../ui/components';
import {
  amountInput,
  sourceChoices,
  sourceText,
  type Admission,
  type Receipt,
  type SourceChoice,
} from './text';

/**
 * 拨款到账: district money arrives; one form books it as a draft voucher (bank against the source's income
 * account) and counts it against the year's entitlement shown underneath (应拨与到账).
 */
export function ReceiveCard({
  book,
  year,
  onYear,
  admissions,
  canWrite,
}: {
  book: string;
  year: number;
  onYear: (year: number) => void;
  admissions: Admission[];
  canWrite: boolean;
}) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const received = useApi('grant.received', book ? { year, community: book } : null);
  const [source, setSource] = useState<SourceChoice>('base');
  const [admission, setAdmission] = useState('');
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState('');
  const [document, setDocument] = useState('');
  const [done, setDone] = useState<Receipt>();
  const open = admissions.filter((a) => a.status === 'approved' || a.status === 'active');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(undefined);
    const result = await action.run('grant.receive', {
      book,
      source,
      amount: amountInput(amount),
      date: date.trim(),
      document: document.trim(),
      year,
      ...(source === 'task' && admission ? { admission: Number(admission) } : {}),
    });
    if (result) {
      setDone(result);
      setAmount('');
      setDocument('');
    }
  }

  const rows = received.data ?? [];
  const total = (pick: (r: (typeof rows)[number]) => string, blankZero = false) => {
    const fen = rows.reduce((s, r) => s + toFen(pick(r)), 0n);
    return blankZero && fen === 0n ? '' : fenText(fen);
  };

  return (
    <Card title="拨款到账">
      <div className="fd-receive">
        {canWrite ? (
          <form onSubmit={submit} aria-label="拨款到账" noValidate>
            <Progress active={action.busy} />
            <div className="fd-form">
              <Field label="资金来源 *">
                <Select
                  aria-label="资金来源"
                  value={source}
                  onChange={(e) => {
                    setSource(e.target.value as SourceChoice);
                    action.clearError();
                  }}
                >
                  {sourceChoices.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </Select>
              </Field>
              {source === 'task' ? (
                <div className="wide">
                  <Field label="准入审批 *">
                    <Select
                      aria-label="准入审批"
                      value={admission}
                      onChange={(e) => setAdmission(e.target.value)}
                    >
                      <option value="">
                        {open.length ? '请选择…' : '（没有执行中的准入审批，请先在下方登记）'}
                      </option>
                      {open.map((a) => (
                        <option key={a.id} value={String(a.id)}>
                          {a.project}（{a.approvalNumber}）
                        </option>
                      ))}
                    </Select>
                  </Field>
                </div>
              ) : (
                <YearPicker value={year} onChange={onYear} label="所属年度" />
              )}
              {source === 'task' && <YearPicker value={year} onChange={onYear} label="所属年度" />}
              <Field label="金额 *">
                <Input
                  aria-label="金额"
                  inputMode="decimal"
                  className="gr-figure"
                  value={amount}
                  onChange={(e) => setAmount(e.target.value)}
                  placeholder="元"
                />
              </Field>
              <Field label="到账日期 *">
                <Input
                  aria-label="到账日期"
                  className="gr-figure"
                  value={date}
                  onChange={(e) => setDate(e.target.value)}
                  placeholder={`如 ${year}-01-15`}
                />
              </Field>
              <Field label="拨款文号 *">
                <Input
                  aria-label="拨款文号"
                  value={document}
                  onChange={(e) => setDocument(e.target.value)}
                  placeholder="如 鹿财社〔2025〕3号"
                />
              </Field>
            </div>
            <div className="fd-actions">
              <span className="hint">
                生成未审核的收款凭证（借 银行存款，贷 对应收入科目），随后审核记账。
              </span>
              <span className="spacer" />
              <Button type="submit" variant="primary" disabled={action.busy}>
                {action.busy ? '正在生成…' : '登记到账'}
              </Button>
            </div>
            <div className="fd-result">
              <ErrorNotice error={action.error} onClose={action.clearError} />
              {done && (
                <Notice kind="ok">
                  <span data-testid="receipt-result">
                    已生成凭证 {done.voucher.period}{' '}
                    <a href={href('/voucher', { id: done.voucher.id })}>{done.voucher.ref}</a>（
                    {done.voucher.status === 'draft' ? '未审核' : done.voucher.status}）：
                    {done.voucher.summary}，{money(done.voucher.debitTotal)} 元
                  </span>
                </Notice>
              )}
            </div>
          </form>
        ) : (
          <div>
            <YearPicker value={year} onChange={onYear} label="年度" />
            <p className="hint">只有会计和主管可以登记拨款到账。</p>
          </div>
        )}
        <div>
          <div className="fd-subhead">
            应拨与到账{' '}
            <span className="hint">
              {year} 年 · {book} · 单位：元
            </span>
          </div>
          <ErrorNotice error={received.error} />
          {rows.length === 0 && !received.loading ? (
            <Empty>没有 {year} 年的应拨数。</Empty>
          ) : (
            <div className="table-wrap">
              <table className="grid" data-testid="received" aria-busy={received.loading}>
                <thead>
                  <tr>
                    <th>资金来源</th>
                    <th className="num">应拨</th>
                    <th className="num">已到账</th>
                    <th className="num" title="已录入凭证、尚未记账">
                      待记账
                    </th>
                    <th className="num">未到账</th>
                    <th className="num">多拨</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.source} data-source={r.source} title={r.label}>
                      <td>{sourceText[r.source] ?? r.label}</td>
                      <td className="num" data-column="entitled">
                        <Amount value={r.entitled} />
                      </td>
                      <td className="num" data-column="received">
                        <Amount value={r.received} />
                      </td>
                      <td className="num" data-column="pending">
                        <Amount value={r.pending} blankZero />
                      </td>
                      <td className="num" data-column="outstanding">
                        <Amount value={r.outstanding} blankZero />
                      </td>
                      <td className="num" data-column="overpaid">
                        <Amount value={r.overpaid} blankZero />
                      </td>
                    </tr>
                  ))}
                </tbody>
                {rows.length > 1 && (
                  <tfoot>
                    <tr className="total">
                      <td>合计</td>
                      <td className="num">
                        <span className="amount">{total((r) => r.entitled)}</span>
                      </td>
                      <td className="num">
                        <span className="amount">{total((r) => r.received)}</span>
                      </td>
                      <td className="num">
                        <span className="amount">{total((r) => r.pending, true)}</span>
                      </td>
                      <td className="num">
                        <span className="amount">{total((r) => r.outstanding, true)}</span>
                      </td>
                      <td className="num">
                        <span className="amount">{total((r) => r.overpaid, true)}</span>
                      </td>
                    </tr>
                  </tfoot>
                )}
              </table>
            </div>
          )}
          <p className="hint" style={{ marginTop: 4 }}>
            应拨按 <a href={href('/grants', { year })}>应拨经费</a>{' '}
            计算；已到账取自已记账凭证中该项资金的收入科目（无论凭证如何录入），红字冲销相抵；未记账的凭证列在“待记账”。
          </p>
        </div>
      </div>
    </Card>
  );
}
