import { fail, LedgerError, type RowError } from '../errors.js';
import { recordAudit } from '../ledger/audit.js';
import type { Centre } from '../ledger/centre.js';
import { requireRole, type Actor } from '../ledger/operators.js';
import type { FileSource, Table } from '../io/table.js';
import { fenToYuan, sumFen, type Fen } from '../money/money.js';
import {
  cellOf,
  checkMapping,
  parseRows,
  readStatement,
  saveMapping,
  statementAmount,
  statementDate,
  statementFields,
  type ColumnMapping,
} from './statement-file.js';

/**
 * Bank statements of a dedicated account (专户). Statements overlap (a bank prints from the last
 * statement date, or the user exports the same month twice), so each bank line is imported once: a line
 * with the same 流水号, date and amount as one already imported is the same line and is skipped (and
 * listed as skipped); a line without a 流水号 that looks like one already imported may be a second,
 * equal transaction, so a person decides — it is never dropped silently.
 */

export interface BankLineInput {
  row: number;
  date: string;
  reference: string;
  summary: string;
  counterparty: string;
  amount: Fen;
  balance: Fen | null;
}

export interface BankAccountRef {
  accountNumber: string;
  bankName: string;
  communities: string[];
}

export function bankAccounts(centre: Centre): BankAccountRef[] {
  const rows = centre
    .sql(
      `SELECT ba.account_number AS accountNumber, min(ba.bank_name) AS bankName, group_concat(c.name, '、') AS communities
       FROM bank_account ba JOIN community c ON c.id = ba.community_id
       GROUP BY ba.account_number ORDER BY ba.account_number`,
    )
    .all() as Array<{ accountNumber: string; bankName: string; communities: string }>;
  return rows.map((r) => ({ ...r, communities: r.communities.split('、') }));
}

export function findBankAccount(centre: Centre, accountNumber: string): BankAccountRef {
  const account = bankAccounts(centre).find((a) => a.accountNumber === accountNumber.trim());
  if (!account) {
    fail('not_found', `没有账号为“${accountNumber}”的社区专户（请先在社区设置里登记）`, { field: 'account' });
  }
  return account;
}

interface Parsed {
  fileName: string;
  headers: string[];
  columns: ColumnMapping;
  mappingFrom: 'given' | 'saved' | 'guessed';
  /** The first rows as the file has them, for the mapping dialog. */
  sample: Array<{ row: number; cells: string[] }>;
  table: Table;
}

/** Reads the file and finds its mapping (given, saved for the account, or guessed); parses nothing yet. */
async function readBankFile(
  centre: Centre,
  input: { file: FileSource; account: string; columns?: ColumnMapping | undefined },
): Promise<Parsed> {
  const account = findBankAccount(centre, input.account);
  const { table, columns, mappingFrom } = await readStatement(
    centre,
    'bank',
    input.file,
    account.accountNumber,
    input.columns,
  );
  return {
    fileName: table.source,
    headers: table.headers,
    columns,
    mappingFrom,
    sample: table.rows
      .slice(0, 8)
      .map((r) => ({ row: r.row, cells: table.headers.map((h) => r.cells[h] ?? '') })),
    table,
  };
}

/** Every line of the file by the mapping, or a refusal listing every bad row. */
function parseBankRows(table: Table, columns: ColumnMapping): BankLineInput[] {
  checkMapping('bank', table, columns);
  return parseRows(table, (r): BankLineInput => {
    let amount: Fen | undefined;
    if (columns.amount) {
      amount = statementAmount(cellOf(r, columns, 'amount'), '金额');
    } else {
      const income = statementAmount(cellOf(r, columns, 'income'), '收入') ?? 0;
      const expense = statementAmount(cellOf(r, columns, 'expense'), '支出') ?? 0;
      if (income !== 0 && expense !== 0)
        fail('invalid_argument', '收入和支出不能同时有金额', { field: '收入' });
      amount = sumFen([income, -expense]);
    }
    if (!amount)
      fail('invalid_amount', '收支金额不能为空或为零', { field: columns.amount ? '金额' : '收入' });
    const balance = columns.balance ? (statementAmount(cellOf(r, columns, 'balance'), '余额') ?? null) : null;
    return {
      row: r.row,
      date: statementDate(cellOf(r, columns, 'date'), '交易日期'),
      reference: cellOf(r, columns, 'reference'),
      summary: cellOf(r, columns, 'summary'),
      counterparty: cellOf(r, columns, 'counterparty'),
      amount,
      balance,
    };
  });
}

async function parseBankFile(
  centre: Centre,
  input: { file: FileSource; account: string; columns?: ColumnMapping | undefined },
): Promise<Parsed & { rows: BankLineInput[] }> {
  const read = await readBankFile(centre, input);
  return { ...read, rows: parseBankRows(read.table, read.columns) };
}

interface Existing {
  date: string;
  reference: string;
  summary: string;
  counterparty: string;
  amount: number;
  file: string;
  rowNo: number;
}

/** Sorts each line of the file: new, the same as one imported (skip), or looking like one (decide). */
function classify(centre: Centre, accountNumber: string, rows: BankLineInput[]) {
  const existing = centre
    .sql(
      `SELECT b.date, b.reference, b.summary, b.counterparty, b.amount, s.file_name AS file, b.row_no AS rowNo
       FROM bank_line b JOIN statement_import s ON s.id = b.import_id WHERE b.account_number = ?`,
    )
    .all(accountNumber) as Existing[];
  // One 流水号 may carry several lines (a transfer and its fee).
  const byReference = new Map<string, Existing[]>();
  for (const e of existing)
    if (e.reference) byReference.set(e.reference, [...(byReference.get(e.reference) ?? []), e]);
  const same: Array<{ row: number; existing: string }> = [];
  const suspect: Array<{ row: number; existing: string; why: string }> = [];
  const where = (e: Existing) => `${e.file} 第 ${e.rowNo} 行`;
  for (const r of rows) {
    if (r.reference) {
      const hits = byReference.get(r.reference) ?? [];
      const exact = hits.find((e) => e.date === r.date && e.amount === r.amount);
      if (exact) {
        same.push({ row: r.row, existing: where(exact) });
        continue;
      }
      if (hits.length > 0) {
        suspect.push({
          row: r.row,
          existing: where(hits[0]!),
          why: `流水号 ${r.reference} 相同但日期或金额不同`,
        });
        continue;
      }
      // Not known by its 流水号: an earlier statement may have had none, so look at the rest too.
    }
    const hit = existing.find(
      (e) =>
        e.date === r.date &&
        e.amount === r.amount &&
        (!e.reference || !r.reference) &&
        (e.summary === r.summary || !e.summary || !r.summary),
    );
    if (hit) suspect.push({ row: r.row, existing: where(hit), why: '日期、金额相同（对账单无流水号可比）' });
  }
  return { same, suspect };
}

/**
 * The mapping dialog's view of a file: the mapping, the first rows as the file has them, and, when the
 * mapping is complete and every row reads, the parsed lines with those already imported (same) or
 * looking like one (suspect); otherwise `problem` says why (mapping incomplete, bad rows), so the
 * mapping can be corrected in the dialog.
 */
export async function previewBankStatement(
  centre: Centre,
  input: { file: FileSource; account: string; columns?: ColumnMapping | undefined },
) {
  const read = await readBankFile(centre, input);
  let rows: BankLineInput[] = [];
  let problem: { message: string; rows: RowError[] } | null = null;
  try {
    rows = parseBankRows(read.table, read.columns);
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    problem = { message: error.message, rows: error.rows };
  }
  const { same, suspect } = classify(centre, findBankAccount(centre, input.account).accountNumber, rows);
  return {
    fileName: read.fileName,
    headers: read.headers,
    columns: read.columns,
    mappingFrom: read.mappingFrom,
    fields: Object.entries(statementFields.bank).map(([field, spec]) => ({
      field,
      label: spec.label,
      required: spec.required,
    })),
    sample: read.sample,
    rows: rows.slice(0, 20).map((r) => ({
      ...r,
      amount: fenToYuan(r.amount),
      balance: r.balance === null ? null : fenToYuan(r.balance),
    })),
    count: read.table.rows.length,
    same,
    suspect,
    problem,
  };
}

export async function prepareBankImport(
  centre: Centre,
  input: {
    file: FileSource;
    account: string;
    columns?: ColumnMapping | undefined;
    duplicates?: Record<string, 'new' | 'skip'> | undefined;
  },
) {
  const parsed = await parseBankFile(centre, input);
  const account = findBankAccount(centre, input.account);
  return (actor: Actor) => {
    const { centre: c, operator } = actor;
    requireRole(operator, ['accountant', 'supervisor'], '导入银行对账单');
    const { same, suspect } = classify(c, account.accountNumber, parsed.rows);
    const skip = new Set(same.map((s) => s.row));
    const errors: RowError[] = [];
    for (const s of suspect) {
      const decision = input.duplicates?.[String(s.row)];
      if (decision === 'skip') skip.add(s.row);
      else if (decision !== 'new') {
        errors.push({
          row: s.row,
          column: '',
          message: `第 ${s.row} 行与已导入的 ${s.existing} ${s.why}：是同一笔（跳过）还是另一笔（导入）？请确认`,
        });
      }
    }
    if (errors.length > 0) {
      fail('import_failed', `${parsed.fileName} 有 ${errors.length} 行需要确认，什么都没有导入`, {
        rows: errors,
        field: 'file',
      });
    }
    saveMapping(c, 'bank', account.accountNumber, parsed.columns);
    const fresh = parsed.rows.filter((r) => !skip.has(r.row));
    const importId = Number(
      c
        .sql(
          'INSERT INTO statement_import (kind, source, file_name, rows, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run('bank', account.accountNumber, parsed.fileName, fresh.length, operator.id, c.now())
        .lastInsertRowid,
    );
    const insert = c.sql(
      `INSERT INTO bank_line (import_id, row_no, account_number, date, reference, summary, counterparty, amount, balance)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of fresh) {
      insert.run(
        importId,
        r.row,
        account.accountNumber,
        r.date,
        r.reference,
        r.summary,
        r.counterparty,
        r.amount,
        r.balance,
      );
    }
    recordAudit(c, {
      operatorId: operator.id,
      action: 'reconcile.bank.import',
      entity: 'statement_import',
      entityId: importId,
      after: {
        account: account.accountNumber,
        file: parsed.fileName,
        imported: fresh.length,
        skipped: [...skip],
      },
    });
    return {
      importId,
      imported: fresh.length,
      skipped: [
        ...same.map((s) => ({ row: s.row, why: `与 ${s.existing} 为同一笔（流水号、日期、金额相同）` })),
        ...suspect
          .filter((s) => skip.has(s.row))
          .map((s) => ({ row: s.row, why: `确认为重复：${s.existing}` })),
      ],
    };
  };
}
