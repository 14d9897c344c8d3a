import { useEffect, useMemo, useRef, useState } from 'react';
import { client, useApi, type ApiError, type ApiInput, type ApiOutput } from '../api';
import { useBook } from '../book';
import { ExportButtons, ExportOutcome, useExport, type Render } from '../exports';
import { href, navigate, useRoute } from '../router';
import { AccountPicker } from '../reports/AccountPicker';
import { reportPath } from '../reports/catalogue';
import { Check, PeriodRange } from '../reports/PeriodRange';
import { PrintPreview } from '../reports/PrintPreview';
import { isPeriod, useDefaultRange, useQuery } from '../reports/query';
import { ReportTable } from '../reports/ReportTable';
import { useRowCursor } from '../reports/useRowCursor';
import '../reports/reports.css';
import '../reports/report-screen.css';
import { Button, Empty, ErrorNotice, Field, Notice, Page, Progress, Select, Toolbar } from '../ui/components';

type Entry = ApiOutput<'report.list'>[number];
type Option = Entry['options'][number];
type ViewInput = ApiInput<'report.view'>;

const optionText: Record<Option, string> = {
  account: '科目',
  level: '科目级次',
  hideZero: '隐藏零行',
  includeUnposted: '含未记账凭证',
};

/** 全部级次: deeper than any account of the 4-2-2 chart, so every level is shown. */
const allLevels = 6;

/**
 * Any book or statement of the report catalogue (`report.list`), drawn from its model (`report.view`),
 * with Excel, PDF and print preview from the same model (`report.render`).
 *
 * URL: #/reports/general-ledger?from=2025-01&to=2025-03&level=1&zero=1&unposted=1&account=1001, or
 * #/reports?name=… for a report without a navigation entry; `zero=1` shows rows without figures, `row`
 * is the row the cursor returns to after a drill-down. Without a name: the list of every report.
 */
export function Reports() {
  const route = useRoute();
  const list = useApi('report.list', {});
  const name = route.path.startsWith('/reports/')
    ? route.path.slice('/reports/'.length)
    : (route.params.get('name') ?? '');
  if (!name) return <Catalogue entries={list.data} loading={list.loading} error={list.error} />;
  const entry = list.data?.find((e) => e.name === name);
  return (
    <ReportScreen
      key={name}
      name={name}
      path={route.path}
      entry={entry}
      listed={!!list.data}
      listError={list.error}
    />
  );
}

function ReportScreen({
  name,
  path,
  entry,
  listed,
  listError,
}: {
  name: string;
  path: string;
  entry: Entry | undefined;
  listed: boolean;
  listError: ApiError | undefined;
}) {
  const book = useBook();
  const query = useQuery(path);
  const defaults = useDefaultRange(book);
  const options = new Set<Option>(entry?.options ?? []);
  const accounts = useApi(
    'account.list',
    book && options.has('account') ? { book, includeInactive: true } : null,
  );
  const from = query.get('from') || defaults.range?.from || '';
  const to = query.get('to') || defaults.range?.to || '';
  const account = query.get('account');
  const level = query.get('level');
  const hideZero = query.get('zero') !== '1';
  const unposted = query.get('unposted') === '1';
  const accountRequired = !!entry?.requires?.includes('account');
  const ready =
    !!book && !!entry && isPeriod(from) && isPeriod(to) && from <= to && !(accountRequired && !account);

  const input: ViewInput | null = ready
    ? {
        report: name,
        book,
        from,
        to,
        ...(options.has('account') && account ? { account } : {}),
        ...(options.has('level') ? { level: level ? Number(level) : allLevels } : {}),
        ...(options.has('hideZero') ? { hideZero } : {}),
        ...(options.has('includeUnposted') ? { includeUnposted: unposted } : {}),
      }
    : null;
  const view = useApi('report.view', input);
  // A model stays in `data` while the next one loads; none is shown once the input is incomplete.
  const model = input ? view.data : undefined;
  const rows = useMemo(() => model?.rows ?? [], [model]);
  const drillable = useMemo(
    () => rows.flatMap((r, i) => (r.drill?.voucherId || r.drill?.account ? [i] : [])),
    [rows],
  );

  const open = (i: number) => {
    const drill = rows[drillable[i]!]?.drill;
    if (!drill) return;
    query.remember({ from, to, row: String(i) });
    if (drill.voucherId) navigate('/voucher', { id: drill.voucherId });
    else if (drill.account)
      navigate('/ledger', { account: drill.account, from, to, unposted: unposted ? '1' : undefined });
  };
  const cursor = useRowCursor(drillable.length, open, JSON.stringify(input));

  // Back from a drill-down: put the cursor on the row the accountant left from.
  const returnTo = query.get('row');
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || !model || !returnTo) return;
    restored.current = true;
    const i = Number(returnTo);
    if (i >= 0 && i < drillable.length) cursor.focus(i);
  }, [model, returnTo, drillable, cursor]);

  // Exports and the preview: the same model, rendered by the core.
  const render: Render | undefined = input
    ? (format) => client.call('report.render', { ...input, format })
    : undefined;
  const exports = useExport(model ? render : undefined);
  const [previewing, setPreviewing] = useState(false);

  // Ctrl+P opens the print preview rather than printing the screen.
  const shown = !!model;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        if (shown) setPreviewing(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shown]);

  const title = model?.title ?? entry?.title ?? '账表';
  const drillsTo = [
    rows.some((r) => r.drill?.account) ? '明细账' : '',
    rows.some((r) => r.drill?.voucherId) ? '凭证' : '',
  ].filter(Boolean);

  return (
    <div className="report-page">
      <Page
        title={title}
        sub={
          model && (
            <>
              {[model.subtitle, model.period, `单位：${model.unit}`].filter(Boolean).join(' · ')}
              {unposted && options.has('includeUnposted') && (
                <span className="badge draft" style={{ marginLeft: 8 }}>
                  含未记账凭证
                </span>
              )}
            </>
          )
        }
        actions={
          <>
            <ExportButtons exports={exports} />
            <Button
              small
              variant="primary"
              disabled={!model}
              onClick={() => setPreviewing(true)}
              title="Ctrl+P"
            >
              打印预览
            </Button>
          </>
        }
      >
        <Progress active={view.loading || defaults.loading || accounts.loading || !!exports.busy} />
        <div className="report-filters">
          <Toolbar>
            {options.has('account') && (
              <Field label="科目">
                <div className="rp-account">
                  <AccountPicker
                    accounts={accounts.data ?? []}
                    value={account}
                    autoFocus={accountRequired && !account}
                    onPick={(code) => query.replace({ account: code, row: undefined })}
                  />
                  {!accountRequired && account && (
                    <Button
                      small
                      title="不限科目"
                      onClick={() => query.replace({ account: undefined, row: undefined })}
                    >
                      全部
                    </Button>
                  )}
                </div>
              </Field>
            )}
            <PeriodRange
              from={from}
              to={to}
              months={defaults.months}
              onChange={(range) => query.replace({ ...range, row: undefined })}
            />
            {options.has('level') && (
              <Field label="科目级次">
                <Select
                  aria-label="科目级次"
                  value={level}
                  onChange={(e) => query.replace({ level: e.target.value, row: undefined })}
                  style={{ width: 110 }}
                >
                  <option value="1">一级科目</option>
                  <option value="2">至二级</option>
                  <option value="3">至三级</option>
                  <option value="">全部级次</option>
                </Select>
              </Field>
            )}
            {options.has('hideZero') && (
              <Check
                checked={hideZero}
                onChange={(v) => query.replace({ zero: v ? undefined : '1', row: undefined })}
              >
                隐藏零行
              </Check>
            )}
            {options.has('includeUnposted') && (
              <Check
                checked={unposted}
                onChange={(v) => query.replace({ unposted: v ? '1' : undefined, row: undefined })}
              >
                含未记账凭证
              </Check>
            )}
            <span className="gap" />
            {drillsTo.length > 0 && (
              <span className="hint" style={{ alignSelf: 'center' }}>
                单击行或按 <kbd>↑</kbd>
                <kbd>↓</kbd> <kbd>Enter</kbd> 查看{drillsTo.join('或')}
              </span>
            )}
          </Toolbar>
        </div>
        <ErrorNotice error={listError ?? defaults.error ?? accounts.error ?? view.error} />
        <ExportOutcome exports={exports} />
        {listed && !entry && (
          <Notice kind="error">
            没有名为“{name}”的账表。请从 <a href={href('/reports')}>全部账表</a> 中选择。
          </Notice>
        )}
        {entry && accountRequired && !account && !accounts.loading && (
          <Empty>请选择科目：输入科目编码、名称或拼音首字母。</Empty>
        )}
        {model && (
          <>
            {(model.meta ?? []).length > 0 && (
              <div className="rp-meta" data-testid="report-meta">
                {model.meta!.map((line, i) => (
                  <span key={i}>{line}</span>
                ))}
              </div>
            )}
            <div
              className="table-wrap report-wrap rp-wrap"
              data-testid="report"
              data-report={name}
              aria-busy={view.loading}
            >
              <ReportTable model={model} drillable={drillable} cursor={cursor} />
            </div>
            <Footer notes={model.notes ?? []} signatures={model.signatures ?? []} />
          </>
        )}
      </Page>
      {previewing && model && (
        <PrintPreview
          title={title}
          render={render}
          source={JSON.stringify(input)}
          onClose={() => setPreviewing(false)}
        />
      )}
    </div>
  );
}

function Footer({
  notes,
  signatures,
}: {
  notes: string[];
  signatures: NonNullable<ApiOutput<'report.view'>['signatures']>;
}) {
  const shown = notes.filter((n) => n !== '');
  if (shown.length === 0 && signatures.length === 0) return null;
  return (
    <div className="rp-footer">
      {shown.length > 0 && (
        <div className="rp-notes" data-testid="report-notes">
          {shown.map((note, i) => (
            <p key={i}>{note}</p>
          ))}
        </div>
      )}
      {signatures.map((line, i) => (
        <div key={i} className="rp-signatures" data-testid="report-signatures">
          {line.map((field, k) => (
            <span key={k}>
              {field.label}：{field.name ? <strong>{field.name}</strong> : <span className="rp-sign" />}
            </span>
          ))}
        </div>
      ))}
    </div>
  );
}

/** 全部账表: every report the core offers, with what each one asks for. */
function Catalogue({
  entries,
  loading,
  error,
}: {
  entries: Entry[] | undefined;
  loading: boolean;
  error: ApiError | undefined;
}) {
  return (
    <Page title="全部账表" sub="账簿和报表：屏幕查看、导出 Excel / PDF、打印">
      <Progress active={loading} />
      <ErrorNotice error={error} />
      {entries && (
        <div className="table-wrap">
          <table className="grid" data-testid="report-catalogue">
            <thead>
              <tr>
                <th>账表</th>
                <th>名称</th>
                <th>选项</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const to = reportPath(entry.name);
                return (
                  <tr key={entry.name} data-report={entry.name}>
                    <td>
                      <a href={href(to.path, to.params)}>{entry.title}</a>
                    </td>
                    <td className="code">{entry.name}</td>
                    <td className="muted">
                      {entry.options
                        .map((o) => `${optionText[o]}${entry.requires?.includes(o) ? '（必选）' : ''}`)
                        .join('、') || '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
