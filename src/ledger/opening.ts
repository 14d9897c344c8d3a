import { fail, LedgerError, type RowError } from '../errors.js';
import { fenToYuan, parseAmount, sumFen, type Fen } from '../money/money.js';
import { listAccounts, type Account } from './accounts.js';
import { recordAudit } from './audit.js';
import type { Book } from './books.js';
import type { Centre } from './centre.js';
import { dimensionId } from './dimensions.js';
import { requireRole, type Actor } from './operators.js';

/**
 * 期初余额 of a book: per leaf account, its balance as of the start of the book's first month. A book
 * begun in the middle of a year also brings that year's movement so far (本年累计借方 / 本年累计贷方), as
 * 用友's 期初余额 does, so that 本年累计 figures are right in its first year; 年初余额 is then 期初 less
 * that movement on the account's side. A project-tracked account (辅助核算: 项目) keeps its balance per
 * project too: a 费随事转 fund carried in from before the book began is its 3102 balance by project.
 */
export interface OpeningRow {
  code: string;
  name: string;
  normalSide: 'debit' | 'credit';
  /** 期初余额 of the account (its projects included). */
  debit: string;
  credit: string;
  /** 本年累计借方 / 贷方 before the book's first month (zero for a book begun in January). */
  yearDebit: string;
  yearCredit: string;
  /** 年初余额 = 期初 − 本年累计 on the account's side. */
  yearOpeningDebit: string;
  yearOpeningCredit: string;
  /** The part of the balance per project (project-tracked accounts). */
  projects: Array<{ project: string; debit: string; credit: string }>;
}

export interface OpeningBalances {
  startPeriod: string;
  /** The book began after January: 本年累计 columns apply. */
  midYear: boolean;
  rows: OpeningRow[];
  debitTotal: string;
  creditTotal: string;
  difference: string;
  yearDebitTotal: string;
  yearCreditTotal: string;
  /** 期初 balances, and the 本年累计 movement balances too. */
  balanced: boolean;
  /** Opening balances are fixed once the book has a posted voucher. */
  locked: boolean;
}

/** Debit total minus credit total of a book's opening balances, in 分; 0 when they balance. */
export function openingImbalance(centre: Centre, bookId: number): Fen {
  const row = centre
    .sql(
      `SELECT coalesce(sum(o.debit), 0) AS d, coalesce(sum(o.credit), 0) AS c
       FROM opening_balance o JOIN account a ON a.id = o.account_id WHERE a.book_id = ?`,
    )
    .get(bookId) as { d: number; c: number };
  return sumFen([row.d, -row.c]);
}

/** 本年累计借方 total minus 本年累计贷方 total: the year's movement before the book began must balance. */
export function yearMovementImbalance(centre: Centre, bookId: number): Fen {
  const row = centre
    .sql(
      `SELECT coalesce(sum(o.year_debit), 0) AS d, coalesce(sum(o.year_credit), 0) AS c
       FROM opening_balance o JOIN account a ON a.id = o.account_id WHERE a.book_id = ?`,
    )
    .get(bookId) as { d: number; c: number };
  return sumFen([row.d, -row.c]);
}

/**
 * Refuses the book's first posting while its opening balances do not balance: 期初 debits against
 * credits, and the year's movement a mid-year book brought in (`doing` says what was refused).
 */
export function requireOpeningBalanced(centre: Centre, bookId: number, doing: string): void {
  const imbalance = openingImbalance(centre, bookId);
  if (imbalance !== 0) fail('unbalanced', `期初余额借贷不平（差额 ${fenToYuan(imbalance)}），${doing}`);
  const year = yearMovementImbalance(centre, bookId);
  if (year !== 0) fail('unbalanced', `期初余额的本年累计借方与贷方不等（差额 ${fenToYuan(year)}），${doing}`);
}

interface StoredRow {
  id: number;
  debit: number;
  credit: number;
  year_debit: number;
  year_credit: number;
}

/** 年初 from 期初 and the year's movement: 期初 − (累计借方 − 累计贷方), as one debit-or-credit figure. */
function yearOpening(debit: Fen, credit: Fen, yearDebit: Fen, yearCredit: Fen): { debit: Fen; credit: Fen } {
  const net = sumFen([debit, -credit, -yearDebit, yearCredit]);
  return net >= 0 ? { debit: net, credit: 0 } : { debit: 0, credit: -net };
}

export function getOpeningBalances(centre: Centre, book: Book): OpeningBalances {
  const stored = new Map(
    (
      centre
        .sql(
          `SELECT o.account_id AS id, o.debit, o.credit, o.year_debit, o.year_credit
           FROM opening_balance o JOIN account a ON a.id = o.account_id WHERE a.book_id = ?`,
        )
        .all(book.id) as StoredRow[]
    ).map((r) => [r.id, r]),
  );
  const projects = new Map<number, OpeningRow['projects']>();
  for (const p of centre
    .sql(
      `SELECT o.account_id AS id, p.name AS project, o.debit, o.credit FROM opening_project o
       JOIN project p ON p.id = o.project_id WHERE p.book_id = ? ORDER BY p.name`,
    )
    .all(book.id) as Array<{ id: number; project: string; debit: number; credit: number }>) {
    projects.set(p.id, [
      ...(projects.get(p.id) ?? []),
      { project: p.project, debit: fenToYuan(p.debit), credit: fenToYuan(p.credit) },
    ]);
  }
  const rows = listAccounts(centre, book.id)
    .filter((a) => stored.has(a.id))
    .map((a): OpeningRow => {
      const s = stored.get(a.id)!;
      const start = yearOpening(s.debit, s.credit, s.year_debit, s.year_credit);
      return {
        code: a.code,
        name: a.fullName,
        normalSide: a.normalSide,
        debit: fenToYuan(s.debit),
        credit: fenToYuan(s.credit),
        yearDebit: fenToYuan(s.year_debit),
        yearCredit: fenToYuan(s.year_credit),
        yearOpeningDebit: fenToYuan(start.debit),
        yearOpeningCredit: fenToYuan(start.credit),
        projects: projects.get(a.id) ?? [],
      };
    });
  const total = (pick: (r: StoredRow) => Fen) => sumFen([...stored.values()].map(pick));
  const debit = total((r) => r.debit);
  const credit = total((r) => r.credit);
  const yearDebit = total((r) => r.year_debit);
  const yearCredit = total((r) => r.year_credit);
  return {
    startPeriod: book.startPeriod,
    midYear: !book.startPeriod.endsWith('-01'),
    rows,
    debitTotal: fenToYuan(debit),
    creditTotal: fenToYuan(credit),
    difference: fenToYuan(debit - credit),
    yearDebitTotal: fenToYuan(yearDebit),
    yearCreditTotal: fenToYuan(yearCredit),
    balanced: debit === credit && yearDebit === yearCredit,
    locked: isOpeningLocked(centre, book.id),
  };
}

function isOpeningLocked(centre: Centre, bookId: number): boolean {
  return !!centre.sql(`SELECT 1 FROM voucher WHERE book_id = ? AND status = 'posted' LIMIT 1`).get(bookId);
}

export interface OpeningInput {
  account: string;
  /** 期初余额 (of the project, when a project is given). */
  debit?: string | undefined;
  credit?: string | undefined;
  /** 本年累计借方 / 贷方 before the book's first month (a book begun after January). */
  yearDebit?: string | undefined;
  yearCredit?: string | undefined;
  /** 年初余额, when the file gives it: checked against 期初 and 本年累计, never stored. */
  yearOpeningDebit?: string | undefined;
  yearOpeningCredit?: string | undefined;
  /** The project this part of a project-tracked account's balance belongs to. */
  project?: string | undefined;
  /** Row of the imported file, for messages. */
  row?: number | undefined;
}

interface Part {
  row: number;
  account: Account;
  project: string | null;
  debit: Fen;
  credit: Fen;
  yearDebit: Fen;
  yearCredit: Fen;
  yearOpening?: { debit: Fen; credit: Fen } | undefined;
}

/** Checks every row and returns the parts; every problem of every row is collected, none stops the rest. */
function readParts(
  book: Book,
  accounts: Map<string, Account>,
  inputs: OpeningInput[],
): { parts: Part[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const seen = new Set<string>();
  const parts: Part[] = [];
  const midYear = !book.startPeriod.endsWith('-01');
  inputs.forEach((input, index) => {
    const row = input.row ?? index + 1;
    const before = errors.length;
    const problem = (column: string, message: string) =>
      errors.push({ row, column, message: `第 ${row} 行${column}：${message}` });
    const amount = (text: string | undefined, column: string): Fen => {
      try {
        const value = text?.trim() ? parseAmount(text, column) : 0;
        if (value < 0) problem(column, '不能为负数，请填在另一方');
        return value;
      } catch (error) {
        if (!(error instanceof LedgerError)) throw error;
        problem(column, error.message);
        return 0;
      }
    };
    const account = accounts.get(input.account.trim());
    if (!account) problem('科目编码', `科目 ${input.account} 不存在`);
    else if (!account.isLeaf)
      problem('科目编码', `${account.code} ${account.fullName} 有下级科目，期初余额请录入到末级科目`);
    const project = input.project?.trim() || null;
    if (account && project && account.dimensions.project === 'none')
      problem('项目', `${account.code} ${account.fullName} 没有设置项目辅助核算，不能按项目录入期初余额`);
    const hasAmount = [input.debit, input.credit].some((t) => t?.trim() && t.trim() !== '0');
    if (account && !project && hasAmount && account.dimensions.project === 'required')
      problem('项目', `${account.code} ${account.fullName} 的余额必须按项目录入（辅助核算：项目必填）`);
    const key = `${account?.code ?? input.account}|${project ?? ''}`;
    if (account && seen.has(key))
      problem(
        '科目编码',
        project ? `科目 ${account.code} 的项目“${project}”重复` : `科目 ${account.code} 重复`,
      );
    seen.add(key);
    const debit = amount(input.debit, '期初借方');
    const credit = amount(input.credit, '期初贷方');
    if (debit !== 0 && credit !== 0) problem('期初借方', '期初借方和期初贷方只能填一个');
    const yearDebit = amount(input.yearDebit, '本年累计借方');
    const yearCredit = amount(input.yearCredit, '本年累计贷方');
    if (!midYear && (yearDebit !== 0 || yearCredit !== 0))
      problem('本年累计借方', `账套从 ${book.startPeriod} 启用，年初即期初，没有本年累计发生额`);
    const hasYearOpening = !!(input.yearOpeningDebit?.trim() || input.yearOpeningCredit?.trim());
    const yearOpening = hasYearOpening
      ? {
          debit: amount(input.yearOpeningDebit, '年初借方'),
          credit: amount(input.yearOpeningCredit, '年初贷方'),
        }
      : undefined;
    if (account && errors.length === before)
      parts.push({ row, account, project, debit, credit, yearDebit, yearCredit, yearOpening });
  });
  return { parts, errors };
}

/**
 * Sets the opening balances of the accounts the inputs name: each named account's figures (its
 * projects included) are replaced by the inputs' rows for it; others keep theirs (`replace` clears them
 * all first, which is what an import does). An unbalanced set may be saved while the accountant is still
 * typing; the balance checks stop the first posting instead.
 */
export function setOpeningBalances(
  actor: Actor,
  book: Book,
  inputs: OpeningInput[],
  options: {
    replace?: boolean | undefined;
    source?: string | undefined;
    fileErrors?: RowError[] | undefined;
  } = {},
): OpeningBalances {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '录入期初余额');
  if (isOpeningLocked(centre, book.id))
    fail('forbidden', `账套“${book.community}”已有记账凭证，期初余额不能再修改`);
  const accounts = new Map(listAccounts(centre, book.id).map((a) => [a.code, a]));
  const { parts, errors } = readParts(book, accounts, inputs);
  errors.unshift(...(options.fileErrors ?? []));

  // Per account: the sum of its parts; 年初, where the file gave it, must agree with 期初 and 累计.
  const byAccount = new Map<number, { account: Account; parts: Part[] }>();
  for (const part of parts) {
    const entry = byAccount.get(part.account.id) ?? { account: part.account, parts: [] };
    entry.parts.push(part);
    byAccount.set(part.account.id, entry);
  }
  const totals = [...byAccount.values()].map(({ account, parts: own }) => {
    const net = sumFen(own.flatMap((p) => [p.debit, -p.credit]));
    const yearDebit = sumFen(own.map((p) => p.yearDebit));
    const yearCredit = sumFen(own.map((p) => p.yearCredit));
    const debit = net > 0 ? net : 0;
    const credit = net < 0 ? -net : 0;
    const start = yearOpening(debit, credit, yearDebit, yearCredit);
    for (const p of own.filter((x) => x.yearOpening)) {
      const given = sumFen([p.yearOpening!.debit, -p.yearOpening!.credit]);
      if (given !== sumFen([start.debit, -start.credit])) {
        const side = account.normalSide === 'debit' ? '借' : '贷';
        errors.push({
          row: p.row,
          column: '年初借方',
          message:
            `第 ${p.row} 行年初余额：${account.code} ${account.fullName} 期初 ${fenToYuan(Math.abs(net))}（${net >= 0 ? '借' : '贷'}）` +
            ` 应等于 年初 + 本年累计借方 − 本年累计贷方（余额方向${side}），按填写的累计发生额，年初应为 ` +
            `${fenToYuan(start.debit || start.credit)}（${start.debit ? '借' : '贷'}）`,
        });
      }
    }
    return { account, debit, credit, yearDebit, yearCredit, projects: own.filter((p) => p.project) };
  });
  if (errors.length > 0) {
    throw new LedgerError(
      'import_failed',
      `期初余额${options.source ? ` ${options.source} ` : ''}有 ${errors.length} 处错误，未作任何修改`,
      { rows: errors.sort((a, b) => a.row - b.row) },
    );
  }

  const before = getOpeningBalances(centre, book);
  const inBook = 'IN (SELECT id FROM account WHERE book_id = ?)';
  if (options.replace) {
    centre.sql(`DELETE FROM opening_project WHERE account_id ${inBook}`).run(book.id);
    centre.sql(`DELETE FROM opening_balance WHERE account_id ${inBook}`).run(book.id);
  }
  const upsert = centre.sql(
    `INSERT INTO opening_balance (account_id, debit, credit, year_debit, year_credit) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET debit = excluded.debit, credit = excluded.credit,
       year_debit = excluded.year_debit, year_credit = excluded.year_credit`,
  );
  const insertProject = centre.sql(
    'INSERT INTO opening_project (account_id, project_id, debit, credit) VALUES (?, ?, ?, ?)',
  );
  for (const t of totals) {
    centre.sql('DELETE FROM opening_project WHERE account_id = ?').run(t.account.id);
    upsert.run(t.account.id, t.debit, t.credit, t.yearDebit, t.yearCredit);
    for (const p of t.projects) {
      if (p.debit === 0 && p.credit === 0) continue;
      insertProject.run(t.account.id, dimensionId(centre, book.id, 'project', p.project!), p.debit, p.credit);
    }
  }
  centre
    .sql(
      `DELETE FROM opening_balance WHERE debit = 0 AND credit = 0 AND year_debit = 0 AND year_credit = 0
       AND account_id ${inBook}`,
    )
    .run(book.id);
  const after = getOpeningBalances(centre, book);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'opening.set',
    entity: 'book',
    entityId: book.id,
    bookId: book.id,
    before,
    after: { ...after, source: options.source },
  });
  return after;
}
