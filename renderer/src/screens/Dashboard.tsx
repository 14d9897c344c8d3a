import { useApi } from '../api';
import { href } from '../router';
import { useSession } from '../session';
import { Empty, ErrorNotice, Page } from '../ui/components';
import { kindText } from '../labels';

/** The centre at a glance: every community with what is due in its books. */
export function Dashboard() {
  const session = useSession();
  const status = useApi('centre.status', {});
  const rows = status.data ?? [];
  const due = rows.reduce((n, r) => n + r.drafts + r.reviewed + r.monthsToClose.length, 0);
  // 居务公开 sheets still to go on the board (or to publish again after a correction), per community.
  const disclosure = useApi('disclosure.due', {});
  const sheetsDue = (community: string) => (disclosure.data ?? []).filter((d) => d.book === community);
  return (
    <Page
      title="工作台"
      sub={rows.length ? `${rows.length} 个社区 · ${due ? `${due} 项待办` : '没有待办事项'}` : undefined}
    >
      <ErrorNotice error={status.error} />
      {rows.length === 0 && !status.loading ? (
        <Empty>
          还没有社区。请到 <a href={href('/communities')}>社区与账套</a> 添加社区并建账。
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="grid" data-testid="dashboard">
            <thead>
              <tr>
                <th>社区</th>
                <th>类型</th>
                <th>启用期间</th>
                <th className="num">待审核</th>
                <th className="num">待记账</th>
                <th>待结账月份</th>
                <th>已结账至</th>
                <th>期初余额</th>
                <th>居务公开</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.book.id} className={r.book.community === session.book ? 'selected' : ''}>
                  <td>
                    <a href={href('/vouchers')} onClick={() => session.setBook(r.book.community)}>
                      {r.book.community}
                    </a>
                  </td>
                  <td>{kindText[r.book.communityKind]}</td>
                  <td>{r.book.startPeriod}</td>
                  <td className="num">
                    {r.drafts > 0 ? (
                      <a
                        href={href('/vouchers', { status: 'draft' })}
                        onClick={() => session.setBook(r.book.community)}
                      >
                        <span className="badge draft">{r.drafts} 张</span>
                      </a>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="num">
                    {r.reviewed > 0 ? (
                      <a
                        href={href('/vouchers', { status: 'reviewed' })}
                        onClick={() => session.setBook(r.book.community)}
                      >
                        <span className="badge reviewed">{r.reviewed} 张</span>
                      </a>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    {r.monthsToClose.length > 0 ? (
                      <a href={href('/periods')} onClick={() => session.setBook(r.book.community)}>
                        {r.monthsToClose.length === 1
                          ? r.monthsToClose[0]
                          : `${r.monthsToClose[0]} 至 ${r.monthsToClose.at(-1)}（${r.monthsToClose.length} 个月）`}
                      </a>
                    ) : (
                      <span className="muted">已结清</span>
                    )}
                  </td>
                  <td>{r.lastClosed ?? <span className="muted">未结账</span>}</td>
                  <td>
                    {r.openingBalanced ? (
                      <span className="badge posted">平衡</span>
                    ) : (
                      <span className="badge red">不平</span>
                    )}
                  </td>
                  <td data-column="disclosure">
                    <DisclosureDue sheets={sheetsDue(r.book.community)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

function DisclosureDue({ sheets }: { sheets: Array<{ status: string }> }) {
  if (sheets.length === 0) return <span className="muted">—</span>;
  const overdue = sheets.filter((d) => d.status === 'overdue').length;
  return (
    <a href={href('/disclosure/due')}>
      <span className={`badge ${overdue ? 'red' : 'draft'}`}>
        {overdue === sheets.length
          ? `${overdue} 份已逾期`
          : `${sheets.length} 份待公开${overdue ? `（${overdue} 份逾期）` : ''}`}
      </span>
    </a>
  );
}
