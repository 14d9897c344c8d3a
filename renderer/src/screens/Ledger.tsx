import { useEffect, useMemo, useRef } from 'react';
import { printPage } from '../platform';
import { useApi, type ApiOutput } from '../api';
import { useBook } from '../book';
import { href, navigate } from '../router';
import { AccountPicker } from '../reports/AccountPicker';
import { Check, PeriodRange } from '../reports/PeriodRange';
import { isPeriod, useDefaultRange, useQuery } from '../reports/query';
import { useRowCursor } from '../reports/useRowCursor';
import '../reports/reports.css';
import { Amount, Button, Empty, ErrorNotice, Field, Page, Progress, Toolbar } from '../ui/components';

type Row = ApiOutput<'report.accountLedger'>['rows'][number];

/**
 * 明细账 (三栏式) of one account for a range of months: the balance brought forward, every line with
 * its running balance and 借/贷/平, and after each month 本月合计 and 本年累计 with the red rules of
 * 会计基础工作规范 第63条. A line opens its voucher (click, or Enter with ↑/↓).
 *
 * URL: #/ledger?account=100201&from=2025-01&to=2025-03&unposted=1 — `line` is the line the cursor
 * returns to; `level` and `zero` are the trial balance's filters, kept for 返回余额表.
 */
export function Ledger() {
  const book = useBook();
  const query = useQuery('/ledger');
  const defaults = useDefaultRange(book);
  const accounts = useApi('account.list', book ? { book, includeInactive: true } : null);
  const account = query.get('account');
  const from = query.get('from') || defaults.range?.from || '';
  const to = query.get('to') || defaults.range?.to || '';
  const unposted = query.get('unposted') === '1';
  const ready = !!book && !!account && isPeriod(from) && isPeriod(to) && from <= to;

  const ledger = useApi(
    'report.accountLedger',
    ready ? { book, account, from, to, includeUnposted: unposted } : null,
  );
  const data = ledger.data;
  const rows = useMemo(() => data?.rows ?? [], [data]);
  const lines = useMemo(
    () => rows.flatMap((r, i) => (r.kind === 'line' && r.voucherId !== null ? [i] : [])),
    [rows],
  );
  const lineOf = useMemo(() => new Map(lines.map((row, line) => [row, line])), [lines]);
  const names = useMemo(() => new Map((accounts.data ?? []).map((a) => [a.code, a.name])), [accounts.data]);
  const parent = rows.some((r) => r.accountCode !== undefined);

  const openVoucher = (i: number) => {
    const row = rows[lines[i]!];
    if (!row?.voucherId) return;
    query.remember({ from, to, line: String(i) });
    navigate('/voucher', { id: row.voucherId });
  };
  const cursor = useRowCursor(lines.length, openVoucher, [account, from, to, unposted].join('|'));

  // Back from a voucher: put the cursor on the line the accountant opened.
  const returnTo = query.get('line');
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || !data || !returnTo) return;
    restored.current = true;
    const i = Number(returnTo);
    if (i >= 0 && i < lines.length) cursor.focus(i);
  }, [data, returnTo, lines, cursor]);

  const closing = rows.at(-1);
  const back = href('/trial-balance', {
    from,
    to,
    account,
    unposted: unposted ? '1' : undefined,
    level: query.get('level') || undefined,
    zero: query.get('zero') || undefined,
  });

  return (
    <div className="report-page">
      <Page
        title="明细账"
        sub={
          data && (
            <>
              <span data-testid="ledger-account">
                <span className="code">{data.account.code}</span> <strong>{data.account.fullName}</strong>
              </span>{' '}
              · {data.book} · {data.period} · 单位：元
              {data.includeUnposted && (
                <span className="badge draft" style={{ marginLeft: 8 }}>
                  含未记账凭证
                </span>
              )}
            </>
          )
        }
        actions={
          <>
            {closing && (
              <span className="ledger-closing" data-testid="ledger-closing">
                期末余额
                <strong>{closing.direction}</strong>
                <strong>
                  <Balance row={closing} />
                </strong>
              </span>
            )}
            <a href={back} className="btn small no-print" style={{ lineHeight: '22px' }}>
              ← 返回余额表
            </a>
            {data && (
              <Button small className="no-print" onClick={() => void printPage()}>
                打印
              </Button>
            )}
          </>
        }
      >
        <Progress active={ledger.loading || defaults.loading || accounts.loading} />
        <div className="report-filters">
          <Toolbar>
            <Field label="科目">
              <AccountPicker
                accounts={accounts.data ?? []}
                value={account}
                autoFocus={!account}
                onPick={(code) =>
                  navigate('/ledger', { account: code, from, to, unposted: unposted ? '1' : undefined })
                }
              />
            </Field>
            <PeriodRange
              from={from}
              to={to}
              months={defaults.months}
              onChange={(range) => query.replace({ ...range, line: undefined })}
            />
            <Check
              checked={unposted}
              onChange={(v) => query.replace({ unposted: v ? '1' : undefined, line: undefined })}
            >
              包含未记账凭证
            </Check>
            <span className="gap" />
            <span className="hint" style={{ alignSelf: 'center' }}>
              单击分录或按 <kbd>↑</kbd>
              <kbd>↓</kbd> <kbd>Enter</kbd> 查看凭证
            </span>
          </Toolbar>
        </div>
        <ErrorNotice error={defaults.error ?? accounts.error ?? ledger.error} />
        {!account && !accounts.loading && <Empty>请选择科目：输入科目编码、名称或拼音首字母。</Empty>}
        {data && (
          <div className="table-wrap report-wrap">
            <table className="grid report" data-testid="account-ledger">
              <thead>
                <tr>
                  <th>日期</th>
                  <th>凭证号</th>
                  <th>摘要</th>
                  {parent && <th>明细科目</th>}
                  <th className="num gl">借方</th>
                  <th className="num">贷方</th>
                  <th className="dir gl">方向</th>
                  <th className="num">余额</th>
                </tr>
              </thead>
              <tbody onKeyDown={cursor.onKeyDown}>
                {rows.map((row, i) => {
                  const line = lineOf.get(i) ?? -1;
                  const props = line >= 0 ? cursor.rowProps(line) : {};
                  return (
                    <tr
                      key={i}
                      data-kind={row.kind}
                      data-voucher-id={row.voucherId ?? undefined}
                      className={rowClass(row, line >= 0 && line === cursor.index)}
                      title={row.kind === 'line' ? `打开凭证 ${row.voucher}` : undefined}
                      {...props}
                    >
                      <td className="date">{row.date}</td>
                      <td className="ref">{row.voucher}</td>
                      <td className="name summary" title={row.summary}>
                        {row.summary}
                        {row.red && (
                          <span className="badge red" style={{ marginLeft: 6 }}>
                            红字
                          </span>
                        )}
                      </td>
                      {parent && (
                        <td className="leaf">
                          {row.accountCode && (
                            <>
                              <span className="code">{row.accountCode}</span> {names.get(row.accountCode)}
                            </>
                          )}
                        </td>
                      )}
                      <td className="num gl" data-column="debit">
                        <Amount value={row.debit} blankZero />
                      </td>
                      <td className="num" data-column="credit">
                        <Amount value={row.credit} blankZero />
                      </td>
                      <td className="dir gl" data-column="direction">
                        {row.direction}
                      </td>
                      <td className="num" data-column="balance">
                        <Balance row={row} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Page>
    </div>
  );
}

function rowClass(row: Row, selected: boolean): string {
  const classes: string[] = [row.kind === 'opening' ? 'opening' : ''];
  if (row.kind === 'month') classes.push('subtotal', 'month-end');
  if (row.kind === 'year')
    classes.push('subtotal', 'year-end', row.date.slice(5, 7) === '12' ? 'year-close' : '');
  if (selected) classes.push('selected');
  return classes.filter(Boolean).join(' ');
}

/** A zero balance is written θ next to 平 (会计基础工作规范 第60条). */
function Balance({ row }: { row: Row }) {
  if (row.direction === '平')
    return (
      <span className="amount zero" title="余额为零">
        θ
      </span>
    );
  return <Amount value={row.balance} />;
}
