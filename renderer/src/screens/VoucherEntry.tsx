import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { client, toApiError, useAction, useApi, type ApiError, type ApiInput } from '../api';
import { useBook } from '../book';
import { href, useRoute } from '../router';
import { useSession } from '../session';
import { Button, Dialog, ErrorNotice, Notice, Page, Progress, StatusBadge } from '../ui/components';
import { choiceLabel, useChoices, useProjectChoices, whyNoAccount, type Choice } from '../voucher/accounts';
import {
  blankLine,
  columnsOf,
  draftOf,
  fingerprint,
  hasContent,
  isEmptyLine,
  linesToSave,
  localToday,
  newDraft,
  normaliseDate,
  padLines,
  problemsOf,
  rememberDate,
  rememberedDate,
  totals,
  type Column,
  type Draft,
  type Line,
  type Problem,
  type Problems,
  type Voucher,
} from '../voucher/model';
import { formatFen, parseFen, tidyAmount } from '../money';
import { primeCapital, useCapital } from '../voucher/useCapital';
import { VoucherGrid } from '../voucher/VoucherGrid';
import { guardLeaving, registerUnsaved } from '../leave';
import '../voucher/voucher.css';

const titles: Record<string, string> = { 记: '记账凭证', 收: '收款凭证', 付: '付款凭证', 转: '转账凭证' };
const auxKey = 'jucai.voucher.aux';

interface Question {
  title: string;
  body: ReactNode;
  confirm: string;
  danger?: boolean;
  run: () => void;
}

function nextPeriod(period: string): string {
  const [y = 0, m = 0] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * 凭证录入: one 记账凭证 at a time, entered from the keyboard as in 用友/金蝶. `#/voucher` is a new
 * voucher, `#/voucher?id=N` an existing one; drafts are edited in place, reviewed and posted vouchers
 * are shown read-only.
 */
export function VoucherEntry() {
  const session = useSession();
  const operator = session.operator?.name;
  const book = useBook();
  const route = useRoute();
  const idParam = Number(route.params.get('id')) || undefined;
  const bookInput = book ? { book } : null;
  const bookInfo = useApi('book.get', bookInput);
  const accounts = useApi('account.list', bookInput);
  const dimensions = useApi('dimension.list', bookInput);
  const periods = useApi('period.list', bookInput);
  const list = useApi('voucher.list', bookInput);
  const action = useAction(operator);
  const { choices, byCode } = useChoices(accounts.data);
  const projects = useProjectChoices(dimensions.data?.projects);

  const [draft, setDraft] = useState<Draft>();
  const [loaded, setLoaded] = useState<Voucher>();
  const [baseline, setBaseline] = useState('');
  const [loadError, setLoadError] = useState<ApiError>();
  const [problems, setProblems] = useState<Problems>();
  /** What was said as the cursor left a cell (`${line.key}:${column}`): shown at the cell until edited. */
  const [notes, setNotes] = useState<Map<string, string>>(new Map());
  const [dateInvalid, setDateInvalid] = useState(false);
  /** What was said as the cursor left the date: a closed month, or one before the book starts. */
  const [dateNote, setDateNote] = useState<string>();
  const [status, setStatus] = useState<string>();
  /** The voucher just saved, so the status line can open it again. */
  const [savedId, setSavedId] = useState<number>();
  const [question, setQuestionState] = useState<Question>();
  /** Where the cursor was when a question came up, to go back there if the answer is no. */
  const askedFrom = useRef<HTMLElement | null>(null);
  const setQuestion = (q: Question | undefined) => {
    if (q) askedFrom.current = document.activeElement as HTMLElement | null;
    setQuestionState(q);
  };
  const [aux, setAux] = useState(() => {
    try {
      return sessionStorage.getItem(auxKey) === '1';
    } catch {
      return false;
    }
  });
  const [reopen, setReopen] = useState(0);

  const readOnly = session.readOnly || (!!loaded && loaded.status !== 'draft');
  const dirty = !!draft && !readOnly && (draft.id ? fingerprint(draft) !== baseline : hasContent(draft));
  const columns: Column[] = aux
    ? ['summary', 'account', 'project', 'item', 'debit', 'credit']
    : ['summary', 'account', 'debit', 'credit'];

  // ---- focus: cells register themselves; a move asks for a cell and the next render focuses it ----
  const cells = useRef(new Map<string, HTMLInputElement>());
  const headerRefs = useRef<Record<'word' | 'date' | 'attachments', HTMLElement | null>>({
    word: null,
    date: null,
    attachments: null,
  });
  const pendingFocus = useRef<{ key: number; column: Column } | undefined>(undefined);
  const [, setFocusTick] = useState(0);
  const register = useCallback((key: number, column: Column, el: HTMLInputElement | null) => {
    if (el) cells.current.set(`${key}:${column}`, el);
    else cells.current.delete(`${key}:${column}`);
  }, []);
  const focusCell = (key: number, column: Column) => {
    pendingFocus.current = { key, column };
    setFocusTick((t) => t + 1);
  };
  useEffect(() => {
    const want = pendingFocus.current;
    if (!want) return;
    const el = cells.current.get(`${want.key}:${want.column}`);
    if (!el) return;
    pendingFocus.current = undefined;
    el.focus();
    el.select();
  });

  // ---- opening a voucher: the one in the route, or a new one ----
  const dateBase = useRef(localToday());
  const sentKeys = useRef<number[]>([]);
  const ready = !!bookInfo.data && !!periods.data;
  const defaults = useRef({ bookInfo: bookInfo.data, periods: periods.data });
  defaults.current = { bookInfo: bookInfo.data, periods: periods.data };

  useEffect(() => {
    if (!book) return;
    let current = true;
    const start = (d: Draft, v: Voucher | undefined) => {
      setDraft(d);
      setLoaded(v);
      setBaseline(fingerprint(d));
      setProblems(undefined);
      setNotes(new Map());
      setDateInvalid(false);
      setDateNote(undefined);
      setLoadError(undefined);
      dateBase.current = d.date;
      if (d.lines.some((l) => l.project || l.item)) setAux(true);
      if (d.lines[0]) focusCell(d.lines[0].key, 'summary');
    };
    if (idParam) {
      client.call('voucher.get', { book, voucher: idParam }).then(
        (v) => {
          if (!current) return;
          primeCapital(parseFen(v.debitTotal) ?? 0, v.capitalTotal);
          start(draftOf(v), v);
        },
        (e: unknown) => {
          if (!current) return;
          setDraft(undefined);
          setLoaded(undefined);
          setLoadError(toApiError(e));
        },
      );
    } else if (ready) {
      const { bookInfo: info, periods: months } = defaults.current;
      start(newDraft(info!.voucherWords[0] ?? '记', defaultDate(info!.startPeriod, months ?? [])), undefined);
    }
    return () => {
      current = false;
    };
  }, [book, idParam, reopen, ready]);

  // ---- leaving with unsaved changes: other screens, other vouchers, closing the window ----
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const allowLeave = useRef(false);
  useEffect(() => {
    const releaseUnsaved = registerUnsaved(() => dirtyRef.current);
    const release = guardLeaving((e) => {
      if (allowLeave.current || !dirtyRef.current) {
        allowLeave.current = false;
        return false;
      }
      const target = new URL(e.newURL).hash;
      setQuestion({
        title: '放弃未保存的凭证？',
        body: <p>本张凭证有未保存的修改，离开将丢失。Enter 放弃并离开，Esc 继续编辑。</p>,
        confirm: '放弃并离开',
        danger: true,
        run: () => {
          allowLeave.current = true;
          window.location.hash = target;
        },
      });
      return true;
    });
    const onUnload = (e: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      release();
      releaseUnsaved();
      window.removeEventListener('beforeunload', onUnload);
    };
  }, []);

  /** Opens another voucher (or a new one) without asking: the caller has asked already. */
  const openVoucher = (id: number | undefined) => {
    const target = href('/voucher', { id });
    if (window.location.hash === target || (!id && window.location.hash === '#/voucher')) {
      setReopen((n) => n + 1);
      return;
    }
    allowLeave.current = true;
    window.location.hash = target;
  };

  const askFirst = (run: () => void) => {
    if (!dirtyRef.current) return run();
    setQuestion({
      title: '放弃未保存的修改？',
      body: <p>本张凭证有未保存的修改。Enter 放弃修改并翻张，Esc 继续编辑。</p>,
      confirm: '放弃修改',
      danger: true,
      run,
    });
  };

  // ---- refusals from the core, pinned to the cells they concern ----
  const lastAction = useRef<'save' | 'delete'>('save');
  useEffect(() => {
    if (!action.error || !draft || lastAction.current !== 'save') return;
    const found = problemsOf(action.error, sentKeys.current, draft.lines);
    setProblems(found);
    focusProblem(found);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action.error]);

  const focusProblem = (found: Problems) => {
    const first = found.rows.find((r) => r.key !== undefined);
    if (found.field === 'date' || (!first && found.field)) {
      const el = headerRefs.current[found.field ?? 'date'];
      el?.focus();
      return;
    }
    if (first?.key !== undefined) {
      const column = columnsOf(first.column)[0] ?? 'account';
      if ((column === 'item' || column === 'project') && !aux) setAux(true);
      focusCell(first.key, column);
    }
  };

  const problemCells = useMemo(() => {
    const cellsWithProblems = new Map<string, string>();
    const lines = new Map<number, string>();
    for (const p of problems?.rows ?? []) {
      if (p.key === undefined) continue;
      for (const c of columnsOf(p.column)) {
        const key = `${p.key}:${c}`;
        cellsWithProblems.set(key, [cellsWithProblems.get(key), p.message].filter(Boolean).join('；'));
      }
      lines.set(p.key, [lines.get(p.key), `${p.column}：${p.message}`].filter(Boolean).join('；'));
    }
    return { cells: cellsWithProblems, lines };
  }, [problems]);

  const setNote = (key: number, column: Column, note: string | undefined) =>
    setNotes((ns) => {
      const cell = `${key}:${column}`;
      if (ns.get(cell) === note) return ns;
      const next = new Map(ns);
      if (note) next.set(cell, note);
      else next.delete(cell);
      return next;
    });

  const clearProblem = (key: number, column: Column) => {
    setNote(key, column, undefined);
    setProblems((ps) => {
      if (!ps) return ps;
      // An amount typed answers a refusal of the totals; the difference shows live again.
      if (ps.code === 'unbalanced' && (column === 'debit' || column === 'credit')) return undefined;
      const rows = ps.rows.filter((r) => r.key !== key || !columnsOf(r.column).includes(column));
      return rows.length === ps.rows.length ? ps : { ...ps, rows };
    });
  };

  // ---- editing ----
  const sums = useMemo(() => totals(draft?.lines ?? []), [draft?.lines]);
  const capital = useCapital(sums.debit === sums.credit ? sums.debit : Math.max(sums.debit, sums.credit));

  const setLines = (lines: Line[]) => setDraft((d) => d && { ...d, lines });
  const patchLine = (index: number, patch: Partial<Line>) =>
    setDraft((d) => d && { ...d, lines: d.lines.map((l, i) => (i === index ? { ...l, ...patch } : l)) });

  const summaryAbove = (lines: Line[], index: number) =>
    [...lines.slice(0, index)].reverse().find((l) => l.summary.trim())?.summary ?? '';

  const edit = (index: number, column: Column, value: string) => {
    if (!draft) return;
    const line = draft.lines[index]!;
    clearProblem(line.key, column);
    // The number of the voucher just saved stays on show (it goes on the source documents).
    setStatus((text) => (text?.startsWith('已保存') ? text : undefined));
    switch (column) {
      case 'summary':
        // 用友's shorthands: '..' copies the line above, '//' the first line.
        if (value === '..') value = summaryAbove(draft.lines, index);
        else if (value === '//') value = draft.lines[0]?.summary ?? '';
        return patchLine(index, { summary: value });
      case 'account':
        return patchLine(index, { accountText: value, accountCode: '' });
      case 'debit':
      case 'credit': {
        const other = column === 'debit' ? 'credit' : 'debit';
        // A line has one side: typing on one clears the other.
        if (value.trim() && line[other]) clearProblem(line.key, other);
        return patchLine(index, { [column]: value, ...(value.trim() ? { [other]: '' } : {}) });
      }
      default:
        return patchLine(index, { [column]: value });
    }
  };

  const choose = (index: number, column: 'account' | 'project', choice: Choice) => {
    const line = draft?.lines[index];
    if (!line) return;
    clearProblem(line.key, column);
    // A project stands on its line by its full name, however it was found.
    if (column === 'project') patchLine(index, { project: choice.name });
    else patchLine(index, { accountCode: choice.code, accountText: choiceLabel(choice) });
  };

  /** Leaving an account or project cell with text that names none: say so there; the cursor moves on. */
  const miss = (index: number, column: 'account' | 'project', text: string) => {
    const line = draft?.lines[index];
    // Until the chart and the projects have loaded there is nothing to judge the text against.
    if (!line || !accounts.data || !dimensions.data) return;
    setNote(
      line.key,
      column,
      column === 'project' ? projectRefusal(text) : whyNoAccount(text, accounts.data, choices),
    );
  };

  const next = (index: number, column: Column) => {
    if (!draft) return;
    const lines = draft.lines;
    const line = lines[index]!;
    const at = columns.indexOf(column);
    // A debit typed leaves the credit cell empty: Enter goes on to the next line, as in 用友.
    const lineDone = column === 'debit' && !!parseFen(line.debit) && !line.credit.trim();
    if (at < columns.length - 1 && !lineDone) return focusCell(line.key, columns[at + 1]!);
    // End of the line: on to the next line, or start one with the summary copied down.
    const following = lines[index + 1];
    if (following && !isEmptyLine(following)) return focusCell(following.key, 'summary');
    const summary = line.summary.trim() ? line.summary : summaryAbove(lines, index);
    const target = following ?? blankLine();
    const updated = following ? [...lines] : [...lines, target];
    updated[index + 1] = { ...target, summary: target.summary || summary };
    setLines(padLines(updated));
    focusCell(target.key, 'account');
  };

  const previous = (index: number, column: Column) => {
    if (!draft) return;
    const at = columns.indexOf(column);
    if (at > 0) return focusCell(draft.lines[index]!.key, columns[at - 1]!);
    const above = draft.lines[index - 1];
    if (above) focusCell(above.key, columns[columns.length - 1]!);
  };

  const insertLine = (index: number) => {
    if (!draft) return;
    const line = blankLine();
    setLines([...draft.lines.slice(0, index), line, ...draft.lines.slice(index)]);
    focusCell(line.key, 'summary');
  };

  const deleteLine = (index: number, column: Column) => {
    if (!draft) return;
    const removed = draft.lines[index]!;
    const lines = padLines(draft.lines.filter((_, i) => i !== index));
    setLines(lines);
    setNotes((ns) => new Map([...ns].filter(([cell]) => !cell.startsWith(`${removed.key}:`))));
    setProblems((ps) =>
      ps?.code === 'unbalanced'
        ? undefined
        : ps && { ...ps, rows: ps.rows.filter((r) => r.key !== removed.key) },
    );
    const stay = lines[Math.min(index, lines.length - 1)]!;
    focusCell(stay.key, column);
    setStatus(`已删除第 ${index + 1} 行`);
  };

  /** Space: the amount changes sides (借↔贷) and the cursor goes with it. */
  const flip = (index: number, column: 'debit' | 'credit') => {
    const line = draft!.lines[index]!;
    const other = column === 'debit' ? 'credit' : 'debit';
    if (line[column].trim()) {
      patchLine(index, { [other]: line[column], [column]: '' });
      clearProblem(line.key, column);
      focusCell(line.key, other);
    } else if (line[other].trim()) {
      patchLine(index, { [column]: line[other], [other]: '' });
      focusCell(line.key, column);
    }
  };

  /** '=': this cell takes the amount that balances the voucher against all other lines. */
  const balance = (index: number, column: 'debit' | 'credit') => {
    const lines = draft!.lines;
    const line = lines[index]!;
    const rest = totals(lines.filter((_, i) => i !== index));
    let need = column === 'debit' ? rest.credit - rest.debit : rest.debit - rest.credit;
    if (need === 0) {
      setStatus('其余分录已经平衡，没有差额可填');
      return;
    }
    let side: 'debit' | 'credit' = column;
    if (need < 0) {
      side = column === 'debit' ? 'credit' : 'debit';
      need = -need;
    }
    patchLine(index, { [side]: formatFen(need), [side === 'debit' ? 'credit' : 'debit']: '' });
    clearProblem(line.key, 'debit');
    clearProblem(line.key, 'credit');
    focusCell(line.key, side);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>, index: number, column: Column) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (ctrl && !e.altKey && (key === 'i' || key === 'Insert') && !e.shiftKey) {
      e.preventDefault();
      return insertLine(index);
    }
    if (ctrl && !e.altKey && ((e.shiftKey && key === 'Delete') || (!e.shiftKey && key === 'd'))) {
      e.preventDefault();
      return deleteLine(index, column);
    }
    if (ctrl || e.altKey) return;
    const lines = draft!.lines;
    const amount = column === 'debit' || column === 'credit';
    switch (e.key) {
      case 'Enter':
        e.preventDefault();
        return e.shiftKey ? previous(index, column) : next(index, column);
      case 'ArrowUp':
        if (index > 0) {
          e.preventDefault();
          focusCell(lines[index - 1]!.key, column);
        }
        return;
      case 'ArrowDown':
        if (index < lines.length - 1) {
          e.preventDefault();
          focusCell(lines[index + 1]!.key, column);
        }
        return;
      case ' ':
        if (amount) {
          e.preventDefault();
          flip(index, column);
        }
        return;
      case '=':
        if (amount) {
          e.preventDefault();
          balance(index, column);
        }
        return;
    }
  };

  const tidy = (index: number, column: 'debit' | 'credit') => {
    const line = draft?.lines[index];
    if (!line) return;
    const tidied = tidyAmount(line[column]);
    if (tidied !== line[column]) patchLine(index, { [column]: tidied });
  };

  // ---- save, delete, page through ----
  const save = async () => {
    if (!draft || readOnly || action.busy || !book) return;
    const date = normaliseDate(draft.date, dateBase.current);
    if (!date) {
      setDateInvalid(true);
      setProblems({ message: '凭证日期无效，例如 2025-06-18、6-18 或 18', field: 'date', rows: [] });
      headerRefs.current.date?.focus();
      return;
    }
    const { keys, lines } = linesToSave(draft);
    const local: Problem[] = [];
    lines.forEach((l, i) => {
      const row = draft.lines.findIndex((x) => x.key === keys[i]) + 1;
      if (!l.account) local.push({ key: keys[i], row, column: '科目', message: '请填写会计科目' });
      // The core would create a project for any new name; on this screen projects come from admissions.
      if (l.project && dimensions.data && !projects.exact(l.project))
        local.push({ key: keys[i], row, column: '项目', message: projectRefusal(l.project) });
    });
    if (lines.length === 0) {
      setProblems({ message: '凭证还没有分录：请至少录入两行', field: undefined, rows: [] });
      if (draft.lines[0]) focusCell(draft.lines[0].key, 'summary');
      return;
    }
    if (local.length > 0) {
      const found = { message: '有分录的科目或项目需要更正', field: undefined, rows: local };
      setProblems(found);
      focusProblem(found);
      return;
    }
    sentKeys.current = keys;
    lastAction.current = 'save';
    setStatus(undefined);
    const saved = await action.run('voucher.save', {
      book,
      id: draft.id,
      date,
      word: draft.word as ApiInput<'voucher.save'>['word'],
      attachments: Number(draft.attachments) || 0,
      lines,
    });
    if (!saved) return;
    rememberDate(saved.date);
    // 赤字控制 set to warn: saved, and the accountant is told which account goes below zero.
    setStatus(
      `已保存 ${saved.ref}（${saved.date}）${(saved.warnings ?? []).map((w) => `。注意：${w}`).join('')}`,
    );
    setSavedId(saved.id);
    list.reload();
    openVoucher(undefined);
  };

  const askDelete = () => {
    if (!draft || readOnly) return;
    if (!draft.id || !loaded) {
      if (!hasContent(draft)) return;
      setQuestion({
        title: '清空本张凭证？',
        body: <p>本张新凭证尚未保存，清空后录入的内容将丢失。</p>,
        confirm: '清空',
        danger: true,
        run: () => openVoucher(undefined),
      });
      return;
    }
    const ref = loaded.ref;
    setQuestion({
      title: `删除凭证 ${ref}？`,
      body: (
        <p>
          {loaded.period} {ref} · {loaded.summary || '（无摘要）'}
          <br />
          <span className="muted">
            删除后其后的未审核凭证自动前移编号；其后已有审核过的凭证时，本张作废并保留编号。
          </span>
        </p>
      ),
      confirm: '删除',
      danger: true,
      run: async () => {
        lastAction.current = 'delete';
        const result = await action.run('voucher.delete', { book, voucher: loaded.id });
        if (!result) return;
        setStatus(result.voided ? `${ref} 已作废（编号保留）` : `已删除 ${ref}`);
        list.reload();
        openVoucher(undefined);
      },
    });
  };

  const ordered = useMemo(
    () =>
      (list.data ?? [])
        .map((v, i) => ({ v, i }))
        .sort((a, b) => a.v.date.localeCompare(b.v.date) || a.i - b.i)
        .map((x) => x.v),
    [list.data],
  );

  const page = (delta: -1 | 1) => {
    if (!list.data) return;
    let target;
    if (!loaded) target = delta < 0 ? ordered.at(-1) : undefined;
    else {
      const at = ordered.findIndex((v) => v.id === loaded.id);
      target = at < 0 ? undefined : ordered[at + delta];
    }
    if (!target) {
      setStatus(
        ordered.length === 0
          ? '本账套还没有凭证'
          : delta < 0
            ? '已是第一张凭证'
            : loaded
              ? '已是最后一张凭证'
              : '这是新凭证，后面没有凭证了',
      );
      return;
    }
    const id = target.id;
    askFirst(() => openVoucher(id));
  };

  // Screen-wide keys, wherever the focus is.
  const keys = useRef<(e: globalThis.KeyboardEvent) => void>(() => {});
  keys.current = (e) => {
    if (question || e.defaultPrevented) return;
    const ctrl = e.ctrlKey || e.metaKey;
    if (ctrl && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save();
    } else if (ctrl && !e.altKey && !e.shiftKey && e.key === 'Delete') {
      e.preventDefault();
      askDelete();
    } else if (!ctrl && !e.altKey && !e.shiftKey && (e.key === 'PageUp' || e.key === 'PageDown')) {
      e.preventDefault();
      page(e.key === 'PageUp' ? -1 : 1);
    }
  };
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => keys.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // ---- header fields ----
  const headerKey = (e: KeyboardEvent<HTMLElement>, nextField: () => void) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing && !e.ctrlKey && !e.altKey) {
      e.preventDefault();
      nextField();
    }
  };
  const tidyDate = () => {
    if (!draft || readOnly) return;
    const date = normaliseDate(draft.date, dateBase.current);
    setDateInvalid(!date);
    setDateNote(date ? closedDateNote(date, bookInfo.data?.startPeriod, periods.data ?? []) : undefined);
    if (date) {
      dateBase.current = date;
      if (date !== draft.date) setDraft({ ...draft, date });
    }
  };
  const firstLine = draft?.lines[0];

  // ---- render ----
  if (!book) return null;
  const sub = (
    <span
      role="status"
      className={
        status?.startsWith('已保存')
          ? `voucher-status saved${status.includes('赤字') ? ' deficit' : ''}`
          : 'voucher-status'
      }
    >
      {status}
      {status?.startsWith('已保存') && savedId && (
        <>
          {' '}
          <a href={href('/voucher', { id: savedId })}>打开</a>
        </>
      )}
    </span>
  );
  const word = draft?.word ?? bookInfo.data?.voucherWords[0] ?? '记';
  const words = bookInfo.data?.voucherWords ?? [word];

  return (
    <Page
      title="凭证录入"
      sub={sub}
      actions={
        <>
          {!session.readOnly && (
            <Button onClick={() => askFirst(() => openVoucher(undefined))} title="新凭证（Alt+N）">
              新凭证
            </Button>
          )}
          <Button onClick={() => page(-1)} title="上一张（PgUp）">
            上一张
          </Button>
          <Button onClick={() => page(1)} title="下一张（PgDn）">
            下一张
          </Button>
          {!readOnly && (
            <Button
              variant="danger"
              onClick={askDelete}
              disabled={!draft || (!draft.id && !hasContent(draft))}
              title="删除本张凭证（Ctrl+Delete）"
            >
              删除
            </Button>
          )}
          {!readOnly && (
            <Button variant="primary" onClick={() => void save()} disabled={action.busy || !draft}>
              保存 <span className="key-hint">Ctrl+S</span>
            </Button>
          )}
        </>
      }
    >
      <Progress active={action.busy} />
      {loadError && (
        <>
          <ErrorNotice error={loadError} />
          <p>
            <a href={href('/voucher')}>录入新凭证</a>
          </p>
        </>
      )}
      {session.readOnly && (
        <Notice kind="info">
          您是只读操作员（议监会），可以查看凭证，不能录入或修改。按 PgUp / PgDn 翻看本账套的凭证。
        </Notice>
      )}
      {!session.readOnly && loaded && loaded.status !== 'draft' && (
        <Notice kind="info">
          {loaded.status === 'void'
            ? '本凭证已作废，只能查看。'
            : '已审核/已记账的凭证不能修改，更正请用红字冲销。'}
        </Notice>
      )}
      {draft && (
        <div className={readOnly ? 'voucher read-only' : 'voucher'} data-testid="voucher">
          <div className="voucher-head">
            <div className="left">
              <label className="field inline">
                <span>凭证字</span>
                <select
                  ref={(el) => {
                    headerRefs.current.word = el;
                  }}
                  className={problems?.field === 'word' ? 'select invalid' : 'select'}
                  aria-label="凭证字"
                  value={draft.word}
                  disabled={readOnly || words.length < 2}
                  onChange={(e) => setDraft({ ...draft, word: e.target.value })}
                  onKeyDown={(e) => headerKey(e, () => headerRefs.current.date?.focus())}
                >
                  {words.map((w) => (
                    <option key={w} value={w}>
                      {w}
                    </option>
                  ))}
                </select>
              </label>
              <span className="number" data-testid="voucher-number">
                {loaded ? (
                  <strong>{loaded.ref}</strong>
                ) : (
                  <>
                    <strong>{draft.word}-</strong>
                    <span className="muted">保存后编号</span>
                  </>
                )}
              </span>
            </div>
            <div className="title">
              <span>{titles[draft.word] ?? '记账凭证'}</span>
              {loaded && <StatusBadge status={loaded.status} red={!!loaded.reverses} />}
              {!loaded && <span className="badge closed">新凭证</span>}
            </div>
            <div className="right">
              <label className="field inline date-field">
                <span>日期</span>
                <input
                  ref={(el) => {
                    headerRefs.current.date = el;
                  }}
                  className={
                    dateInvalid || dateNote || problems?.field === 'date' ? 'input invalid' : 'input'
                  }
                  aria-label="凭证日期"
                  data-testid="voucher-date"
                  value={draft.date}
                  readOnly={readOnly}
                  style={{ width: 118 }}
                  title={
                    problems?.field === 'date'
                      ? problems.message
                      : dateInvalid
                        ? '日期无效，例如 2025-06-18、6-18 或 18'
                        : '可输入 2025-06-18、6-18 或 18'
                  }
                  onChange={(e) => {
                    setDraft({ ...draft, date: e.target.value });
                    setDateInvalid(false);
                    setDateNote(undefined);
                    if (problems?.field === 'date') setProblems({ ...problems, field: undefined });
                  }}
                  onFocus={(e) => e.target.select()}
                  onBlur={tidyDate}
                  onKeyDown={(e) =>
                    headerKey(e, () => {
                      tidyDate();
                      headerRefs.current.attachments?.focus();
                    })
                  }
                />
                {(dateNote || dateInvalid) && (
                  <span className="field-note" role="alert" data-testid="date-note">
                    {dateNote ?? '日期无效，例如 2025-06-18、6-18 或 18'}
                  </span>
                )}
              </label>
              <label className="field inline">
                <span>附单据</span>
                <input
                  ref={(el) => {
                    headerRefs.current.attachments = el;
                  }}
                  className={problems?.field === 'attachments' ? 'input amount invalid' : 'input amount'}
                  aria-label="附单据数"
                  value={draft.attachments}
                  readOnly={readOnly}
                  inputMode="numeric"
                  style={{ width: 48 }}
                  onChange={(e) => setDraft({ ...draft, attachments: e.target.value.replace(/\D/g, '') })}
                  onFocus={(e) => e.target.select()}
                  onKeyDown={(e) =>
                    headerKey(e, () => firstLine && !readOnly && focusCell(firstLine.key, 'summary'))
                  }
                />
                <span>张</span>
              </label>
            </div>
          </div>

          <VoucherGrid
            lines={draft.lines}
            columns={columns}
            readOnly={readOnly}
            choices={choices}
            byCode={byCode}
            problems={problemCells.cells}
            badLines={problemCells.lines}
            notes={notes}
            projects={projects}
            balanceRefusal={problems?.code === 'unbalanced' ? problems.message : undefined}
            debitTotal={sums.debit}
            creditTotal={sums.credit}
            capital={capital}
            register={register}
            onEdit={edit}
            onChoose={choose}
            onMiss={miss}
            onAmountBlur={tidy}
            onKey={onKey}
            onNext={next}
          />
          <datalist id="voucher-items">
            {[...new Set(dimensions.data?.disclosureItems.map((i) => i.name) ?? [])].map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>

          <div className="voucher-foot">
            <span>
              制单 <strong>{loaded?.preparedBy ?? operator ?? '—'}</strong>
            </span>
            <span>
              审核 <strong>{loaded?.reviewedBy ?? '—'}</strong>
            </span>
            <span>
              记账 <strong>{loaded?.postedBy ?? '—'}</strong>
            </span>
            {loaded?.reverses && (
              <span>
                冲销{' '}
                <a href={href('/voucher', { id: loaded.reverses.id })}>
                  {loaded.reverses.period} {loaded.reverses.ref}
                </a>
              </span>
            )}
            {loaded?.reversedBy && (
              <span>
                已被{' '}
                <a href={href('/voucher', { id: loaded.reversedBy.id })}>
                  {loaded.reversedBy.period} {loaded.reversedBy.ref}
                </a>{' '}
                冲销
              </span>
            )}
            <label className="aux-toggle">
              <input
                type="checkbox"
                checked={aux}
                onChange={(e) => {
                  setAux(e.target.checked);
                  try {
                    sessionStorage.setItem(auxKey, e.target.checked ? '1' : '0');
                  } catch {
                    // No storage: the choice lasts while the screen is open.
                  }
                }}
              />
              辅助核算（项目、收支项目）
            </label>
          </div>

          {problems && problems.code !== 'unbalanced' && (
            <div className="notice error voucher-problems" role="alert" data-testid="voucher-problems">
              <strong>凭证未保存：</strong>
              {problems.rows.length === 0 ? (
                problems.message
              ) : (
                <>
                  请更正标红的 {problems.rows.length} 处
                  <ul className="row-errors">
                    {problems.rows.map((p, i) => (
                      <li key={i} data-row={p.row}>
                        <a
                          href="#"
                          onClick={(e) => {
                            e.preventDefault();
                            focusProblem({ ...problems, field: undefined, rows: [p] });
                          }}
                        >
                          第 {p.row} 行 · {p.column}
                        </a>
                        ：{p.message}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
          {lastAction.current === 'delete' && (
            <ErrorNotice error={action.error} onClose={action.clearError} />
          )}

          {readOnly ? (
            <div className="hint-bar hint">
              <kbd>PgUp</kbd>
              <kbd>PgDn</kbd> 翻张 · <kbd>Alt+N</kbd> 录入新凭证
            </div>
          ) : (
            <div className="hint-bar hint" data-testid="voucher-keys">
              <kbd>Enter</kbd> 下一格 · 科目、项目：代码/名称/拼音首字母，<kbd>↑</kbd>
              <kbd>↓</kbd> 选，<kbd>F2</kbd> 列表 · 金额：<kbd>空格</kbd> 借贷互换，<kbd>=</kbd> 找平 ·{' '}
              <kbd>Ctrl+I</kbd> 插行 · <kbd>Ctrl+D</kbd> 删行 · <kbd>Ctrl+S</kbd> 保存 · <kbd>Ctrl+Del</kbd>{' '}
              删凭证 · <kbd>PgUp</kbd>
              <kbd>PgDn</kbd> 翻张
            </div>
          )}
        </div>
      )}
      {question && (
        <Dialog
          title={question.title}
          confirm={question.confirm}
          danger={question.danger}
          onCancel={() => {
            setQuestion(undefined);
            askedFrom.current?.focus();
          }}
          onConfirm={() => {
            const run = question.run;
            setQuestion(undefined);
            run();
          }}
        >
          {question.body}
        </Dialog>
      )}
    </Page>
  );
}

/** A new voucher's date: the last one used in this session, else today, moved into an open month. */
function defaultDate(startPeriod: string, periods: Array<{ period: string; closed: boolean }>): string {
  const remembered = rememberedDate();
  if (remembered) return remembered;
  let date = localToday();
  const lastClosed = periods
    .filter((p) => p.closed)
    .map((p) => p.period)
    .sort()
    .at(-1);
  if (date.slice(0, 7) < startPeriod) date = `${startPeriod}-01`;
  else if (lastClosed && date.slice(0, 7) <= lastClosed) date = `${nextPeriod(lastClosed)}-01`;
  return date;
}

/** Said at the date as the cursor leaves it; the core refuses the same on save. */
function closedDateNote(
  date: string,
  startPeriod: string | undefined,
  periods: Array<{ period: string; closed: boolean }>,
): string | undefined {
  const period = date.slice(0, 7);
  if (startPeriod && period < startPeriod) return `凭证日期早于账套启用期间 ${startPeriod}`;
  if (periods.some((p) => p.period === period && p.closed)) return `${period} 已结账，不能再录入或修改凭证`;
  return undefined;
}

/** Projects come from 费随事转 admissions: a name the book does not have is not taken here. */
function projectRefusal(name: string): string {
  return `本账套没有项目“${name.trim()}”：项目由准入审批建立，请从列表中选择`;
}
