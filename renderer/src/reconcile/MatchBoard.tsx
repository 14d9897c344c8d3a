import { Fragment, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ApiError } from '../api';
import { fenText, toFen } from '../money';
import { useFillHeight } from '../setup/layout';
import { Button, ErrorNotice } from '../ui/components';

/**
 * The two-list matching view of 对账: statement lines on the left, book lines on the right, unmatched
 * first. Worked from the keyboard: ↑/↓ move in a list, ←/→ (or Tab) switch lists, Space marks, Enter
 * matches the marked items (their totals and the difference are shown while marking), U or Delete
 * unmatches the focused item's match, Escape clears the marks. A matched item shows its match's reason
 * on hover and, when focused, in the line under the lists, with its partners in the other list lit.
 * The lists end where the totals, the status line and a refusal still fit in the window, so what Enter
 * answers is seen without scrolling.
 */

export type SideName = 'left' | 'right';

export interface MatchItem {
  /** Unique within its list. */
  key: string;
  matchId: number | null;
  /** Signed decimal yuan, as the API gives it. */
  amount: string;
  cells: ReactNode[];
  /** What the item is, in words (for the status line and screen readers). */
  label: string;
  /** Why an unmatched item is unmatched (the exceptions' reason), if known. */
  reason?: string | undefined;
}

export interface MatchColumn {
  header: string;
  /** Width in px; the one column without a width takes the rest. */
  width?: number;
  num?: boolean;
}

export interface MatchSide {
  title: string;
  /** What one item is called in the totals line: 笔 拨款, 张 凭证. */
  noun: string;
  columns: MatchColumn[];
  items: MatchItem[];
}

export interface MatchInfo {
  id: number;
  auto: boolean;
  reason: string;
}

const other = (side: SideName): SideName => (side === 'left' ? 'right' : 'left');

/** Unmatched first, each group in the API's (date) order. */
function ordered(items: MatchItem[]): MatchItem[] {
  return [...items.filter((i) => i.matchId === null), ...items.filter((i) => i.matchId !== null)];
}

export function MatchBoard({
  left,
  right,
  matches,
  canWrite,
  busy,
  error,
  onClearError,
  onMatch,
  onUnmatch,
  jump,
  alone,
}: {
  left: MatchSide;
  right: MatchSide;
  matches: MatchInfo[];
  canWrite: boolean;
  busy: boolean;
  error: ApiError | undefined;
  onClearError: () => void;
  /** Matches the marked items; resolves true when the core accepted. */
  onMatch: (left: string[], right: string[]) => Promise<boolean>;
  onUnmatch: (matchId: number) => Promise<boolean>;
  /** Moves the cursor to an item (from the exceptions list); `n` makes a repeat jump count. */
  jump?: { side: SideName; key: string; n: number } | undefined;
  /** Items of this side may be matched with each other alone when they add up to zero (账内对冲). */
  alone?: { side: SideName; hint: string } | undefined;
}) {
  const sides = { left, right };
  const lists = { left: ordered(left.items), right: ordered(right.items) };
  const byId = new Map(matches.map((m) => [m.id, m]));
  const [active, setActive] = useState<SideName>('left');
  const [cursor, setCursor] = useState<Record<SideName, string | undefined>>({
    left: undefined,
    right: undefined,
  });
  const [marks, setMarks] = useState<Record<SideName, string[]>>({ left: [], right: [] });
  const [hint, setHint] = useState('');
  const rows = useRef(new Map<string, HTMLTableRowElement | null>());
  const wantFocus = useRef(false);

  // Marks only stay on items that are still there and still unmatched (another desk may have matched).
  const open = (side: SideName) => new Set(lists[side].filter((i) => i.matchId === null).map((i) => i.key));
  const marked = {
    left: marks.left.filter((k) => open('left').has(k)),
    right: marks.right.filter((k) => open('right').has(k)),
  };
  // The cursor stays on its item; when that item is gone, it goes to the top of the list.
  const at = (side: SideName): MatchItem | undefined =>
    lists[side].find((i) => i.key === cursor[side]) ?? lists[side][0];
  const focused = at(active);

  // After a match or an unmatch the lists are read again and the items move between the groups;
  // a moved row loses the focus, so the cursor's row takes it back once the new lists are drawn.
  const signature = (['left', 'right'] as const)
    .map((side) => lists[side].map((i) => `${i.key}:${i.matchId ?? ''}`).join(','))
    .join('|');
  const refocusAfter = useRef<string | null>(null);
  useEffect(() => {
    if (refocusAfter.current !== null && refocusAfter.current !== signature) {
      refocusAfter.current = null;
      wantFocus.current = true;
    }
    if (!wantFocus.current) return;
    wantFocus.current = false;
    const item = at(active);

    const row = item && rows.current.get(`${active}:${item.key}`);
    row?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: 'nearest' });
  });

  useEffect(() => {
    if (!jump) return;
    wantFocus.current = true;
    setActive(jump.side);
    setCursor((c) => ({ ...c, [jump.side]: jump.key }));
  }, [jump]);

  const moveTo = (side: SideName, key: string | undefined) => {
    wantFocus.current = true;
    setActive(side);
    setCursor((c) => ({ ...c, [side]: key }));
    setHint('');
  };

  const total = (side: SideName) =>
    lists[side].filter((i) => marked[side].includes(i.key)).reduce((sum, i) => sum + toFen(i.amount), 0n);
  const leftTotal = total('left');
  const rightTotal = total('right');
  const difference = leftTotal - rightTotal;
  const onlyAlone = !!alone && marked[alone.side].length >= 2 && marked[other(alone.side)].length === 0;
  const ready = (marked.left.length > 0 && marked.right.length > 0) || onlyAlone;
  // Room under the lists for the status line, the totals and, when there is one, the refusal.
  const [fill, fillHeight] = useFillHeight<HTMLDivElement>(160, error ? 130 : 84);

  function toggle(side: SideName, item: MatchItem) {
    if (!canWrite) return setHint('只读：不能勾对');
    if (item.matchId !== null) return setHint('这一项已勾对；按 U 取消勾对后才能重新选择');
    setHint('');
    setMarks((m) => ({
      ...m,
      [side]: m[side].includes(item.key) ? m[side].filter((k) => k !== item.key) : [...m[side], item.key],
    }));
  }

  async function match() {
    if (!canWrite) return setHint('只读：不能勾对');
    if (!ready)
      return setHint(`请在两边各用 Space 选中至少一项，再按 Enter 勾对${alone ? `；${alone.hint}` : ''}`);
    // The cursor goes on to the next item that stays unmatched, so the work continues down the list.
    const next = (side: SideName) => {
      const list = lists[side];
      const from = Math.max(
        0,
        list.findIndex((i) => i.key === at(side)?.key),
      );
      const stays = (i: MatchItem) => i.matchId === null && !marked[side].includes(i.key);
      return (list.slice(from).find(stays) ?? list.find(stays) ?? at(side))?.key;
    };
    const after = { left: next('left'), right: next('right') };
    const before = signature;
    if (await onMatch(marked.left, marked.right)) {
      refocusAfter.current = before;
      setMarks({ left: [], right: [] });
      wantFocus.current = true;
      setCursor(after);
      setHint('');
    }
  }

  async function unmatch(item: MatchItem | undefined) {
    if (!canWrite) return setHint('只读：不能取消勾对');
    if (!item || item.matchId === null) return setHint('这一项未勾对');
    const before = signature;
    if (await onUnmatch(item.matchId)) {
      refocusAfter.current = before;
      wantFocus.current = true;
      setHint('');
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if ((e.target as HTMLElement).closest('button, input, select, a')) return;
    const list = lists[active];
    const index = Math.max(
      0,
      list.findIndex((i) => i.key === focused?.key),
    );
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + 12,
      PageUp: index - 12,
      Home: 0,
      End: list.length - 1,
    };
    const key = e.key;
    if (moves[key] !== undefined) {
      e.preventDefault();
      const target = list[Math.max(0, Math.min(list.length - 1, moves[key]))];
      if (target) moveTo(active, target.key);
    } else if (key === 'ArrowLeft' || key === 'ArrowRight') {
      e.preventDefault();
      const side: SideName = key === 'ArrowLeft' ? 'left' : 'right';
      moveTo(side, at(side)?.key);
    } else if (key === 'Tab' && ((active === 'left' && !e.shiftKey) || (active === 'right' && e.shiftKey))) {
      e.preventDefault();
      moveTo(other(active), at(other(active))?.key);
    } else if (key === ' ') {
      e.preventDefault();
      if (focused) toggle(active, focused);
    } else if (key === 'Enter') {
      e.preventDefault();
      void match();
    } else if (key === 'u' || key === 'U' || key === 'Delete') {
      e.preventDefault();
      void unmatch(focused);
    } else if (key === 'Escape' && (marked.left.length > 0 || marked.right.length > 0)) {
      e.preventDefault();
      setMarks({ left: [], right: [] });
    }
  }

  const focusedMatch = focused?.matchId != null ? byId.get(focused.matchId) : undefined;
  const partners = new Set<string>();
  if (focused?.matchId != null)
    for (const side of ['left', 'right'] as const)
      for (const i of lists[side]) if (i.matchId === focused.matchId) partners.add(`${side}:${i.key}`);

  return (
    <div className="rc-board" onKeyDown={onKeyDown} data-testid="match-board">
      <div className="rc-keys hint" aria-hidden="true">
        <kbd>↑</kbd>
        <kbd>↓</kbd> 移动 · <kbd>←</kbd>
        <kbd>→</kbd> 或 <kbd>Tab</kbd> 切换左右 · <kbd>Space</kbd> 选中 · <kbd>Enter</kbd> 勾对 · <kbd>U</kbd>{' '}
        取消勾对 · <kbd>Esc</kbd> 清除选中
      </div>
      <div className="rc-lists" ref={fill}>
        {(['left', 'right'] as const).map((side) => (
          <List
            key={side}
            name={side}
            side={sides[side]}
            items={lists[side]}
            cursorKey={at(side)?.key}
            isActive={active === side}
            marked={marked[side]}
            partners={partners}
            matches={byId}
            rows={rows.current}
            height={fillHeight}
            onFocusItem={(key) => {
              setActive(side);
              setCursor((c) => (c[side] === key ? c : { ...c, [side]: key }));
            }}
            onToggle={(item) => toggle(side, item)}
          />
        ))}
      </div>
      <div className="rc-status" data-testid="match-status" aria-live="polite">
        {focused && (
          <span className="rc-focused">
            {focusedMatch ? (
              <>
                <span className="badge posted">已勾对</span>{' '}
                <span data-testid="match-reason">
                  {focusedMatch.auto ? `自动勾对：${focusedMatch.reason}` : focusedMatch.reason}
                </span>
                {canWrite && <span className="hint">（按 U 取消这组勾对）</span>}
              </>
            ) : (
              <>
                <span className="badge draft">未勾对</span> {focused.reason ?? focused.label}
              </>
            )}
          </span>
        )}
      </div>
      <div
        className={`rc-totals${ready ? (difference === 0n ? ' even' : ' uneven') : ''}`}
        data-testid="match-totals"
      >
        <span>
          {left.title}：已选 <strong>{marked.left.length}</strong> {left.noun}，合计{' '}
          <span className="amount">{fenText(leftTotal)}</span>
        </span>
        <span>
          {right.title}：已选 <strong>{marked.right.length}</strong> {right.noun}，合计{' '}
          <span className="amount">{fenText(rightTotal)}</span>
        </span>
        <span data-testid="match-difference">
          差额 <span className="amount">{fenText(difference)}</span>
        </span>
        <span className="rc-spacer" />
        {hint && <span className="rc-hint">{hint}</span>}
        {canWrite && (
          <>
            <Button
              small
              disabled={marked.left.length + marked.right.length === 0}
              onClick={() => setMarks({ left: [], right: [] })}
            >
              清除选中
            </Button>
            <Button small variant="primary" disabled={!ready || busy} onClick={() => void match()}>
              勾对
            </Button>
          </>
        )}
      </div>
      <ErrorNotice error={error} onClose={onClearError} />
    </div>
  );
}

function List({
  name,
  side,
  items,
  cursorKey,
  isActive,
  marked,
  partners,
  matches,
  rows,
  height,
  onFocusItem,
  onToggle,
}: {
  name: SideName;
  side: MatchSide;
  items: MatchItem[];
  cursorKey: string | undefined;
  isActive: boolean;
  marked: string[];
  partners: Set<string>;
  matches: Map<number, MatchInfo>;
  rows: Map<string, HTMLTableRowElement | null>;
  /** From the top of the list's head to where the totals begin. */
  height: number;
  onFocusItem: (key: string) => void;
  onToggle: (item: MatchItem) => void;
}) {
  const openCount = items.filter((i) => i.matchId === null).length;
  const firstMatched = items.findIndex((i) => i.matchId !== null);
  const span = side.columns.length + 1;
  return (
    <section className={`rc-list${isActive ? ' active' : ''}`} aria-label={side.title} data-side={name}>
      <div className="rc-list-head">
        <h2>{side.title}</h2>
        <span className="hint">
          未勾对 {openCount} · 已勾对 {items.length - openCount}
        </span>
      </div>
      <div className="table-wrap rc-scroll" style={{ maxHeight: Math.max(120, height - 24) }}>
        <table className="grid rc-table" role="grid" aria-label={side.title}>
          <colgroup>
            <col style={{ width: 26 }} />
            {side.columns.map((c, i) => (
              <col key={i} style={c.width ? { width: c.width } : undefined} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th className="rc-mark" title="✓ 已选中；自 自动勾对；手 手工勾对">
                勾
              </th>
              {side.columns.map((c, i) => (
                <th key={i} className={c.num ? 'num' : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && (
              <tr>
                <td colSpan={span} className="rc-none">
                  没有项目
                </td>
              </tr>
            )}
            {items.map((item, i) => {
              const match = item.matchId !== null ? matches.get(item.matchId) : undefined;
              const isMarked = marked.includes(item.key);
              const classes = [
                item.matchId !== null ? 'matched' : 'open',
                isMarked ? 'marked' : '',
                item.key === cursorKey ? 'cursor' : '',
                partners.has(`${name}:${item.key}`) ? 'partner' : '',
              ]
                .filter(Boolean)
                .join(' ');
              return (
                <Fragment key={item.key}>
                  {i === firstMatched && (
                    <tr className="rc-divider" aria-hidden="true">
                      <td colSpan={span}>已勾对</td>
                    </tr>
                  )}
                  <tr
                    ref={(el) => {
                      rows.set(`${name}:${item.key}`, el);
                    }}
                    className={classes}
                    tabIndex={item.key === cursorKey ? 0 : -1}
                    aria-selected={isMarked}
                    aria-label={item.label}
                    data-key={item.key}
                    data-match={item.matchId ?? undefined}
                    title={match ? `勾对：${match.reason}` : item.reason}
                    onFocus={() => onFocusItem(item.key)}
                    onDoubleClick={() => onToggle(item)}
                  >
                    <td
                      className="rc-mark"
                      onClick={(e) => {
                        e.stopPropagation();
                        onToggle(item);
                      }}
                    >
                      {isMarked ? (
                        '✓'
                      ) : match ? (
                        <span className={`rc-matched ${match.auto ? 'auto' : 'manual'}`}>
                          {match.auto ? '自' : '手'}
                        </span>
                      ) : (
                        ''
                      )}
                    </td>
                    {item.cells.map((cell, c) => (
                      <td key={c} className={side.columns[c]?.num ? 'num' : 'text'}>
                        {cell}
                      </td>
                    ))}
                  </tr>
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
