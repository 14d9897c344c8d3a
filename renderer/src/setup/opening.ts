import type { ApiInput, ApiOutput } from '../api';
import { formatFen } from '../money';
import { toFen } from './money';

/**
 * The 期初余额 screen's figures for one account as typed, what is wrong with them, and the rows
 * `opening.set` takes for them. The core checks everything again on save and has the last word; this
 * only lets the totals, the checks and the problems follow every keystroke.
 */

type OpeningRow = ApiOutput<'opening.get'>['rows'][number];
type BalanceInput = ApiInput<'opening.set'>['balances'][number];

export type Side = 'debit' | 'credit';
/** The typed columns: 期初借方/贷方 and, for a book begun after January, 本年累计借方/贷方. */
export type Column = Side | 'yearDebit' | 'yearCredit';

/** One project's part of a project-tracked account's 期初; project '' is the part of no project. */
export interface Part {
  key: number;
  project: string;
  debit: string;
  credit: string;
}

/** One account on the screen. With parts (split by project), its 期初 is their sum, not typed. */
export interface Entry {
  debit: string;
  credit: string;
  yearDebit: string;
  yearCredit: string;
  parts: Part[];
}

export const emptyEntry: Entry = { debit: '', credit: '', yearDebit: '', yearCredit: '', parts: [] };

// Parts are told apart by a key of their own: the project name is what the accountant is typing.
let lastKey = 0;
export function newPart(fields: Partial<Omit<Part, 'key'>> = {}): Part {
  return { key: ++lastKey, project: '', debit: '', credit: '', ...fields };
}

/** Grouped for reading (50,000.00); blank for zero. */
export function display(fen: number): string {
  return fen === 0 ? '' : formatFen(fen);
}

/** What is wrong with one typed figure, or undefined. */
export function problemOf(text: string): string | undefined {
  const fen = toFen(text);
  if (fen === undefined) return '不是有效的金额（示例：1234.56 或 1,234.56）';
  if (fen < 0) return '期初余额不能为负数，请填在另一方';
  return undefined;
}

const fenOf = (text: string) => toFen(text) ?? 0;
const sideOf = (net: number) => ({
  debit: net > 0 ? display(net) : '',
  credit: net < 0 ? display(-net) : '',
});

/** The stored opening of an account; what no project holds of a split account is a part of its own. */
export function entryOf(row: OpeningRow): Entry {
  const parts = row.projects.map((p) =>
    newPart({ project: p.project, debit: display(fenOf(p.debit)), credit: display(fenOf(p.credit)) }),
  );
  const rest =
    fenOf(row.debit) -
    fenOf(row.credit) -
    row.projects.reduce((s, p) => s + fenOf(p.debit) - fenOf(p.credit), 0);
  if (parts.length > 0 && rest !== 0) parts.push(newPart(sideOf(rest)));
  return {
    debit: display(fenOf(row.debit)),
    credit: display(fenOf(row.credit)),
    yearDebit: display(fenOf(row.yearDebit)),
    yearCredit: display(fenOf(row.yearCredit)),
    parts,
  };
}

/** Splitting an account by project: its figure so far becomes the first part, its project to be named. */
export function split(entry: Entry, first: Part = newPart()): Entry {
  return { ...entry, parts: [{ ...first, debit: entry.debit, credit: entry.credit }] };
}

const isEmpty = (p: Part) => !p.project.trim() && !p.debit.trim() && !p.credit.trim();

/** Figures in 分, and what is wrong: keyed 'own' (the account's 期初), 'year' (累计) or a part's key. */
export interface Figures {
  debit: number;
  credit: number;
  yearDebit: number;
  yearCredit: number;
  problems: Map<'own' | 'year' | number, string>;
  /** The parts whose problem is their project (named twice), not their figures. */
  projectProblems: Set<number>;
}

function pairProblem(debit: string, credit: string): string | undefined {
  return (
    problemOf(debit) ??
    problemOf(credit) ??
    (fenOf(debit) !== 0 && fenOf(credit) !== 0 ? '期初借方和期初贷方只能填一个' : undefined)
  );
}

/**
 * `unchosen` says whether a project cell's text is a query that was never completed (it resembles
 * projects of the book but names none): saved, it would make a project of the query.
 */
export function figuresOf(entry: Entry, unchosen: (name: string) => boolean = () => false): Figures {
  const problems: Figures['problems'] = new Map();
  const projectProblems = new Set<number>();
  const valid = (text: string) => (problemOf(text) ? 0 : fenOf(text));
  let net = 0;
  if (entry.parts.length === 0) {
    const problem = pairProblem(entry.debit, entry.credit);
    if (problem) problems.set('own', problem);
    else net = fenOf(entry.debit) - fenOf(entry.credit);
  }
  const seen = new Set<string>();
  for (const part of entry.parts) {
    if (isEmpty(part)) continue;
    const name = part.project.trim();
    const figureProblem = pairProblem(part.debit, part.credit);
    const projectProblem = seen.has(name)
      ? name
        ? `项目“${name}”重复`
        : '不指定项目的部分只能有一行'
      : name && unchosen(name)
        ? `“${name}”还没有选定项目：按 ↓ 在列表中选择，或输入新项目的全称`
        : undefined;
    seen.add(name);
    if (projectProblem && !figureProblem) projectProblems.add(part.key);
    const problem = figureProblem ?? projectProblem;
    if (problem) problems.set(part.key, problem);
    else net += fenOf(part.debit) - fenOf(part.credit);
  }
  const yearProblem = problemOf(entry.yearDebit) ?? problemOf(entry.yearCredit);
  if (yearProblem) problems.set('year', yearProblem.replace('期初余额', '本年累计发生额'));
  return {
    debit: Math.max(net, 0),
    credit: Math.max(-net, 0),
    yearDebit: valid(entry.yearDebit),
    yearCredit: valid(entry.yearCredit),
    problems,
    projectProblems,
  };
}

/**
 * What the core would store for an entry, to tell a change from the stored figures: the account's net
 * 期初, its 累计 and its projects' parts. Undefined while a figure is no amount: that is a change.
 */
function storedForm(entry: Entry): string | undefined {
  const texts = [entry.debit, entry.credit, entry.yearDebit, entry.yearCredit];
  for (const p of entry.parts) texts.push(p.debit, p.credit);
  if (texts.some((t) => toFen(t) === undefined)) return undefined;
  const net =
    entry.parts.length > 0
      ? entry.parts.reduce((s, p) => s + fenOf(p.debit) - fenOf(p.credit), 0)
      : fenOf(entry.debit) - fenOf(entry.credit);
  const projects = entry.parts
    .filter((p) => p.project.trim() && (fenOf(p.debit) !== 0 || fenOf(p.credit) !== 0))
    .map((p) => `${p.project.trim()}:${fenOf(p.debit)}:${fenOf(p.credit)}`)
    .sort();
  return JSON.stringify([net, fenOf(entry.yearDebit), fenOf(entry.yearCredit), projects]);
}

export function sameEntry(a: Entry, b: Entry): boolean {
  const form = storedForm(a);
  return form !== undefined && form === storedForm(b);
}

const plain = (text: string) => text.replace(/,/g, '').trim();

/**
 * The `opening.set` rows for one account (they replace its whole opening): one per project, and one
 * without a project that carries the part of no project and the account's 累计. `part` says which line
 * of the screen a row came from, to show a refusal there.
 */
export function balancesOf(code: string, entry: Entry): Array<{ input: BalanceInput; part?: number }> {
  const year = { yearDebit: plain(entry.yearDebit), yearCredit: plain(entry.yearCredit) };
  if (entry.parts.length === 0)
    return [{ input: { account: code, debit: plain(entry.debit), credit: plain(entry.credit), ...year } }];
  const parts = entry.parts.filter((p) => !isEmpty(p));
  const rest = parts.find((p) => !p.project.trim());
  return [
    ...parts
      .filter((p) => p !== rest)
      .map((p) => ({
        input: {
          account: code,
          ...(p.project.trim() ? { project: p.project.trim() } : {}),
          debit: plain(p.debit),
          credit: plain(p.credit),
        },
        part: p.key,
      })),
    {
      input: { account: code, debit: plain(rest?.debit ?? ''), credit: plain(rest?.credit ?? ''), ...year },
      ...(rest ? { part: rest.key } : {}),
    },
  ];
}
