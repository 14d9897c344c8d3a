import { useEffect, useRef } from 'react';
import { printPage } from '../platform';
import { useApi, type ApiOutput } from '../api';
import { useBook } from '../book';
import { navigate } from '../router';
import { Check, PeriodRange } from '../reports/PeriodRange';
import { isPeriod, useDefaultRange, useQuery } from '../reports/query';
import { fenText, toFen } from '../money';
import { useRowCursor } from '../reports/useRowCursor';
import '../reports/reports.css';
import {
  Amount,
  Button,
  Empty,
  ErrorNotice,
  Field,
  Notice,
  Page,
  Progress,
  Select,
  Toolbar,
} from '../ui/components';

type Report = ApiOutput<'report.trialBalance'>;
type Figures = Report['total'];

const columns: Array<[keyof Figures, keyof Figures]> = [
  ['openingDebit', 'openingCredit'],
  ['debit', 'credit'],
  ['yearDebit', 'yearCredit'],
  ['closingDebit', 'closingCredit'],
];

/**
 * 科目余额表: every account's balance brought forward, movement, 本年累计 and closing balance for a
 * range of months, rolled up the account tree, with the 试算平衡 check. A row opens that account's 明细账 for
 * the same range (click, or Enter with ↑/↓).
 *
 * URL: #/trial-balance?from=2025-01&to=2025-03&level=2&zero=1&unposted=1&account=100201 — `zero=1`
 * shows accounts without figures, `account` is the row the cursor returns to.
 */
export function TrialBalance() {
  const book = useBook();
  const query = useQuery('/trial-balance');
  const defaults = useDefaultRange(book);
  const from = query.get('from') || defaults.range?.from || '';
  const to = query.get('to') || defaults.range?.to || '';
  const level = query.get('level');
  const hideZero = query.get('zero') !== '1';
  const unposted = query.get('unposted') === '1';
  const ready = !!book && isPeriod(from) && isPeriod(to) && from <= to;

  const report = useApi(
    'report.trialBalance',
    ready
      ? {
          book,
          from,
          to,
          ...(level ? { level: Number(level) } : {}),
          hideZero,
          includeUnposted: unposted,
        }
      : null,
  );
  const data = report.data;
  const rows = data?.rows ?? [];

  const open = (i: number) => {
    const row = rows[i];
    if (!row) return;
    query.remember({ from, to, account: row.code });
    navigate('/ledger', {
      account: row.code,
      from,
      to,
      unposted: unposted ? '1' : undefined,
      level: level || undefined,
      zero: hideZero ? undefined : '1',
    });
  };
  const cursor = useRowCursor(rows.length, open, [from, to, level, hideZero, unposted].join('|'));

  // Back from a drill-down: put the cursor on the account the accountant left from.
  const returnTo = query.get('account');
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || !data || !returnTo) return;
    restored.current = true;
    const i = data.rows.findIndex((r) => r.code === returnTo);
    if (i >= 0) cursor.focus(i);
  }, [data, returnTo, cursor]);

  const deepest = level ? Number(level) : Infinity;
  const gaps = data && !data.balanced ? imbalance(data.total) : [];

  return (
    <div className="report-page">
      <Page
        title="科目余额表"
        sub={
          data && (
            <>
              {data.book} · {data.period} · 单位：元
              {data.includeUnposted && (
                <span className="badge draft" style={{ marginLeft: 8 }}>
                  含未记账凭证
                </span>
              )}
            </>
          )
        }
        actions={
          data && (
            <>
              <span
                data-testid="balance-check"
                className={`badge report-head-badge ${data.balanced ? 'posted' : 'red'}`}
              >
                {data.balanced ? '✓ 试算平衡' : '✗ 试算不平'}
              </span>
              <Button small className="no-print" onClick={() => void printPage()}>
                打印
              </Button>
            </>
          )
        }
      >
        <Progress active={report.loading || defaults.loading} />
        <div className="report-filters">
          <Toolbar>
            <PeriodRange
              from={from}
              to={to}
              months={defaults.months}
              onChange={(range) => query.replace({ ...range, account: undefined })}
            />
            <Field label="科目级次">
              <Select
                aria-label="科目级次"
                value={level}
                onChange={(e) => query.replace({ level: e.target.value, account: undefined })}
                style={{ width: 110 }}
              >
                <option value="1">一级科目</option>
                <option value="2">至二级</option>
                <option value="3">至三级</option>
                <option value="">全部级次</option>
              </Select>
            </Field>
            <Check checked={hideZero} onChange={(v) => query.replace({ zero: v ? undefined : '1' })}>
              隐藏零余额
            </Check>
            <Check checked={unposted} onChange={(v) => query.replace({ unposted: v ? '1' : undefined })}>
              包含未记账凭证
            </Check>
            <span className="gap" />
            <span className="hint" style={{ alignSelf: 'center' }}>
              单击科目或按 <kbd>↑</kbd>
              <kbd>↓</kbd> <kbd>Enter</kbd> 查看明细账
            </span>
          </Toolbar>
        </div>
        <ErrorNotice error={defaults.error ?? report.error} />
        {gaps.length > 0 && (
          <Notice kind="error">
            <strong>试算不平：</strong>
            {gaps.join('；')}。请核对期初余额，或检查是否有未记账凭证。
          </Notice>
        )}
        {data && (
          <div className="table-wrap report-wrap">
            <table className="grid report" data-testid="trial-balance">
              <thead>
                <tr>
                  <th rowSpan={2}>科目编码</th>
                  <th rowSpan={2}>科目名称</th>
                  <th colSpan={2} className="group gl">
                    期初余额
                  </th>
                  <th colSpan={2} className="group gl">
                    本期发生额
                  </th>
                  <th colSpan={2} className="group gl">
                    本年累计发生额
                  </th>
                  <th colSpan={2} className="group gl">
                    期末余额
                  </th>
                </tr>
                <tr className="second">
                  {columns.map(([debit, credit]) => (
                    <ColumnPair key={debit} debit={debit} credit={credit} />
                  ))}
                </tr>
              </thead>
              <tbody onKeyDown={cursor.onKeyDown}>
                {rows.length === 0 && (
                  <tr>
                    <td colSpan={10}>
                      <Empty>
                        {data.period}没有余额和发生额
                        {hideZero ? '（已隐藏零余额科目）' : ''}。
                      </Empty>
                    </td>
                  </tr>
                )}
                {rows.map((row, i) => {
                  const parent = !row.isLeaf && row.level < deepest;
                  return (
                    <tr
                      key={row.code}
                      data-code={row.code}
                      className={[parent ? 'parent' : '', i === cursor.index ? 'selected' : '']
                        .filter(Boolean)
                        .join(' ')}
                      title={`${row.code} ${row.fullName}：查看明细账`}
                      {...cursor.rowProps(i)}
                    >
                      <td className="code">{row.code}</td>
                      <td className="name" style={{ paddingLeft: 8 + (row.level - 1) * 16 }}>
                        {row.name}
                      </td>
                      {columns.map(([debit, credit]) => (
                        <AmountPair key={debit} figures={row} debit={debit} credit={credit} />
                      ))}
                    </tr>
                  );
                })}
              </tbody>
              {rows.length > 0 && (
                <tfoot>
                  <tr className="total" data-testid="trial-balance-total">
                    <td colSpan={2}>
                      合计
                      <span className={`badge ${data.balanced ? 'posted' : 'red'}`}>
                        {data.balanced ? '试算平衡' : '试算不平'}
                      </span>
                    </td>
                    {columns.map(([debit, credit]) => (
                      <AmountPair key={debit} figures={data.total} debit={debit} credit={credit} />
                    ))}
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
        )}
        {!data && !report.loading && !report.error && !defaults.loading && !ready && (
          <Empty>请选择起始期间和截止期间。</Empty>
        )}
      </Page>
    </div>
  );
}

function ColumnPair({ debit }: { debit: keyof Figures; credit: keyof Figures }) {
  return (
    <>
      <th className="num gl" data-column={debit}>
        借方
      </th>
      <th className="num">贷方</th>
    </>
  );
}

function AmountPair({
  figures,
  debit,
  credit,
}: {
  figures: Figures;
  debit: keyof Figures;
  credit: keyof Figures;
}) {
  return (
    <>
      <td className="num gl" data-column={debit}>
        <Amount value={figures[debit]} blankZero />
      </td>
      <td className="num" data-column={credit}>
        <Amount value={figures[credit]} blankZero />
      </td>
    </>
  );
}

/** Which pairs of the 合计 row differ, and by how much. */
function imbalance(total: Figures): string[] {
  const names = ['期初余额', '本期发生额', '本年累计发生额', '期末余额'];
  return columns.flatMap(([debit, credit], i) => {
    const gap = toFen(total[debit]) - toFen(total[credit]);
    if (gap === 0n) return [];
    return [`${names[i]}借方${gap > 0n ? '多' : '少'} ${fenText(gap > 0n ? gap : -gap)} 元`];
  });
}
