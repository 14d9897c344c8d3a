import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { announceChange, client, toApiError, useAction, useApi } from '../api';
import { useBook } from '../book';
import { PeriodRange } from '../reports/PeriodRange';
import { href, useRoute } from '../router';
import { useSession } from '../session';
import {
  Amount,
  Button,
  Dialog,
  Empty,
  ErrorNotice,
  Field,
  Input,
  Notice,
  Page,
  Progress,
  Select,
  StatusBadge,
  Toolbar,
} from '../ui/components';
import { BatchResult, type BatchOutcome } from '../vouchers/BatchResult';
import {
  canBatchPost,
  canBatchReview,
  factsOfItem,
  factsOfVoucher,
  mayPost,
  mayReview,
  refText,
  reversalSummary,
  statusOptions,
  type Voucher,
  type VoucherItem,
  type VoucherStatus,
} from '../vouchers/rules';
import { VoucherDetail, type VoucherAction } from '../vouchers/VoucherDetail';
import '../vouchers/vouchers.css';

interface Filters {
  from: string;
  to: string;
  status: '' | VoucherStatus;
  account: string;
  project: string;
  text: string;
}

const periodPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
const blank: Filters = { from: '', to: '', status: '', account: '', project: '', text: '' };

/** `#/vouchers?status=draft&from=2025-03&to=2025-03` (or `?period=2025-03`) prefills the filters. */
function filtersOf(params: URLSearchParams): Filters {
  const p = (name: string) => params.get(name)?.trim() ?? '';
  const period = periodPattern.test(p('period')) ? p('period') : '';
  const status = p('status');
  let from = periodPattern.test(p('from')) ? p('from') : period;
  let to = periodPattern.test(p('to')) ? p('to') : period;
  // One end given: the other is the end of that year.
  if (from && !to) to = `${from.slice(0, 4)}-12`;
  if (to && !from) from = `${to.slice(0, 4)}-01`;
  return {
    from,
    to,
    status: statusOptions.some((o) => o.value === status) ? (status as Filters['status']) : '',
    account: p('account'),
    project: p('project'),
    text: p('text'),
  };
}

const actionText: Record<VoucherAction, string> = { review: '审核', unreview: '取消审核', post: '记账' };

/** Said before any posting, one voucher or many: it cannot be undone. */
const postWarning = '记账后凭证不能再修改，更正须用红字冲销。';

/** The voucher the operator asked to post, awaiting Enter (post) or Esc (cancel). */
interface PostAsk {
  id: number;
  period: string;
  ref: string;
  summary: string;
  amount: string;
}

interface BatchAsk {
  kind: 'review' | 'post';
  /** The whole period range's eligible vouchers are checked: one range call does them all. */
  whole: boolean;
  picked: VoucherItem[];
  count: number;
}

/**
 * 凭证查询: find vouchers by period, status, account, project and summary text; open one as a 记账凭证
 * to review, post, reverse or edit it; review or post many at once.
 */
export function VoucherList() {
  const session = useSession();
  const operator = session.operator;
  const book = useBook();
  const route = useRoute();
  const routeKey = route.params.toString();

  const periods = useApi('period.list', { book });
  const accounts = useApi('account.list', { book });
  const dimensions = useApi('dimension.list', { book });

  const [filters, setFilters] = useState<Filters>(() => filtersOf(route.params));
  const [applied, setApplied] = useState<Filters>(filters);
  const written = useRef(routeKey);
  // The filters of now, for timers and for callbacks kept in notices (打开红字凭证): every change goes
  // through `changeFilters`, so they never read a stale set.
  const latest = useRef(filters);
  const changeFilters = (next: Filters | ((f: Filters) => Filters)) => {
    latest.current = typeof next === 'function' ? next(latest.current) : next;
    setFilters(latest.current);
  };

  // Another link to this screen (the navigation, the dashboard) sets the filters afresh.
  useEffect(() => {
    if (routeKey === written.current) return;
    written.current = routeKey;
    const next = filtersOf(new URLSearchParams(routeKey));
    changeFilters(next);
    setApplied(next);
  }, [routeKey]);

  // Without a range in the link, the list covers the whole current year of the book: the year of its
  // first open month.
  const year = useMemo(() => {
    const list = periods.data;
    if (!list) return undefined;
    const current = list.find((p) => !p.closed) ?? list.at(-1);
    return (current?.period ?? new Date().toISOString()).slice(0, 4);
  }, [periods.data]);
  // The months to choose from: the book's, through the end of its latest year.
  const months = useMemo(() => {
    const list = periods.data ?? [];
    const first = list[0]?.period;
    const last = list.at(-1)?.period;
    if (!first || !last) return [];
    const out: string[] = [];
    for (let m = first; m <= `${last.slice(0, 4)}-12`; m = nextMonth(m)) out.push(m);
    return out;
  }, [periods.data]);

  const [started, setStarted] = useState(() => !!(filters.from || filters.to));
  useEffect(() => {
    if (!year) return;
    const withYear = (f: Filters) => (f.from || f.to ? f : { ...f, from: `${year}-01`, to: `${year}-12` });
    changeFilters(withYear);
    setApplied(withYear);
    setStarted(true);
  }, [year, routeKey]);
  useEffect(() => {
    if (periods.error) setStarted(true);
  }, [periods.error]);

  // Typing filters the list after a short pause; the link in the address bar follows.
  useEffect(() => {
    const timer = setTimeout(() => {
      const now = latest.current;
      setApplied(now);
      const link = href('/vouchers', { ...now });
      written.current = link.split('?')[1] ?? '';
      if (window.location.hash !== link) window.history.replaceState(null, '', link);
    }, 200);
    return () => clearTimeout(timer);
  }, [filters]);

  const list = useApi(
    'voucher.list',
    started
      ? {
          book,
          from: applied.from || undefined,
          to: applied.to || undefined,
          status: applied.status || undefined,
          account: applied.account || undefined,
          project: applied.project || undefined,
          text: applied.text || undefined,
        }
      : null,
  );
  const rows = useMemo(() => list.data ?? [], [list.data]);
  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);
  const originals = useVoucherRefs(
    book,
    rows.filter((r) => r.reversesId !== null && !byId.has(r.reversesId)).map((r) => r.reversesId!),
  );

  const [selected, setSelected] = useState<number>();
  const [open, setOpen] = useState(false);
  const [checked, setChecked] = useState<Set<number>>(new Set());
  const detail = useApi('voucher.get', open && selected !== undefined ? { book, voucher: selected } : null);
  const shown = open && selected !== undefined ? detail.data : undefined;

  const action = useAction(operator?.name);
  const batch = useAction(operator?.name);
  const [batchBusy, setBatchBusy] = useState(false);
  const [flash, setFlash] = useState<{ kind: 'ok' | 'info'; text: ReactNode }>();
  const [outcome, setOutcome] = useState<BatchOutcome>();
  const [batchAsk, setBatchAsk] = useState<BatchAsk>();
  const [reverseAsk, setReverseAsk] = useState<Voucher>();
  const [postAsk, setPostAsk] = useState<PostAsk>();
  const busy = action.busy || batch.busy || batchBusy;

  const tableRef = useRef<HTMLTableElement>(null);
  const checkAllRef = useRef<HTMLInputElement>(null);

  // Opening the voucher shortens the list: keep its row in sight.
  useEffect(() => {
    if (!open || selected === undefined) return;
    tableRef.current?.querySelector(`tr[data-id="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [open, selected]);

  const focusRow = (id: number) =>
    requestAnimationFrame(() => {
      const row = tableRef.current?.querySelector<HTMLTableRowElement>(`tr[data-id="${id}"]`);
      row?.focus({ preventScroll: true });
      row?.scrollIntoView({ block: 'nearest' });
    });

  /** Opens a voucher, widening the filters to its month when the list does not show it. */
  const openVoucher = (id: number, period: string) => {
    setSelected(id);
    setOpen(true);
    const f = latest.current;
    const listed =
      (!f.from || f.from <= period) &&
      (!f.to || period <= f.to) &&
      !f.status &&
      !f.account &&
      !f.project &&
      !f.text;
    if (!listed) changeFilters({ ...blank, from: period, to: period });
    focusRow(id);
  };

  const transition = async (kind: VoucherAction, id: number) => {
    setFlash(undefined);
    const input = { book, voucher: id };
    const done =
      kind === 'review'
        ? await action.run('voucher.review', input)
        : kind === 'unreview'
          ? await action.run('voucher.unreview', input)
          : await action.run('voucher.post', input);
    if (done) {
      const warnings = 'warnings' in done ? (done.warnings ?? []) : [];
      setFlash({
        kind: warnings.length > 0 ? 'info' : 'ok',
        text: `已${actionText[kind]} ${done.period} ${done.ref}${warnings.map((w) => `。注意：${w}`).join('')}`,
      });
    }
  };

  const askPost = (v: VoucherItem | Voucher) =>
    setPostAsk({
      id: v.id,
      period: v.period,
      ref: v.ref,
      summary: v.summary,
      amount: 'amount' in v ? v.amount : v.debitTotal,
    });

  const runPost = async (ask: PostAsk) => {
    setPostAsk(undefined);
    await transition('post', ask.id);
    focusRow(ask.id);
  };

  // ---- batch -------------------------------------------------------------------------------------
  const pickedRows = rows.filter((r) => checked.has(r.id));
  const allChecked = rows.length > 0 && pickedRows.length === rows.length;
  useEffect(() => {
    if (checkAllRef.current)
      checkAllRef.current.indeterminate = pickedRows.length > 0 && pickedRows.length < rows.length;
  });

  const askBatch = (kind: 'review' | 'post') => {
    const eligible: VoucherStatus = kind === 'review' ? 'draft' : 'reviewed';
    const eligibleRows = rows.filter((r) => r.status === eligible);
    const onlyPeriod =
      !applied.account &&
      !applied.project &&
      !applied.text &&
      (applied.status === '' || applied.status === eligible) &&
      periodPattern.test(applied.from) &&
      periodPattern.test(applied.to);
    const whole = onlyPeriod && eligibleRows.length > 0 && eligibleRows.every((r) => checked.has(r.id));
    // Like the range call, a batch passes over what is not waiting for this step.
    const picked = pickedRows.filter((r) => r.status === eligible);
    if (picked.length === 0) {
      setFlash({
        kind: 'info',
        text: `选中的凭证中没有${kind === 'review' ? '未审核' : '已审核待记账'}的凭证。`,
      });
      return;
    }
    setBatchAsk({ kind, whole, picked, count: whole ? eligibleRows.length : picked.length });
  };

  const runBatch = async (ask: BatchAsk) => {
    setBatchAsk(undefined);
    setOutcome(undefined);
    setFlash(undefined);
    const verb = ask.kind === 'review' ? '审核' : '记账';
    if (ask.whole) {
      const input = { book, from: applied.from, to: applied.to };
      const result =
        ask.kind === 'review'
          ? await batch.run('voucher.reviewRange', input)
          : await batch.run('voucher.postRange', input);
      if (result) {
        setOutcome({
          action: verb,
          scope: `${applied.from} 至 ${applied.to} 的全部${ask.kind === 'review' ? '未审核' : '已审核'}凭证`,
          ...result,
        });
      }
    } else {
      // Some vouchers picked by hand: each one goes to the core, which says why it refuses any.
      setBatchBusy(true);
      const done: string[] = [];
      const skipped: BatchOutcome['skipped'] = [];
      const warnings: BatchOutcome['warnings'] = [];
      for (const r of ask.picked) {
        const name = `${r.period} ${r.ref}`;
        try {
          const input = { book, voucher: r.id };
          if (ask.kind === 'review') await client.call('voucher.review', input, operator?.name);
          else {
            const posted = await client.call('voucher.post', input, operator?.name);
            for (const warning of posted.warnings ?? []) warnings.push({ voucher: name, warning });
          }
          done.push(name);
        } catch (e) {
          skipped.push({ voucher: name, reason: toApiError(e).message });
        }
      }
      setBatchBusy(false);
      setOutcome({ action: verb, scope: `选中的 ${ask.picked.length} 张凭证`, done, skipped, warnings });
      // Every open read (this list, the voucher, the top bar) re-reads, as after any useAction change.
      if (done.length > 0) announceChange();
    }
    setChecked(new Set());
  };

  const runReverse = async (v: Voucher) => {
    setReverseAsk(undefined);
    setFlash(undefined);
    const red = await action.run('voucher.reverse', { book, voucher: v.id });
    if (!red) return;
    setFlash({
      kind: 'ok',
      text: (
        <span data-testid="reversal-done">
          已生成红字凭证 <strong>{refText(red)}</strong>（{red.summary}，未审核，仍需审核、记账）。{' '}
          <Button small variant="primary" onClick={() => openVoucher(red.id, red.period)}>
            打开红字凭证
          </Button>
        </span>
      ),
    });
  };

  // ---- keyboard ----------------------------------------------------------------------------------
  const dialogOpen = !!batchAsk || !!reverseAsk || !!postAsk;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (dialogOpen || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target as HTMLElement;
    const typing =
      target instanceof HTMLSelectElement ||
      target instanceof HTMLTextAreaElement ||
      (target instanceof HTMLInputElement && target.type !== 'checkbox');
    if (typing) return;
    const index = selected === undefined ? -1 : rows.findIndex((r) => r.id === selected);
    const onRow = !!target.closest('tr[data-id]');
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      if (rows.length === 0) return;
      e.preventDefault();
      const next = key === 'ArrowDown' ? Math.min(index + 1, rows.length - 1) : Math.max(index - 1, 0);
      const id = rows[next]!.id;
      setSelected(id);
      focusRow(id);
    } else if (key === 'Enter' && onRow && selected !== undefined) {
      e.preventDefault();
      setOpen(true);
    } else if (key === ' ' && onRow && selected !== undefined && checks) {
      e.preventDefault();
      toggle(selected);
    } else if (key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
      if (selected !== undefined) focusRow(selected);
    } else if ((key === 'r' || key === 'p') && selected !== undefined && !busy) {
      const voucher = shown && shown.id === selected ? shown : byId.get(selected);
      if (!voucher) return;
      e.preventDefault();
      const facts = 'amount' in voucher ? factsOfItem(voucher) : factsOfVoucher(voucher);
      const verdict = key === 'r' ? mayReview(facts, operator) : mayPost(facts, operator);
      // Review can be undone (取消审核) and uses no number, so R acts at once; posting asks first.
      if (verdict.ok && key === 'r') void transition('review', selected);
      else if (verdict.ok) askPost(voucher);
      else setFlash({ kind: 'info', text: `不能${key === 'r' ? '审核' : '记账'}：${verdict.why}` });
    }
  };

  const toggle = (id: number) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const set = (patch: Partial<Filters>) => changeFilters((f) => ({ ...f, ...patch }));
  const canReviewBatch = canBatchReview(operator);
  const canPostBatch = canBatchPost(operator);
  const checks = canReviewBatch || canPostBatch;
  const total = rows.reduce((sum, r) => sum + (r.status === 'void' ? 0 : yuanToFen(r.amount)), 0);
  const reverseClosed = reverseAsk && periods.data?.some((p) => p.period === reverseAsk.period && p.closed);

  return (
    <Page
      title="凭证查询"
      sub={
        <span data-testid="list-summary">
          {book} · {applied.from || '最早'} 至 {applied.to || '最近'} · 共 {rows.length} 张
          {rows.length > 0 && (
            <>
              {' '}
              · 金额合计 <Amount value={fenToYuan(total)} />
            </>
          )}
        </span>
      }
      actions={
        !session.readOnly && (
          <a className="btn" href={href('/voucher')} style={{ display: 'inline-flex', alignItems: 'center' }}>
            新增凭证
          </a>
        )
      }
    >
      <Progress active={busy} />
      <div onKeyDown={onKeyDown}>
        <form className="vl-filters" onSubmit={(e) => e.preventDefault()} aria-label="查询条件">
          <Toolbar>
            <PeriodRange
              from={filters.from}
              to={filters.to}
              months={months}
              onChange={(range) => set(range)}
            />
            <Field label="状态">
              <Select
                aria-label="状态"
                value={filters.status}
                onChange={(e) => set({ status: e.target.value as Filters['status'] })}
              >
                {statusOptions.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="科目（含下级）">
              <Input
                aria-label="科目"
                list="vl-accounts"
                placeholder="编码，如 1002"
                value={filters.account}
                onChange={(e) => set({ account: e.target.value })}
                style={{ width: 150 }}
              />
              <datalist id="vl-accounts">
                {(accounts.data ?? []).map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.fullName}
                  </option>
                ))}
              </datalist>
            </Field>
            <Field label="项目">
              <Select
                aria-label="项目"
                value={filters.project}
                onChange={(e) => set({ project: e.target.value })}
                style={{ maxWidth: 180 }}
              >
                <option value="">全部</option>
                {filters.project && !dimensions.data?.projects.some((p) => p.name === filters.project) && (
                  <option value={filters.project}>{filters.project}</option>
                )}
                {(dimensions.data?.projects ?? []).map((p) => (
                  <option key={p.id} value={p.name}>
                    {p.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="摘要包含">
              <Input
                aria-label="摘要包含"
                type="search"
                value={filters.text}
                onChange={(e) => set({ text: e.target.value })}
                style={{ width: 170 }}
              />
            </Field>
            <Button
              onClick={() =>
                changeFilters({ ...blank, from: year ? `${year}-01` : '', to: year ? `${year}-12` : '' })
              }
            >
              清除条件
            </Button>
          </Toolbar>
        </form>

        <ErrorNotice error={list.error} />
        {flash && (
          <Notice kind={flash.kind}>
            <span data-testid="flash">{flash.text}</span>
          </Notice>
        )}
        {!open && <ErrorNotice error={action.error} onClose={action.clearError} />}
        <ErrorNotice error={batch.error} onClose={batch.clearError} />
        {outcome && <BatchResult outcome={outcome} onClose={() => setOutcome(undefined)} />}

        <div className="vl-batch">
          {checks && (
            <>
              <label className="check-all">
                <input
                  ref={checkAllRef}
                  type="checkbox"
                  checked={allChecked}
                  disabled={rows.length === 0}
                  onChange={() => setChecked(allChecked ? new Set() : new Set(rows.map((r) => r.id)))}
                />
                全选
              </label>
              <span className="muted" data-testid="checked-count">
                已选 {pickedRows.length} 张
              </span>
              {canReviewBatch && (
                <Button disabled={busy || pickedRows.length === 0} onClick={() => askBatch('review')}>
                  批量审核
                </Button>
              )}
              {canPostBatch && (
                <Button disabled={busy || pickedRows.length === 0} onClick={() => askBatch('post')}>
                  批量记账
                </Button>
              )}
            </>
          )}
          <span className="hint keys">
            <kbd>↑</kbd>
            <kbd>↓</kbd> 选择 · <kbd>Enter</kbd> 打开
            {checks && (
              <>
                {' '}
                · <kbd>空格</kbd> 勾选
              </>
            )}
            {canReviewBatch && (
              <>
                {' '}
                · <kbd>R</kbd> 审核
              </>
            )}
            {canPostBatch && (
              <>
                {' '}
                · <kbd>P</kbd> 记账
              </>
            )}{' '}
            · <kbd>Esc</kbd> 关闭凭证
          </span>
        </div>

        {rows.length === 0 ? (
          <div className="table-wrap" data-testid="voucher-list-empty">
            <Empty>
              {list.data && !list.loading
                ? '没有符合条件的凭证。'
                : list.error
                  ? '未能读取凭证。'
                  : '正在读取……'}
              {list.data && !list.loading && !session.readOnly && (
                <>
                  {' '}
                  <a href={href('/voucher')}>录入凭证</a>
                </>
              )}
            </Empty>
          </div>
        ) : (
          <div
            className="table-wrap vl-list"
            style={{ maxHeight: open ? 'calc(40vh - 20px)' : 'calc(100vh - 236px)' }}
          >
            <table className="grid" ref={tableRef} data-testid="voucher-list" aria-busy={list.loading}>
              <thead>
                <tr>
                  {checks && <th className="check" aria-label="勾选" />}
                  <th>日期</th>
                  <th>凭证号</th>
                  <th style={{ width: '100%' }}>摘要</th>
                  <th className="num">金额</th>
                  <th>状态</th>
                  <th>制单</th>
                  <th>审核</th>
                  <th>记账</th>
                  <th className="num">附单据</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const isSelected = r.id === selected;
                  const original =
                    r.reversesId !== null
                      ? (byId.get(r.reversesId) ?? originals.get(r.reversesId))
                      : undefined;
                  return (
                    <tr
                      key={r.id}
                      data-id={r.id}
                      data-ref={r.ref}
                      data-period={r.period}
                      tabIndex={isSelected || (selected === undefined && r === rows[0]) ? 0 : -1}
                      aria-selected={isSelected}
                      className={[
                        'clickable',
                        isSelected ? 'selected' : '',
                        r.status === 'void' ? 'void' : '',
                      ]
                        .filter(Boolean)
                        .join(' ')}
                      onClick={() => {
                        setSelected(r.id);
                        setOpen(true);
                      }}
                      onFocus={(e) => {
                        if (e.target === e.currentTarget) setSelected(r.id);
                      }}
                    >
                      {checks && (
                        <td className="check" onClick={(e) => e.stopPropagation()}>
                          <input
                            type="checkbox"
                            aria-label={`勾选 ${r.period} ${r.ref}`}
                            checked={checked.has(r.id)}
                            onChange={() => toggle(r.id)}
                          />
                        </td>
                      )}
                      <td className="code">{r.date}</td>
                      <td className="code" style={{ color: 'var(--ink)' }}>
                        {r.ref}
                      </td>
                      <td className="summary" title={r.summary}>
                        {r.summary}
                      </td>
                      <td className="num">
                        <Amount value={r.amount} />
                      </td>
                      <td data-testid="status">
                        <span className="vl-status">
                          <StatusBadge status={r.status} red={r.reversesId !== null} />
                          {r.reversesId !== null && (
                            <span className="hint">
                              冲 {original ? refText(original, r.period) : '原凭证'}
                            </span>
                          )}
                          {r.reversedById !== null && <span className="badge red">已冲销</span>}
                        </span>
                      </td>
                      <td>{r.preparedBy}</td>
                      <td>{r.reviewedBy ?? ''}</td>
                      <td>{r.postedBy ?? ''}</td>
                      <td className="num">{r.attachments || ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}

        {open && selected !== undefined && detail.error && !shown && <ErrorNotice error={detail.error} />}
        {shown && (
          <VoucherDetail
            voucher={shown}
            community={book}
            operator={operator}
            busy={busy || detail.loading}
            error={action.error}
            onAction={(kind, v) => (kind === 'post' ? askPost(v) : void transition(kind, v.id))}
            onReverse={(v) => setReverseAsk(v)}
            onOpen={openVoucher}
            onClose={() => {
              setOpen(false);
              if (selected !== undefined) focusRow(selected);
            }}
          />
        )}
      </div>

      {batchAsk && (
        <Dialog
          title={`批量${batchAsk.kind === 'review' ? '审核' : '记账'}`}
          confirm={`${batchAsk.kind === 'review' ? '审核' : '记账'} ${batchAsk.count} 张`}
          onCancel={() => setBatchAsk(undefined)}
          onConfirm={() => void runBatch(batchAsk)}
        >
          {batchAsk.whole ? (
            <p>
              将{batchAsk.kind === 'review' ? '审核' : '记账'} {applied.from} 至 {applied.to} 的全部{' '}
              {batchAsk.count} 张{batchAsk.kind === 'review' ? '未审核' : '已审核'}凭证。
            </p>
          ) : (
            <p>
              将逐张{batchAsk.kind === 'review' ? '审核' : '记账'}选中的 {batchAsk.count} 张凭证。
            </p>
          )}
          <p className="muted">
            {batchAsk.kind === 'review'
              ? '自己制单的凭证不能由自己审核，会被跳过并列出原因。'
              : `${postWarning}不能记账的凭证会被跳过并列出原因。`}
          </p>
        </Dialog>
      )}

      {postAsk && (
        <Dialog
          title={`记账 ${postAsk.period} ${postAsk.ref}？`}
          confirm="记账"
          onCancel={() => {
            setPostAsk(undefined);
            focusRow(postAsk.id);
          }}
          onConfirm={() => void runPost(postAsk)}
        >
          <p>
            {postAsk.period} {postAsk.ref} · {postAsk.summary || '（无摘要）'} · 金额{' '}
            <Amount value={postAsk.amount} />
          </p>
          <p className="muted">{postWarning}Enter 记账，Esc 取消。</p>
        </Dialog>
      )}

      {reverseAsk && (
        <Dialog
          title={`红字冲销 ${reverseAsk.period} ${reverseAsk.ref}`}
          confirm="生成红字凭证"
          danger
          onCancel={() => setReverseAsk(undefined)}
          onConfirm={() => void runReverse(reverseAsk)}
        >
          <p style={{ marginTop: 0 }}>将生成一张红字凭证，冲销已记账的 {reverseAsk.ref}：</p>
          <dl className="vl-preview" data-testid="reversal-preview">
            <dt>摘要</dt>
            <dd>
              <strong>{reversalSummary(reverseAsk)}</strong>
            </dd>
            <dt>日期</dt>
            <dd>
              {reverseClosed
                ? `今天（${reverseAsk.period} 已结账，红字凭证记入当前月份）`
                : `${reverseAsk.date}（与原凭证同日）`}
            </dd>
            <dt>金额</dt>
            <dd>
              <Amount value={negate(reverseAsk.debitTotal)} />
              <span className="muted">　分录、科目与原凭证相同，金额为负数</span>
            </dd>
          </dl>
          <p className="muted" style={{ marginBottom: 0 }}>
            红字凭证生成后为未审核状态，仍需审核、记账。
          </p>
        </Dialog>
      )}
    </Page>
  );
}

/** Looks up the number of vouchers the list does not show (a reversal's original in another year). */
function useVoucherRefs(book: string, ids: number[]): Map<number, { period: string; ref: string }> {
  const [found, setFound] = useState(() => new Map<number, { period: string; ref: string }>());
  const missing = [...new Set(ids)].filter((id) => !found.has(id)).join(',');
  useEffect(() => {
    if (!missing) return;
    let live = true;
    void Promise.all(
      missing.split(',').map((id) =>
        client.call('voucher.get', { book, voucher: Number(id) }).then(
          (v) => [Number(id), { period: v.period, ref: v.ref }] as const,
          () => undefined,
        ),
      ),
    ).then((results) => {
      if (!live) return;
      setFound((prev) => {
        const next = new Map(prev);
        for (const r of results) if (r) next.set(r[0], r[1]);
        return next;
      });
    });
    return () => {
      live = false;
    };
  }, [book, missing]);
  return found;
}

function nextMonth(period: string): string {
  const [y = 0, m = 0] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function yuanToFen(amount: string): number {
  const negative = amount.startsWith('-');
  const [whole = '0', cents = '0'] = amount.replace('-', '').split('.');
  const fen = Number(whole) * 100 + Number(cents.padEnd(2, '0').slice(0, 2));
  return negative ? -fen : fen;
}

function fenToYuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function negate(amount: string): string {
  return amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
}
