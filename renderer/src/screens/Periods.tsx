import { useEffect, useRef, useState } from 'react';
import { useAction, useApi } from '../api';
import { useBook } from '../book';
import { href } from '../router';
import { useSession } from '../session';
import { Button, Dialog, Empty, ErrorNotice, Field, Input, Notice, Page, Progress } from '../ui/components';
import { localTime } from '../setup/time';
import { canClose, canReopen, periodText, type PeriodState } from '../vouchers/rules';
import '../vouchers/vouchers.css';

type Ask = { kind: 'close' | 'reopen'; period: string };

/**
 * 结账: the book's months in order. A month closes when every voucher in it is posted and the month
 * before is closed; the supervisor may reopen the last closed month, giving a reason that is audited.
 */
export function Periods() {
  const session = useSession();
  const operator = session.operator;
  const book = useBook();
  const periods = useApi('period.list', { book });
  const action = useAction(operator?.name);
  const [ask, setAsk] = useState<Ask>();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [done, setDone] = useState<string>();

  const rows = periods.data ?? [];
  const firstOpen = rows.find((p) => !p.closed);
  const lastClosed = rows.filter((p) => p.closed).at(-1);
  const mayClose = canClose(operator);
  const mayReopen = canReopen(operator);

  const start = (next: Ask) => {
    action.clearError();
    setDone(undefined);
    setReason('');
    setReasonError(undefined);
    setAsk(next);
  };

  const confirm = async () => {
    if (!ask) return;
    if (ask.kind === 'close') {
      setAsk(undefined);
      const result = await action.run('period.close', { book, period: ask.period });
      if (result) setDone(`${periodText(result.period)}已结账。`);
    } else {
      if (!reason.trim()) {
        setReasonError('请填写反结账原因');
        return;
      }
      setAsk(undefined);
      const result = await action.run('period.reopen', { book, period: ask.period, reason: reason.trim() });
      if (result) setDone(`${periodText(result.period)}已反结账（原因：${reason.trim()}），已记入操作日志。`);
    }
  };

  return (
    <Page
      title="结账"
      sub={
        rows.length > 0 && (
          <span data-testid="periods-summary">
            {book} · {lastClosed ? `已结账至 ${lastClosed.period}` : '尚未结账'}
            {firstOpen && ` · 当前期间 ${firstOpen.period}`}
          </span>
        )
      }
    >
      <Progress active={action.busy} />
      <ErrorNotice error={periods.error} />
      <ErrorNotice error={action.error} onClose={action.clearError} />
      {done && (
        <Notice kind="ok">
          <span data-testid="period-done">{done}</span>
        </Notice>
      )}
      {rows.length === 0 ? (
        <Empty>
          {periods.loading ? '正在读取……' : periods.error ? '未能读取会计期间。' : '账套还没有会计期间。'}
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="grid pd-table" data-testid="periods" aria-busy={periods.loading}>
            <thead>
              <tr>
                <th>期间</th>
                <th className="num">凭证数</th>
                <th className="num">未记账</th>
                <th>状态</th>
                <th>结账人 / 时间</th>
                <th style={{ width: 96 }}>操作</th>
                <th style={{ width: '100%' }}>说明</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.period} data-period={p.period} className={p === firstOpen ? 'current' : ''}>
                  <td>
                    <strong className="code" style={{ color: 'var(--ink)' }}>
                      {p.period}
                    </strong>
                  </td>
                  <td className="num">
                    {p.vouchers > 0 ? (
                      <a href={href('/vouchers', { from: p.period, to: p.period })}>{p.vouchers}</a>
                    ) : (
                      <span className="muted">0</span>
                    )}
                  </td>
                  <td className="num">
                    {p.unposted > 0 ? (
                      <a href={href('/vouchers', { from: p.period, to: p.period })}>
                        <span className="badge draft">{p.unposted}</span>
                      </a>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td data-testid="state">
                    {p.closed ? (
                      <span className="badge posted">已结账</span>
                    ) : (
                      <span className="badge draft">未结账</span>
                    )}
                  </td>
                  <td className="who">
                    {p.closed && (
                      <>
                        {p.closedBy} · {localTime(p.closedAt, 'minute')}
                      </>
                    )}
                  </td>
                  <td>
                    {p === firstOpen && mayClose && (
                      <Button
                        small
                        variant="primary"
                        disabled={action.busy}
                        onClick={() => start({ kind: 'close', period: p.period })}
                      >
                        结账
                      </Button>
                    )}
                    {p === lastClosed && mayReopen && (
                      <Button
                        small
                        variant="danger"
                        disabled={action.busy}
                        onClick={() => start({ kind: 'reopen', period: p.period })}
                      >
                        反结账
                      </Button>
                    )}
                  </td>
                  <td className="why" data-testid="why">
                    <Why
                      p={p}
                      firstOpen={firstOpen}
                      lastClosed={lastClosed}
                      mayClose={mayClose}
                      mayReopen={mayReopen}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint">
        按月依次结账：本月凭证须全部记账，且上月已结账。结账后该月不能再录入、修改、审核或记账凭证。
        反结账须由主管从最后一个已结账的月份开始操作，并填写原因。
      </p>

      {ask?.kind === 'close' && (
        <Dialog
          title={`结账 ${ask.period}`}
          confirm="结账"
          onCancel={() => setAsk(undefined)}
          onConfirm={() => void confirm()}
        >
          <p style={{ margin: 0 }}>
            结账后，{periodText(ask.period)}不能再录入、修改、审核或记账凭证；如需更正，须由主管反结账。
          </p>
        </Dialog>
      )}
      {ask?.kind === 'reopen' && (
        <Dialog
          title={`反结账 ${ask.period}`}
          confirm="反结账"
          danger
          onCancel={() => setAsk(undefined)}
          onConfirm={() => void confirm()}
        >
          <p style={{ marginTop: 0 }}>
            反结账后，{periodText(ask.period)}重新开放，可以修改凭证。原因将记入操作日志。
          </p>
          <ReasonInput
            value={reason}
            error={reasonError}
            onChange={(text) => {
              setReason(text);
              if (text.trim()) setReasonError(undefined);
            }}
            onSubmit={() => void confirm()}
          />
        </Dialog>
      )}
    </Page>
  );
}

/** Why a month has no action, or what stands in its way. */
function Why({
  p,
  firstOpen,
  lastClosed,
  mayClose,
  mayReopen,
}: {
  p: PeriodState;
  firstOpen: PeriodState | undefined;
  lastClosed: PeriodState | undefined;
  mayClose: boolean;
  mayReopen: boolean;
}) {
  const unposted =
    p.unposted > 0 ? (
      <a href={href('/vouchers', { from: p.period, to: p.period })}>还有 {p.unposted} 张凭证未记账</a>
    ) : null;
  if (p.closed) {
    if (p !== lastClosed) return <span className="muted">须先反结账以后的月份</span>;
    return mayReopen ? null : <span className="muted">反结账须由主管操作</span>;
  }
  if (p === firstOpen) {
    return (
      <>
        {unposted ? <>{unposted}，记账后才能结账</> : <span className="muted">可以结账</span>}
        {!mayClose && <span className="muted">；结账由会计或主管操作</span>}
      </>
    );
  }
  return (
    <>
      上月未结账
      {unposted && <>；{unposted}</>}
    </>
  );
}

/** The reason for 反结账: required, focused when the dialog opens, Enter confirms. */
function ReasonInput({
  value,
  error,
  onChange,
  onSubmit,
}: {
  value: string;
  error: string | undefined;
  onChange: (text: string) => void;
  onSubmit: () => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  // The dialog focuses its confirm button when it opens; the reason comes first.
  useEffect(() => {
    const timer = setTimeout(() => ref.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, []);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Field label="反结账原因（必填）" error={error}>
        <Input
          ref={ref}
          aria-label="反结账原因"
          required
          invalid={!!error}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder="例如：补记 1 月漏记的银行手续费"
          style={{ width: 420 }}
        />
      </Field>
    </form>
  );
}
