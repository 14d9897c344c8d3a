import type { ApiError, ApiInput, ApiOutput } from '../api';
import { choiceLabel } from './accounts';
import { fenToYuan, formatFen, parseFen } from '../money';

export type Voucher = ApiOutput<'voucher.get'>;

/** The cells of a line, in the order Enter walks them. */
export type Column = 'summary' | 'account' | 'project' | 'item' | 'debit' | 'credit';

/** One line of the grid, exactly as typed: nothing is parsed away until the core accepts it. */
export interface Line {
  /** Stable identity while lines are inserted and deleted (React key, focus, errors). */
  key: number;
  summary: string;
  /** Code of the chosen leaf account; '' while the cell holds typed text that is not (yet) an account. */
  accountCode: string;
  /** What the cell shows: `100201 银行存款/社区专户` once chosen, else what was typed. */
  accountText: string;
  debit: string;
  credit: string;
  project: string;
  item: string;
}

export interface Draft {
  /** Set once saved: the voucher being edited. */
  id: number | undefined;
  word: string;
  date: string;
  attachments: string;
  lines: Line[];
}

/** A paper voucher shows at least this many lines. */
export const minLines = 5;

let nextKey = 1;
export function blankLine(summary = ''): Line {
  return {
    key: nextKey++,
    summary,
    accountCode: '',
    accountText: '',
    debit: '',
    credit: '',
    project: '',
    item: '',
  };
}

export function padLines(lines: Line[]): Line[] {
  const padded = [...lines];
  while (padded.length < minLines) padded.push(blankLine());
  return padded;
}

export function newDraft(word: string, date: string): Draft {
  return { id: undefined, word, date, attachments: '0', lines: padLines([]) };
}

export function draftOf(voucher: Voucher): Draft {
  return {
    id: voucher.id,
    word: voucher.word,
    date: voucher.date,
    attachments: String(voucher.attachments),
    lines: padLines(
      voucher.lines.map((l) => {
        const debit = parseFen(l.debit) ?? 0;
        const credit = parseFen(l.credit) ?? 0;
        return {
          ...blankLine(l.summary),
          accountCode: l.accountCode,
          accountText: choiceLabel({ code: l.accountCode, fullName: l.accountName }),
          debit: debit ? formatFen(debit) : '',
          credit: credit ? formatFen(credit) : '',
          project: l.project ?? '',
          item: l.item ?? '',
        };
      }),
    ),
  };
}

/** A line with no account and no amount is not sent (a summary copied down alone is no entry). */
export function isEmptyLine(line: Line): boolean {
  return !line.accountText.trim() && !line.debit.trim() && !line.credit.trim();
}

export function isUntouched(line: Line): boolean {
  return isEmptyLine(line) && !line.summary.trim() && !line.project.trim() && !line.item.trim();
}

/** Totals in 分 of the lines' valid amounts (cells that are not amounts count as nothing). */
export function totals(lines: Line[]): { debit: number; credit: number } {
  let debit = 0;
  let credit = 0;
  for (const l of lines) {
    debit += parseFen(l.debit) ?? 0;
    credit += parseFen(l.credit) ?? 0;
  }
  return { debit, credit };
}

const amountText = (text: string) => {
  const fen = parseFen(text);
  return fen === undefined ? undefined : fen === null ? text.trim() : fenToYuan(fen);
};

/** The lines to send, each with the grid line it came from (the core's row numbers count these). */
export function linesToSave(draft: Draft): { keys: number[]; lines: ApiInput<'voucher.save'>['lines'] } {
  const sent = draft.lines.filter((l) => !isEmptyLine(l));
  return {
    keys: sent.map((l) => l.key),
    lines: sent.map((l) => ({
      account: l.accountCode || l.accountText.trim(),
      summary: l.summary.trim(),
      debit: amountText(l.debit),
      credit: amountText(l.credit),
      project: l.project.trim() || undefined,
      item: l.item.trim() || undefined,
    })),
  };
}

/** What the accountant would lose: compared with the saved state to ask before leaving. */
export function fingerprint(draft: Draft): string {
  const { lines } = linesToSave(draft);
  return JSON.stringify([draft.word, draft.date, Number(draft.attachments) || 0, lines]);
}

/** A new voucher is worth keeping once any line holds something. */
export function hasContent(draft: Draft): boolean {
  return draft.lines.some((l) => !isUntouched(l)) || (Number(draft.attachments) || 0) > 0;
}

/** The column of the grid a core error names: 摘要, 科目, 金额 (both amount cells) or 收支项目. */
export function columnsOf(column: string): Column[] {
  if (column === '摘要') return ['summary'];
  if (column === '科目' || column === '分录') return ['account'];
  if (column === '金额') return ['debit', 'credit'];
  if (column === '收支项目') return ['item'];
  if (column === '项目') return ['project'];
  return [];
}

export interface Problem {
  /** The grid line (Line.key) it concerns, if any; row is its 1-based number in the grid. */
  key: number | undefined;
  row: number | undefined;
  column: string;
  message: string;
}

export interface Problems {
  message: string;
  /** The core's code: 'unbalanced' is a refusal of the totals, shown next to them. */
  code?: string | undefined;
  /** Header field the refusal concerns: date, word or attachments. */
  field: 'date' | 'word' | 'attachments' | undefined;
  rows: Problem[];
}

/** Turns the core's refusal into problems pinned to grid lines (rows count the lines that were sent). */
export function problemsOf(error: ApiError, sentKeys: number[], lines: Line[]): Problems {
  const field = error.field ?? '';
  const header =
    field === 'date' || field === '凭证日期'
      ? 'date'
      : field === 'word'
        ? 'word'
        : field === 'attachments'
          ? 'attachments'
          : undefined;
  const rows = error.rows.map((r): Problem => {
    const key = sentKeys[r.row - 1];
    const index = lines.findIndex((l) => l.key === key);
    return {
      key,
      row: index >= 0 ? index + 1 : r.row,
      column: r.column,
      message: r.message.replace(/^第 \d+ 行[^：]*：/, ''),
    };
  });
  return { message: error.message, code: error.code, field: header, rows };
}

/** Accepts 2025-06-18, 2025/6/18, 20250618, 6-18, 0618 and 18 (a day of the month already shown). */
export function normaliseDate(text: string, base: string): string | undefined {
  const t = text
    .trim()
    .replace(/[/.年月]/g, '-')
    .replace(/日$/, '');
  const [baseYear = '2025', baseMonth = '01'] = base.split('-');
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) [, y, m, d] = match;
  else if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(t))) [, y, m, d] = match;
  else if ((match = /^(\d{1,2})-(\d{1,2})$/.exec(t))) [y, m, d] = [baseYear, match[1], match[2]];
  else if ((match = /^(\d{2})(\d{2})$/.exec(t))) [y, m, d] = [baseYear, match[1], match[2]];
  else if ((match = /^(\d{1,2})$/.exec(t))) [y, m, d] = [baseYear, baseMonth, match[1]];
  if (!y || !m || !d) return undefined;
  const probe = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (
    probe.getUTCFullYear() !== Number(y) ||
    probe.getUTCMonth() !== Number(m) - 1 ||
    probe.getUTCDate() !== Number(d)
  )
    return undefined;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const dateKey = 'jucai.voucher.date';

/** The date a new voucher starts with: the last one used in this session, else today. */
export function rememberedDate(): string | undefined {
  try {
    return sessionStorage.getItem(dateKey) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberDate(date: string): void {
  try {
    sessionStorage.setItem(dateKey, date);
  } catch {
    // No storage: the next voucher starts from today again.
  }
}
