import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ApiOutput } from '../api';
import { Input } from '../ui/components';

type Account = ApiOutput<'account.list'>[number];

/** Pinyin initials of each account's full name (银行存款/社区专户 → yhcksqzh), loaded on first use. */
let initialsOf: ((text: string) => string) | undefined;
let loading: Promise<void> | undefined;
function loadPinyin(): Promise<void> {
  loading ??= import('pinyin-pro').then(({ pinyin }) => {
    initialsOf = (text) =>
      pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' })
        .join('')
        .replace(/[^a-z]/gi, '')
        .toLowerCase();
  });
  return loading;
}

const label = (a: Account) => `${a.code} ${a.fullName}`;

/**
 * Chooses an account by typing its code (100201), part of its name (专户) or the pinyin initials of
 * its name (yhck); ↑/↓ and Enter pick from the list, Escape puts the current account back.
 */
export function AccountPicker({
  accounts,
  value,
  onPick,
  autoFocus,
}: {
  accounts: Account[];
  value: string;
  onPick: (code: string) => void;
  autoFocus?: boolean;
}) {
  const listId = useId();
  const current = accounts.find((a) => a.code === value);
  const [text, setText] = useState<string | undefined>(undefined);
  const [active, setActive] = useState(0);
  const [pinyinReady, setPinyinReady] = useState(!!initialsOf);
  const input = useRef<HTMLInputElement>(null);
  const open = text !== undefined;

  useEffect(() => {
    if (open && !pinyinReady) void loadPinyin().then(() => setPinyinReady(true));
  }, [open, pinyinReady]);

  const initials = useMemo(
    () =>
      pinyinReady && initialsOf ? new Map(accounts.map((a) => [a.code, initialsOf!(a.fullName)])) : null,
    [accounts, pinyinReady],
  );

  const matches = useMemo(() => {
    const q = (text ?? '').trim().toLowerCase();
    if (!q) return accounts;
    const byCode = accounts.filter((a) => a.code.startsWith(q));
    const byName = accounts.filter(
      (a) =>
        !a.code.startsWith(q) &&
        (a.fullName.toLowerCase().includes(q) || (initials?.get(a.code)?.includes(q) ?? false)),
    );
    return [...byCode, ...byName];
  }, [accounts, text, initials]);

  const shown = matches.slice(0, 200);
  const pick = (account: Account | undefined, leave = true) => {
    setText(undefined);
    if (account && account.code !== value) onPick(account.code);
    if (leave) input.current?.blur();
  };

  useEffect(() => {
    if (!open) return;
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, open, listId]);

  return (
    <div className="rp-account-picker">
      <Input
        ref={input}
        role="combobox"
        aria-label="科目"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && shown[active] ? `${listId}-${active}` : undefined}
        aria-autocomplete="list"
        autoFocus={autoFocus}
        placeholder="输入科目编码、名称或拼音首字母"
        value={open ? text : current ? label(current) : value}
        onFocus={(e) => {
          setText('');
          setActive(
            Math.max(
              0,
              accounts.findIndex((a) => a.code === value),
            ),
          );
          e.currentTarget.select();
        }}
        onBlur={() => setText(undefined)}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((i) => Math.min(shown.length - 1, i + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(0, i - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            pick(shown[active]);
          } else if (e.key === 'Tab' && text?.trim()) {
            // Tab takes the highlighted account, as in voucher entry, and moves on.
            pick(shown[active], false);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            pick(undefined);
          }
        }}
      />
      {open && (
        <ul className="rp-account-list" id={listId} role="listbox" aria-label="科目">
          {shown.length === 0 && <li className="none">没有符合的科目</li>}
          {shown.map((a, i) => (
            <li
              key={a.code}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(a);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="code">{a.code}</span>
              <span className={a.isLeaf ? '' : 'parent'}>{a.fullName}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
