import { useState, type FormEvent } from 'react';
import { useAction, useApi, type ApiOutput } from '../api';
import { Calculator } from '../grants/Calculator';
import {
  csvDocument,
  instalmentSummary,
  money,
  plainAmount,
  ratePolicy,
  type EntitlementRow,
  type GrantPolicy,
} from '../grants/format';
import { grouped } from '../money';
import { Policies } from '../grants/Policies';
import { YearPicker, yearParam } from '../grants/YearPicker';
import '../grants/grants.css';
import { kindText } from '../labels';
import { printPage, saveText } from '../platform';
import { useQuery } from '../reports/query';
import { href } from '../router';
import { useSession } from '../session';
import { Amount, Button, Empty, ErrorNotice, Input, Page, Progress, Toolbar } from '../ui/components';

type Table = ApiOutput<'grant.entitlement'>;
type RatePolicy = Extract<GrantPolicy, { rule: 'per_household' }>;

const sourceAmount = (row: EntitlementRow, source: string) =>
  row.entitlement?.sources.find((s) => s.source === source)?.amount;

/**
 * 应拨经费: what the district owes each community for a year under its kind's policy, with the working
 * written out under each row and the centre's totals; export to CSV and print. Beside it, a calculator
 * for figures not yet recorded and the year's policies; a supervisor sets rural rates inline and edits
 * the policies.
 *
 * URL: #/grants?year=2025
 */
export function Grants() {
  const session = useSession();
  const query = useQuery('/grants');
  const year = yearParam(query.get('year'));
  const table = useApi('grant.entitlement', { year });
  const policies = useApi('grant.policies', { year });
  const canSetRate = !session.readOnly && session.operator?.role === 'supervisor';
  const data = table.data;
  const rows = data?.rows ?? [];
  const done = rows.filter((r) => r.entitlement).length;

  return (
    <Page
      title="应拨经费"
      sub={
        data && (
          <span data-testid="grants-summary">
            {year} 年社区工作经费 · 单位：元 · {rows.length} 个社区，已核定 {done} 个
          </span>
        )
      }
      actions={
        data && (
          <>
            <Button small onClick={() => void exportCsv(data, policies.data)} disabled={rows.length === 0}>
              导出 CSV
            </Button>
            <Button small onClick={() => void printPage()}>
              打印
            </Button>
          </>
        )
      }
    >
      <Progress active={table.loading} />
      <Toolbar>
        <YearPicker value={year} onChange={(y) => query.replace({ year: String(y) })} />
        <span className="hint" style={{ alignSelf: 'center' }}>
          按各社区 {year} 年现行户数和拨款政策计算；户数在 <a href={href('/households', { year })}>户数</a>{' '}
          中录入。
        </span>
      </Toolbar>
      <ErrorNotice error={table.error ?? policies.error} />
      <div className="gr-columns">
        <div>
          {rows.length === 0 && !table.loading ? (
            <Empty>
              还没有社区。请先到 <a href={href('/communities')}>社区与账套</a> 添加社区。
            </Empty>
          ) : (
            <div className="table-wrap" style={{ marginBottom: 12 }}>
              <table
                className="grid gr-table"
                data-testid="entitlement"
                aria-busy={table.loading || policies.loading}
              >
                <thead>
                  <tr>
                    <th>社区</th>
                    <th>类型</th>
                    <th className="num">常住户数</th>
                    <th className="num">户籍户数</th>
                    <th className="num" title="市区等按 常住 × 权重 + 户籍 × 权重 折算；农村按计费户数">
                      折算户数
                    </th>
                    <th>每户标准</th>
                    <th className="num">基数拨款</th>
                    <th className="num">按户拨款</th>
                    <th className="num">应拨合计</th>
                  </tr>
                </thead>
                {rows.map((row) => (
                  <CommunityRows
                    key={row.community}
                    row={row}
                    year={year}
                    policy={ratePolicy(policies.data, year, row.kind)}
                    hasPolicy={
                      !policies.data || policies.data.some((p) => p.year === year && p.kind === row.kind)
                    }
                    canSetRate={canSetRate}
                  />
                ))}
                {data && rows.length > 0 && (
                  <tfoot>
                    <tr className="total" data-testid="entitlement-total">
                      <td colSpan={6}>
                        合计
                        <span className="hint" style={{ fontWeight: 400, marginLeft: 8 }}>
                          {done} 个社区已核定
                          {done < rows.length && `，${rows.length - done} 个尚未核定（未计入）`}
                        </span>
                      </td>
                      <td className="num" data-column="base">
                        <Amount value={data.totals.base} />
                      </td>
                      <td className="num" data-column="household">
                        <Amount value={data.totals.household} />
                      </td>
                      <td className="num" data-column="total">
                        <Amount value={data.totals.total} />
                      </td>
                    </tr>
                  </tfoot>
                )}
              </table>
            </div>
          )}
          <Policies year={year} />
        </div>
        <div className="no-print">
          <Calculator year={year} />
        </div>
      </div>
    </Page>
  );
}

/** One community: its figures, then the working (or why there is none) in a quiet line underneath. */
function CommunityRows({
  row,
  year,
  policy,
  hasPolicy,
  canSetRate,
}: {
  row: EntitlementRow;
  year: number;
  /** The kind's policy when it lets each community choose a rate per household. */
  policy: RatePolicy | undefined;
  hasPolicy: boolean;
  canSetRate: boolean;
}) {
  const h = row.households;
  const e = row.entitlement;
  const blank = <span className="muted">—</span>;
  return (
    <tbody className="gr-group" data-community={row.community}>
      <tr className="gr-main">
        <td>
          <strong>{row.community}</strong>
        </td>
        <td>{kindText[row.kind] ?? row.kind}</td>
        <td className="num gr-figure" data-column="resident">
          {h ? grouped(h.resident) : blank}
        </td>
        <td className="num gr-figure" data-column="registered">
          {h ? grouped(h.registered) : blank}
        </td>
        <td className="num gr-figure" data-column="weighted">
          {e ? grouped(e.weightedHouseholds) : blank}
        </td>
        <td data-column="rate">
          {!policy ? (
            blank
          ) : canSetRate ? (
            <RateEditor key={row.rate ?? ''} row={row} year={year} policy={policy} />
          ) : (
            <span className="gr-figure">
              {money(row.rate ?? policy.defaultRate)} 元
              {row.rate ? '' : <span className="hint">（默认）</span>}
            </span>
          )}
        </td>
        <td className="num" data-column="base">
          <Amount value={sourceAmount(row, 'base')} />
        </td>
        <td className="num" data-column="household">
          <Amount value={sourceAmount(row, 'household')} />
        </td>
        <td className="num gr-total-cell" data-column="total">
          <Amount value={e?.total} />
        </td>
      </tr>
      <tr className="gr-working">
        <td colSpan={9} data-column="working">
          {e ? (
            <>
              计算过程：<span className="gr-figure">{e.working}</span>
              {e.sources.some((s) => s.instalments.length > 1) && <span>　拨付：{instalmentSummary(e)}</span>}
            </>
          ) : (
            <>
              <span className="badge draft" data-testid="missing">
                {row.missing}
              </span>{' '}
              {!hasPolicy ? (
                <span className="no-print">请主管在下方“拨款政策”中设置。</span>
              ) : (
                !h && (
                  <a className="no-print" href={href('/households', { year, community: row.community })}>
                    去录入户数 →
                  </a>
                )
              )}
            </>
          )}
        </td>
      </tr>
    </tbody>
  );
}

/** A rural community's rate per household, set by the supervisor within the policy's range. */
function RateEditor({ row, year, policy }: { row: EntitlementRow; year: number; policy: RatePolicy }) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const [draft, setDraft] = useState(row.rate ? plainAmount(row.rate) : '');
  const range = `${money(policy.minRate)}–${money(policy.maxRate)}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    await action.run('grant.setRate', { community: row.community, year, rate: draft.trim() });
  }

  return (
    <form onSubmit={submit} aria-label={`${row.community}每户标准`}>
      <span className="gr-rate">
        <Input
          aria-label={`${row.community} 每户标准`}
          value={draft}
          invalid={!!action.error}
          placeholder={money(policy.defaultRate)}
          title={`政策范围每户 ${range} 元${row.rate ? '' : `；未设定时按默认 ${money(policy.defaultRate)} 元`}`}
          onChange={(e) => {
            setDraft(e.target.value);
            if (action.error) action.clearError();
          }}
        />
        元
        <Button
          small
          type="submit"
          disabled={
            action.busy || !draft.trim() || (!!row.rate && plainAmount(draft) === plainAmount(row.rate))
          }
          title={`设定${row.community}每户标准（${range} 元）`}
        >
          设定
        </Button>
      </span>
      {action.error && (
        <span className="gr-rate-error" role="alert" data-testid="rate-error">
          {action.error.message.replace('（rate）', ' ')}
        </span>
      )}
    </form>
  );
}

/** The table as Excel opens it: UTF-8 with BOM, Chinese headers, amounts as plain decimals. */
async function exportCsv(data: Table, policies: GrantPolicy[] | undefined): Promise<void> {
  const lines: Array<Array<string | number | null | undefined>> = [
    [
      '社区',
      '编号',
      '类型',
      '常住户数',
      '户籍户数',
      '折算户数',
      '每户标准',
      '基数拨款',
      '按户拨款',
      '应拨合计',
      '计算过程',
    ],
  ];
  for (const row of data.rows) {
    const policy = ratePolicy(policies, data.year, row.kind);
    lines.push([
      row.community,
      row.code,
      kindText[row.kind] ?? row.kind,
      row.households?.resident,
      row.households?.registered,
      row.entitlement?.weightedHouseholds,
      policy ? plainAmount(row.rate ?? policy.defaultRate) : '',
      sourceAmount(row, 'base'),
      sourceAmount(row, 'household'),
      row.entitlement?.total,
      row.entitlement?.working ?? row.missing,
    ]);
  }
  lines.push([
    '合计',
    '',
    '',
    '',
    '',
    '',
    '',
    data.totals.base,
    data.totals.household,
    data.totals.total,
    '',
  ]);
  await saveText(`应拨经费-${data.year}.csv`, csvDocument(lines));
}
