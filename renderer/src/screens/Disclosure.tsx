import { useEffect, useState } from 'react';
import { client, useApi, type ApiOutput } from '../api';
import { useBook } from '../book';
import { CheckBar } from '../disclosure/CheckBar';
import '../disclosure/disclosure.css';
import { PaperSheet } from '../disclosure/PaperSheet';
import { lastEndedQuarter, today } from '../disclosure/period';
import { PeriodPicker } from '../disclosure/PeriodPicker';
import { PublishDialog } from '../disclosure/PublishDialog';
import { ChangesBanner, Versions } from '../disclosure/Versions';
import { ExportButtons, ExportOutcome, useExport, type Render } from '../exports';
import { keepsBooks } from '../labels';
import { PrintPreview } from '../reports/PrintPreview';
import { useQuery } from '../reports/query';
import { navigate } from '../router';
import { useSession } from '../session';
import { Button, Empty, ErrorNotice, Notice, Page, Progress, Toolbar } from '../ui/components';

type SheetName = 'A' | 'B' | 'C';
type SheetChoice = SheetName | 'all';
type Publication = ApiOutput<'disclosure.publish'>;

const tabs: Array<[SheetName, string]> = [
  ['A', '收支情况'],
  ['B', '收支明细'],
  ['C', '专项资金'],
];

/**
 * 居务公开 公开表 of the open book for a month, quarter or year: 表A 收支情况, 表B 收支明细 and 表C 专项资金
 * drawn like the forms on the board, the sheet's check against the books, the print preview and the
 * .xlsx / PDF files, and 公开 with its sign-off. A published period shows its versions; when the books
 * changed since, what differs and the way to publish the next version.
 *
 * URL: #/disclosure?period=2025-Q1&sheet=B&version=1
 */
export function Disclosure() {
  const session = useSession();
  const book = useBook();
  const query = useQuery('/disclosure');
  const books = useApi('book.list', {});
  const due = useApi('disclosure.due', book ? { book, all: true } : null);
  const period =
    query.get('period') || (due.data ? (due.data.at(-1)?.period ?? lastEndedQuarter(today())) : '');
  const sheetParam = query.get('sheet');
  const sheet: SheetName = sheetParam === 'B' || sheetParam === 'C' ? sheetParam : 'A';
  const version = Number(query.get('version')) || undefined;
  const view = useApi(
    'disclosure.sheets',
    book && period ? { book, period, sheet: 'all', ...(version ? { version } : {}) } : null,
  );
  const data = view.data;
  const canWrite = keepsBooks(session.operator, session.readOnly);

  const [preview, setPreview] = useState<SheetChoice>();
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<Publication>();
  // The files and the preview: the sheets of the period (or of the version shown) drawn by the core.
  const render =
    (which: SheetChoice): Render =>
    (format) =>
      client.call(
        'disclosure.render',
        { book, period, sheet: which, format, ...(version ? { version } : {}) },
        session.operator?.name,
      );
  const exports = useExport(book && period ? render('all') : undefined);

  // Ctrl+P shows the print preview of the sheets, not a printout of the window.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        setPreview((p) => p ?? 'all');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const firstYear = Number(
    (books.data?.find((b) => b.community === book)?.startPeriod ?? today()).slice(0, 4),
  );
  const lastYear = Math.max(
    Number(today().slice(0, 4)),
    ...(due.data ?? []).map((d) => Number(d.period.slice(0, 4))),
  );
  const dueEntry = due.data?.find((d) => d.period === data?.period);
  const latest = data?.publications.at(-1);
  const changed = !!data?.changes && data.changes.length > 0;
  const publishable =
    canWrite &&
    !!data &&
    !version &&
    data.check.balanced &&
    data.check.deficits.length === 0 &&
    data.check.unposted === 0 &&
    (!latest || changed);
  const current = data?.sheets[['A', 'B', 'C'].indexOf(sheet)];
  const stale = !!data && data.period !== period.toUpperCase();

  const status = !data
    ? undefined
    : version
      ? `第 ${version} 版（已公开原样）`
      : !latest
        ? '未公开'
        : changed
          ? `已公开第 ${latest.version} 版 · 公开后账簿有变动`
          : `已公开第 ${latest.version} 版`;

  return (
    <Page
      title="居务公开 · 公开表"
      sub={
        data && (
          <span data-testid="disclosure-summary">
            {data.book} · {data.label}（{data.dates}）· {status}
          </span>
        )
      }
      actions={
        data && (
          <>
            <Button small onClick={() => setPreview('all')} title="Ctrl+P">
              打印预览
            </Button>
            <ExportButtons exports={exports} />
            {canWrite && !version && (
              <Button
                small
                variant="primary"
                disabled={!publishable}
                title={
                  !data.check.balanced
                    ? '期末结余与账簿货币资金不符，不能公开'
                    : data.check.deficits.length > 0
                      ? '现金或银行存款有低于零的日子，账簿有误，不能公开'
                      : data.check.unposted > 0
                        ? '还有未记账凭证，记账后才能公开'
                        : latest && !changed
                          ? '已公开，账簿没有变动'
                          : undefined
                }
                onClick={() => {
                  setPublished(undefined);
                  setPublishing(true);
                }}
              >
                {latest ? '公开新版本…' : '公开…'}
              </Button>
            )}
          </>
        )
      }
    >
      <Progress active={view.loading || due.loading || !!exports.busy} />
      <Toolbar>
        <PeriodPicker
          value={period}
          firstYear={firstYear}
          lastYear={lastYear}
          onChange={(key) => query.replace({ period: key, version: undefined })}
        />
        <div className="field">
          <span>公开表</span>
          <div className="ds-tabs" role="tablist" aria-label="公开表">
            {tabs.map(([name, text], i) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={sheet === name}
                tabIndex={sheet === name ? 0 : -1}
                className={sheet === name ? 'on' : ''}
                onClick={() => query.replace({ sheet: name === 'A' ? undefined : name })}
                onKeyDown={(e) => {
                  const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                  if (!step) return;
                  e.preventDefault();
                  const next = tabs[(i + step + tabs.length) % tabs.length]![0];
                  query.replace({ sheet: next === 'A' ? undefined : next });
                  const list = e.currentTarget.parentElement;
                  requestAnimationFrame(() =>
                    list?.querySelector<HTMLButtonElement>('[aria-selected="true"]')?.focus(),
                  );
                }}
              >
                表{name} {text}
              </button>
            ))}
          </div>
        </div>
        {dueEntry && !version && (
          <span className="hint ds-due-hint">
            {dueEntry.frequency === 'monthly' ? '按月公开' : '按季公开'}，应于 {dueEntry.dueOn} 公开
          </span>
        )}
        {sheet === 'B' && (
          <span className="hint ds-due-hint">
            <kbd>↑</kbd>
            <kbd>↓</kbd> 选行，双击或按 <kbd>Enter</kbd> 打开凭证
          </span>
        )}
      </Toolbar>
      <ErrorNotice error={due.error ?? view.error} />
      <ExportOutcome exports={exports} />
      {published && (
        <Notice kind="ok">
          <span data-testid="publish-result">
            已公开第 {published.version} 版：{published.publishedOn} 起公开 {published.displayDays} 天
            {published.backdated ? `（${published.recordedOn} 补录）` : ''}。
          </span>
        </Notice>
      )}
      {data && (
        <div aria-busy={view.loading || stale} data-period={data.period} data-testid="disclosure-view">
          {!version && <CheckBar check={data.check} period={data.period} />}
          {data.publications.length > 0 && (
            <Versions
              publications={data.publications}
              shown={version}
              onShow={(v) => query.replace({ version: v ? String(v) : undefined })}
            />
          )}
          {version ? (
            <Notice kind="info">
              正在查看第 {version} 版：{data.publications.find((p) => p.version === version)?.publishedOn}{' '}
              公开时的原样（数字与签名都不随账簿变化）。
              <a
                href="#"
                style={{ marginLeft: 8 }}
                onClick={(e) => {
                  e.preventDefault();
                  query.replace({ version: undefined });
                }}
              >
                返回当前账簿数
              </a>
            </Notice>
          ) : (
            changed &&
            latest && (
              <ChangesBanner
                changes={data.changes!}
                latest={latest}
                onPublish={publishable ? () => setPublishing(true) : undefined}
              />
            )
          )}
          <div className="ds-desk" role="tabpanel" aria-label={`表${sheet}`}>
            {current ? (
              <PaperSheet
                key={`${data.period}-${sheet}-${version ?? 'now'}`}
                model={current}
                name={sheet}
                onOpenVoucher={(id) => navigate('/voucher', { id })}
              />
            ) : (
              <Empty>没有这张表。</Empty>
            )}
          </div>
        </div>
      )}
      {preview && data && (
        <PrintPreview
          title={`${data.book} · ${data.label}`}
          render={render(preview)}
          source={JSON.stringify([book, period, preview, version])}
          choosers={<SheetChoices value={preview} onChange={setPreview} />}
          onClose={() => setPreview(undefined)}
        />
      )}
      {publishing && data && (
        <PublishDialog
          book={book}
          period={data.period}
          label={data.label}
          dueOn={dueEntry?.dueOn}
          version={(latest?.version ?? 0) + 1}
          onCancel={() => setPublishing(false)}
          onDone={(p) => {
            setPublishing(false);
            setPublished(p);
          }}
        />
      )}
    </Page>
  );
}

const choices: Array<[SheetChoice, string]> = [
  ['all', '三张表'],
  ['A', '表A'],
  ['B', '表B'],
  ['C', '表C'],
];

/** Which sheets the print preview shows and saves: all three (表A, B portrait, 表C landscape) or one. */
function SheetChoices({ value, onChange }: { value: SheetChoice; onChange: (sheet: SheetChoice) => void }) {
  return (
    <span className="ds-kind" role="radiogroup" aria-label="预览哪张表">
      {choices.map(([sheet, text]) => (
        <button
          key={sheet}
          type="button"
          role="radio"
          aria-checked={value === sheet}
          className={value === sheet ? 'on' : ''}
          onClick={() => onChange(sheet)}
        >
          {text}
        </button>
      ))}
    </span>
  );
}
