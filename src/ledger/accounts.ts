import { fail, LedgerError, type RowError } from '../errors.js';
import { recordAudit } from './audit.js';
import type { Centre } from './centre.js';
import npoCommunity from './charts/npo-community.json' with { type: 'json' };
import { requireRole, type Actor } from './operators.js';

export type NormalSide = 'debit' | 'credit';
export type AccountCategory = 'asset' | 'liability' | 'net_assets' | 'income' | 'expense';

export const categoryLabels: Record<AccountCategory, string> = {
  asset: '资产',
  liability: '负债',
  net_assets: '净资产',
  income: '收入',
  expense: '费用',
};

/** One account as the chart data describes it: a template row or a row of an imported chart file. */
export interface ChartRow {
  code: string;
  name: string;
  normalSide?: NormalSide | undefined;
  /** Row in the imported file, for error messages. */
  row?: number | undefined;
}

export interface ChartTemplate {
  id: string;
  name: string;
  basis: string;
  accounts: ChartRow[];
  disclosureItems: { receipt: string[]; payment: string[] };
  /** Level-1 codes of the accounts that hold money (现金, 银行存款, 其他货币资金). */
  cashAccounts?: string[];
  /** The 居务公开 item of a cash line by its counter-account's code prefix. */
  disclosureDefaults?: Record<'receipt' | 'payment', Array<{ account: string; item: string }>>;
}

const templates: Record<string, ChartTemplate> = {
  [npoCommunity.id]: npoCommunity as ChartTemplate,
};

export const defaultChartTemplate = npoCommunity.id;

export function chartTemplate(id: string = defaultChartTemplate): ChartTemplate {
  const template = templates[id];
  if (!template)
    fail('not_found', `没有科目模板“${id}”，可用：${Object.keys(templates).join('、')}`, { field: 'chart' });
  return template;
}

/** The template a book's chart came from; an imported chart takes the default's rules and items. */
export function bookTemplate(book: { chart: string }): ChartTemplate {
  return templates[book.chart] ?? templates[defaultChartTemplate]!;
}

export function listChartTemplates(): Array<{ id: string; name: string; basis: string; accounts: number }> {
  return Object.values(templates).map((t) => ({
    id: t.id,
    name: t.name,
    basis: t.basis,
    accounts: t.accounts.length,
  }));
}

export interface Account {
  id: number;
  code: string;
  name: string;
  /** Names from level 1 down, joined with '/': 银行存款/社区专户. Printouts show this, never the code alone. */
  fullName: string;
  parentCode: string | null;
  level: number;
  category: AccountCategory;
  normalSide: NormalSide;
  active: boolean;
  isLeaf: boolean;
}

/** The official level-1 codes begin with the category digit. */
export function categoryOfCode(code: string): AccountCategory | undefined {
  return (['asset', 'liability', 'net_assets', 'income', 'expense'] as const)[Number(code[0]) - 1];
}

interface PlannedAccount {
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  category: AccountCategory;
  normalSide: NormalSide;
}

/**
 * Checks a whole chart and works out each account's parent (the longest code in the chart that is a
 * prefix of it), level, category and normal side (inherited from the parent when not given).
 * All problems are collected, so an imported chart file can be fixed in one pass.
 */
export function planChart(rows: ChartRow[], source: string): PlannedAccount[] {
  const errors: RowError[] = [];
  const where = (row: ChartRow, index: number) => row.row ?? index + 1;
  const byCode = new Map<string, PlannedAccount>();
  const sorted = rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => a.row.code.localeCompare(b.row.code));
  for (const { row, index } of sorted) {
    const code = row.code.trim();
    const name = row.name.trim();
    if (!/^\d{4,12}$/.test(code)) {
      errors.push({
        row: where(row, index),
        column: '科目编码',
        message: `科目编码“${row.code}”应为 4 位以上的数字`,
      });
      continue;
    }
    if (!name)
      errors.push({ row: where(row, index), column: '科目名称', message: `科目 ${code} 缺少科目名称` });
    if (byCode.has(code)) {
      errors.push({ row: where(row, index), column: '科目编码', message: `科目编码 ${code} 重复` });
      continue;
    }
    const category = categoryOfCode(code);
    if (!category) {
      errors.push({
        row: where(row, index),
        column: '科目编码',
        message: `科目编码 ${code} 首位应为 1–5（资产、负债、净资产、收入、费用）`,
      });
      continue;
    }
    let parent: PlannedAccount | undefined;
    for (let length = code.length - 1; length >= 4 && !parent; length--)
      parent = byCode.get(code.slice(0, length));
    if (code.length > 4 && !parent) {
      errors.push({
        row: where(row, index),
        column: '科目编码',
        message: `科目 ${code} ${name} 缺少上级科目`,
      });
      continue;
    }
    const normalSide = row.normalSide ?? parent?.normalSide;
    if (!normalSide) {
      errors.push({
        row: where(row, index),
        column: '余额方向',
        message: `一级科目 ${code} ${name} 缺少余额方向（借/贷）`,
      });
      continue;
    }
    byCode.set(code, {
      code,
      name,
      parentCode: parent?.code ?? null,
      level: parent ? parent.level + 1 : 1,
      category,
      normalSide,
    });
  }
  if (errors.length > 0) {
    throw new LedgerError('import_failed', `科目表 ${source} 有 ${errors.length} 处错误，未导入任何科目`, {
      rows: errors.sort((a, b) => a.row - b.row),
    });
  }
  return [...byCode.values()];
}

/** Writes a planned chart into an empty book (parents first, since codes are sorted). */
export function insertChart(centre: Centre, bookId: number, planned: PlannedAccount[]): void {
  const ids = new Map<string, number>();
  const insert = centre.sql(
    `INSERT INTO account (book_id, code, name, parent_id, level, category, normal_side) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const account of planned) {
    const parentId = account.parentCode ? ids.get(account.parentCode)! : null;
    const result = insert.run(
      bookId,
      account.code,
      account.name,
      parentId,
      account.level,
      account.category,
      account.normalSide,
    );
    ids.set(account.code, Number(result.lastInsertRowid));
  }
}

interface AccountRow {
  id: number;
  code: string;
  name: string;
  parent_id: number | null;
  level: number;
  category: AccountCategory;
  normal_side: NormalSide;
  active: number;
  is_leaf: number;
}

/** Every account of a book, in code order, with full names. One query; callers index it as they need. */
export function listAccounts(centre: Centre, bookId: number): Account[] {
  const rows = centre
    .sql(
      `SELECT id, code, name, parent_id, level, category, normal_side, active, is_leaf
       FROM account WHERE book_id = ? ORDER BY code`,
    )
    .all(bookId) as AccountRow[];
  const byId = new Map<number, Account>();
  const accounts: Account[] = [];
  for (const row of rows) {
    const parent = row.parent_id === null ? undefined : byId.get(row.parent_id);
    const account: Account = {
      id: row.id,
      code: row.code,
      name: row.name,
      fullName: parent ? `${parent.fullName}/${row.name}` : row.name,
      parentCode: parent?.code ?? null,
      level: row.level,
      category: row.category,
      normalSide: row.normal_side,
      active: row.active === 1 && (parent?.active ?? true),
      isLeaf: row.is_leaf === 1,
    };
    byId.set(row.id, account);
    accounts.push(account);
  }
  return accounts;
}

export function findAccount(centre: Centre, bookId: number, code: string): Account {
  const account = listAccounts(centre, bookId).find((a) => a.code === code.trim());
  if (!account) fail('not_found', `本账套没有科目 ${code}`, { field: 'account' });
  return account;
}

function accountHasLines(centre: Centre, accountId: number): boolean {
  return !!centre.sql('SELECT 1 FROM line WHERE account_id = ? LIMIT 1').get(accountId);
}

export function addAccount(
  actor: Actor,
  bookId: number,
  input: { code: string; name: string; normalSide?: NormalSide },
): Account {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '增加科目');
  const code = input.code.trim();
  const name = input.name.trim();
  if (!/^\d{4}(\d{2}){0,4}$/.test(code)) {
    fail('invalid_argument', `科目编码“${input.code}”应按 4-2-2 规则编码：一级 4 位，每下一级加 2 位`, {
      field: 'code',
    });
  }
  if (!name) fail('invalid_argument', '科目名称不能为空', { field: 'name' });
  const accounts = listAccounts(centre, bookId);
  if (accounts.some((a) => a.code === code)) fail('duplicate', `科目编码 ${code} 已存在`, { field: 'code' });
  const parent = code.length > 4 ? accounts.find((a) => a.code === code.slice(0, -2)) : undefined;
  if (code.length > 4 && !parent)
    fail('not_found', `上级科目 ${code.slice(0, -2)} 不存在，请先增加上级科目`, { field: 'code' });
  if (parent && accountHasLines(centre, parent.id)) {
    fail(
      'account_in_use',
      `上级科目 ${parent.code} ${parent.fullName} 已有凭证分录，不能增加下级科目。请新设一个科目，或先把分录转到其他科目`,
      { field: 'code' },
    );
  }
  const category = parent?.category ?? categoryOfCode(code);
  if (!category)
    fail('invalid_argument', `科目编码 ${code} 首位应为 1–5（资产、负债、净资产、收入、费用）`, {
      field: 'code',
    });
  const result = centre
    .sql(
      `INSERT INTO account (book_id, code, name, parent_id, level, category, normal_side) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      bookId,
      code,
      name,
      parent?.id ?? null,
      parent ? parent.level + 1 : 1,
      category,
      input.normalSide ?? parent?.normalSide ?? defaultSide(category),
    );
  const account = findAccount(centre, bookId, code);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'account.add',
    entity: 'account',
    entityId: Number(result.lastInsertRowid),
    bookId,
    after: account,
  });
  return account;
}

function defaultSide(category: AccountCategory): NormalSide {
  return category === 'asset' || category === 'expense' ? 'debit' : 'credit';
}

export function renameAccount(actor: Actor, bookId: number, code: string, name: string): Account {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '修改科目名称');
  if (!name.trim()) fail('invalid_argument', '科目名称不能为空', { field: 'name' });
  const before = findAccount(centre, bookId, code);
  centre.sql('UPDATE account SET name = ? WHERE id = ?').run(name.trim(), before.id);
  const after = findAccount(centre, bookId, code);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'account.rename',
    entity: 'account',
    entityId: before.id,
    bookId,
    before,
    after,
  });
  return after;
}

export function setAccountActive(actor: Actor, bookId: number, code: string, active: boolean): Account {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], active ? '启用科目' : '停用科目');
  const before = findAccount(centre, bookId, code);
  centre.sql('UPDATE account SET active = ? WHERE id = ?').run(active ? 1 : 0, before.id);
  const after = findAccount(centre, bookId, code);
  recordAudit(centre, {
    operatorId: operator.id,
    action: active ? 'account.enable' : 'account.disable',
    entity: 'account',
    entityId: before.id,
    bookId,
    before,
    after,
  });
  return after;
}

export function deleteAccount(actor: Actor, bookId: number, code: string): void {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '删除科目');
  const account = findAccount(centre, bookId, code);
  if (!account.isLeaf)
    fail('account_in_use', `科目 ${account.code} ${account.fullName} 有下级科目，不能删除`);
  if (accountHasLines(centre, account.id)) {
    fail(
      'account_in_use',
      `科目 ${account.code} ${account.fullName} 已有凭证分录，不能删除；不再使用时请停用`,
    );
  }
  centre.sql('DELETE FROM opening_balance WHERE account_id = ? AND debit = 0 AND credit = 0').run(account.id);
  if (centre.sql('SELECT 1 FROM opening_balance WHERE account_id = ?').get(account.id)) {
    fail('account_in_use', `科目 ${account.code} ${account.fullName} 有期初余额，不能删除`);
  }
  centre.sql('DELETE FROM account WHERE id = ?').run(account.id);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'account.delete',
    entity: 'account',
    entityId: account.id,
    bookId,
    before: account,
  });
}

/**
 * Brings an imported chart into an existing book: new codes are added under their parents, changed
 * names are renamed, and nothing is deleted. The whole file is checked first, as one chart with the
 * book's accounts.
 */
export function mergeChart(
  actor: Actor,
  bookId: number,
  rows: ChartRow[],
  source: string,
): { added: string[]; renamed: string[] } {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '导入科目');
  const existing = new Map(listAccounts(centre, bookId).map((a) => [a.code, a]));
  const incoming = rows.filter((r) => !existing.has(r.code.trim()));
  const planned = planChart(
    [
      ...[...existing.values()].map((a) => ({ code: a.code, name: a.name, normalSide: a.normalSide })),
      ...incoming,
    ],
    source,
  );
  const ids = new Map([...existing.values()].map((a) => [a.code, a.id]));
  const added: string[] = [];
  const renamed: string[] = [];
  for (const account of planned.filter((p) => !existing.has(p.code))) {
    const parentId = account.parentCode ? ids.get(account.parentCode)! : null;
    if (parentId !== null && centre.sql('SELECT 1 FROM line WHERE account_id = ? LIMIT 1').get(parentId)) {
      fail(
        'account_in_use',
        `上级科目 ${account.parentCode} 已有凭证分录，不能增加下级科目 ${account.code} ${account.name}`,
      );
    }
    const id = Number(
      centre
        .sql(
          `INSERT INTO account (book_id, code, name, parent_id, level, category, normal_side) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          bookId,
          account.code,
          account.name,
          parentId,
          account.level,
          account.category,
          account.normalSide,
        ).lastInsertRowid,
    );
    ids.set(account.code, id);
    added.push(`${account.code} ${account.name}`);
  }
  for (const row of rows) {
    const before = existing.get(row.code.trim());
    if (before && row.name.trim() && row.name.trim() !== before.name) {
      centre.sql('UPDATE account SET name = ? WHERE id = ?').run(row.name.trim(), before.id);
      renamed.push(`${before.code} ${before.name}→${row.name.trim()}`);
    }
  }
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'account.import',
    entity: 'book',
    entityId: bookId,
    bookId,
    after: { source, added, renamed },
  });
  return { added, renamed };
}
