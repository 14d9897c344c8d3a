import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { createPortal } from 'react-dom';
import { searchChoices, type Choice } from './accounts';

/**
 * The account cell, and the project cell: a code, a name or pinyin initials typed here list the
 * matching choices under the cell (↑/↓ to choose, Enter or Tab to take one). What was typed and not
 * taken stays in the cell as typed; leaving the cell with it says so (`onMiss`), and the save is
 * refused until it is corrected.
 */
export function ChoiceCell({
  id,
  column,
  label,
  listLabel,
  noneText,
  text,
  resolved,
  choices,
  exact,
  invalid,
  title,
  inputRef,
  onType,
  onChoose,
  onMiss,
  onNext,
  onKeyDown,
  dataLine,
}: {
  id: string;
  column: 'account' | 'project';
  /** 会计科目, 项目: names the cell for screen readers (第 3 行会计科目). */
  label: string;
  /** Names the dropdown: 可选的末级科目, 本账套的项目. */
  listLabel: string;
  /** Shown in the dropdown when nothing matches. */
  noneText: string;
  text: string;
  /** The cell holds a chosen account or project (not a query being typed). */
  resolved: boolean;
  choices: Choice[];
  /** The choice the text names exactly (an account's code or label, a project's name or code). */
  exact: (text: string) => Choice | undefined;
  invalid: boolean;
  title: string | undefined;
  inputRef: Ref<HTMLInputElement>;
  onType: (text: string) => void;
  onChoose: (choice: Choice) => void;
  /** The cursor left the cell holding text that names no choice. */
  onMiss: (text: string) => void;
  /** Enter: go on to the next cell (after taking the highlighted account, if the list is open). */
  onNext: () => void;
  /** Keys the cell does not use itself (line moves, insert/delete line…). */
  onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  dataLine: number;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const anchor = useRef<HTMLInputElement | null>(null);
  /** Set when an account was just taken, so leaving the cell does not re-read the stale query. */
  const chose = useRef(false);
  const list = useRef<HTMLUListElement>(null);
  const [place, setPlace] = useState<{ left: number; top: number; width: number; up: boolean }>();
  const matches = useMemo(
    () => (open ? searchChoices(choices, resolved ? '' : text) : []),
    [open, choices, text, resolved],
  );
  const listId = `${id}-list`;

  useLayoutEffect(() => {
    if (!open || !anchor.current) return;
    const r = anchor.current.getBoundingClientRect();
    const below = window.innerHeight - r.bottom;
    const width = Math.max(r.width, 560);
    setPlace({
      // A narrow cell near the right edge (项目) opens its list leftwards, inside the window.
      left: Math.max(8, Math.min(r.left, window.innerWidth - width - 8)),
      top: below < 240 && r.top > below ? r.top : r.bottom,
      width,
      up: below < 240 && r.top > below,
    });
  }, [open, text]);

  useLayoutEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active, matches]);

  const choose = (choice: Choice) => {
    chose.current = true;
    onChoose(choice);
    setOpen(false);
  };

  const keyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    const plain = !e.ctrlKey && !e.altKey && !e.metaKey;
    // F2 or Alt+↓ lists every account (filtered by what is typed); ↓ lists a query being typed and
    // otherwise moves down a line like in the other cells.
    if (!open && (e.key === 'F2' || (e.altKey && e.key === 'ArrowDown'))) {
      e.preventDefault();
      const current = resolved ? exact(text) : undefined;
      setOpen(true);
      setActive(Math.max(0, current ? choices.indexOf(current) : 0));
      return;
    }
    if (plain && e.key === 'ArrowDown' && (open || (text.trim() && !resolved))) {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
      } else setActive((a) => Math.min(a + 1, Math.max(matches.length - 1, 0)));
      return;
    }
    if (plain && e.key === 'ArrowUp' && open) {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
      return;
    }
    if (plain && (e.key === 'PageDown' || e.key === 'PageUp') && open) {
      e.preventDefault();
      e.stopPropagation();
      setActive((a) => Math.max(0, Math.min(matches.length - 1, a + (e.key === 'PageDown' ? 10 : -10))));
      return;
    }
    if (plain && e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      return;
    }
    if (plain && !e.shiftKey && e.key === 'Enter') {
      e.preventDefault();
      const picked = open ? matches[active] : exact(text);
      if (picked) choose(picked);
      setOpen(false);
      onNext();
      return;
    }
    if (plain && e.key === 'Tab' && open) {
      const picked = matches[active];
      if (picked) choose(picked);
      setOpen(false);
      return; // Tab still moves on.
    }
    onKeyDown(e);
  };

  const shown = open && place;
  return (
    <>
      <input
        ref={(el) => {
          anchor.current = el;
          if (typeof inputRef === 'function') inputRef(el);
          else if (inputRef) inputRef.current = el;
        }}
        id={id}
        className={invalid ? 'cell invalid' : 'cell'}
        value={text}
        title={title ?? text}
        role="combobox"
        aria-label={`第 ${dataLine} 行${label}`}
        aria-expanded={!!shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-invalid={invalid || undefined}
        aria-activedescendant={shown && matches[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        data-line={dataLine}
        data-col={column}
        onChange={(e) => {
          chose.current = false;
          onType(e.target.value);
          setOpen(e.target.value.trim() !== '');
          setActive(0);
        }}
        onFocus={(e) => e.target.select()}
        onBlur={() => {
          setOpen(false);
          if (chose.current || !text.trim()) return;
          const named = exact(text);
          if (named) onChoose(named);
          else onMiss(text);
        }}
        onKeyDown={keyDown}
      />
      {shown &&
        createPortal(
          <ul
            ref={list}
            id={listId}
            role="listbox"
            className={['account-picker', column === 'project' ? 'project-picker' : '', place.up ? 'up' : '']
              .filter(Boolean)
              .join(' ')}
            aria-label={listLabel}
            style={{ left: place.left, top: place.top, width: place.width }}
          >
            {matches.length === 0 ? (
              <li className="none">{noneText}</li>
            ) : (
              matches.map((c, i) => {
                const parent = c.fullName.slice(0, c.fullName.length - c.name.length);
                return (
                  <li
                    key={`${c.code}|${c.name}`}
                    id={`${listId}-${i}`}
                    role="option"
                    aria-selected={i === active}
                    data-code={c.code}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      choose(c);
                    }}
                    onMouseEnter={() => setActive(i)}
                  >
                    <span className="code">{c.code}</span>
                    <span className="path">
                      <span className="parent">{parent}</span>
                      {c.name}
                    </span>
                    <span className="initials">{c.leafInitials}</span>
                  </li>
                );
              })
            )}
          </ul>,
          document.body,
        )}
    </>
  );
}
