import { useApi } from '../api';
import { grouped } from '../money';
import { useBook } from '../book';
import { BatchCard } from '../disclosure/BatchCard';
import '../disclosure/disclosure.css';
import { frequencyText, lastEndedQuarter, today } from '../disclosure/period';
import { RulesCard } from '../disclosure/RulesCard';
import { SettingsCard } from '../disclosure/SettingsCard';
import { dueStatusBadge, dueStatusText, needsAction, type DueSheet } from '../disclosure/text';
import { Check } from '../reports/PeriodRange';
import { useQuery } from '../reports/query';
import '../reports/reports.css';
import { useRowCursor } from '../reports/useRowCursor';
import { navigate } from '../router';
import { useSession } from '../session';
import { Empty, ErrorNotice, Page, Progress, Toolbar } from '../ui/components';

/**
 * 应公开: every community's sheets of the last four quarters that are due, overdue, or published with
 * books that have changed since (and, when asked, those published and still true). A row opens its
 * 公开表 on that community's books. Below: the batch for the printer, the frequency and day, and the
 * open book's 收支项目 rules.
 *
 * URL: #/disclosure/due?published=1
 */
export function DisclosureDue() {
  const session = useSession();
  const book = useBook();
  const query = useQuery('/disclosure/due');
  const showPublished = query.get('published') === '1';
  const due = useApi('disclosure.due', showPublished ? { all: true } : {});
  const books = useApi('book.list', {});
  const rows = due.data ?? [];

  const open = (row: DueSheet) => {
    if (row.book !== session.book) session.setBook(row.book);
    navigate('/disclosure', { period: row.period });
  };
  const cursor = useRowCursor(rows.length, (i) => open(rows[i]!), String(showPublished));

  const pending = rows.filter(needsAction);
  const overdue = rows.filter((r) => r.status === 'overdue').length;
  const firstYear = Math.min(
    Number(today().slice(0, 4)),
    ...(books.data ?? []).map((b) => Number(b.startPeriod.slice(0, 4))),
  );
  const years = rows.map((r) => Number(r.period.slice(0, 4)));
  const lastYear = Math.max(Number(today().slice(0, 4)), ...years);
  // The batch opens on the latest quarter the list knows of (a month stands for its quarter).
  const latest = rows.at(-1)?.period;
  const batchPeriod = latest
    ? /-Q\d$/.test(latest)
      ? latest
      : `${latest.slice(0, 4)}-Q${Math.ceil(Number(latest.slice(5, 7)) / 3)}`
    : lastEndedQuarter(today());

  return (
    <Page
      title="居务公开 · 应公开"
      sub={
        due.data && (
          <span data-testid="due-summary">
            {pending.length ? `${pending.length} 份待办` : '没有待公开的表'}
            {overdue ? `（已逾期 ${overdue} 份）` : ''}
          </span>
        )
      }
    >
      <Progress active={due.loading} />
      <div className="report-filters">
        <Toolbar>
          <Check checked={showPublished} onChange={(v) => query.replace({ published: v ? '1' : undefined })}>
            显示已公开
          </Check>
          <span className="gap" />
          <span className="hint" style={{ alignSelf: 'center' }}>
            单击或按 <kbd>↑</kbd>
            <kbd>↓</kbd> <kbd>Enter</kbd> 打开该社区的公开表
          </span>
        </Toolbar>
      </div>
      <ErrorNotice error={due.error} />
      {due.data && rows.length === 0 ? (
        <Empty>
          {showPublished ? '最近四个季度没有应公开的表。' : '最近四个季度的表都已公开，账簿也没有变动。'}
        </Empty>
      ) : (
        <div className="table-wrap ds-due">
          <table className="grid report" data-testid="disclosure-due" aria-busy={due.loading}>
            <thead>
              <tr>
                <th>社区</th>
                <th>期间</th>
                <th>频率</th>
                <th>公开日</th>
                <th>状态</th>
                <th className="num">已公开版本</th>
                <th>核对</th>
              </tr>
            </thead>
            <tbody onKeyDown={cursor.onKeyDown}>
              {rows.map((r, i) => (
                <tr
                  key={`${r.book}-${r.period}`}
                  data-book={r.book}
                  data-period={r.period}
                  data-status={r.status}
                  className={i === cursor.index ? 'selected' : undefined}
                  title={`打开 ${r.book} ${r.label} 公开表`}
                  {...cursor.rowProps(i)}
                >
                  <td>{r.book}</td>
                  <td>{r.label}</td>
                  <td>{frequencyText[r.frequency]}</td>
                  <td className="code">{r.dueOn}</td>
                  <td data-column="status">
                    <span className={`badge ${dueStatusBadge[r.status]}`} data-badge="status">
                      {dueStatusText[r.status]}
                    </span>
                    {r.lateDays !== null && (
                      <span
                        className="badge red ds-late"
                        data-badge="late"
                        title={`第1版于 ${r.publishedOn} 公开，应于 ${r.dueOn} 公开`}
                      >
                        逾期公开 {r.lateDays} 天
                      </span>
                    )}
                  </td>
                  <td className="num">
                    {r.versions > 0 ? `${r.versions} 版` : <span className="muted">—</span>}
                  </td>
                  <td>
                    {r.balanced === false ? (
                      <span className="badge red">与账簿不符</span>
                    ) : r.deficits.length > 0 ? (
                      <span
                        className="badge red"
                        data-testid="due-deficit"
                        title={r.deficits
                          .map((d) => `${d.account} ${d.name} ${d.date} 日终余额 ${d.balance} 元`)
                          .join('\n')}
                      >
                        {r.deficits[0]!.name} {r.deficits[0]!.date} 余额 {grouped(r.deficits[0]!.balance)}
                        {r.deficits.length > 1 ? ` 等 ${r.deficits.length} 户` : ''}
                      </span>
                    ) : r.unposted > 0 ? (
                      <span className="badge draft">{r.unposted} 张未记账</span>
                    ) : (
                      <span className="muted">相符</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {due.data && <BatchCard initialPeriod={batchPeriod} firstYear={firstYear} lastYear={lastYear} />}
      <SettingsCard />
      {book && <RulesCard book={book} />}
    </Page>
  );
}
