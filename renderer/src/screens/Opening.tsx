import { Fragment, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useAction, useApi, type ApiOutput } from '../api';
import { useBook } from '../book';
import { href } from '../router';
import { useSession } from '../session';
import { reason } from '../setup/ImportRefusal';
import { keepsBooks, sideText } from '../labels';
import { fenToText, toFen } from '../setup/money';
import {
  balancesOf,
  display,
  emptyEntry,
  entryOf,
  figuresOf,
  newPart,
  problemOf,
  sameEntry,
  split,
  type Column,
  type Entry,
  type Figures,
  type Part,
} from '../setup/opening';
import { accountMatcher, visibleRows } from '../setup/tree';
import { useFillHeight } from '../setup/layout';
import { ChoiceCell } from '../voucher/ChoiceCell';
import { searchChoices, useProjectChoices } from '../voucher/accounts';
import '../setup/setup.css';
import '../voucher/voucher.css';
import { Amount, Button, ErrorNotice, Field, Input, Notice, Page, Progress, Toolbar } from '../ui/components';

type Account = ApiOutput<'account.list'>[number];

const columnText: Record<Column, string> = {
  debit: '期初借方',
  credit: '期初贷方',
  yearDebit: '本年累计借方',
  yearCredit: '本年累计贷方',
};

/** Roll-up of an account and everything under it, in 分. */
interface Sum {
  net: number;
  yearDebit: number;
  yearCredit: number;
}

/**
 * 期初余额: one figure per leaf account as of the first day of the book; parents show the roll-up. A
 * project-tracked account can be split by project, its figure then the sum of its parts. A book begun
 * after January also brings the year's movement so far (本年累计借方/贷方), and 年初余额 follows from
 * them, as in 用友. The totals and both checks follow every keystroke; only changed accounts are saved.
 */
export function Opening() {
  const [fill, fillHeight] = useFillHeight<HTMLDivElement>();
  const session = useSession();
  const book = useBook();
  const accounts = useApi('account.list', book ? { book, includeInactive: true } : null);
  const opening = useApi('opening.get', book ? { book } : null);
  const dimensions = useApi('dimension.list', book ? { book } : null);
  const projects = useProjectChoices(dimensions.data?.projects);
  const action = useAction(session.operator?.name);
  const [edits, setEdits] = useState<Map<string, Entry>>(new Map());
  const [filter, setFilter] = useState('');
  const [onlyWithBalance, setOnlyWithBalance] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  /** Where the cursor goes once the next render is on screen (a project line just added or removed). */
  const focusNext = useRef<string>(undefined);

  const locked = opening.data?.locked ?? false;
  const editable = keepsBooks(session.operator, session.readOnly) && !locked;
  const midYear = opening.data?.midYear ?? false;
  const startPeriod = opening.data?.startPeriod;

  // Memoised on the data: the parts' keys must stay put while the accountant types.
  const stored = useMemo(
    () => new Map((opening.data?.rows ?? []).map((r) => [r.code, entryOf(r)])),
    [opening.data],
  );
  const entryOfCode = (code: string): Entry => edits.get(code) ?? stored.get(code) ?? emptyEntry;

  const all = accounts.data ?? [];
  const leafCodes = new Set(all.filter((a) => a.isLeaf).map((a) => a.code));
  // A parent can still hold a figure entered before it had sub-accounts: it counts in the core's totals.
  const strandedParents = (opening.data?.rows ?? []).filter((r) => !leafCodes.has(r.code));

  const resembles = (name: string) => searchChoices(projects.choices, name, 1).length > 0;
  const unchosen = (name: string) => !projects.exact(name) && resembles(name);
  const figures = new Map<string, Figures>();
  for (const code of [...leafCodes, ...strandedParents.map((r) => r.code)])
    figures.set(code, figuresOf(entryOfCode(code), unchosen));
  const parentOf = new Map(all.map((a) => [a.code, a.parentCode]));
  const sums = new Map<string, Sum>();
  let debitTotal = 0;
  let creditTotal = 0;
  let yearDebitTotal = 0;
  let yearCreditTotal = 0;
  let invalid = 0;
  for (const [own, f] of figures) {
    debitTotal += f.debit;
    creditTotal += f.credit;
    yearDebitTotal += f.yearDebit;
    yearCreditTotal += f.yearCredit;
    invalid += f.problems.size;
    if (f.debit === 0 && f.credit === 0 && f.yearDebit === 0 && f.yearCredit === 0) continue;
    for (let code: string | null | undefined = own; code; code = parentOf.get(code)) {
      const sum = sums.get(code) ?? { net: 0, yearDebit: 0, yearCredit: 0 };
      sums.set(code, {
        net: sum.net + f.debit - f.credit,
        yearDebit: sum.yearDebit + f.yearDebit,
        yearCredit: sum.yearCredit + f.yearCredit,
      });
    }
  }
  const difference = debitTotal - creditTotal;
  const yearDifference = yearDebitTotal - yearCreditTotal;
  const balanced = difference === 0 && invalid === 0;
  const yearBalanced = yearDifference === 0 && invalid === 0;

  const changed = [...edits.entries()].filter(
    ([code, entry]) => !sameEntry(entry, stored.get(code) ?? emptyEntry),
  );
  // What would be sent, row by row: a refusal names rows by their position in it.
  const sent = changed.flatMap(([code, entry]) => balancesOf(code, entry).map((b) => ({ code, ...b })));
  const refused = new Map<string, string>();
  for (const r of action.error?.rows ?? []) {
    const row = sent[r.row - 1];
    if (row) refused.set(row.part === undefined ? row.code : `part:${row.part}`, reason(r.message));
  }

  useEffect(() => {
    if (changed.length === 0) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [changed.length]);

  useEffect(() => {
    const selector = focusNext.current;
    if (!selector) return;
    focusNext.current = undefined;
    document.querySelector<HTMLInputElement>(selector)?.focus();
  });

  const shown = all.filter(
    (a: Account) =>
      (a.active || sums.has(a.code)) && (!onlyWithBalance || sums.has(a.code) || edits.has(a.code)),
  );
  const rows = visibleRows(shown, new Set(), accountMatcher(filter));

  function update(code: string, entry: Entry) {
    setMessage(undefined);
    if (action.error) action.clearError();
    setEdits((m) => new Map(m).set(code, entry));
  }

  const canSplit = (a: Account) => editable && a.isLeaf && a.dimensions.project !== 'none';
  const projectCell = (part: Part) => `tr[data-part="${part.key}"] input[data-col="project"]`;

  /** Splits the account by project, or adds a project line after `after` (at the end without it). */
  function addPart(a: Account, after?: Part) {
    const entry = entryOfCode(a.code);
    const part = newPart();
    const parts = [...entry.parts];
    parts.splice(after ? parts.indexOf(after) + 1 : parts.length, 0, part);
    update(a.code, entry.parts.length === 0 ? split(entry, part) : { ...entry, parts });
    focusNext.current = projectCell(part);
  }

  function removePart(a: Account, part: Part) {
    const entry = entryOfCode(a.code);
    const index = entry.parts.indexOf(part);
    const neighbour = entry.parts[index + 1] ?? entry.parts[index - 1];
    const parts = entry.parts.filter((p) => p !== part);
    // The last part gone, the account is no longer split and holds nothing.
    update(a.code, parts.length > 0 ? { ...entry, parts } : { ...entry, parts, debit: '', credit: '' });
    focusNext.current = neighbour
      ? projectCell(neighbour)
      : `tr[data-code="${a.code}"] input[data-col="${a.normalSide}"]`;
  }

  function editPart(code: string, key: number, change: Partial<Part>) {
    const entry = entryOfCode(code);
    update(code, { ...entry, parts: entry.parts.map((p) => (p.key === key ? { ...p, ...change } : p)) });
  }

  async function save() {
    if (!editable || action.busy) return;
    if (invalid > 0) {
      const first = all.find((a) => figures.get(a.code)?.problems.size);
      const where = first ? `，先改 ${first.code} ${first.fullName}` : '';
      setMessage({ kind: 'error', text: `有 ${invalid} 处需要更正${where}，未保存。` });
      return;
    }
    if (changed.length === 0) return;
    const result = await action.run('opening.set', {
      book,
      balances: sent.map((s) => s.input),
      replace: false,
    });
    if (!result) return;
    setEdits(new Map());
    const yearOff = (toFen(result.yearDebitTotal) ?? 0) - (toFen(result.yearCreditTotal) ?? 0);
    const problems = [
      result.difference !== '0.00' && `借贷不平，差额 ${result.difference}`,
      yearOff !== 0 && `本年累计借贷不等，差额 ${fenToText(yearOff)}`,
    ].filter(Boolean);
    setMessage({
      kind: 'ok',
      text: `已保存 ${changed.length} 个科目的期初余额。${result.balanced ? '借贷平衡。' : `${problems.join('；')}，记账前须调平。`}`,
    });
    opening.reload();
  }

  // Ctrl+S saves, as 保存 does, wherever the cursor is on the screen (and never the browser's page).
  const saveNow = useRef(save);
  saveNow.current = save;
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 's') return;
      e.preventDefault();
      void saveNow.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  /** Enter / ↓ / ↑ move down and up a column; Ctrl+I adds a project line, Ctrl+D removes one. */
  function onKey(e: KeyboardEvent<HTMLInputElement>, a: Account, column: Column | 'project', part?: Part) {
    const ctrl = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
    if (ctrl && e.key.toLowerCase() === 'i' && canSplit(a)) {
      e.preventDefault();
      addPart(a, part);
      return;
    }
    if (ctrl && e.key.toLowerCase() === 'd' && part) {
      e.preventDefault();
      removePart(a, part);
      return;
    }
    if (e.ctrlKey || e.altKey || e.metaKey || e.nativeEvent.isComposing) return;
    if (e.key !== 'Enter' && e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const inputs = [
      ...document.querySelectorAll<HTMLInputElement>(`[data-testid="opening"] input[data-col="${column}"]`),
    ];
    inputs[inputs.indexOf(e.currentTarget) + (e.key === 'ArrowUp' ? -1 : 1)]?.focus();
  }

  /** One typed figure, or the figure as read when the screen is read-only. */
  function figure(
    value: string,
    before: string | undefined,
    label: string,
    column: Column,
    problem: string | undefined,
    onText: (text: string) => void,
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void,
  ) {
    if (!editable)
      return (
        <td className="num">
          <Amount value={value ? fenToText(toFen(value) ?? 0) : ''} blankZero />
        </td>
      );
    return (
      <td className="amount-cell">
        <Input
          className={`amount-input${toFen(value) !== toFen(before ?? '') ? ' changed' : ''}`}
          value={value}
          invalid={!!problem && (!!problemOf(value) || !!value)}
          title={problem}
          inputMode="decimal"
          aria-label={`${label} ${columnText[column]}`}
          data-col={column}
          onChange={(e) => onText(e.target.value)}
          // Reached by Enter or ↓, a figure is typed over, as in a voucher's amount cells.
          onFocus={(e) => e.target.select()}
          onBlur={() => {
            const f = toFen(value);
            if (f !== undefined && f >= 0 && display(f) !== value) onText(display(f));
          }}
          onKeyDown={onKeyDown}
        />
      </td>
    );
  }

  /** A derived figure: a parent's roll-up, a split account's sum, 年初余额. */
  const rollup = (fen: number, column?: string) => (
    <td className="num rollup" data-col={column}>
      {fen !== 0 && <Amount value={fenToText(fen)} />}
    </td>
  );
  /** 年初余额 on the account's side; negative when it lies on the other side, as in 用友. */
  const yearOpening = (a: Account, sum: Sum | undefined) => {
    const net = sum ? sum.net - sum.yearDebit + sum.yearCredit : 0;
    return rollup(a.normalSide === 'debit' ? net : -net, 'yearOpening');
  };

  function accountRow(a: Account) {
    const sum = sums.get(a.code);
    const own = figures.get(a.code);
    if (!a.isLeaf)
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
          {midYear && (
            <>
              {yearOpening(a, sum)}
              {rollup(sum?.yearDebit ?? 0)}
              {rollup(sum?.yearCredit ?? 0)}
            </>
          )}
          {rollup(Math.max(sum?.net ?? 0, 0))}
          {rollup(Math.max(-(sum?.net ?? 0), 0))}
        </tr>
      );
    const entry = entryOfCode(a.code);
    const before = stored.get(a.code);
    const isSplit = entry.parts.length > 0;
    const problem = own?.problems.get('own') ?? own?.problems.get('year') ?? refused.get(a.code);
    const label = `${a.code} ${a.name}`;
    const cell = (column: Column) =>
      figure(
        entry[column],
        before?.[column],
        label,
        column,
        column.startsWith('year') ? own?.problems.get('year') : own?.problems.get('own'),
        (text) => update(a.code, { ...entry, [column]: text }),
        (e) => onKey(e, a, column),
      );
    return (
      <Fragment key={a.code}>
        <tr className={a.active ? '' : 'inactive'} data-code={a.code}>
          <td className="code">{a.code}</td>
          <td>
            <span style={{ paddingLeft: (a.level - 1) * 16 }}>{a.name}</span>
            {!a.active && <span className="badge closed"> 停用</span>}
            {canSplit(a) && (
              <button
                type="button"
                className={isSplit ? 'link-button' : 'link-button split'}
                aria-label={isSplit ? `${label} 增加项目行` : `${label} 按项目录入`}
                title="按项目录入期初余额（Ctrl+I）"
                onClick={() => addPart(a)}
              >
                {isSplit ? '＋项目' : '按项目'}
              </button>
            )}
            {problem && <span className="field-error"> {problem}</span>}
          </td>
          <td className="center">{sideText[a.normalSide]}</td>
          {midYear && (
            <>
              {yearOpening(a, sum)}
              {cell('yearDebit')}
              {cell('yearCredit')}
            </>
          )}
          {isSplit ? (
            <>
              {rollup(own?.debit ?? 0)}
              {rollup(own?.credit ?? 0)}
            </>
          ) : (
            <>
              {cell('debit')}
              {cell('credit')}
            </>
          )}
        </tr>
        {entry.parts.map((part, index) => partRow(a, part, index, before, own))}
      </Fragment>
    );
  }

  function partRow(a: Account, part: Part, index: number, before: Entry | undefined, own?: Figures) {
    const was = before?.parts.find((p) => p.key === part.key);
    const problem = own?.problems.get(part.key) ?? refused.get(`part:${part.key}`);
    const projectProblem = !!own?.projectProblems.has(part.key);
    const name = part.project.trim();
    const chosen = projects.exact(name);
    // A name that no project of the book even resembles: not a query still being typed, a new project.
    const isNew = name !== '' && !chosen && !resembles(name);
    const label = `${a.code} ${name || '不指定项目'}`;
    const cell = (column: 'debit' | 'credit') =>
      figure(
        part[column],
        was?.[column],
        label,
        column,
        projectProblem ? undefined : problem,
        (text) => editPart(a.code, part.key, { [column]: text }),
        (e) => onKey(e, a, column, part),
      );
    return (
      <tr key={part.key} className="opening-part" data-part-of={a.code} data-part={part.key}>
        <td />
        <td>
          <span className="part-line" style={{ paddingLeft: (a.level - 1) * 16 + 16 }}>
            <span className="part-mark">└</span>
            {editable ? (
              <ChoiceCell
                id={`opening-project-${part.key}`}
                column="project"
                label={`项目（${a.code} ${a.name}）`}
                listLabel="本账套的项目"
                noneText="本账套没有这个项目：照此名称保存为新项目"
                text={part.project}
                resolved={!!chosen}
                choices={projects.choices}
                exact={projects.exact}
                invalid={projectProblem}
                title={problem ?? (name || '不指定项目')}
                inputRef={() => undefined}
                onType={(text) => editPart(a.code, part.key, { project: text })}
                onChoose={(choice) => editPart(a.code, part.key, { project: choice.name })}
                onMiss={() => undefined}
                onNext={() =>
                  document
                    .querySelector<HTMLInputElement>(
                      `tr[data-part="${part.key}"] input[data-col="${a.normalSide}"]`,
                    )
                    ?.focus()
                }
                onKeyDown={(e) => onKey(e, a, 'project', part)}
                dataLine={index + 1}
              />
            ) : (
              <span>{name || '（不指定项目）'}</span>
            )}
            {editable && (
              <button
                type="button"
                className="link-button"
                aria-label={`删除 ${label} 项目行`}
                title="删除此项目行（Ctrl+D）"
                onClick={() => removePart(a, part)}
              >
                ×
              </button>
            )}
            {chosen?.code && <span className="hint code">{chosen.code}</span>}
            {isNew && <span className="hint">新项目</span>}
          </span>
          {problem && <span className="field-error part-problem">{problem}</span>}
        </td>
        <td />
        {midYear && (
          <>
            <td />
            <td />
            <td />
          </>
        )}
        {cell('debit')}
        {cell('credit')}
      </tr>
    );
  }

  return (
    <Page
      title="期初余额"
      sub={
        <>
          {book}
          {startPeriod && (
            <>
              {' '}
              · 启用期间 {startPeriod}，录入 {startPeriod}-01 的余额
              {midYear && `及 1–${Number(startPeriod.slice(5)) - 1} 月的本年累计发生额`}
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
      {message && (
        <div data-testid="opening-message">
          <Notice kind={message.kind}>{message.text}</Notice>
        </div>
      )}

      <div className={midYear ? 'opening-body mid-year' : 'opening-body'}>
        <div className="totals-bar" data-testid="opening-totals">
          <div className={midYear ? 'checks two' : 'checks'}>
            <CheckLine
              label={midYear ? '期初余额' : undefined}
              debit={debitTotal}
              credit={creditTotal}
              stateId="opening-balance-state"
              problem={midYear && difference !== 0 ? '期初借贷不平' : undefined}
              balanced={balanced}
            />
            {midYear && (
              <CheckLine
                testId="opening-year-check"
                label="本年累计"
                debit={yearDebitTotal}
                credit={yearCreditTotal}
                stateId="opening-year-state"
                problem={yearDifference !== 0 ? '累计借贷不等' : undefined}
                balanced={yearBalanced}
              />
            )}
          </div>
          <span className="spacer" />
          {editable && (
            <>
              {invalid > 0 && <span className="field-error">有 {invalid} 处需要更正</span>}
              {changed.length > 0 && <span className="hint">{changed.length} 个科目已修改，未保存</span>}
              <Button
                small
                disabled={edits.size === 0 || action.busy}
                onClick={() => {
                  setEdits(new Map());
                  action.clearError();
                  setMessage(undefined);
                }}
              >
                撤销修改
              </Button>
              <Button
                variant="primary"
                disabled={changed.length === 0 || invalid > 0 || action.busy}
                title="Ctrl+S"
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
              只录入末级科目，上级自动汇总 · Enter / ↓ 下一行 · Ctrl+I 按项目 · Ctrl+D 删除项目行 · Ctrl+S
              保存
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
                {midYear && (
                  <>
                    <th
                      className="num"
                      style={{ width: 130 }}
                      title="年初余额 = 期初余额 − 本年累计借方 + 本年累计贷方（按余额方向）"
                    >
                      年初余额
                    </th>
                    <th className="num" style={{ width: 140 }}>
                      本年累计借方
                    </th>
                    <th className="num" style={{ width: 140 }}>
                      本年累计贷方
                    </th>
                  </>
                )}
                <th className="num" style={{ width: midYear ? 140 : 160 }}>
                  期初借方
                </th>
                <th className="num" style={{ width: midYear ? 140 : 160 }}>
                  期初贷方
                </th>
              </tr>
            </thead>
            <tbody>{rows.map(accountRow)}</tbody>
          </table>
        </div>
      </div>
    </Page>
  );
}

/** One line of the totals bar: 借方合计, 贷方合计, 差额 and whether it balances (期初, or 本年累计). */
function CheckLine(props: {
  label?: string | undefined;
  debit: number;
  credit: number;
  balanced: boolean;
  problem?: string | undefined;
  stateId: string;
  testId?: string;
}) {
  return (
    <div className="check" {...(props.testId ? { 'data-testid': props.testId } : {})}>
      {props.label && <span className="check-label">{props.label}</span>}
      <span className="total">
        借方合计 <Amount value={fenToText(props.debit)} />
      </span>
      <span className="total">
        贷方合计 <Amount value={fenToText(props.credit)} />
      </span>
      <span className="total">
        差额 <Amount value={fenToText(props.debit - props.credit)} />
      </span>
      <span className={props.balanced ? 'badge posted' : 'badge red'} data-testid={props.stateId}>
        {props.balanced ? '平衡' : '不平'}
      </span>
      {props.label && <span className="field-error">{props.problem}</span>}
    </div>
  );
}
