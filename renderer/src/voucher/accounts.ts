import { useEffect, useMemo, useState } from 'react';
import type { ApiOutput } from '../api';

export type Account = ApiOutput<'account.list'>[number];

export type Project = ApiOutput<'dimension.list'>['projects'][number];

/**
 * One account a line can take (an active leaf), or one project of the book, with what the accountant
 * may type to find it.
 */
export interface Choice {
  /** An account's code; a project's approval number (准入审批文号), '' when it has none. */
  code: string;
  name: string;
  /** 银行存款/社区专户; a project's name. */
  fullName: string;
  /** Initials of the leaf name and of the whole path: 'sqzh', 'yhcksqzh'. */
  leafInitials: string;
  pathInitials: string;
  /** Whole pinyin without tones: 'shequzhuanhu', 'yinhangcunkuanshequzhuanhu'. */
  leafSpelling: string;
  pathSpelling: string;
}

type PinyinFn = (text: string, options: Record<string, unknown>) => string[];

/**
 * pinyin-pro carries a large dictionary; it loads once, in its own chunk, the first time the voucher
 * screen opens, so the rest of the app starts without it.
 */
let pinyinLoad: Promise<PinyinFn> | undefined;
let pinyinLoaded: PinyinFn | undefined;
function loadPinyin(): Promise<PinyinFn> {
  pinyinLoad ??= import('pinyin-pro').then((m) => {
    pinyinLoaded = m.pinyin as unknown as PinyinFn;
    return pinyinLoaded;
  });
  return pinyinLoad;
}

function usePinyin(): PinyinFn | undefined {
  const [fn, setFn] = useState<PinyinFn | undefined>(() => pinyinLoaded);
  useEffect(() => {
    if (fn) return;
    let current = true;
    loadPinyin().then((loaded) => current && setFn(() => loaded));
    return () => {
      current = false;
    };
  }, [fn]);
  return fn;
}

const letters = (parts: string[]) =>
  parts
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** A choice with the initials and spelling of its name and full name (none until pinyin has loaded). */
function choiceOf(pinyin: PinyinFn | undefined, code: string, name: string, fullName: string): Choice {
  const initials = (text: string) =>
    pinyin ? letters(pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' })) : '';
  const spelling = (text: string) =>
    pinyin ? letters(pinyin(text, { toneType: 'none', type: 'array' })) : '';
  return {
    code,
    name,
    fullName,
    leafInitials: initials(name),
    pathInitials: initials(fullName),
    leafSpelling: spelling(name),
    pathSpelling: spelling(fullName),
  };
}

/** Active leaf accounts with their pinyin, rebuilt when the chart changes or pinyin arrives. */
export function useChoices(accounts: Account[] | undefined): {
  choices: Choice[];
  byCode: Map<string, Choice>;
  pinyinReady: boolean;
} {
  const pinyin = usePinyin();
  return useMemo(() => {
    const choices = (accounts ?? [])
      .filter((a) => a.isLeaf && a.active)
      .map((a) => choiceOf(pinyin, a.code, a.name, a.fullName))
      .sort((a, b) => a.code.localeCompare(b.code));
    return { choices, byCode: new Map(choices.map((c) => [c.code, c])), pinyinReady: !!pinyin };
  }, [accounts, pinyin]);
}

/**
 * The book's projects, found like accounts: by approval number, name or pinyin initials. A project is
 * named by its name on a line; `exact` finds the project a cell's text names (its name or its code).
 */
export function useProjectChoices(projects: Project[] | undefined): {
  choices: Choice[];
  exact: (typed: string) => Choice | undefined;
} {
  const pinyin = usePinyin();
  return useMemo(() => {
    const choices = (projects ?? []).map((p) => choiceOf(pinyin, p.code ?? '', p.name, p.name));
    const byName = new Map(choices.map((c) => [c.name, c]));
    const exact = (typed: string) => {
      const text = typed.trim();
      return text ? (byName.get(text) ?? choices.find((c) => c.code === text)) : undefined;
    };
    return { choices, exact };
  }, [projects, pinyin]);
}

/** `100201 银行存款/社区专户`: how a chosen account stands in its cell. */
export function choiceLabel(choice: { code: string; fullName: string }): string {
  return `${choice.code} ${choice.fullName}`;
}

/**
 * Matches what was typed in an account cell: digits as a code prefix, Latin letters as pinyin initials
 * (or whole pinyin) of the leaf name or of the full path, anything else as part of the name. Best
 * matches first: a leaf whose initials are exactly the query, then leaf prefixes, then path prefixes.
 */
export function searchChoices(choices: Choice[], typed: string, limit = 500): Choice[] {
  const text = typed.trim().toLowerCase();
  if (text === '') return choices.slice(0, limit);
  // '100201 银行存款/社区专户' (a label typed over, or pasted) is searched by its code.
  const labelled = /^(\d+)\s+\S/.exec(text);
  const query = labelled ? labelled[1]! : text.replace(/\s+/g, '');
  let score: (c: Choice) => number | undefined;
  if (/^\d+$/.test(query)) {
    score = (c) => (c.code === query ? 0 : c.code.startsWith(query) ? 1 : undefined);
  } else if (/^[a-z]+$/.test(query)) {
    score = (c) => {
      if (c.leafInitials === query) return 0;
      if (c.leafInitials.startsWith(query)) return 1;
      if (c.pathInitials.startsWith(query)) return 2;
      if (c.leafSpelling.startsWith(query)) return 3;
      if (c.pathSpelling.startsWith(query)) return 4;
      if (c.leafInitials.includes(query)) return 5;
      if (c.pathInitials.includes(query)) return 6;
      return undefined;
    };
  } else {
    score = (c) =>
      c.name === query
        ? 0
        : c.name.startsWith(query)
          ? 1
          : c.name.includes(query)
            ? 2
            : c.fullName.includes(query)
              ? 3
              : c.code.startsWith(query)
                ? 4
                : undefined;
  }
  const found: Array<{ c: Choice; s: number }> = [];
  for (const c of choices) {
    const s = score(c);
    if (s !== undefined) found.push({ c, s });
  }
  found.sort((a, b) => a.s - b.s || a.c.code.localeCompare(b.c.code));
  return found.slice(0, limit).map((f) => f.c);
}

/** The account a cell's text names exactly (its code, or its `code name` label), if it is a leaf. */
export function exactChoice(byCode: Map<string, Choice>, typed: string): Choice | undefined {
  const code = /^\s*(\d+)(?:\s.*)?$/.exec(typed)?.[1];
  return code ? byCode.get(code) : undefined;
}

/**
 * Why an account cell's text names no account a line can take, in the words the core would use on
 * save: said as the cursor leaves the cell.
 */
export function whyNoAccount(typed: string, accounts: Account[], choices: Choice[]): string {
  const text = typed.trim();
  const code = /^(\d+)(?:\s.*)?$/.exec(text)?.[1];
  const account = code ? accounts.find((a) => a.code === code) : undefined;
  if (code && !account) return `科目 ${code} 不存在`;
  if (account && !account.isLeaf) {
    const children = accounts
      .filter((a) => a.parentCode === account.code)
      .slice(0, 3)
      .map((c) => `${c.code} ${c.name}`);
    return `${account.code} ${account.fullName} 有下级科目，只能用末级科目，例如 ${children.join('、')}`;
  }
  if (account && !account.active) return `${account.code} ${account.fullName} 已停用`;
  return searchChoices(choices, text, 1).length > 0
    ? `“${text}”还没有选定科目：按 ↓ 在列表中选择`
    : `没有与“${text}”匹配的末级科目`;
}
