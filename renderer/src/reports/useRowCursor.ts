import { useCallback, useRef, useState, type KeyboardEvent } from 'react';

/**
 * Keyboard drill-down over a report's rows: ↑/↓ (and PageUp/PageDown, Home/End) move a cursor that is
 * also the focused row, Enter or a click opens it. One row is in the tab order at a time, so Tab
 * reaches the table once and leaves it once. `resetKey` names the figures shown (account, range, filters).
 */
export function useRowCursor(count: number, onOpen: (index: number) => void, resetKey: string) {
  const [index, setIndex] = useState(-1);
  // Other figures (another account, another range): the cursor starts afresh.
  const [key, setKey] = useState(resetKey);
  if (key !== resetKey) {
    setKey(resetKey);
    setIndex(-1);
  }
  const rows = useRef<Array<HTMLTableRowElement | null>>([]);

  const focus = useCallback(
    (next: number) => {
      if (count === 0) return;
      const i = Math.max(0, Math.min(count - 1, next));
      setIndex(i);
      const row = rows.current[i];
      row?.focus({ preventScroll: true });
      row?.scrollIntoView({ block: 'nearest' });
    },
    [count],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const page = 15;
    const at = index < 0 ? -1 : index;
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at < 0 ? 0 : at - 1,
      PageDown: at + page,
      PageUp: at - page,
      Home: 0,
      End: count - 1,
    };
    const target = moves[e.key];
    if (target !== undefined) {
      e.preventDefault();
      focus(target);
    } else if (e.key === 'Enter' && at >= 0) {
      e.preventDefault();
      onOpen(at);
    }
  };

  const rowProps = (i: number) => ({
    ref: (el: HTMLTableRowElement | null) => {
      rows.current[i] = el;
    },
    tabIndex: i === (index < 0 ? 0 : index) ? 0 : -1,
    onFocus: () => setIndex(i),
    onClick: () => {
      setIndex(i);
      onOpen(i);
    },
    'aria-selected': i === index,
  });

  return { index, focus, onKeyDown, rowProps };
}
