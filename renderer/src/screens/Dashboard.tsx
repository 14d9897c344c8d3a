import { useApi, type ApiOutput } from '../api';
import { href } from '../router';
import { useSession } from '../session';
import { Amount, Empty, ErrorNotice, Notice, Page } from '../ui/components';
import { kindText } from '../labels';

type Status = ApiOutput<'centre.status'>[number];
type BookStatus = Extract<Status, { drafts: number }>;

/** The centre at a glance: every community, with what is due in its books once it has them. */
export function Dashboard() {
  const status = useApi('centre.status', {});
  const rows = status.data ?? [];
  const books = rows.filter((r): r is BookStatus => r.book !== null);
  const unbuilt = rows.length - books.length;
  const due = books.reduce((n, r) => n + r.drafts + r.reviewed + r.monthsToClose.length, 0);
  const negative = books.filter((r) => r.negativeCash.length > 0);
  // 居务公开 sheets still to go on the board (or to publish again after a correction), per community.
  const disclosure = useApi('disclosure.due', {});
  const sheetsDue = (community: string) => (disclosure.data ?? []).filter((d) => d.book === community);
  return (
    <Page
      title="工作台"
      sub={
        rows.length
          ? `${rows.length} 个社区${unbuilt ? `（${unbuilt} 个未建账）` : ''} · ${due ? `${due} 项待办` : '没有待办事项'}`
          : undefined
      }
    >
      <ErrorNotice error={status.error} />
      {negative.length > 0 && <NegativeCash rows={negative} />}
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
              {rows.map((r) =>
                r.book === null ? (
                  <tr key={`c${r.community.id}`} data-community={r.community.name}>
                    <td>{r.community.name}</td>
                    <td>{kindText[r.community.kind]}</td>
                    <td>
                      <span className="badge draft">未建账</span>
                    </td>
                    <td colSpan={6} className="muted">
                      还没有账套，建账后才能记账。
                      <a href={href('/communities', { community: r.community.name })}>去建账</a>
                    </td>
                  </tr>
                ) : (
                  <BookRow key={r.book.id} r={r} sheets={sheetsDue(r.book.community)} />
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

/**
 * Cash and bank balances below zero, per community. Money in a till or a bank account cannot be
 * negative, so each is an entry to correct (a receipt not booked yet, or the wrong account).
 */
function NegativeCash({ rows }: { rows: BookStatus[] }) {
  const session = useSession();
  return (
    <Notice kind="error">
      <strong>以下现金、银行存款科目的已记账余额为负数（赤字），请核对是否漏记收款或记错科目：</strong>
      <table className="grid" data-testid="negative-cash" style={{ marginTop: 6, width: 'auto' }}>
        <thead>
          <tr>
            <th>社区</th>
            <th>科目编码</th>
            <th>科目</th>
            <th className="num">余额</th>
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((r) =>
            r.negativeCash.map((a) => (
              <tr key={`${r.book.id}-${a.code}`}>
                <td>{r.book.community}</td>
                <td className="code">
                  <a
                    href={href('/ledger', { account: a.code })}
                    onClick={() => session.setBook(r.book.community)}
                  >
                    {a.code}
                  </a>
                </td>
                <td>{a.name}</td>
                <td className="num">
                  <Amount value={a.balance} />
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </Notice>
  );
}

function BookRow({ r, sheets }: { r: BookStatus; sheets: Array<{ status: string }> }) {
  const session = useSession();
  return (
    <tr className={r.book.community === session.book ? 'selected' : ''}>
      <td>
        <a href={href('/vouchers')} onClick={() => session.setBook(r.book.community)}>
          {r.book.community}
        </a>
        {r.negativeCash.length > 0 && (
          <span className="badge red" style={{ marginLeft: 6 }}>
            余额为负
          </span>
        )}
      </td>
      <td>{kindText[r.book.communityKind]}</td>
      <td>{r.book.startPeriod}</td>
      <td className="num">
        {r.drafts > 0 ? (
          <a href={href('/vouchers', { status: 'draft' })} onClick={() => session.setBook(r.book.community)}>
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
        <DisclosureDue sheets={sheets} />
      </td>
    </tr>
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
