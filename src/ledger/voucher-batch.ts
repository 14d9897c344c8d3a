import { fail, LedgerError, type RowError } from '../errors.js';
import { fenToYuan, sumFen, type Fen } from '../money/money.js';
import { dimensionLabels, listAccounts, missingDimensions, type Account } from './accounts.js';
import {
  accountKinds,
  addFundChanges,
  fundChanges,
  overspendingMessage,
  overspentFunds,
  type FundChange,
} from './task-funds.js';
import { recordAudit } from './audit.js';
import type { Book, VoucherWord } from './books.js';
import type { Centre } from './centre.js';
import { dimensionId, disclosureItemResolver, listDisclosureItems } from './dimensions.js';
import type { Operator } from './operators.js';
import { requireOpeningBalanced } from './opening.js';
import type { Period } from './period.js';
import { formatRef } from './vouchers.js';
import { balancesAfter, cashAccountCodes } from './cash-balances.js';

/** A voucher ready to be written in bulk: numbers already chosen, amounts in 分, accounts by code. */
export interface BatchVoucher {
  period: Period;
  word: VoucherWord;
  number: number;
  date: string;
  attachments: number;
  /** First row of the voucher in its source file, for messages. */
  row: number;
  lines: Array<{
    account: string;
    summary: string;
    debit: Fen;
    credit: Fen;
    project?: string;
    item?: string;
    party?: string;
    row: number;
  }>;
}

export interface BatchOptions {
  preparedBy: Operator;
  /** When set, the vouchers are written as reviewed by this operator and posted (a closed history). */
  postedBy?: Operator | undefined;
}

/**
 * Checks a whole batch against the book (accounts, periods, numbering) and returns every problem at
 * once. Numbers must continue each month's sequence without a gap; a number already used is a
 * duplicate import and is named.
 */
export function checkBatch(
  centre: Centre,
  book: Book,
  vouchers: BatchVoucher[],
  unreadable = new Set<BatchVoucher>(),
): RowError[] {
  const errors: RowError[] = [];
  const accounts = new Map(listAccounts(centre, book.id).map((a) => [a.code, a]));
  const items = new Set(listDisclosureItems(centre, book.id).map((i) => i.name));
  const closed = new Set(
    (
      centre.sql('SELECT period FROM period_close WHERE book_id = ?').all(book.id) as Array<{
        period: string;
      }>
    ).map((r) => r.period),
  );
  // A voucher with a row the reader could not read is still checked for everything but its balance (an
  // unreadable amount would only show up a second time as an unbalanced voucher), so the accountant
  // sees every problem of the file in one round.
  for (const v of vouchers) {
    const name = (): string => `凭证 ${v.period} ${formatRef(v.word, v.number)}`;
    if (v.period < book.startPeriod)
      errors.push({
        row: v.row,
        column: '日期',
        message: `${name()} 的日期早于账套启用期间 ${book.startPeriod}`,
      });
    if (closed.has(v.period))
      errors.push({ row: v.row, column: '日期', message: `${name()}：${v.period} 已结账` });
    if (!book.voucherWords.includes(v.word)) {
      errors.push({
        row: v.row,
        column: '凭证字',
        message: `本账套没有启用凭证字“${v.word}”（已启用：${book.voucherWords.join('、')}）`,
      });
    }
    for (const line of v.lines) {
      // An empty code was already reported by the reader (科目编码不能为空).
      if (!line.account) continue;
      const account: Account | undefined = accounts.get(line.account);
      if (!account)
        errors.push({ row: line.row, column: '科目编码', message: `科目 ${line.account} 不存在` });
      else if (!account.isLeaf)
        errors.push({
          row: line.row,
          column: '科目编码',
          message: `${account.code} ${account.fullName} 有下级科目，只能用末级科目`,
        });
      else if (!account.active)
        errors.push({
          row: line.row,
          column: '科目编码',
          message: `${account.code} ${account.fullName} 已停用`,
        });
      for (const dimension of account ? missingDimensions(account, line) : [])
        errors.push({
          row: line.row,
          column: dimensionLabels[dimension],
          message: `${account!.code} ${account!.fullName} 必须填写${dimensionLabels[dimension]}（辅助核算）`,
        });
      if (line.item && !items.has(line.item))
        errors.push({
          row: line.row,
          column: '收支项目',
          message: `收支项目“${line.item}”不在本账套的收支项目表中`,
        });
    }
    if (unreadable.has(v)) continue;
    if (v.lines.length < 2) errors.push({ row: v.row, column: '凭证号', message: `${name()} 只有一行分录` });
    const debit = sumFen(v.lines.map((l) => l.debit));
    const credit = sumFen(v.lines.map((l) => l.credit));
    if (debit !== credit) {
      errors.push({
        row: v.row,
        column: '借方金额',
        message: `${name()} 借贷不平：借方 ${fenToYuan(debit)}，贷方 ${fenToYuan(credit)}`,
      });
    }
  }
  errors.push(...checkNumbering(centre, book, vouchers));
  errors.push(...checkFunds(centre, book, vouchers, accounts));
  return errors;
}

/**
 * 专款专用 over the whole file: the same rule voucher entry applies, to the sum of what the file does to
 * each restricted fund (a file that receives a task's money and spends it passes; one that spends more
 * than the fund holds is refused, naming the fund and the first row that spends from it).
 */
function checkFunds(
  centre: Centre,
  book: Book,
  vouchers: BatchVoucher[],
  accounts: Map<string, Account>,
): RowError[] {
  const kinds = accountKinds(centre, book);
  const total = new Map<string, FundChange>();
  const firstUse = new Map<string, number>();
  for (const v of vouchers) {
    // Most vouchers carry no project and move no fund.
    if (!v.lines.some((l) => l.project)) continue;
    const lines = v.lines.flatMap((l) => {
      const account = accounts.get(l.account);
      return account
        ? [{ accountId: account.id, project: l.project ?? null, debit: l.debit, credit: l.credit }]
        : [];
    });
    const changes = fundChanges(kinds, lines);
    addFundChanges(total, changes);
    for (const [project, change] of changes)
      if (change.delta < 0 && !firstUse.has(project))
        firstUse.set(project, v.lines.find((l) => l.project === project)!.row);
  }
  return overspentFunds(centre, book, total, null).map((o) => ({
    row: firstUse.get(o.project) ?? vouchers[0]?.row ?? 1,
    column: '项目',
    message: overspendingMessage(o, '文件中的凭证合计'),
  }));
}

function checkNumbering(centre: Centre, book: Book, vouchers: BatchVoucher[]): RowError[] {
  const errors: RowError[] = [];
  const sequences = new Map<string, BatchVoucher[]>();
  for (const v of vouchers) {
    const key = `${v.period} ${v.word}`;
    const list = sequences.get(key);
    if (list) list.push(v);
    else sequences.set(key, [v]);
  }
  for (const [key, list] of sequences) {
    const [period, word] = key.split(' ') as [string, string];
    const max = (
      centre
        .sql(
          'SELECT coalesce(max(number), 0) AS n FROM voucher WHERE book_id = ? AND period = ? AND word = ?',
        )
        .get(book.id, period, word) as { n: number }
    ).n;
    const sorted = [...list].sort((a, b) => a.number - b.number);
    const clashing = sorted.filter((v) => v.number <= max);
    if (clashing.length > 0) {
      errors.push({
        row: clashing[0]!.row,
        column: '凭证号',
        message: `${period} 已有凭证 ${formatRef(word, 1)} 至 ${formatRef(word, max)}，文件中的 ${clashing
          .slice(0, 8)
          .map((v) => formatRef(word, v.number))
          .join('、')}${clashing.length > 8 ? ` 等 ${clashing.length} 张` : ''} 与之重复，可能已经导入过`,
      });
      continue;
    }
    // Report the first gap only: every number after it would be off by the same amount.
    const gap = sorted.findIndex((v, i) => v.number !== max + i + 1);
    if (gap >= 0) {
      const v = sorted[gap]!;
      errors.push({
        row: v.row,
        column: '凭证号',
        message: `${period} 凭证号不连续：应为 ${formatRef(word, max + gap + 1)}，文件中是 ${formatRef(word, v.number)}`,
      });
    }
  }
  return errors;
}

/** Book order: month, word, number (plain comparison: localeCompare is slow on thousands of vouchers). */
function byNumber(a: BatchVoucher, b: BatchVoucher): number {
  if (a.period !== b.period) return a.period < b.period ? -1 : 1;
  if (a.word !== b.word) return a.word < b.word ? -1 : 1;
  return a.number - b.number;
}

/**
 * Writes a checked batch. The caller holds the transaction. Posting goes through the same status
 * change as a reviewer's, so the database's balance check and monthly totals apply to imports too.
 */
export function writeBatch(
  centre: Centre,
  book: Book,
  vouchers: BatchVoucher[],
  options: BatchOptions,
): void {
  const accounts = new Map(listAccounts(centre, book.id).map((a) => [a.code, a.id]));
  const itemId = disclosureItemResolver(centre, book.id);
  const cash = cashAccountCodes(book);
  const cashAccounts = new Set(
    listAccounts(centre, book.id)
      .filter((a) => cash.some((c) => a.code.startsWith(c)))
      .map((a) => a.code),
  );
  const cached = (dimension: 'project' | 'party') => {
    const ids = new Map<string, number>();
    return (name: string) => {
      let id = ids.get(name);
      if (id === undefined) ids.set(name, (id = dimensionId(centre, book.id, dimension, name)));
      return id;
    };
  };
  const projectId = cached('project');
  const partyId = cached('party');
  if (options.postedBy) {
    requireOpeningBalanced(centre, book.id, '不能导入为已记账凭证');
    if (options.postedBy.id === options.preparedBy.id) fail('forbidden', '审核人不能是制单人');
  }
  const now = centre.now();
  const insertVoucher = centre.sql(
    `INSERT INTO voucher (book_id, period, word, number, date, attachments, status, prepared_by, prepared_at)
     VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?)`,
  );
  const insertLine = centre.sql(
    `INSERT INTO line (voucher_id, line_no, account_id, period, summary, debit, credit, project_id, item_id, party_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const post = centre.sql(
    `UPDATE voucher SET status = 'posted', reviewed_by = ?, reviewed_at = ?, posted_by = ?, posted_at = ? WHERE id = ?`,
  );
  const sorted = [...vouchers].sort(byNumber);
  for (const v of sorted) {
    const id = Number(
      insertVoucher.run(
        book.id,
        v.period,
        v.word,
        v.number,
        v.date,
        v.attachments,
        options.preparedBy.id,
        now,
      ).lastInsertRowid,
    );
    v.lines.forEach((l, index) => {
      insertLine.run(
        id,
        index + 1,
        accounts.get(l.account)!,
        v.period,
        l.summary,
        l.debit,
        l.credit,
        l.project ? projectId(l.project) : null,
        l.item ? itemId(l.item, { isCash: cashAccounts.has(l.account), debit: l.debit !== 0 })! : null,
        l.party ? partyId(l.party) : null,
      );
    });
    if (options.postedBy) post.run(options.postedBy.id, now, options.postedBy.id, now, id);
  }
}

/** Throws one import error listing every problem, sorted by row. */
export function failWithRows(message: string, rows: RowError[]): never {
  throw new LedgerError('import_failed', message, { rows: [...rows].sort((a, b) => a.row - b.row) });
}

export interface ImportResult {
  source: string;
  vouchers: number;
  lines: number;
  posted: boolean;
  /** First and last voucher imported, e.g. '2025-01 记-0001'. */
  first: string | null;
  last: string | null;
  /** Cash or bank accounts the file leaves below zero (赤字控制 set to warn). */
  warnings: string[];
}

/**
 * 赤字控制 over a file: the cash and bank accounts the whole file leaves below zero, posted books and the
 * file together (and, for drafts, the vouchers waiting for posting), as a save checks one voucher.
 */
function fileDeficits(centre: Centre, book: Book, vouchers: BatchVoucher[], posted: boolean): string[] {
  const ids = new Map(listAccounts(centre, book.id).map((a) => [a.code, a.id]));
  const changes = new Map<number, Fen>();
  for (const v of vouchers)
    for (const l of v.lines) {
      const id = ids.get(l.account);
      if (id !== undefined) changes.set(id, sumFen([changes.get(id) ?? 0, l.debit, -l.credit]));
    }
  return balancesAfter(centre, book, changes, { postedOnly: posted }).map(
    (d) => `导入后 ${d.code} ${d.name} 余额将为 ${fenToYuan(d.balance)} 元（赤字）`,
  );
}

/**
 * Imports vouchers read from a file: all or nothing. Without a reviewer they arrive as drafts; with one
 * (a closed history) they are recorded as reviewed by that operator and posted, and the audit log says so.
 */
export function importVouchers(
  actor: { centre: Centre; operator: Operator },
  book: Book,
  batch: { source: string; vouchers: BatchVoucher[]; errors?: RowError[] },
  options: { reviewer?: Operator | undefined } = {},
): ImportResult {
  const { centre, operator } = actor;
  if (!['accountant', 'supervisor'].includes(operator.role)) {
    fail('forbidden', `操作员“${operator.name}”无权导入凭证，需要：会计、主管`);
  }
  if (options.reviewer) {
    if (!['reviewer', 'supervisor'].includes(options.reviewer.role)) {
      fail('forbidden', `“${options.reviewer.name}”不是审核人员，不能作为已记账凭证的审核人`);
    }
    if (options.reviewer.id === operator.id)
      fail('forbidden', '导入已记账凭证时，审核人不能是制单（导入）人');
  }
  // Vouchers with a row the parser already refused are checked for everything but their balance (an
  // unreadable amount would only show up a second time as an unbalanced voucher).
  const badRows = new Set((batch.errors ?? []).map((e) => e.row));
  const unreadable = new Set(batch.vouchers.filter((v) => v.lines.some((l) => badRows.has(l.row))));
  const errors = [...(batch.errors ?? []), ...checkBatch(centre, book, batch.vouchers, unreadable)];
  const deficits = errors.length === 0 ? fileDeficits(centre, book, batch.vouchers, !!options.reviewer) : [];
  if (book.deficitControl === 'refuse')
    errors.push(
      ...deficits.map((message) => ({
        row: batch.vouchers[0]?.row ?? 1,
        column: '贷方金额',
        message: `${message}，本账套设置为赤字时不允许导入`,
      })),
    );
  if (errors.length > 0)
    failWithRows(`凭证文件 ${batch.source} 有 ${errors.length} 处错误，未导入任何凭证`, errors);
  writeBatch(centre, book, batch.vouchers, { preparedBy: operator, postedBy: options.reviewer });
  const sorted = [...batch.vouchers].sort(byNumber);
  const name = (v: BatchVoucher | undefined) => (v ? `${v.period} ${formatRef(v.word, v.number)}` : null);
  const result: ImportResult = {
    source: batch.source,
    vouchers: batch.vouchers.length,
    lines: batch.vouchers.reduce((n, v) => n + v.lines.length, 0),
    posted: !!options.reviewer,
    first: name(sorted[0]),
    last: name(sorted.at(-1)),
    warnings: deficits,
  };
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'import.vouchers',
    entity: 'voucher',
    bookId: book.id,
    after: { ...result, reviewer: options.reviewer?.name ?? null },
  });
  return result;
}
