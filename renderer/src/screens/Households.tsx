import { useState, type FormEvent } from 'react';
import { client, useAction, useApi, type ApiOutput } from '../api';
import { parseCount, type EntitlementRow } from '../grants/format';
import { fenText, grouped, toFen } from '../money';
import { YearPicker, yearParam } from '../grants/YearPicker';
import '../grants/grants.css';
import { keepsBooks, kindText } from '../labels';
import { useQuery } from '../reports/query';
import { href } from '../router';
import { useSession } from '../session';
import { localTime } from '../setup/time';
import {
  Button,
  Card,
  Empty,
  ErrorNotice,
  Field,
  Input,
  Notice,
  Page,
  Progress,
  Toolbar,
} from '../ui/components';

type Community = ApiOutput<'community.list'>[number];
type Count = ApiOutput<'households.list'>[number];

/**
 * 户数: each community's 常住户数 and 户籍户数 for a year, the basis of its 应拨经费. A new figure never
 * overwrites the old one: the history stays, the latest is in force, and saving says what it does to
 * the community's entitlement.
 *
 * URL: #/households?year=2025&community=东风社区
 */
export function Households() {
  const session = useSession();
  const query = useQuery('/households');
  const year = yearParam(query.get('year'));
  const selected = query.get('community');
  const communities = useApi('community.list', {});
  const counts = useApi('households.list', { year });
  const canRecord = keepsBooks(session.operator, session.readOnly);

  const list = communities.data ?? [];
  const byName = new Map((counts.data ?? []).map((c) => [c.community, c]));
  const recorded = list.filter((c) => byName.has(c.name)).length;
  const chosen = list.find((c) => c.name === selected);
  const select = (name: string) => query.replace({ community: name });

  return (
    <Page
      title="户数"
      sub={
        list.length > 0 && (
          <span data-testid="households-summary">
            {year} 年 · {list.length} 个社区，已录入 {recorded} 个
            {recorded < list.length && `，${list.length - recorded} 个尚未录入`}
          </span>
        )
      }
    >
      <Progress active={communities.loading || counts.loading} />
      <Toolbar>
        <YearPicker value={year} onChange={(y) => query.replace({ year: String(y) })} />
        <span className="hint" style={{ alignSelf: 'center' }}>
          户数是核定社区工作经费的依据。每次录入都保留历史，以最新一次为准；选择社区查看历次录入
          {canRecord && '并录入新户数'}。
        </span>
      </Toolbar>
      <ErrorNotice error={communities.error ?? counts.error} />
      {list.length === 0 && !communities.loading ? (
        <Empty>
          还没有社区。请先到 <a href={href('/communities')}>社区与账套</a> 添加社区。
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="grid" data-testid="households" aria-busy={counts.loading}>
            <thead>
              <tr>
                <th>社区</th>
                <th>类型</th>
                <th className="num">常住户数</th>
                <th className="num">户籍户数</th>
                <th className="num">新居民人数</th>
                <th>统计日期</th>
                <th style={{ width: '100%' }}>来源</th>
                <th>录入人</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => {
                const count = byName.get(c.name);
                return (
                  <tr
                    key={c.id}
                    data-community={c.name}
                    className={c.name === selected ? 'clickable selected' : 'clickable'}
                    onClick={() => select(c.name)}
                  >
                    <td>
                      <button
                        type="button"
                        className="gr-link"
                        onClick={(e) => {
                          e.stopPropagation();
                          select(c.name);
                        }}
                      >
                        {c.name}
                      </button>
                    </td>
                    <td>{kindText[c.kind] ?? c.kind}</td>
                    {count ? (
                      <>
                        <td className="num gr-figure" data-column="resident">
                          {grouped(count.resident)}
                        </td>
                        <td className="num gr-figure" data-column="registered">
                          {grouped(count.registered)}
                        </td>
                        <td className="num gr-figure" data-column="newResidents">
                          {grouped(count.newResidents)}
                        </td>
                        <td className="gr-figure">{count.asOf}</td>
                        <td>{count.source}</td>
                        <td>{count.recordedBy}</td>
                      </>
                    ) : (
                      <td colSpan={6} className="gr-prompt" data-column="prompt">
                        <span className="badge draft">未录入</span> 尚未录入 {year} 年户数
                        {canRecord ? '，点击录入' : ''}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {chosen ? (
        <div className="gr-split">
          <History community={chosen} year={year} />
          {canRecord ? (
            <RecordForm key={`${chosen.name}/${year}`} community={chosen} year={year} />
          ) : (
            <Card title="录入新户数">
              <p className="hint" style={{ margin: 0 }}>
                只有会计或主管可以录入户数。
              </p>
            </Card>
          )}
        </div>
      ) : (
        list.length > 0 && (
          <p className="hint">
            选择上表中的社区，查看它 {year} 年的历次户数{canRecord && '并录入新户数'}。
          </p>
        )
      )}
    </Page>
  );
}

/** Every figure recorded for the community and year, newest (the one in force) first. */
function History({ community, year }: { community: Community; year: number }) {
  const history = useApi('households.list', { year, community: community.name });
  const rows = history.data ?? [];
  return (
    <Card title={`${community.name} · ${year} 年历次录入`}>
      <ErrorNotice error={history.error} />
      {rows.length === 0 ? (
        <Empty>{history.loading ? '正在读取……' : `尚未录入 ${year} 年户数。`}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="grid" data-testid="households-history">
            <thead>
              <tr>
                <th />
                <th className="num">常住户数</th>
                <th className="num">户籍户数</th>
                <th className="num">新居民人数</th>
                <th>统计日期</th>
                <th>来源</th>
                <th>录入人 / 时间</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.id} className={i === 0 ? '' : 'gr-old'}>
                  <td>
                    {i === 0 ? (
                      <span className="badge posted">现行</span>
                    ) : (
                      <span className="badge closed">已替换</span>
                    )}
                  </td>
                  <td className="num gr-figure">{grouped(r.resident)}</td>
                  <td className="num gr-figure">{grouped(r.registered)}</td>
                  <td className="num gr-figure">{grouped(r.newResidents)}</td>
                  <td className="gr-figure">{r.asOf}</td>
                  <td className="gr-wrap">{r.source}</td>
                  <td className="muted">
                    {r.recordedBy} · {localTime(r.recordedAt)}
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

type FormField = 'resident' | 'registered' | 'newResidents' | 'asOf' | 'source';

/** The core names its fields in Chinese for households.set; map them to the form's fields. */
const serverField: Record<string, FormField> = {
  常住户数: 'resident',
  户籍户数: 'registered',
  新居民人数: 'newResidents',
  统计日期: 'asOf',
  source: 'source',
};

interface Change {
  saved: Count;
  previous: Count | undefined;
  before: EntitlementRow | undefined;
  after: EntitlementRow | undefined;
}

/** The community's 应拨 for the year as the core works it out now (undefined when it cannot be read). */
async function entitlementOf(community: string, year: number): Promise<EntitlementRow | undefined> {
  try {
    return (await client.call('grant.entitlement', { year, community })).rows[0];
  } catch {
    return undefined;
  }
}

function RecordForm({ community, year }: { community: Community; year: number }) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const [resident, setResident] = useState('');
  const [registered, setRegistered] = useState('');
  const [newResidents, setNewResidents] = useState('');
  const [asOf, setAsOf] = useState('');
  const [source, setSource] = useState('');
  const [problems, setProblems] = useState<Partial<Record<FormField, string>>>({});
  const [change, setChange] = useState<Change>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setChange(undefined);
    const found: Partial<Record<FormField, string>> = {};
    const count = (text: string, label: string, field: FormField, required: boolean) => {
      if (!text.trim()) {
        if (required) found[field] = `请填写${label}`;
        return undefined;
      }
      const value = parseCount(text);
      if (value === undefined) found[field] = `${label}应为不小于 0 的整数`;
      return value;
    };
    const r = count(resident, '常住户数', 'resident', true);
    const g = count(registered, '户籍户数', 'registered', true);
    const n = count(newResidents, '新居民人数', 'newResidents', false);
    if (!asOf.trim()) found.asOf = '请填写统计日期';
    else if (!/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(asOf.trim()))
      found.asOf = '统计日期应为 YYYY-MM-DD，如 2025-06-30';
    if (!source.trim()) found.source = '请注明户数来源';
    setProblems(found);
    if (Object.keys(found).length > 0 || r === undefined || g === undefined) return;

    const before = await entitlementOf(community.name, year);
    const saved = await action.run('households.set', {
      community: community.name,
      year,
      resident: r,
      registered: g,
      ...(n === undefined ? {} : { newResidents: n }),
      asOf: asOf.trim(),
      source: source.trim(),
    });
    if (!saved) return;
    const after = await entitlementOf(community.name, year);
    setChange({ saved: saved.current, previous: saved.previous, before, after });
    setResident('');
    setRegistered('');
    setNewResidents('');
  }

  const refused = action.error?.field ? serverField[action.error.field] : undefined;
  const problem = (field: FormField) =>
    problems[field] ?? (refused === field ? action.error?.message : undefined);

  return (
    <Card title="录入新户数">
      <form onSubmit={submit} aria-label="录入户数" noValidate>
        <Progress active={action.busy} />
        {change && <ChangeNotice change={change} />}
        <ErrorNotice error={refused ? undefined : action.error} onClose={action.clearError} />
        <div className="gr-form">
          <Field label="常住户数 *" error={problem('resident')}>
            <Input
              aria-label="常住户数"
              inputMode="numeric"
              value={resident}
              invalid={!!problem('resident')}
              onChange={(e) => setResident(e.target.value)}
              className="gr-figure"
              autoFocus
            />
          </Field>
          <Field label="户籍户数 *" error={problem('registered')}>
            <Input
              aria-label="户籍户数"
              inputMode="numeric"
              value={registered}
              invalid={!!problem('registered')}
              onChange={(e) => setRegistered(e.target.value)}
              className="gr-figure"
            />
          </Field>
          <Field label="新居民人数" error={problem('newResidents')}>
            <Input
              aria-label="新居民人数"
              inputMode="numeric"
              value={newResidents}
              invalid={!!problem('newResidents')}
              onChange={(e) => setNewResidents(e.target.value)}
              className="gr-figure"
              placeholder="可不填"
            />
          </Field>
          <Field label="统计日期 *" error={problem('asOf')}>
            <Input
              aria-label="统计日期"
              value={asOf}
              invalid={!!problem('asOf')}
              onChange={(e) => setAsOf(e.target.value)}
              className="gr-figure"
              placeholder={`如 ${year}-06-30`}
            />
          </Field>
          <div className="wide">
            <Field label="来源 *" error={problem('source')}>
              <Input
                aria-label="来源"
                value={source}
                invalid={!!problem('source')}
                onChange={(e) => setSource(e.target.value)}
                placeholder={`如 街道民政办 ${year} 年户籍统计`}
              />
            </Field>
          </div>
        </div>
        <div className="gr-actions">
          <span className="hint">保存后旧数字留在历史中，应拨经费按新数字重算。</span>
          <span className="spacer" />
          <Button type="submit" variant="primary" disabled={action.busy}>
            {action.busy ? '正在保存…' : '保存'}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** What the new figure did: the counts, and 应拨由 X 变为 Y（差额 Z）. */
function ChangeNotice({ change }: { change: Change }) {
  const { saved, previous, before, after } = change;
  const was = previous
    ? `（原为常住 ${grouped(previous.resident)} 户、户籍 ${grouped(previous.registered)} 户）`
    : '';
  const from = before?.entitlement ? toFen(before.entitlement.total) : 0n;
  const to = after?.entitlement ? toFen(after.entitlement.total) : undefined;
  return (
    <Notice kind="ok">
      <span data-testid="households-saved">
        已录入 {saved.community} {saved.year} 年户数：常住 {grouped(saved.resident)} 户、户籍{' '}
        {grouped(saved.registered)} 户{was}。
      </span>
      <br />
      {to === undefined ? (
        <span data-testid="households-change">应拨暂不能计算：{after?.missing ?? '未能读取应拨经费'}。</span>
      ) : (
        <>
          <strong data-testid="households-change">
            {`应拨由 ${fenText(from)} 变为 ${fenText(to)}（差额 ${fenText(to - from, true)}）`}
          </strong>
          {!before?.entitlement && <span className="hint">　此前未录入户数，尚未核定应拨。</span>}
          <span className="hint" style={{ display: 'block' }}>
            计算过程：{after?.entitlement?.working}
          </span>
        </>
      )}
    </Notice>
  );
}
