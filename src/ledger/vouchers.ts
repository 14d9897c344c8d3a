import { fail, LedgerError, type RowError } from '../errors.js';
import { toCapitalAmount } from '../money/capital.js';
import { fenToYuan, formatAmount, parseAmount, sumFen, type Fen } from '../money/money.js';
import { balancesAfter, cashAccountCodes } from './cash-balances.js';
import { dimensionLabels, listAccounts, missingDimensions, type Account } from './accounts.js';
import { recordAudit } from './audit.js';
import type { Book, VoucherWord } from './books.js';
import type { Centre } from './centre.js';
import { dimensionId, disclosureItemId } from './dimensions.js';
import { operatorName, requireRole, type Actor } from './operators.js';
import { requireOpeningBalanced } from './opening.js';
import { checkTaskFunds } from './task-funds.js';
import { parseDate, periodOfDate, type Period } from './period.js';

export type VoucherStatus = 'draft' | 'reviewed' | 'posted' | 'void';

export const statusLabels: Record<VoucherStatus, string> = {
  draft: '未审核',
  reviewed: '已审核',
  posted: '已记账',
  void: '作废',
};

export interface LineInput {
  account: string;
  summary?: string | undefined;
  /** Decimal yuan text; negative is red ink. Exactly one of debit and credit is non-zero. */
  debit?: string | undefined;
  credit?: string | undefined;
  project?: string | undefined;
  item?: string | undefined;
  party?: string | undefined;
}

export interface VoucherInput {
  /** Given when editing an existing draft. */
  id?: number | undefined;
  date: string;
  word?: VoucherWord | undefined;
  attachments?: number | undefined;
  lines: LineInput[];
}

export interface VoucherLine {
  lineNo: number;
  accountCode: string;
  accountName: string;
  summary: string;
  debit: string;
  credit: string;
  project: string | null;
  item: string | null;
  party: string | null;
}

export interface VoucherRef {
  id: number;
  period: Period;
  ref: string;
}

export interface Voucher {
  id: number;
  period: Period;
  word: VoucherWord;
  number: number;
  /** 记-0003: word and number as printed. */
  ref: string;
  date: string;
  attachments: number;
  status: VoucherStatus;
  summary: string;
  debitTotal: string;
  creditTotal: string;
  balanced: boolean;
  /** The debit total in 人民币大写. */
  capitalTotal: string;
  preparedBy: string;
  preparedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  postedBy: string | null;
  postedAt: string | null;
  reverses: VoucherRef | null;
  reversedBy: VoucherRef | null;
  lines: VoucherLine[];
  /** What saving or posting it warned about (赤字控制 set to warn); absent when nothing. */
  warnings?: string[];
}

export function formatRef(word: string, number: number): string {
  return `${word}-${String(number).padStart(4, '0')}`;
}

interface VoucherRow {
  id: number;
  book_id: number;
  period: string;
  word: VoucherWord;
  number: number;
  date: string;
  attachments: number;
  status: VoucherStatus;
  prepared_by: number;
  prepared_at: string;
  reviewed_by: number | null;
  reviewed_at: string | null;
  posted_by: number | null;
  posted_at: string | null;
  reverses_voucher_id: number | null;
}

interface ResolvedLine {
  lineNo: number;
  accountId: number;
  summary: string;
  debit: Fen;
  credit: Fen;
  projectId: number | null;
  itemId: number | null;
  partyId: number | null;
}

function voucherRow(centre: Centre, book: Book, id: number): VoucherRow {
  const row = centre.sql('SELECT * FROM voucher WHERE id = ?').get(id) as VoucherRow | undefined;
  if (!row || row.book_id !== book.id)
    fail('not_found', `账套“${book.community}”中没有 id 为 ${id} 的凭证`, { field: 'id' });
  return row;
}

/**
 * Finds a voucher by id, or by '2025-03 记-3' / '2025-03/记-0003' (period, word, number) as accountants
 * refer to them.
 */
export function findVoucherId(centre: Centre, book: Book, ref: string | number): number {
  if (typeof ref === 'number' || /^\d+$/.test(ref)) return voucherRow(centre, book, Number(ref)).id;
  const match = /^(\d{4}-\d{2})\s*[/ ]?\s*([记收付转])\s*-?\s*0*(\d+)$/.exec(ref.trim());
  if (!match)
    fail('invalid_argument', `凭证“${ref}”的写法无效，应为 id 或“2025-03 记-3”`, { field: 'voucher' });
  const row = centre
    .sql('SELECT id FROM voucher WHERE book_id = ? AND period = ? AND word = ? AND number = ?')
    .get(book.id, match[1], match[2], Number(match[3])) as { id: number } | undefined;
  if (!row)
    fail(
      'not_found',
      `账套“${book.community}”中没有凭证 ${match[1]} ${formatRef(match[2]!, Number(match[3]))}`,
    );
  return row.id;
}

export function getVoucher(centre: Centre, book: Book, id: number): Voucher {
  const row = voucherRow(centre, book, id);
  const lines = centre
    .sql(
      `SELECT l.line_no, l.account_id, l.summary, l.debit, l.credit,
              p.name AS project, i.name AS item, y.name AS party
       FROM line l
       LEFT JOIN project p ON p.id = l.project_id
       LEFT JOIN disclosure_item i ON i.id = l.item_id
       LEFT JOIN party y ON y.id = l.party_id
       WHERE l.voucher_id = ? ORDER BY l.line_no`,
    )
    .all(id) as Array<{
    line_no: number;
    account_id: number;
    summary: string;
    debit: number;
    credit: number;
    project: string | null;
    item: string | null;
    party: string | null;
  }>;
  const accounts = new Map(listAccounts(centre, book.id).map((a) => [a.id, a]));
  const debitTotal = sumFen(lines.map((l) => l.debit));
  const creditTotal = sumFen(lines.map((l) => l.credit));
  const reversedBy = centre
    .sql('SELECT id, period, word, number FROM voucher WHERE reverses_voucher_id = ?')
    .get(id) as { id: number; period: string; word: string; number: number } | undefined;
  const reverses = row.reverses_voucher_id
    ? (centre
        .sql('SELECT id, period, word, number FROM voucher WHERE id = ?')
        .get(row.reverses_voucher_id) as {
        id: number;
        period: string;
        word: string;
        number: number;
      })
    : undefined;
  const toRef = (v: { id: number; period: string; word: string; number: number }): VoucherRef => ({
    id: v.id,
    period: v.period,
    ref: formatRef(v.word, v.number),
  });
  return {
    id,
    period: row.period,
    word: row.word,
    number: row.number,
    ref: formatRef(row.word, row.number),
    date: row.date,
    attachments: row.attachments,
    status: row.status,
    summary: lines[0]?.summary ?? '',
    debitTotal: fenToYuan(debitTotal),
    creditTotal: fenToYuan(creditTotal),
    balanced: lines.length >= 2 && debitTotal === creditTotal,
    capitalTotal: toCapitalAmount(debitTotal),
    preparedBy: operatorName(centre, row.prepared_by)!,
    preparedAt: row.prepared_at,
    reviewedBy: operatorName(centre, row.reviewed_by),
    reviewedAt: row.reviewed_at,
    postedBy: operatorName(centre, row.posted_by),
    postedAt: row.posted_at,
    reverses: reverses ? toRef(reverses) : null,
    reversedBy: reversedBy ? toRef(reversedBy) : null,
    lines: lines.map((l) => {
      const account = accounts.get(l.account_id)!;
      return {
        lineNo: l.line_no,
        accountCode: account.code,
        accountName: account.fullName,
        summary: l.summary,
        debit: fenToYuan(l.debit),
        credit: fenToYuan(l.credit),
        project: l.project,
        item: l.item,
        party: l.party,
      };
    }),
  };
}

/** Checks every line and resolves codes and names to ids; all problems are reported together. */
function resolveLines(centre: Centre, book: Book, word: VoucherWord, inputs: LineInput[]): ResolvedLine[] {
  const cash = cashAccountCodes(book);
  const isCash = (account: Account) => cash.some((code) => account.code.startsWith(code));
  const errors: RowError[] = [];
  const accounts = new Map(listAccounts(centre, book.id).map((a) => [a.code, a]));
  const resolved: ResolvedLine[] = [];
  let summary = '';
  const used: Account[] = [];
  inputs.forEach((input, index) => {
    const row = index + 1;
    const problem = (column: string, message: string) =>
      errors.push({ row, column, message: `第 ${row} 行${column}：${message}` });
    summary = input.summary?.trim() || summary;
    if (!summary) problem('摘要', '摘要不能为空');
    const account = accounts.get(input.account.trim());
    if (!account) problem('科目', `科目 ${input.account} 不存在`);
    else if (!account.isLeaf) {
      const children = [...accounts.values()].filter((a) => a.parentCode === account.code);
      problem(
        '科目',
        `${account.code} ${account.fullName} 有下级科目，只能用末级科目，例如 ${children
          .map((c) => `${c.code} ${c.name}`)
          .slice(0, 3)
          .join('、')}`,
      );
    } else if (!account.active) problem('科目', `${account.code} ${account.fullName} 已停用`);
    else used.push(account);
    let debit = 0;
    let credit = 0;
    try {
      debit = input.debit?.trim() ? parseAmount(input.debit, '借方金额') : 0;
      credit = input.credit?.trim() ? parseAmount(input.credit, '贷方金额') : 0;
      if ((debit === 0) === (credit === 0)) problem('金额', '借方和贷方必须且只能填一个非零金额');
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      problem('金额', error.message);
    }
    let itemId: number | null = null;
    try {
      itemId = input.item?.trim()
        ? disclosureItemId(
            centre,
            book.id,
            input.item,
            account && { isCash: isCash(account), debit: debit !== 0 },
          )
        : null;
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      problem('收支项目', error.message);
    }
    // 辅助核算 the chart requires on this account (the 费随事转 income and spending need their project).
    for (const dimension of account ? missingDimensions(account, input) : [])
      problem(
        dimensionLabels[dimension],
        `${account!.code} ${account!.fullName} 必须填写${dimensionLabels[dimension]}（辅助核算）`,
      );
    resolved.push({
      lineNo: row,
      accountId: account?.id ?? 0,
      summary,
      debit,
      credit,
      projectId: input.project?.trim() ? dimensionId(centre, book.id, 'project', input.project) : null,
      itemId,
      partyId: input.party?.trim() ? dimensionId(centre, book.id, 'party', input.party) : null,
    });
  });
  if (inputs.length === 0) errors.push({ row: 1, column: '分录', message: '凭证至少要有一行分录' });
  if (errors.length === 0 && (word === '收' || word === '付')) {
    const side = word === '收' ? 'debit' : 'credit';
    const ok = resolved.some((line, i) => line[side] !== 0 && isCash(used[i]!));
    if (!ok) {
      errors.push({
        row: 1,
        column: '科目',
        message: word === '收' ? '收款凭证的借方必须是现金或银行存款' : '付款凭证的贷方必须是现金或银行存款',
      });
    }
  }
  if (errors.length > 0) {
    throw new LedgerError('invalid_argument', errors.map((e) => e.message).join('；'), {
      rows: errors,
      field: 'lines',
    });
  }
  return resolved;
}

/**
 * 赤字控制: a cash or bank account this voucher pays out of would stand below zero after it — the posted
 * balance, and at save every voucher waiting for posting too (cash-balances.ts). A book set to refuse
 * stops it; one set to warn (the default, as in 用友) saves or posts it and says so.
 */
function deficitWarnings(
  centre: Centre,
  book: Book,
  lines: Array<{ accountId: number; debit: Fen; credit: Fen }>,
  options: { postedOnly: boolean; excludeVoucherId: number | null; action: string },
): string[] {
  const changes = new Map<number, Fen>();
  for (const l of lines)
    changes.set(l.accountId, sumFen([changes.get(l.accountId) ?? 0, l.debit, -l.credit]));
  const deficits = balancesAfter(centre, book, changes, options);
  if (deficits.length === 0) return [];
  const messages = deficits.map((d) => `${d.code} ${d.name} 余额将为 ${formatAmount(d.balance)} 元（赤字）`);
  if (book.deficitControl === 'refuse') {
    fail(
      'cash_deficit',
      `${messages.join('；')}，本账套设置为赤字时不允许${options.action}。请先登记收款，或检查科目和金额`,
      {
        field: 'lines',
      },
    );
  }
  return messages;
}

function insertLines(centre: Centre, voucherId: number, period: Period, lines: ResolvedLine[]): void {
  const insert = centre.sql(
    `INSERT INTO line (voucher_id, line_no, account_id, period, summary, debit, credit, project_id, item_id, party_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const l of lines) {
    insert.run(
      voucherId,
      l.lineNo,
      l.accountId,
      period,
      l.summary,
      l.debit,
      l.credit,
      l.projectId,
      l.itemId,
      l.partyId,
    );
  }
}

function nextNumber(centre: Centre, bookId: number, period: Period, word: string): number {
  const row = centre
    .sql(
      'SELECT coalesce(max(number), 0) + 1 AS n FROM voucher WHERE book_id = ? AND period = ? AND word = ?',
    )
    .get(bookId, period, word) as { n: number };
  return row.n;
}

function checkOpenPeriod(centre: Centre, book: Book, period: Period): void {
  if (period < book.startPeriod)
    fail('invalid_argument', `凭证日期早于账套启用期间 ${book.startPeriod}`, { field: 'date' });
  if (centre.sql('SELECT 1 FROM period_close WHERE book_id = ? AND period = ?').get(book.id, period)) {
    fail('period_closed', `${period} 已结账，不能再录入或修改凭证`, { field: 'date' });
  }
}

/** Creates a draft, or replaces an existing draft's date, attachments and lines. */
export function saveVoucher(actor: Actor, book: Book, input: VoucherInput): Voucher {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'reviewer', 'supervisor'], '录入凭证');
  const date = parseDate(input.date, '凭证日期');
  const period = periodOfDate(date);
  checkOpenPeriod(centre, book, period);
  const word = input.word ?? book.voucherWords[0]!;
  if (!book.voucherWords.includes(word)) {
    fail('invalid_argument', `本账套没有启用凭证字“${word}”，已启用：${book.voucherWords.join('、')}`, {
      field: 'word',
    });
  }
  const attachments = input.attachments ?? 0;
  if (!Number.isInteger(attachments) || attachments < 0) {
    fail('invalid_argument', '附单据数应为不小于 0 的整数', { field: 'attachments' });
  }
  const lines = resolveLines(centre, book, word, input.lines);
  // As in 用友, only a complete voucher is saved (and takes a number); review checks again (checkBalanced).
  const debit = sumFen(lines.map((l) => l.debit));
  const credit = sumFen(lines.map((l) => l.credit));
  if (lines.length < 2) fail('unbalanced', '凭证至少要有两行分录，不能保存', { field: 'lines' });
  if (debit !== credit) {
    const totals = `借方 ${fenToYuan(debit)}，贷方 ${fenToYuan(credit)}，差额 ${fenToYuan(sumFen([debit, -credit]))}`;
    fail('unbalanced', `凭证借贷不平：${totals}，不能保存`, { field: 'lines' });
  }
  checkTaskFunds(centre, book, lines, input.id ?? null);
  const warnings = deficitWarnings(centre, book, lines, {
    postedOnly: false,
    excludeVoucherId: input.id ?? null,
    action: '保存',
  });
  const withWarnings = (voucher: Voucher): Voucher => (warnings.length ? { ...voucher, warnings } : voucher);

  if (input.id === undefined) {
    const number = nextNumber(centre, book.id, period, word);
    const id = Number(
      centre
        .sql(
          `INSERT INTO voucher (book_id, period, word, number, date, attachments, status, prepared_by, prepared_at)
           VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?)`,
        )
        .run(book.id, period, word, number, date, attachments, operator.id, centre.now()).lastInsertRowid,
    );
    insertLines(centre, id, period, lines);
    const after = getVoucher(centre, book, id);
    recordAudit(centre, {
      operatorId: operator.id,
      action: 'voucher.create',
      entity: 'voucher',
      entityId: id,
      bookId: book.id,
      after,
    });
    return withWarnings(after);
  }

  const row = voucherRow(centre, book, input.id);
  if (row.status !== 'draft') {
    fail(
      'voucher_state',
      `凭证 ${formatRef(row.word, row.number)} ${statusLabels[row.status]}，不能修改；已记账的凭证请用红字冲销更正`,
    );
  }
  const before = getVoucher(centre, book, row.id);
  centre.sql('DELETE FROM line WHERE voucher_id = ?').run(row.id);
  let id = row.id;
  if (period !== row.period || word !== row.word) {
    // Moving a draft to another month or word takes it out of its old sequence without leaving a gap:
    // when a reviewed, posted or void voucher follows, its number stays behind as a void voucher.
    if (fixedVoucherAfter(centre, row)) {
      centre.sql(`UPDATE voucher SET status = 'void' WHERE id = ?`).run(row.id);
      id = Number(
        centre
          .sql(
            `INSERT INTO voucher (book_id, period, word, number, date, attachments, status, prepared_by, prepared_at)
             VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?)`,
          )
          .run(
            book.id,
            period,
            word,
            nextNumber(centre, book.id, period, word),
            date,
            attachments,
            row.prepared_by,
            row.prepared_at,
          ).lastInsertRowid,
      );
    } else {
      centre
        .sql('UPDATE voucher SET period = ?, word = ?, number = ?, date = ?, attachments = ? WHERE id = ?')
        .run(period, word, nextNumber(centre, book.id, period, word), date, attachments, row.id);
      closeGap(centre, row);
    }
  } else {
    centre.sql('UPDATE voucher SET date = ?, attachments = ? WHERE id = ?').run(date, attachments, row.id);
  }
  insertLines(centre, id, period, lines);
  const after = getVoucher(centre, book, id);
  recordAudit(centre, {
    operatorId: operator.id,
    action: id === row.id ? 'voucher.update' : 'voucher.move',
    entity: 'voucher',
    entityId: id,
    bookId: book.id,
    before,
    after,
  });
  return withWarnings(after);
}

/** True when a voucher whose number may no longer change follows this one in its sequence. */
function fixedVoucherAfter(centre: Centre, row: VoucherRow): boolean {
  return !!centre
    .sql(
      `SELECT 1 FROM voucher WHERE book_id = ? AND period = ? AND word = ? AND number > ? AND status <> 'draft' LIMIT 1`,
    )
    .get(row.book_id, row.period, row.word, row.number);
}

/** After a draft left its sequence, the drafts after it move up one number. */
function closeGap(centre: Centre, row: VoucherRow): string[] {
  const later = centre
    .sql(
      'SELECT id, number FROM voucher WHERE book_id = ? AND period = ? AND word = ? AND number > ? ORDER BY number',
    )
    .all(row.book_id, row.period, row.word, row.number) as Array<{ id: number; number: number }>;
  const renumber = centre.sql('UPDATE voucher SET number = ? WHERE id = ?');
  for (const v of later) renumber.run(v.number - 1, v.id);
  return later.map((v) => `${formatRef(row.word, v.number)}→${formatRef(row.word, v.number - 1)}`);
}

/**
 * Takes a draft out of its numbering sequence without leaving a gap. When only drafts follow it, it is
 * deleted and they move up one number; when a reviewed, posted or void voucher follows, whose number may
 * no longer change, it becomes a void voucher that keeps its number (作废).
 */
function removeFromSequence(centre: Centre, row: VoucherRow): { voided: boolean; renumbered: string[] } {
  centre.sql('DELETE FROM line WHERE voucher_id = ?').run(row.id);
  if (fixedVoucherAfter(centre, row)) {
    centre.sql(`UPDATE voucher SET status = 'void' WHERE id = ?`).run(row.id);
    return { voided: true, renumbered: [] };
  }
  centre.sql('DELETE FROM voucher WHERE id = ?').run(row.id);
  return { voided: false, renumbered: closeGap(centre, row) };
}

export function deleteVoucher(
  actor: Actor,
  book: Book,
  id: number,
): { voided: boolean; renumbered: string[] } {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'reviewer', 'supervisor'], '删除凭证');
  const row = voucherRow(centre, book, id);
  if (row.status !== 'draft') {
    fail(
      'voucher_state',
      `凭证 ${formatRef(row.word, row.number)} ${statusLabels[row.status]}，不能删除；已记账的凭证请用红字冲销`,
    );
  }
  checkOpenPeriod(centre, book, row.period);
  const before = getVoucher(centre, book, id);
  const result = removeFromSequence(centre, row);
  recordAudit(centre, {
    operatorId: operator.id,
    action: result.voided ? 'voucher.void' : 'voucher.delete',
    entity: 'voucher',
    entityId: id,
    bookId: book.id,
    before,
    after: result,
  });
  return result;
}

function checkBalanced(centre: Centre, row: VoucherRow): void {
  const totals = centre
    .sql(
      'SELECT count(*) AS n, coalesce(sum(debit), 0) AS d, coalesce(sum(credit), 0) AS c FROM line WHERE voucher_id = ?',
    )
    .get(row.id) as { n: number; d: number; c: number };
  const ref = formatRef(row.word, row.number);
  if (totals.n < 2) fail('unbalanced', `凭证 ${ref} 至少要有两行分录`);
  if (totals.d !== totals.c) {
    fail(
      'unbalanced',
      `凭证 ${ref} 借贷不平：借方 ${fenToYuan(totals.d)}，贷方 ${fenToYuan(totals.c)}，差额 ${fenToYuan(totals.d - totals.c)}`,
    );
  }
}

/**
 * A draft saved before its account came to require a dimension (辅助核算 set to 必填 later) is not
 * reviewed until it carries it. A red-ink reversal copies what it cancels, so it is exempt, as in the
 * database.
 */
function checkDimensions(centre: Centre, book: Book, row: VoucherRow): void {
  if (row.reverses_voucher_id !== null) return;
  const accounts = new Map(listAccounts(centre, book.id).map((a) => [a.id, a]));
  const lines = centre
    .sql(
      `SELECT l.line_no AS lineNo, l.account_id AS accountId, p.name AS project, y.name AS party, i.name AS item
       FROM line l LEFT JOIN project p ON p.id = l.project_id LEFT JOIN party y ON y.id = l.party_id
       LEFT JOIN disclosure_item i ON i.id = l.item_id WHERE l.voucher_id = ? ORDER BY l.line_no`,
    )
    .all(row.id) as Array<{
    lineNo: number;
    accountId: number;
    project: string | null;
    party: string | null;
    item: string | null;
  }>;
  const problems = lines.flatMap((l) => {
    const account = accounts.get(l.accountId)!;
    return missingDimensions(account, l).map(
      (d) => `第 ${l.lineNo} 行 ${account.code} ${account.fullName} 必须填写${dimensionLabels[d]}`,
    );
  });
  if (problems.length > 0)
    fail(
      'invalid_argument',
      `凭证 ${formatRef(row.word, row.number)} 不能审核：${problems.join('；')}（辅助核算），请先修改凭证`,
      {
        field: 'lines',
      },
    );
}

export function reviewVoucher(actor: Actor, book: Book, id: number): Voucher {
  const { centre, operator } = actor;
  requireRole(operator, ['reviewer', 'supervisor'], '审核凭证');
  const row = voucherRow(centre, book, id);
  const ref = formatRef(row.word, row.number);
  if (row.status !== 'draft') fail('voucher_state', `凭证 ${ref} ${statusLabels[row.status]}，不能审核`);
  if (row.prepared_by === operator.id)
    fail('forbidden', `凭证 ${ref} 是“${operator.name}”制单的，审核人不能是制单人`);
  checkOpenPeriod(centre, book, row.period);
  checkBalanced(centre, row);
  checkDimensions(centre, book, row);
  centre
    .sql(`UPDATE voucher SET status = 'reviewed', reviewed_by = ?, reviewed_at = ? WHERE id = ?`)
    .run(operator.id, centre.now(), id);
  return logTransition(actor, book, id, 'voucher.review');
}

export function unreviewVoucher(actor: Actor, book: Book, id: number): Voucher {
  const { centre, operator } = actor;
  requireRole(operator, ['reviewer', 'supervisor'], '取消审核');
  const row = voucherRow(centre, book, id);
  const ref = formatRef(row.word, row.number);
  if (row.status !== 'reviewed')
    fail('voucher_state', `凭证 ${ref} ${statusLabels[row.status]}，只有已审核未记账的凭证可以取消审核`);
  if (row.reviewed_by !== operator.id && operator.role !== 'supervisor') {
    fail(
      'forbidden',
      `凭证 ${ref} 由“${operatorName(centre, row.reviewed_by)}”审核，只有审核人本人或主管可以取消审核`,
    );
  }
  centre
    .sql(`UPDATE voucher SET status = 'draft', reviewed_by = NULL, reviewed_at = NULL WHERE id = ?`)
    .run(id);
  return logTransition(actor, book, id, 'voucher.unreview');
}

export function postVoucher(actor: Actor, book: Book, id: number): Voucher {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'reviewer', 'supervisor'], '记账');
  const row = voucherRow(centre, book, id);
  const ref = formatRef(row.word, row.number);
  if (row.status !== 'reviewed')
    fail('voucher_state', `凭证 ${ref} ${statusLabels[row.status]}，只有已审核的凭证可以记账`);
  checkOpenPeriod(centre, book, row.period);
  requireOpeningBalanced(centre, book.id, '请先在期初余额中调平再记账');
  const lines = centre
    .sql('SELECT account_id AS accountId, debit, credit FROM line WHERE voucher_id = ?')
    .all(id) as Array<{
    accountId: number;
    debit: Fen;
    credit: Fen;
  }>;
  const warnings = deficitWarnings(centre, book, lines, {
    postedOnly: true,
    excludeVoucherId: id,
    action: '记账',
  });
  centre
    .sql(`UPDATE voucher SET status = 'posted', posted_by = ?, posted_at = ? WHERE id = ?`)
    .run(operator.id, centre.now(), id);
  const posted = logTransition(actor, book, id, 'voucher.post');
  return warnings.length ? { ...posted, warnings } : posted;
}

function logTransition(actor: Actor, book: Book, id: number, action: string): Voucher {
  const after = getVoucher(actor.centre, book, id);
  recordAudit(actor.centre, {
    operatorId: actor.operator.id,
    action,
    entity: 'voucher',
    entityId: id,
    bookId: book.id,
    after: { ref: after.ref, period: after.period, status: after.status },
  });
  return after;
}

export interface BatchResult {
  done: string[];
  skipped: Array<{ voucher: string; reason: string }>;
  /** Vouchers processed with a warning (赤字). */
  warnings: Array<{ voucher: string; warning: string }>;
}

/**
 * Reviews or posts every eligible voucher of a month range. A voucher that cannot be processed is
 * listed with the reason instead of stopping the batch; the rest are processed in one transaction.
 */
export function processRange(
  actor: Actor,
  book: Book,
  action: 'review' | 'post',
  from: Period,
  to: Period,
): BatchResult {
  const status = action === 'review' ? 'draft' : 'reviewed';
  const ids = actor.centre
    .sql(
      'SELECT id, period, word, number FROM voucher WHERE book_id = ? AND status = ? AND period BETWEEN ? AND ? ORDER BY period, word, number',
    )
    .all(book.id, status, from, to) as Array<{ id: number; period: string; word: string; number: number }>;
  const result: BatchResult = { done: [], skipped: [], warnings: [] };
  for (const v of ids) {
    const name = `${v.period} ${formatRef(v.word, v.number)}`;
    try {
      const done = action === 'review' ? reviewVoucher(actor, book, v.id) : postVoucher(actor, book, v.id);
      result.done.push(name);
      for (const warning of done.warnings ?? []) result.warnings.push({ voucher: name, warning });
    } catch (error) {
      if (!(error instanceof LedgerError) || (error.code === 'forbidden' && !/制单人/.test(error.message)))
        throw error;
      result.skipped.push({ voucher: name, reason: error.message });
    }
  }
  return result;
}

/**
 * 红字冲销: a new draft with the same lines and negative amounts on the same sides, linked to the
 * posted original, summary 注销X月X日记-N号凭证. The database refuses a second reversal of the same voucher.
 */
export function reverseVoucher(actor: Actor, book: Book, id: number, date?: string): Voucher {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'reviewer', 'supervisor'], '红字冲销');
  const row = voucherRow(centre, book, id);
  const ref = formatRef(row.word, row.number);
  if (row.status !== 'posted')
    fail(
      'voucher_state',
      `凭证 ${ref} ${statusLabels[row.status]}，只有已记账的凭证才需红字冲销；未记账的凭证可直接修改`,
    );
  if (row.reverses_voucher_id !== null) fail('voucher_state', `凭证 ${ref} 本身是红字冲销凭证，不能再冲销`);
  const existing = centre
    .sql('SELECT period, word, number FROM voucher WHERE reverses_voucher_id = ?')
    .get(id) as { period: string; word: string; number: number } | undefined;
  if (existing) {
    fail(
      'voucher_state',
      `凭证 ${row.period} ${ref} 已被 ${existing.period} ${formatRef(existing.word, existing.number)} 冲销，不能重复冲销`,
    );
  }
  const originalOpen = !centre
    .sql('SELECT 1 FROM period_close WHERE book_id = ? AND period = ?')
    .get(book.id, row.period);
  const reversalDate = parseDate(date ?? (originalOpen ? row.date : centre.today()), '冲销日期');
  const period = periodOfDate(reversalDate);
  checkOpenPeriod(centre, book, period);
  // The red voucher undoes what the original did, so the rules on money apply to it as to any voucher:
  // reversing a task fund's receipt after the money was spent would overdraw the fund (专款专用).
  const reversed = (
    centre
      .sql(
        'SELECT account_id AS accountId, project_id AS projectId, debit, credit FROM line WHERE voucher_id = ?',
      )
      .all(id) as Array<{
      accountId: number;
      projectId: number | null;
      debit: Fen;
      credit: Fen;
    }>
  ).map((l) => ({ ...l, debit: -l.debit, credit: -l.credit }));
  checkTaskFunds(centre, book, reversed, null);
  const warnings = deficitWarnings(centre, book, reversed, {
    postedOnly: false,
    excludeVoucherId: null,
    action: '冲销',
  });
  const [, month, day] = row.date.split('-').map(Number);
  const summary = `注销${month}月${day}日${row.word}-${row.number}号凭证`;
  const number = nextNumber(centre, book.id, period, row.word);
  const newId = Number(
    centre
      .sql(
        `INSERT INTO voucher (book_id, period, word, number, date, attachments, status, prepared_by, prepared_at, reverses_voucher_id)
         VALUES (?, ?, ?, ?, ?, 0, 'draft', ?, ?, ?)`,
      )
      .run(book.id, period, row.word, number, reversalDate, operator.id, centre.now(), id).lastInsertRowid,
  );
  centre
    .sql(
      `INSERT INTO line (voucher_id, line_no, account_id, period, summary, debit, credit, project_id, item_id, party_id)
       SELECT ?, line_no, account_id, ?, ?, -debit, -credit, project_id, item_id, party_id FROM line WHERE voucher_id = ?`,
    )
    .run(newId, period, summary, id);
  const after = getVoucher(centre, book, newId);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'voucher.reverse',
    entity: 'voucher',
    entityId: newId,
    bookId: book.id,
    after,
  });
  return warnings.length ? { ...after, warnings } : after;
}

export interface VoucherFilter {
  from?: Period | undefined;
  to?: Period | undefined;
  status?: VoucherStatus | undefined;
  /** Vouchers with a line on this account or any account below it. */
  account?: string | undefined;
  project?: string | undefined;
  /** Text found in any line's summary. */
  text?: string | undefined;
}

export interface VoucherListItem {
  id: number;
  period: Period;
  ref: string;
  date: string;
  summary: string;
  amount: string;
  status: VoucherStatus;
  preparedBy: string;
  reviewedBy: string | null;
  postedBy: string | null;
  attachments: number;
  reversesId: number | null;
  reversedById: number | null;
}

export function listVouchers(centre: Centre, book: Book, filter: VoucherFilter): VoucherListItem[] {
  const rows = centre
    .sql(
      `SELECT v.id, v.period, v.word, v.number, v.date, v.status, v.attachments, v.reverses_voucher_id,
              (SELECT summary FROM line WHERE voucher_id = v.id AND line_no = 1) AS summary,
              (SELECT coalesce(sum(debit), 0) FROM line WHERE voucher_id = v.id) AS amount,
              p.name AS preparedBy, r.name AS reviewedBy, o.name AS postedBy,
              (SELECT id FROM voucher x WHERE x.reverses_voucher_id = v.id) AS reversedById
       FROM voucher v
       JOIN operator p ON p.id = v.prepared_by
       LEFT JOIN operator r ON r.id = v.reviewed_by
       LEFT JOIN operator o ON o.id = v.posted_by
       WHERE v.book_id = @book AND v.period BETWEEN @from AND @to
         AND (@status IS NULL OR v.status = @status)
         AND (@account IS NULL OR EXISTS (SELECT 1 FROM line l JOIN account a ON a.id = l.account_id
                                          WHERE l.voucher_id = v.id AND a.code GLOB @account || '*'))
         AND (@project IS NULL OR EXISTS (SELECT 1 FROM line l JOIN project j ON j.id = l.project_id
                                          WHERE l.voucher_id = v.id AND j.name = @project))
         AND (@text IS NULL OR EXISTS (SELECT 1 FROM line l WHERE l.voucher_id = v.id AND instr(l.summary, @text) > 0))
       ORDER BY v.period, v.word, v.number`,
    )
    .all({
      book: book.id,
      from: filter.from ?? '0000-00',
      to: filter.to ?? '9999-99',
      status: filter.status ?? null,
      account: filter.account?.trim() || null,
      project: filter.project?.trim() || null,
      text: filter.text?.trim() || null,
    }) as Array<{
    id: number;
    period: string;
    word: string;
    number: number;
    date: string;
    status: VoucherStatus;
    attachments: number;
    reverses_voucher_id: number | null;
    summary: string | null;
    amount: number;
    preparedBy: string;
    reviewedBy: string | null;
    postedBy: string | null;
    reversedById: number | null;
  }>;
  return rows.map((r) => ({
    id: r.id,
    period: r.period,
    ref: formatRef(r.word, r.number),
    date: r.date,
    summary: r.summary ?? '',
    amount: fenToYuan(r.amount),
    status: r.status,
    preparedBy: r.preparedBy,
    reviewedBy: r.reviewedBy,
    postedBy: r.postedBy,
    attachments: r.attachments,
    reversesId: r.reverses_voucher_id,
    reversedById: r.reversedById,
  }));
}
