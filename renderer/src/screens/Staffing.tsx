import { useState } from 'react';
import { useApi } from '../api';
import { staffingStatus, type StaffingRow } from '../fundreport/format';
import '../fundreport/fundreport.css';
import { StaffingDialog } from '../fundreport/StaffingDialog';
import { YearPicker, yearParam } from '../grants/YearPicker';
import { keepsBooks } from '../labels';
import { useQuery } from '../reports/query';
import { href } from '../router';
import { useSession } from '../session';
import { Amount, Button, Empty, ErrorNotice, Page, Progress, Toolbar } from '../ui/components';

const figure = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value);

/**
 * 人员配备: each community's staff beside the policy's norm for its households and new residents, and
 * the year's 人员经费 that pays them. A check, never a limit. Accountants and the supervisor record the
 * staff actually in post.
 *
 * URL: #/staffing?year=2025
 */
export function Staffing() {
  const session = useSession();
  const query = useQuery('/staffing');
  const year = yearParam(query.get('year'));
  const check = useApi('staffing.check', { year });
  const canWrite = keepsBooks(session.operator, session.readOnly);
  const [editing, setEditing] = useState<StaffingRow>();
  const rows = check.data ?? [];
  const short = rows.filter((r) => r.meetsNorm === false).length;

  return (
    <Page
      title="人员配备"
      sub={
        check.data && (
          <span data-testid="staffing-summary">
            {year} 年 · {rows.length} 个社区{short > 0 ? `，${short} 个不足` : ''}
            {session.readOnly ? ' · 只读' : ''}
          </span>
        )
      }
    >
      <Progress active={check.loading} />
      <Toolbar>
        <YearPicker value={year} onChange={(y) => query.replace({ year: String(y) })} />
        <span className="hint" style={{ alignSelf: 'center' }}>
          应配人数按各社区 {year} 年户数计算；户数在 <a href={href('/households', { year })}>户数</a> 中录入。
        </span>
      </Toolbar>
      <ErrorNotice error={check.error} />
      {rows.length === 0 && !check.loading ? (
        <Empty>
          还没有社区。请先到 <a href={href('/communities')}>社区与账套</a> 添加社区。
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="grid st-table" data-testid="staffing" aria-busy={check.loading}>
            <thead>
              <tr>
                <th>社区</th>
                <th className="num">常住户数</th>
                <th className="num">新居民人数</th>
                <th className="num">应配专职社工</th>
                <th className="num">实有专职社工</th>
                <th className="num">应配协警</th>
                <th className="num">实有协警</th>
                <th className="num">人员经费</th>
                <th className="check">核对</th>
                {canWrite && <th />}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const status = staffingStatus(row);
                const workersShort =
                  !!row.required && !!row.recorded && row.recorded.workers < row.required.workers;
                const policeShort =
                  !!row.required &&
                  !!row.recorded &&
                  row.recorded.auxiliaryPolice < row.required.auxiliaryPolice;
                return (
                  <tr key={row.community} data-community={row.community}>
                    <td>{row.community}</td>
                    <td className="num" data-column="households">
                      {figure(row.households)}
                    </td>
                    <td className="num" data-column="newResidents">
                      {figure(row.newResidents)}
                    </td>
                    <td className="num" data-column="requiredWorkers">
                      {figure(row.required?.workers)}
                    </td>
                    <td className={`num${workersShort ? ' short' : ''}`} data-column="workers">
                      {figure(row.recorded?.workers)}
                    </td>
                    <td className="num" data-column="requiredPolice">
                      {figure(row.required?.auxiliaryPolice)}
                    </td>
                    <td className={`num${policeShort ? ' short' : ''}`} data-column="police">
                      {figure(row.recorded?.auxiliaryPolice)}
                    </td>
                    <td className="num" data-column="personnelCosts">
                      <Amount value={row.personnelCosts} />
                    </td>
                    <td className="check" data-column="status">
                      <span className={`badge ${status.className}`} title={status.title}>
                        {status.text}
                      </span>
                      {status.gaps.length > 0 && <span className="gap-note">{status.gaps.join('，')}</span>}
                    </td>
                    {canWrite && (
                      <td style={{ width: '1%' }}>
                        <Button small onClick={() => setEditing(row)}>
                          {row.recorded ? '修改实有' : '录入实有'}
                        </Button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="fr-note">
        按温州市城乡社区规范化建设暂行办法：每社区专职工作者不少于 5 名，2000 户以上按每 400 户 1
        名配备，另按每 2000 名新居民增配 1 名；协警按每 500 名新居民 1 名。仅作核对，不作限制。
      </p>
      {editing && <StaffingDialog row={editing} year={year} onDone={() => setEditing(undefined)} />}
    </Page>
  );
}
