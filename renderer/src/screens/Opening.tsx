import { useEffect, useState, type KeyboardEvent } from 'react';
import { useAction, useApi, type ApiOutput } from '../api';
import { useBook } from '../book';
import { href } from '../router';
import { useSession } from '../session';
import { reason } from '../setup/ImportRefusal';
import { keepsBooks, sideText } from '../labels';
import { fenToText, toFen } from '../setup/money';
import { accountMatcher, visibleRows } from '../setup/tree';
import { useFillHeight } from '../setup/layout';
import '../setup/setup.css';
import { Amount, Button, ErrorNotice, Field, Input, Notice, Page, Progress, Toolbar } from '../ui/components';

type Account = ApiOutput<'account.list'>[number];
type Side = 'debit' | 'credit';
interface Pair {
  debit: string;
  credit: string;
}

/** Grouped for reading (50,000.00); blank for zero. */
function display(fen: number): string {
  if (fen === 0) return '';
  const [whole = '0', cents = '00'] = fenToText(Math.abs(fen)).split('.');
  return `${fen < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** What is wrong with one typed figure, or undefined. */
function problemOf(text: string): string | undefined {
  const fen = toFen(text);
  if (fen === undefined) return '不是有效的金额（示例：1234.56 或 1,234.56）';
  if (fen < 0) return '期初余额不能为负数，请填在另一方';
  return undefined;
}

/**
 * 期初余额: one figure per leaf account as of the first day of the book; parents show the roll-up. The
 * totals and the balance check follow every keystroke; only changed rows are saved.
 */
export function Opening() {
  const [fill, fillHeight] = useFillHeight<HTMLDivElement>();
  const session = useSession();
  const book = useBook();
  const info = useApi('book.get', book ? { book } : null);
  const accounts = useApi('account.list', book ? { book, includeInactive: true } : null);
  const opening = useApi('opening.get', book ? { book } : null);
  const action = useAction(session.operator?.name);
  const [edits, setEdits] = useState<Map<string, Pair>>(new Map());
  const [filter, setFilter] = useState('');
  const [onlyWithBalance, setOnlyWithBalance] = useState(false);
  const [saved, setSaved] = useState<string>();

  const locked = opening.data?.locked ?? false;
  const editable = keepsBooks(session.operator, session.readOnly) && !locked;

  const stored = new Map<string, Pair>();
  for (const row of opening.data?.rows ?? [])
    stored.set(row.code, { debit: display(toFen(row.debit) ?? 0), credit: display(toFen(row.credit) ?? 0) });
  const valueOf = (code: string): Pair => edits.get(code) ?? stored.get(code) ?? { debit: '', credit: '' };

  const all = accounts.data ?? [];
  const leafCodes = new Set(all.filter((a) => a.isLeaf).map((a) => a.code));
  // A parent can still hold a figure entered before it had sub-accounts: it counts in the core's totals.
  const strandedParents = (opening.data?.rows ?? []).filter((r) => !leafCodes.has(r.code));

  // Live figures in 分 for every leaf, and the roll-up (debit minus credit) of every account.
  const fen = new Map<string, { debit: number; credit: number; problem?: string }>();
  let invalid = 0;
  for (const code of [...leafCodes, ...strandedParents.map((r) => r.code)]) {
    const value = valueOf(code);
    const debitProblem = problemOf(value.debit);
    const creditProblem = problemOf(value.credit);
    const debit = debitProblem ? 0 : (toFen(value.debit) ?? 0);
    const credit = creditProblem ? 0 : (toFen(value.credit) ?? 0);
    const problem =
      debitProblem ??
      creditProblem ??
      (debit !== 0 && credit !== 0 ? '期初借方和期初贷方只能填一个' : undefined);
    if (problem) invalid++;
    fen.set(code, { debit, credit, ...(problem ? { problem } : {}) });
  }
  const parentOf = new Map(all.map((a) => [a.code, a.parentCode]));
  const net = new Map<string, number>();
  /** Accounts with a figure of their own or under them. */
  const touched = new Set<string>();
  for (const [own, f] of fen) {
    if (f.debit === 0 && f.credit === 0) continue;
    for (let code: string | null | undefined = own; code; code = parentOf.get(code)) {
      net.set(code, (net.get(code) ?? 0) + f.debit - f.credit);
      touched.add(code);
    }
  }
  let debitTotal = 0;
  let creditTotal = 0;
  for (const f of fen.values()) {
    debitTotal += f.debit;
    creditTotal += f.credit;
  }
  const difference = debitTotal - creditTotal;
  const balanced = difference === 0 && invalid === 0;

  const changed = [...edits.entries()].filter(([code, value]) => {
    const before = stored.get(code) ?? { debit: '', credit: '' };
    return toFen(value.debit) !== toFen(before.debit) || toFen(value.credit) !== toFen(before.credit);
  });

  useEffect(() => {
    if (changed.length === 0) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [changed.length]);

  const shown = all.filter(
    (a: Account) =>
      (a.active || touched.has(a.code)) && (!onlyWithBalance || touched.has(a.code) || edits.has(a.code)),
  );
  const rows = visibleRows(shown, new Set(), accountMatcher(filter));
  const leafRows = rows.filter((a) => a.isLeaf);

  function edit(code: string, side: Side, text: string) {
    setSaved(undefined);
    if (action.error) action.clearError();
    setEdits((m) => new Map(m).set(code, { ...valueOf(code), [side]: text }));
  }

  async function save() {
    const balances = changed.map(([code, value]) => ({
      account: code,
      debit: value.debit.replace(/,/g, ''),
      credit: value.credit.replace(/,/g, ''),
    }));
    const result = await action.run('opening.set', { book, balances, replace: false });
    if (!result) return;
    setEdits(new Map());
    setSaved(
      `已保存 ${balances.length} 个科目的期初余额。${result.balanced ? '借贷平衡。' : `借贷不平，差额 ${result.difference}，记账前须调平。`}`,
    );
    opening.reload();
  }

  // A refusal lists rows by their position in what was sent; show each one on its account.
  const sentCodes = changed.map(([code]) => code);
  const refusedByCode = new Map(
    (action.error?.rows ?? []).map((r) => [sentCodes[r.row - 1] ?? '', reason(r.message)] as const),
  );

  function onKey(e: KeyboardEvent<HTMLInputElement>, index: number, side: Side) {
    if (e.key !== 'Enter' && e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const to = e.key === 'ArrowUp' ? index - 1 : index + 1;
    document.querySelector<HTMLInputElement>(`input[data-leaf="${to}"][data-side="${side}"]`)?.focus();
  }

  return (
    <Page
      title="期初余额"
      sub={
        <>
          {book}
          {info.data && (
            <>
              {' '}
              · 启用期间 {info.data.startPeriod}，录入 {info.data.startPeriod}-01 的余额
            </>
          )}
        </>
      }
    >
      <Progress active={action.busy} />
      <ErrorNotice error={opening.error ?? accounts.error} />
      {locked && (
        <Notice kind="info">本账套已有记账凭证，期初余额已锁定，只能查看。如需更正，请用凭证调整。</Notice>
      )}
      {!locked && !editable && <Notice kind="info">只有会计或主管可以录入期初余额，此处只能查看。</Notice>}
      {strandedParents.length > 0 && (
        <Notice kind="error">
          {strandedParents.map((r) => `${r.code} ${r.name}`).join('、')}{' '}
          已有下级科目，但仍留有期初余额（计入合计）。请到 <a href={href('/import')}>导入</a>{' '}
          重新导入期初余额，把它录入到末级科目。
        </Notice>
      )}
      <ErrorNotice error={action.error} onClose={action.clearError} />
      {saved && <Notice kind="ok">{saved}</Notice>}

      <div className="opening-body">
        <div className="totals-bar" data-testid="opening-totals">
          <span className="total">
            借方合计 <Amount value={fenToText(debitTotal)} />
          </span>
          <span className="total">
            贷方合计 <Amount value={fenToText(creditTotal)} />
          </span>
          <span className="total">
            差额 <Amount value={fenToText(difference)} />
          </span>
          {balanced ? (
            <span className="badge posted" data-testid="opening-balance-state">
              平衡
            </span>
          ) : (
            <span className="badge red" data-testid="opening-balance-state">
              不平
            </span>
          )}
          <span className="spacer" />
          {editable && (
            <>
              {invalid > 0 && <span className="field-error">有 {invalid} 处金额需要更正</span>}
              {changed.length > 0 && <span className="hint">{changed.length} 个科目已修改，未保存</span>}
              <Button
                small
                disabled={edits.size === 0 || action.busy}
                onClick={() => {
                  setEdits(new Map());
                  action.clearError();
                }}
              >
                撤销修改
              </Button>
              <Button
                variant="primary"
                disabled={changed.length === 0 || invalid > 0 || action.busy}
                onClick={() => void save()}
              >
                保存期初余额
              </Button>
            </>
          )}
        </div>

        <Toolbar>
          <Field label="筛选" inline>
            <Input
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              placeholder="科目编码或名称"
              aria-label="筛选科目"
              style={{ width: 200, height: 26 }}
            />
          </Field>
          <label className="field inline" style={{ height: 26 }}>
            <input
              type="checkbox"
              checked={onlyWithBalance}
              onChange={(e) => setOnlyWithBalance(e.target.checked)}
            />
            <span>只显示有余额的科目</span>
          </label>
          {editable && (
            <span className="hint" style={{ marginLeft: 'auto', alignSelf: 'center' }}>
              只录入末级科目；上级科目自动汇总。Enter / ↓ 下一行
            </span>
          )}
        </Toolbar>

        <div className="table-wrap" ref={fill} style={{ maxHeight: fillHeight }}>
          <table className="grid" data-testid="opening">
            <thead>
              <tr>
                <th style={{ width: 110 }}>科目编码</th>
                <th>科目名称</th>
                <th className="center" style={{ width: 44 }}>
                  方向
                </th>
                <th className="num" style={{ width: 160 }}>
                  期初借方
                </th>
                <th className="num" style={{ width: 160 }}>
                  期初贷方
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => {
                const own = fen.get(a.code);
                const problem = own?.problem ?? refusedByCode.get(a.code);
                if (!a.isLeaf) {
                  const sum = net.get(a.code) ?? 0;
                  return (
                    <tr key={a.code} className={a.level === 1 ? 'parent' : ''} data-code={a.code}>
                      <td className="code">{a.code}</td>
                      <td>
                        <span style={{ paddingLeft: (a.level - 1) * 16 }}>{a.name}</span>
                        {own && (own.debit || own.credit) ? (
                          <span className="field-error"> （上级科目留有期初余额）</span>
                        ) : null}
                      </td>
                      <td className="center muted">{sideText[a.normalSide]}</td>
                      <td className="num rollup">{sum > 0 && <Amount value={fenToText(sum)} />}</td>
                      <td className="num rollup">{sum < 0 && <Amount value={fenToText(-sum)} />}</td>
                    </tr>
                  );
                }
                const value = valueOf(a.code);
                const index = leafRows.indexOf(a);
                const before = stored.get(a.code) ?? { debit: '', credit: '' };
                const cell = (side: Side) =>
                  editable ? (
                    <Input
                      className={`amount-input${toFen(value[side]) !== toFen(before[side]) ? ' changed' : ''}`}
                      value={value[side]}
                      invalid={!!problem && (!!problemOf(value[side]) || !!value[side])}
                      title={problem}
                      inputMode="decimal"
                      aria-label={`${a.code} ${a.name} 期初${side === 'debit' ? '借方' : '贷方'}`}
                      data-leaf={index}
                      data-side={side}
                      onChange={(e) => edit(a.code, side, e.target.value)}
                      onBlur={() => {
                        const f = toFen(value[side]);
                        if (f !== undefined && f >= 0 && display(f) !== value[side] && edits.has(a.code))
                          edit(a.code, side, display(f));
                      }}
                      onKeyDown={(e) => onKey(e, index, side)}
                    />
                  ) : (
                    <Amount value={value[side] ? fenToText(toFen(value[side]) ?? 0) : ''} blankZero />
                  );
                return (
                  <tr key={a.code} className={a.active ? '' : 'inactive'} data-code={a.code}>
                    <td className="code">{a.code}</td>
                    <td>
                      <span style={{ paddingLeft: (a.level - 1) * 16 }}>{a.name}</span>
                      {!a.active && <span className="badge closed"> 停用</span>}
                      {problem && <span className="field-error"> {problem}</span>}
                    </td>
                    <td className="center">{sideText[a.normalSide]}</td>
                    <td className={editable ? 'amount-cell' : 'num'}>{cell('debit')}</td>
                    <td className={editable ? 'amount-cell' : 'num'}>{cell('credit')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </Page>
  );
}
