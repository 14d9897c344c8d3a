import { Fragment, useState, type ReactNode } from 'react';
import { client, useAction, useApi, type ApiOutput } from '../api';
import { ExportButtons, ExportOutcome, useExport, type Render } from '../exports';
import { fenText, toFen } from '../money';
import { PrintPreview } from '../reports/PrintPreview';
import { useSession } from '../session';
import { Amount, Button, Card, ErrorNotice, Notice, Progress } from '../ui/components';
import { localTime } from '../setup/time';

type Statement = ApiOutput<'reconcile.bank.reconciliation'>;
type Item = Statement['bankReceived'][number];

const sum = (items: Item[]) => fenText(items.reduce((s, i) => s + toFen(i.amount), 0n)).replace(/,/g, '');
const monthText = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;

/**
 * 银行存款余额调节表 of one account for a month, laid out as the paper form: the books' side on the left
 * (日记账余额, 加 银行已收单位未收, 减 银行已付单位未付), the bank's on the right, each outstanding item
 * listed under its line, the two adjusted balances on one line, green when equal and red when not.
 * 保存 keeps the month's statement (refused unless it balances), after month end too; a reviewer or the
 * supervisor other than its preparer signs it (审核签字), and from then it is read-only: 重新编制 makes
 * the next version. Every saved version is listed and can be shown and printed.
 */
export function BankStatementForm({
  account,
  period,
  canWrite,
}: {
  account: string;
  period: string;
  canWrite: boolean;
}) {
  const session = useSession();
  // The version asked for, of this account and month only.
  const [chosen, setChosen] = useState<{ key: string; version: number }>();
  const key = `${account}:${period}`;
  const version = chosen?.key === key ? chosen.version : undefined;
  const statement = useApi('reconcile.bank.reconciliation', { account, period, version });
  const save = useAction(session.operator?.name);
  const sign = useAction(session.operator?.name);
  const [done, setDone] = useState('');
  const [preview, setPreview] = useState(false);
  const render: Render = (format) =>
    client.call(
      'reconcile.report',
      { report: 'bank', account, to: period, version, format },
      session.operator?.name,
    );
  const r = statement.data;
  const exports = useExport(r ? render : undefined);
  const stale = !!r && r.period !== period;
  const latest = r?.versions.at(-1);
  const draft = latest && !latest.signedBy ? latest : undefined;
  const role = session.operator?.role;
  const canSign =
    !session.readOnly &&
    (role === 'reviewer' || role === 'supervisor') &&
    !!draft &&
    draft.preparedBy !== session.operator?.name &&
    version === undefined;

  async function runSave() {
    setDone('');
    const result = await save.run('reconcile.bank.save', { account, period });
    if (result) {
      setChosen(undefined);
      setDone(`已保存${monthText(period)}的余额调节表（第 ${result.version} 版）。`);
    }
  }
  async function runSign() {
    setDone('');
    const result = await sign.run('reconcile.bank.sign', { account, period });
    if (result)
      setDone(`${result.signedBy} 已审核签字：${monthText(period)}第 ${result.version} 版，此后只读。`);
  }

  return (
    <Card
      title={`银行存款余额调节表 · ${monthText(period)}`}
      actions={
        <>
          {r?.version && (
            <span
              className={`badge ${r.readOnly ? 'closed' : 'draft'}`}
              data-testid={r.readOnly ? 'statement-readonly' : undefined}
            >
              第 {r.version.version} 版{r.readOnly ? ` · ${r.version.signedBy} 已签字 · 只读` : ''}
            </span>
          )}
          {!r?.version && draft && (
            <span className="hint" data-testid="statement-draft">
              第 {draft.version} 版已于 {localTime(draft.savedAt, 'minute')} 由 {draft.preparedBy}{' '}
              保存，待审核
              {r?.changed ? '（保存后有变化，请重新保存）' : ''}
            </span>
          )}
          {canWrite && version === undefined && (
            <Button small variant="primary" disabled={!r || save.busy} onClick={() => void runSave()}>
              {r?.readOnly ? '重新编制' : '保存'}
            </Button>
          )}
          {canSign && (
            <Button
              small
              variant="primary"
              disabled={!r || r.changed || sign.busy}
              title={r?.changed ? '保存后勾对或账簿已有变化，须由编制人重新保存' : undefined}
              onClick={() => void runSign()}
            >
              审核签字
            </Button>
          )}
          <Button small disabled={!r} onClick={() => setPreview(true)}>
            打印预览
          </Button>
          <ExportButtons exports={exports} />
        </>
      }
    >
      <Progress active={statement.loading || save.busy || sign.busy || !!exports.busy} />
      <ErrorNotice error={statement.error} />
      <ErrorNotice error={save.error} onClose={save.clearError} />
      <ErrorNotice error={sign.error} onClose={sign.clearError} />
      {done && <Notice kind="ok">{done}</Notice>}
      <ExportOutcome exports={exports} />
      {r && (
        <div aria-busy={statement.loading || stale} data-period={r.period} data-testid="bank-statement">
          <div className="rc-statement-meta">
            <span>
              账户：{r.bankName} {r.account}
            </span>
            <span>{r.communities.join('、')}</span>
            <span>截至 {r.date}</span>
            <span>单位：元</span>
          </div>
          <Verdict r={r} />
          <table className="rc-form" data-testid="statement-form">
            <colgroup>
              <col />
              <col style={{ width: 130 }} />
              <col />
              <col style={{ width: 130 }} />
            </colgroup>
            <thead>
              <tr>
                <th>项目</th>
                <th className="num">金额</th>
                <th className="rc-right">项目</th>
                <th className="num">金额</th>
              </tr>
            </thead>
            <tbody>
              <Line
                left="单位银行存款日记账余额"
                leftAmount={r.bookBalance}
                right="银行对账单余额"
                rightAmount={r.bankBalance ?? ''}
                name="balance"
              />
              <Section
                left="加：银行已收、单位未收款"
                leftItems={r.bankReceived}
                right="加：单位已收、银行未收款"
                rightItems={r.bookReceived}
                name="add"
              />
              <Section
                left="减：银行已付、单位未付款"
                leftItems={r.bankPaid}
                right="减：单位已付、银行未付款"
                rightItems={r.bookPaid}
                name="less"
              />
              <Line
                left="调节后的存款余额"
                leftAmount={r.adjustedBook}
                right="调节后的存款余额"
                rightAmount={r.adjustedBank ?? ''}
                name="adjusted"
                className={`rc-adjusted ${r.balanced ? 'ok' : 'bad'}`}
              />
            </tbody>
          </table>
          <p className="hint">本表不作记账依据；未达账项在下月逐笔核销。</p>
          {r.versions.length > 0 && (
            <Versions
              versions={r.versions}
              shown={r.version?.version}
              chosen={version}
              onShow={(v) => setChosen(v === undefined ? undefined : { key, version: v })}
            />
          )}
        </div>
      )}
      {preview && (
        <PrintPreview
          title={`银行存款余额调节表 · ${monthText(period)}`}
          render={render}
          source={JSON.stringify([account, period])}
          onClose={() => setPreview(false)}
        />
      )}
    </Card>
  );
}

/** The saved versions of the month, each shown on request; the current statement is the default. */
function Versions({
  versions,
  shown,
  chosen,
  onShow,
}: {
  versions: Statement['versions'];
  /** The version on screen (the latest signed one by default), and the one asked for, if any. */
  shown: number | undefined;
  chosen: number | undefined;
  onShow: (version: number | undefined) => void;
}) {
  return (
    <div className="table-wrap rc-versions">
      <table className="grid" data-testid="statement-versions">
        <thead>
          <tr>
            <th>版本</th>
            <th>编制人</th>
            <th>保存时间</th>
            <th>审核人</th>
            <th>签字时间</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr
              key={v.version}
              data-version={v.version}
              className={v.version === shown ? 'selected' : undefined}
            >
              <td className="code">第 {v.version} 版</td>
              <td>{v.preparedBy}</td>
              <td className="code">{localTime(v.savedAt, 'minute')}</td>
              <td>{v.signedBy ?? <span className="muted">未审核</span>}</td>
              <td className="code">{v.signedAt ? localTime(v.signedAt, 'minute') : ''}</td>
              <td>
                {v.version === chosen ? (
                  <Button small onClick={() => onShow(undefined)}>
                    回到当前
                  </Button>
                ) : v.version === shown ? null : (
                  <Button small onClick={() => onShow(v.version)}>
                    查看
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Verdict({ r }: { r: Statement }) {
  if (r.bankBalance === null)
    return (
      <div className="notice warn" data-testid="statement-verdict" data-balanced="false">
        {monthText(r.period)}没有带余额的银行对账单：请先导入本月的对账单。
      </div>
    );
  const difference = toFen(r.adjustedBook) - toFen(r.adjustedBank ?? '0');
  return r.balanced ? (
    <div className="rc-verdict ok" data-testid="statement-verdict" data-balanced="true">
      调节后余额相等：
      <Amount value={r.adjustedBook} />
    </div>
  ) : (
    <div className="rc-verdict bad" data-testid="statement-verdict" data-balanced="false">
      调节后余额不等：账面调节后 <Amount value={r.adjustedBook} />
      ，银行调节后 <Amount value={r.adjustedBank} />
      ，差额 <span className="amount">{fenText(difference)}</span>。请先勾对或查明未达账项。
    </div>
  );
}

function Line({
  left,
  leftAmount,
  right,
  rightAmount,
  name,
  className,
}: {
  left: ReactNode;
  leftAmount: string;
  right: ReactNode;
  rightAmount: string;
  name: string;
  className?: string;
}) {
  return (
    <tr className={className ?? 'rc-line'} data-line={name}>
      <td>{left}</td>
      <td className="num" data-side="book">
        <Amount value={leftAmount} />
      </td>
      <td className="rc-right">{right}</td>
      <td className="num" data-side="bank">
        <Amount value={rightAmount} />
      </td>
    </tr>
  );
}

/** A 加 or 减 line with its outstanding items under it, both sides padded to the same length. */
function Section({
  left,
  leftItems,
  right,
  rightItems,
  name,
}: {
  left: string;
  leftItems: Item[];
  right: string;
  rightItems: Item[];
  name: string;
}) {
  const n = Math.max(leftItems.length, rightItems.length);
  const item = (i: Item | undefined) =>
    i ? (
      <>
        <span className="code">{i.date}</span> {i.text}
      </>
    ) : null;
  return (
    <Fragment>
      <Line left={left} leftAmount={sum(leftItems)} right={right} rightAmount={sum(rightItems)} name={name} />
      {Array.from({ length: n }, (_, k) => (
        <tr key={k} className="rc-item" data-line={`${name}-item`}>
          <td title={leftItems[k]?.text}>{item(leftItems[k])}</td>
          <td className="num">{leftItems[k] && <Amount value={leftItems[k].amount} />}</td>
          <td className="rc-right" title={rightItems[k]?.text}>
            {item(rightItems[k])}
          </td>
          <td className="num">{rightItems[k] && <Amount value={rightItems[k].amount} />}</td>
        </tr>
      ))}
    </Fragment>
  );
}

/** The bank's balance on each statement date against each community's books and their total. */
export function BalanceComparison({ account, from, to }: { account: string; from: string; to: string }) {
  const balances = useApi('reconcile.bank.balances', { account, from, to });
  const rows = balances.data ?? [];
  const communities = rows[0]?.books.map((b) => b.community) ?? [];
  return (
    <Card
      title="余额核对"
      actions={<span className="hint">对账单上每个有余额的日期，银行余额与各社区账面银行存款之和</span>}
    >
      <ErrorNotice error={balances.error} />
      {rows.length === 0 ? (
        <p className="hint">{balances.loading ? '正在读取…' : `${from} 至 ${to} 没有带余额的对账单流水。`}</p>
      ) : (
        <div className="table-wrap rc-balances">
          <table className="grid" data-testid="balance-comparison">
            <thead>
              <tr>
                <th>日期</th>
                <th className="num">银行对账单余额</th>
                {communities.map((c) => (
                  <th key={c} className="num">
                    {c}
                  </th>
                ))}
                <th className="num">账面合计</th>
                <th className="num">差额</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr key={b.date}>
                  <td className="code">{b.date}</td>
                  <td className="num">
                    <Amount value={b.bank} />
                  </td>
                  {b.books.map((x) => (
                    <td key={x.community} className="num">
                      <Amount value={x.balance} />
                    </td>
                  ))}
                  <td className="num">
                    <Amount value={b.total} />
                  </td>
                  <td className={`num ${toFen(b.difference) === 0n ? 'rc-even' : 'rc-uneven'}`}>
                    {toFen(b.difference) === 0n ? '相符' : <Amount value={b.difference} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
