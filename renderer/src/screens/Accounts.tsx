import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { client, useAction, useApi, type ApiInput, type ApiOutput } from '../api';
import { useBook } from '../book';
import { href, useRoute } from '../router';
import { useSession } from '../session';
import { categoryText, keepsBooks, sideText } from '../labels';
import { useFillHeight, revealRow } from '../setup/layout';
import { accountMatcher, childrenByParent, visibleRows } from '../setup/tree';
import {
  describeDimensions,
  dimensionNames,
  dimensionText,
  followers,
  ruleText,
  sameAttributes,
  type Attributes,
  type DimensionRule,
} from '../setup/attributes';
import '../setup/setup.css';
import {
  Button,
  Card,
  Dialog,
  Empty,
  ErrorNotice,
  Field,
  Input,
  Notice,
  Page,
  Progress,
  Select,
  Toolbar,
} from '../ui/components';

type Account = ApiOutput<'account.list'>[number];

/**
 * 会计科目: the book's chart as a tree, with sub-accounts added, renamed, disabled and deleted here, and
 * each account's 限定性 and 辅助核算 shown and set.
 */
export function Accounts() {
  const session = useSession();
  const book = useBook();
  const route = useRoute();
  const accounts = useApi('account.list', book ? { book, includeInactive: true } : null);
  const canWrite = keepsBooks(session.operator, session.readOnly);
  const [filter, setFilter] = useState('');
  const [category, setCategory] = useState('');
  const [showInactive, setShowInactive] = useState(true);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<string>(route.params.get('code') ?? '');
  const [done, setDone] = useState<string>();
  const selectedRow = useRef<HTMLTableRowElement>(null);

  const all = accounts.data ?? [];
  const children = useMemo(() => childrenByParent(all), [all]);
  const shown = all.filter((a) => (showInactive || a.active) && (!category || a.category === category));
  const rows = visibleRows(shown, collapsed, accountMatcher(filter));
  const current = all.find((a) => a.code === selected);
  const created = route.params.get('created');

  const [wrap, height] = useFillHeight<HTMLDivElement>();
  useEffect(() => revealRow(wrap.current, selectedRow.current), [selected, wrap]);

  const toggle = (code: string) =>
    setCollapsed((set) => {
      const next = new Set(set);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });

  function onKey(e: KeyboardEvent) {
    const index = rows.findIndex((a) => a.code === selected);
    const move = (to: number) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, to))];
      if (target) setSelected(target.code);
      e.preventDefault();
    };
    if (e.key === 'ArrowDown') move(index + 1);
    else if (e.key === 'ArrowUp') move(index - 1);
    else if (current && !current.isLeaf && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      if ((e.key === 'ArrowLeft') !== collapsed.has(current.code)) toggle(current.code);
      e.preventDefault();
    }
  }

  const leaves = all.filter((a) => a.isLeaf).length;
  const inactive = all.filter((a) => !a.active).length;

  return (
    <Page
      title="会计科目"
      sub={
        all.length
          ? `${book} · ${all.length} 个科目，末级 ${leaves} 个${inactive ? `，停用 ${inactive} 个` : ''}`
          : book
      }
    >
      <ErrorNotice error={accounts.error} />
      {created && created === book && (
        <Notice kind="ok">
          已为“{created}”建账，并设为当前账套。请核对科目表，需要时增加明细科目，然后录入{' '}
          <a href={href('/opening')}>期初余额</a>。
        </Notice>
      )}
      {done && <Notice kind="ok">{done}</Notice>}
      <Toolbar>
        <Field label="筛选">
          <Input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="科目编码或名称"
            aria-label="筛选科目"
            style={{ width: 200 }}
          />
        </Field>
        <Field label="类别">
          <Select value={category} onChange={(e) => setCategory(e.target.value)} style={{ width: 100 }}>
            <option value="">全部</option>
            {Object.entries(categoryText).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </Select>
        </Field>
        <label className="field inline" style={{ height: 30 }}>
          <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
          <span>显示已停用科目</span>
        </label>
        <Button small onClick={() => setCollapsed(new Set())} disabled={!!filter}>
          全部展开
        </Button>
        <Button
          small
          onClick={() => setCollapsed(new Set(all.filter((a) => !a.isLeaf).map((a) => a.code)))}
          disabled={!!filter}
        >
          全部折叠
        </Button>
        <span className="hint" style={{ marginLeft: 'auto', alignSelf: 'center' }}>
          ↑↓ 选择 · ←→ 折叠/展开{canWrite ? ' · Tab 到右侧修改' : ''}
        </span>
      </Toolbar>

      <div className="setup-split">
        <div
          className="table-wrap"
          ref={wrap}
          style={{ maxHeight: height }}
          tabIndex={0}
          onKeyDown={onKey}
          aria-label="科目表"
        >
          {rows.length === 0 && accounts.data && !accounts.loading ? (
            <Empty>{filter || category ? '没有符合条件的科目。' : '本账套还没有科目。'}</Empty>
          ) : (
            <table className="grid" data-testid="chart">
              <thead>
                <tr>
                  <th style={{ width: 110 }}>科目编码</th>
                  <th>科目名称</th>
                  <th style={{ width: 56 }}>类别</th>
                  <th className="center" style={{ width: 44 }}>
                    方向
                  </th>
                  <th
                    className="center"
                    style={{ width: 60 }}
                    title="限定性：资金提供者限定用途（结转到 3102）"
                  >
                    限定性
                  </th>
                  <th style={{ width: 150 }}>辅助核算</th>
                  <th className="center" style={{ width: 70 }}>
                    末级
                  </th>
                  <th style={{ width: 60 }}>状态</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => {
                  const open = !collapsed.has(a.code) || !!filter.trim();
                  const kids = children.get(a.code)?.length ?? 0;
                  return (
                    <tr
                      key={a.code}
                      ref={a.code === selected ? selectedRow : undefined}
                      className={[
                        'clickable',
                        a.code === selected ? 'selected' : '',
                        a.active ? '' : 'inactive',
                      ].join(' ')}
                      data-code={a.code}
                      onClick={() => setSelected(a.code)}
                      onDoubleClick={() => !a.isLeaf && toggle(a.code)}
                    >
                      <td className="code">{a.code}</td>
                      <td>
                        <span className="tree-name" style={{ paddingLeft: (a.level - 1) * 20 }}>
                          {kids > 0 ? (
                            <button
                              type="button"
                              className="caret"
                              tabIndex={-1}
                              aria-label={open ? `折叠 ${a.name}` : `展开 ${a.name}`}
                              onClick={(e) => {
                                e.stopPropagation();
                                toggle(a.code);
                              }}
                            >
                              {open ? '▼' : '▶'}
                            </button>
                          ) : (
                            <span className="caret-space" />
                          )}
                          <span style={a.level === 1 ? { fontWeight: 600 } : undefined}>{a.name}</span>
                        </span>
                      </td>
                      <td className="muted">{categoryText[a.category]}</td>
                      <td className="center">{sideText[a.normalSide]}</td>
                      <td className="center" data-col="restricted">
                        {a.restricted && <span className="badge restricted">限定</span>}
                      </td>
                      <td data-col="dimensions">
                        <DimensionMarks dimensions={a.dimensions} />
                      </td>
                      <td className="center">
                        {a.isLeaf ? <span className="muted">末级</span> : `${kids} 个下级`}
                      </td>
                      <td>{!a.active && <span className="badge closed">停用</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
        <AccountPanel
          key={current?.code ?? ''}
          book={book}
          account={current}
          subAccounts={children.get(current?.code ?? '') ?? []}
          all={all}
          canWrite={canWrite}
          onChanged={(message, select) => {
            setDone(message);
            if (select !== undefined) setSelected(select);
            accounts.reload();
          }}
        />
      </div>
    </Page>
  );
}

/** 项目 必填、往来单位: the dimensions an account's lines carry, 必填 where every line must. */
function DimensionMarks({ dimensions }: { dimensions: Attributes['dimensions'] }) {
  const tracked = dimensionNames.filter((n) => dimensions[n] !== 'none');
  return (
    <>
      {tracked.map((n, i) => (
        <span key={n} className="dimension-mark">
          {i > 0 && '、'}
          {dimensionText[n]}
          {dimensions[n] === 'required' && <span className="required">必填</span>}
        </span>
      ))}
    </>
  );
}

/**
 * 限定性 and 辅助核算 of the selected account. What else changes is said before it is saved: the
 * sub-accounts that followed the account, and, for 限定性, the statements of every period.
 */
function AttributeForm({
  book,
  account,
  all,
  busy,
  save,
  onSaved,
}: {
  book: string;
  account: Account;
  all: Account[];
  busy: boolean;
  save: (input: ApiInput<'account.setAttributes'>) => Promise<Account | undefined>;
  onSaved: (message: string) => void;
}) {
  const stored: Attributes = { restricted: account.restricted, dimensions: account.dimensions };
  const [next, setNext] = useState<Attributes>(stored);
  const changed = !sameAttributes(next, stored);
  const restrictionChanged = next.restricted !== account.restricted;
  const carried = changed ? followers(account, all, next) : [];

  async function submit() {
    if (!changed || busy) return;
    const done = await save({ book, code: account.code, ...next });
    if (!done) return;
    onSaved(
      `已保存 ${done.code} ${done.fullName} 的属性：${done.restricted ? '限定性' : '非限定性'}，辅助核算 ` +
        `${describeDimensions(done.dimensions)}` +
        (carried.length ? `；${carried.length} 个下级科目随之改变` : '') +
        (restrictionChanged ? '。各期报表（含已结账期间）都按新的限定性列示。' : '。'),
    );
  }

  return (
    <form
      className="section"
      aria-label="限定性与辅助核算"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      // Enter saves from the checkbox and the lists too, not only from a text field.
      onKeyDown={(e) => {
        if (e.key !== 'Enter' || e.target instanceof HTMLButtonElement) return;
        e.preventDefault();
        void submit();
      }}
    >
      <div className="section-label">限定性与辅助核算</div>
      <label className="radio-line">
        <input
          type="checkbox"
          aria-label="限定性"
          checked={next.restricted}
          onChange={(e) => setNext({ ...next, restricted: e.target.checked })}
        />
        <span>
          限定性
          <span className="hint"> · 资金提供者限定用途，收入结转到 3102 限定性净资产</span>
        </span>
      </label>
      <div className="attribute-rules">
        {dimensionNames.map((name) => (
          <Field key={name} label={dimensionText[name]}>
            <Select
              aria-label={dimensionText[name]}
              value={next.dimensions[name]}
              onChange={(e) =>
                setNext({
                  ...next,
                  dimensions: { ...next.dimensions, [name]: e.target.value as DimensionRule },
                })
              }
            >
              {Object.entries(ruleText).map(([rule, text]) => (
                <option key={rule} value={rule}>
                  {text}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      </div>
      {changed && (
        <p className="hint attribute-effect" data-testid="attribute-effect">
          {carried.length > 0
            ? `下级科目 ${carried
                .slice(0, 4)
                .map((a) => `${a.code} ${a.name}`)
                .join(
                  '、',
                )}${carried.length > 4 ? ` 等 ${carried.length} 个` : ''} 原与本科目相同，随之改变；单独设置过的下级保留自己的设置。`
            : '没有下级科目随之改变。'}
          {restrictionChanged &&
            ' 所有期间（含已结账期间）的业务活动表、资产负债表和资金来源情况表都按限定性列示，改后即按新属性重算。'}
        </p>
      )}
      <div className="form-actions">
        <span className="hint" style={{ flex: 1 }}>
          必填：每条分录都要填 · Enter 保存
        </span>
        <Button type="submit" disabled={!changed || busy}>
          保存属性
        </Button>
      </div>
    </form>
  );
}

/** The next free two-digit suffix under a parent: 01, 02, … */
function nextChildCode(parent: Account, children: Account[], all: Account[]): string {
  const used = new Set(all.map((a) => a.code));
  const start = children.length + 1;
  for (let n = start; n < 100; n++) {
    const code = `${parent.code}${String(n).padStart(2, '0')}`;
    if (!used.has(code)) return String(n).padStart(2, '0');
  }
  for (let n = 1; n < start; n++) {
    const code = `${parent.code}${String(n).padStart(2, '0')}`;
    if (!used.has(code)) return String(n).padStart(2, '0');
  }
  return '';
}

function AccountPanel({
  book,
  account,
  subAccounts,
  all,
  canWrite,
  onChanged,
}: {
  book: string;
  account: Account | undefined;
  subAccounts: Account[];
  all: Account[];
  canWrite: boolean;
  onChanged: (message: string, select?: string) => void;
}) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const [suffix, setSuffix] = useState(() => (account ? nextChildCode(account, subAccounts, all) : ''));
  const [childName, setChildName] = useState('');
  const [name, setName] = useState(account?.name ?? '');
  const [confirmDelete, setConfirmDelete] = useState(false);

  if (!account)
    return (
      <Card title="科目">
        <p className="muted" style={{ margin: 0 }}>
          在左侧选择一个科目，查看详情{canWrite ? '、增加下级科目、改名、停用或删除' : ''}。
        </p>
      </Card>
    );

  const deepest = account.code.length >= 12;
  const childCode = `${account.code}${suffix}`;
  const parentDisabled = !account.active && all.some((a) => a.code === account.parentCode && !a.active);

  async function addChild() {
    if (!account) return;
    const added = await action.run('account.add', { book, code: childCode, name: childName });
    if (added) onChanged(`已增加科目 ${added.code} ${added.fullName}`, added.code);
  }

  return (
    <div className="card detail" data-testid="account-panel">
      <Progress active={action.busy} />
      <h2 style={{ marginBottom: 8 }}>
        <span className="code">{account.code}</span> {account.name}
      </h2>
      <ErrorNotice error={action.error} onClose={action.clearError} />
      <dl>
        <dt>全称</dt>
        <dd>{account.fullName}</dd>
        <dt>类别</dt>
        <dd>{categoryText[account.category]}</dd>
        <dt>余额方向</dt>
        <dd>{sideText[account.normalSide]}</dd>
        <dt>级次</dt>
        <dd>
          {account.level} 级 ·{' '}
          {account.isLeaf ? '末级科目（可记账）' : `上级科目（${subAccounts.length} 个下级）`}
        </dd>
        <dt>状态</dt>
        <dd>{account.active ? '在用' : <span className="badge closed">停用</span>}</dd>
        {!canWrite && (
          <>
            <dt>限定性</dt>
            <dd>{account.restricted ? '是' : '否（非限定性）'}</dd>
            <dt>辅助核算</dt>
            <dd>{describeDimensions(account.dimensions)}</dd>
          </>
        )}
      </dl>

      {canWrite && (
        <>
          <AttributeForm
            book={book}
            account={account}
            all={all}
            busy={action.busy}
            save={(input) => action.run('account.setAttributes', input)}
            onSaved={onChanged}
          />

          <div className="section">
            <div className="section-label">增加下级科目</div>
            {deepest ? (
              <p className="hint">已是最末一级（12 位编码），不能再增加下级。</p>
            ) : (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void addChild();
                }}
                aria-label="增加下级科目"
              >
                <div className="form-row">
                  <Field label="编码">
                    <span className="code-input">
                      <span className="prefix">{account.code}</span>
                      <Input
                        value={suffix}
                        onChange={(e) => setSuffix(e.target.value.replace(/\D/g, '').slice(0, 2))}
                        aria-label="下级编码（两位）"
                        invalid={suffix.length > 0 && suffix.length !== 2}
                        maxLength={2}
                      />
                    </span>
                  </Field>
                  <Field label="名称">
                    <Input
                      value={childName}
                      onChange={(e) => setChildName(e.target.value)}
                      aria-label="下级科目名称"
                      style={{ width: 170 }}
                    />
                  </Field>
                </div>
                <div className="form-actions" style={{ alignItems: 'flex-start', marginTop: 6 }}>
                  <span className="hint" style={{ flex: 1 }}>
                    按 4-2-2 规则每级加两位；余额方向随上级（{sideText[account.normalSide]}）。
                    {account.isLeaf && '增加下级后本科目不再是末级，期初余额和分录需记到下级科目。'}
                  </span>
                  <Button
                    type="submit"
                    variant="primary"
                    disabled={suffix.length !== 2 || !childName.trim() || action.busy}
                  >
                    增加
                  </Button>
                </div>
              </form>
            )}
          </div>

          <div className="section">
            <form
              onSubmit={async (e) => {
                e.preventDefault();
                const renamed = await action.run('account.rename', { book, code: account.code, name });
                if (renamed) onChanged(`科目 ${account.code} 已改名为“${renamed.name}”`);
              }}
              aria-label="修改科目名称"
            >
              <div className="form-row">
                <Field label="修改名称">
                  <Input value={name} onChange={(e) => setName(e.target.value)} style={{ width: 200 }} />
                </Field>
                <Button type="submit" disabled={!name.trim() || name.trim() === account.name || action.busy}>
                  保存名称
                </Button>
              </div>
            </form>
          </div>

          <div className="section form-row" style={{ alignItems: 'center' }}>
            {account.active ? (
              <Button
                disabled={action.busy}
                onClick={async () => {
                  const done = await action.run('account.disable', { book, code: account.code });
                  if (done) onChanged(`已停用科目 ${account.code} ${account.fullName}`);
                }}
              >
                停用
              </Button>
            ) : (
              <Button
                disabled={action.busy || parentDisabled}
                title={parentDisabled ? '上级科目已停用，请先启用上级科目' : undefined}
                onClick={async () => {
                  const done = await action.run('account.enable', { book, code: account.code });
                  if (done) onChanged(`已启用科目 ${account.code} ${account.fullName}`);
                }}
              >
                启用
              </Button>
            )}
            <Button
              variant="danger"
              disabled={action.busy || !account.isLeaf}
              title={account.isLeaf ? undefined : '有下级科目的科目不能删除'}
              onClick={() => setConfirmDelete(true)}
            >
              删除
            </Button>
            <span className="hint">已有分录的科目不能删除，可停用。</span>
          </div>
        </>
      )}

      {confirmDelete && (
        <Dialog
          title="删除科目"
          danger
          confirm="删除"
          onCancel={() => setConfirmDelete(false)}
          onConfirm={async () => {
            setConfirmDelete(false);
            const code = account.code;
            await action.run('account.delete', { book, code });
            // account.delete returns nothing, so success is read back from the chart itself.
            const left = await client
              .call('account.list', { book, includeInactive: true })
              .catch(() => undefined);
            if (left && !left.some((a) => a.code === code))
              onChanged(`已删除科目 ${code} ${account.fullName}`, account.parentCode ?? '');
          }}
        >
          确定删除科目 <span className="code">{account.code}</span> {account.fullName}？
          <p className="hint">删除后不能恢复。已有凭证分录或期初余额的科目不能删除。</p>
        </Dialog>
      )}
    </div>
  );
}
