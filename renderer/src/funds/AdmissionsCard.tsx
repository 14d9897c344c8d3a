import { useState, type FormEvent } from 'react';
import { useAction, type ApiOutput } from '../api';
import { money } from '../grants/format';
import { href } from '../router';
import { useSession } from '../session';
import {
  Amount,
  Button,
  Card,
  Dialog,
  Empty,
  ErrorNotice,
  Field,
  Input,
  Notice,
  Progress,
} from '../ui/components';
import { admissionStatusText, amountInput, isNegative, type Admission } from './text';

type Closed = ApiOutput<'admission.close'>;

/**
 * 费随事转准入审批: each department's admitted work with the money it sent, spent and left (drafts
 * count, so a fund is never overspent by vouchers waiting for review). Accountants register admissions
 * and handle the year end; only the supervisor allows a fund to be overdrawn.
 */
export function AdmissionsCard({
  book,
  year,
  admissions,
  loading,
  canWrite,
  isSupervisor,
}: {
  book: string;
  year: number;
  admissions: Admission[];
  loading: boolean;
  canWrite: boolean;
  isSupervisor: boolean;
}) {
  const [overdraft, setOverdraft] = useState<Admission>();
  const [closing, setClosing] = useState<Admission>();
  const [closed, setClosed] = useState<Closed>();

  return (
    <Card title="费随事转准入审批">
      {closed && (
        <Notice kind="ok">
          <span data-testid="close-result">
            {closed.admission.project}：
            {closed.admission.yearEnd === 'return' ? '结余退回部门' : '结余结转下年'}
            {closed.voucher ? (
              <>
                ，已生成凭证 {closed.voucher.period}{' '}
                <a href={href('/voucher', { id: closed.voucher.id })}>{closed.voucher.ref}</a>
                （未审核），{money(closed.voucher.debitTotal)} 元
              </>
            ) : (
              '，无需凭证'
            )}
          </span>
          <Button small style={{ float: 'right' }} onClick={() => setClosed(undefined)}>
            关闭
          </Button>
        </Notice>
      )}
      {admissions.length === 0 && !loading ? (
        <Empty>还没有准入审批。{canWrite && '在下方登记部门的准入审批后，才能收取费随事转经费。'}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="grid" data-testid="admissions" aria-busy={loading}>
            <thead>
              <tr>
                <th>项目（部门·事项）</th>
                <th>文号</th>
                <th>审批日期</th>
                <th>期间</th>
                <th className="num">核定</th>
                <th className="num">已拨入</th>
                <th className="num">已使用</th>
                <th className="num">结余</th>
                <th>状态</th>
                {canWrite && <th />}
              </tr>
            </thead>
            <tbody>
              {admissions.map((a) => (
                <tr key={a.id} data-admission={a.approvalNumber}>
                  <td className="fd-project" data-column="project">
                    {a.project}
                  </td>
                  <td data-column="approvalNumber">{a.approvalNumber}</td>
                  <td className="gr-figure">{a.approvalDate}</td>
                  <td className="gr-figure">
                    {a.periodFrom === a.periodTo ? a.periodFrom : `${a.periodFrom} 至 ${a.periodTo}`}
                  </td>
                  <td className="num" data-column="amount">
                    <Amount value={a.amount} />
                  </td>
                  <td className="num" data-column="received">
                    <Amount value={a.received} />
                  </td>
                  <td className="num" data-column="spent">
                    <Amount value={a.spent} />
                  </td>
                  <td
                    className="num"
                    data-column="balance"
                    title={a.overdraft !== '0.00' ? `主管许可超支至 -${money(a.overdraft)} 元` : undefined}
                  >
                    <Amount value={a.balance} />
                    {isNegative(a.balance) && <span className="badge red">超支</span>}
                  </td>
                  <td data-column="status">
                    <span
                      className={`badge ${a.status === 'returned' ? 'void' : a.status === 'active' ? 'reviewed' : 'draft'}`}
                    >
                      {admissionStatusText[a.status]}
                    </span>
                    {a.yearEnd === 'carry_forward' && <span className="badge posted">结转下年</span>}
                    {a.overdraft !== '0.00' && (
                      <span className="hint" style={{ marginLeft: 4 }}>
                        可超支 {money(a.overdraft)}
                      </span>
                    )}
                  </td>
                  {canWrite && (
                    <td className="fd-actions-cell">
                      {isSupervisor && a.status !== 'returned' && (
                        <Button small onClick={() => setOverdraft(a)}>
                          超支许可
                        </Button>
                      )}
                      {a.status !== 'returned' && (
                        <Button small onClick={() => setClosing(a)}>
                          年末处理
                        </Button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && <AddAdmission book={book} year={year} />}
      {overdraft && (
        <OverdraftDialog book={book} admission={overdraft} onDone={() => setOverdraft(undefined)} />
      )}
      {closing && (
        <CloseDialog
          book={book}
          admission={closing}
          onCancel={() => setClosing(undefined)}
          onDone={(result) => {
            setClosing(undefined);
            setClosed(result);
          }}
        />
      )}
    </Card>
  );
}

function AddAdmission({ book, year }: { book: string; year: number }) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const [department, setDepartment] = useState('');
  const [matter, setMatter] = useState('');
  const [approvalNumber, setApprovalNumber] = useState('');
  const [approvalDate, setApprovalDate] = useState('');
  const [amount, setAmount] = useState('');
  const [periodFrom, setPeriodFrom] = useState('');
  const [periodTo, setPeriodTo] = useState('');
  const [added, setAdded] = useState('');
  const field = action.error?.field;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setAdded('');
    const result = await action.run('admission.add', {
      book,
      department: department.trim(),
      matter: matter.trim(),
      approvalNumber: approvalNumber.trim(),
      approvalDate: approvalDate.trim(),
      amount: amountInput(amount),
      periodFrom: periodFrom.trim(),
      periodTo: periodTo.trim(),
    });
    if (result) {
      setAdded(`已登记 ${result.project}（${result.approvalNumber}）`);
      for (const set of [
        setDepartment,
        setMatter,
        setApprovalNumber,
        setApprovalDate,
        setAmount,
        setPeriodFrom,
        setPeriodTo,
      ])
        set('');
    }
  }

  return (
    <form onSubmit={submit} aria-label="登记准入审批" noValidate>
      <div className="fd-subhead">登记准入审批</div>
      <Progress active={action.busy} />
      <div className="fd-form fd-admission">
        <Field label="部门 *">
          <Input
            aria-label="部门"
            value={department}
            invalid={field === 'department'}
            onChange={(e) => setDepartment(e.target.value)}
            placeholder="如 区民政局"
          />
        </Field>
        <Field label="事项 *">
          <Input
            aria-label="事项"
            value={matter}
            invalid={field === 'matter'}
            onChange={(e) => setMatter(e.target.value)}
            placeholder="如 高龄老人走访"
          />
        </Field>
        <Field label="审批文号 *">
          <Input
            aria-label="审批文号"
            value={approvalNumber}
            invalid={field === 'approvalNumber'}
            onChange={(e) => setApprovalNumber(e.target.value)}
            placeholder={`如 鹿民准〔${year}〕7号`}
          />
        </Field>
        <Field label="审批日期 *">
          <Input
            aria-label="审批日期"
            className="gr-figure"
            value={approvalDate}
            invalid={field === 'approvalDate'}
            onChange={(e) => setApprovalDate(e.target.value)}
            placeholder={`如 ${year}-03-01`}
          />
        </Field>
        <Field label="核定金额 *">
          <Input
            aria-label="核定金额"
            className="gr-figure"
            inputMode="decimal"
            value={amount}
            invalid={field === 'amount'}
            onChange={(e) => setAmount(e.target.value)}
            placeholder="元"
          />
        </Field>
        <Field label="起始期间 *">
          <Input
            aria-label="起始期间"
            className="gr-figure"
            value={periodFrom}
            invalid={field === 'periodFrom'}
            onChange={(e) => setPeriodFrom(e.target.value)}
            placeholder={`${year}-01`}
          />
        </Field>
        <Field label="截止期间 *">
          <Input
            aria-label="截止期间"
            className="gr-figure"
            value={periodTo}
            invalid={field === 'periodTo'}
            onChange={(e) => setPeriodTo(e.target.value)}
            placeholder={`${year}-12`}
          />
        </Field>
        <Button type="submit" variant="primary" disabled={action.busy}>
          登记
        </Button>
      </div>
      <div className="fd-result">
        <ErrorNotice error={action.error} onClose={action.clearError} />
        {added && <Notice kind="ok">{added}</Notice>}
      </div>
    </form>
  );
}

function OverdraftDialog({
  book,
  admission,
  onDone,
}: {
  book: string;
  admission: Admission;
  onDone: () => void;
}) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const [amount, setAmount] = useState(admission.overdraft === '0.00' ? '' : admission.overdraft);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);

  async function confirm() {
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    const result = await action.run('admission.allowOverdraft', {
      book,
      admission: admission.id,
      amount: amountInput(amount),
      reason: reason.trim(),
    });
    if (result) onDone();
  }

  return (
    <Dialog
      title={`超支许可：${admission.project}`}
      confirm="许可"
      onConfirm={() => void confirm()}
      onCancel={onDone}
    >
      <p className="hint">
        当前结余 {money(admission.balance.replace('-', ''))} 元
        {isNegative(admission.balance) ? '（已超支）' : ''}
        。许可后，该项目结余最低可到负的许可金额；记入操作日志。
      </p>
      <div className="fd-dialog-fields">
        <Field label="允许超支金额（元）*">
          <Input
            aria-label="允许超支金额"
            className="gr-figure"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            autoFocus
          />
        </Field>
        <Field label="原因 *" error={missing ? '超支许可必须写明原因' : undefined}>
          <Input
            aria-label="原因"
            value={reason}
            invalid={missing}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
            }}
            placeholder="如 部门第二笔拨款已发文未到账"
          />
        </Field>
      </div>
      <ErrorNotice error={action.error} />
    </Dialog>
  );
}

function CloseDialog({
  book,
  admission,
  onCancel,
  onDone,
}: {
  book: string;
  admission: Admission;
  onCancel: () => void;
  onDone: (result: Closed) => void;
}) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const [handling, setHandling] = useState<'carry_forward' | 'return'>('carry_forward');
  const [date, setDate] = useState(`${admission.periodTo.slice(0, 4)}-12-31`);

  async function confirm() {
    const result = await action.run('admission.close', {
      book,
      admission: admission.id,
      handling,
      date: date.trim(),
    });
    if (result) onDone(result);
  }

  return (
    <Dialog title={`年末处理：${admission.project}`} onConfirm={() => void confirm()} onCancel={onCancel}>
      <p className="hint">
        结余 {money(admission.balance.replace('-', ''))} 元{isNegative(admission.balance) ? '（超支）' : ''}。
      </p>
      <div className="fd-dialog-fields">
        <div className="fd-choice" role="radiogroup" aria-label="处理方式">
          <label>
            <input
              type="radio"
              name="handling"
              checked={handling === 'carry_forward'}
              onChange={() => setHandling('carry_forward')}
            />
            结转下年
          </label>
          <label>
            <input
              type="radio"
              name="handling"
              checked={handling === 'return'}
              onChange={() => setHandling('return')}
            />
            退回部门
          </label>
        </div>
        <span className="hint">
          {handling === 'return'
            ? '生成未审核凭证：借 管理费用—其他，贷 其他应付款—应退回专项资金；付款另作凭证。'
            : '结余留在项目中，下年继续使用，不生成凭证。'}
        </span>
        <Field label="处理日期 *">
          <Input
            aria-label="处理日期"
            className="gr-figure"
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </Field>
      </div>
      <ErrorNotice error={action.error} />
    </Dialog>
  );
}
