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

/**
 * 辅助核算 on an account's lines: `none`, `tracked` (lines may carry it, and opening balances are kept
 * per value) or `required` (every line must carry it; the database refuses a line without it).
 */
export const dimensionRules = ['none', 'tracked', 'required'] as const;
export type DimensionRule = (typeof dimensionRules)[number];
export const dimensionNames = ['project', 'party', 'item'] as const;
export type DimensionName = (typeof dimensionNames)[number];
export const dimensionLabels: Record<DimensionName, string> = {
  project: '项目',
  party: '往来单位',
  item: '收支项目',
};
export type DimensionRules = Record<DimensionName, DimensionRule>;
const noDimensions: DimensionRules = { project: 'none', party: 'none', item: 'none' };

/** The dimensions the chart requires on an account's lines that a line leaves out. */
export function missingDimensions(
  account: Pick<Account, 'dimensions'>,
  line: Partial<Record<DimensionName, string | null | undefined>>,
): DimensionName[] {
  return dimensionNames.filter((d) => account.dimensions[d] === 'required' && !line[d]?.trim());
}

/** Only income (a provider's restriction) and net assets (3102) can be 限定性. */
export const canBeRestricted = (category: AccountCategory): boolean =>
  category === 'income' || category === 'net_assets';

/** One account as the chart data describes it: a template row or a row of an imported chart file. */
export interface ChartRow {
  code: string;
  name: string;
  normalSide?: NormalSide | undefined;
  /** 限定性: as the parent when not given (a level-1 account is unrestricted unless it says so). */
  restricted?: boolean | undefined;
  /** Dimension rules given for this account; the others are the parent's. */
  dimensions?: Partial<DimensionRules> | undefined;
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
  /** Where each kind of district money is booked, and the 居务公开 item of its bank line. */
  grantSources?: Record<'base' | 'household' | 'task' | 'award', { account: string; item: string }>;
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
  /**
   * 限定性: income whose provider restricted its use (it closes to 3102 限定性净资产), and 3102 itself.
   * Every statement reads this attribute; the code says nothing about it.
   */
  restricted: boolean;
  dimensions: DimensionRules;
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
  restricted: boolean;
  dimensions: DimensionRules;
}

/**
 * Checks a whole chart and works out each account's parent (the longest code in the chart that is a
 * prefix of it), level, category and normal side (inherited from the parent when not given).
 * All problems are collected, so an imported chart file can be fixed in one pass.
 */
export function planChart(rows: ChartRow[], source: string, fileErrors: RowError[] = []): PlannedAccount[] {
  const errors: RowError[] = [...fileErrors];
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
    const unreadableSide = fileErrors.some((e) => e.row === where(row, index) && e.column === '余额方向');
    if (!normalSide && unreadableSide) continue;
    if (!normalSide) {
      errors.push({
        row: where(row, index),
        column: '余额方向',
        message: `一级科目 ${code} ${name} 缺少余额方向（借/贷）`,
      });
      continue;
    }
    if (row.restricted && !canBeRestricted(category))
      errors.push({
        row: where(row, index),
        column: '限定性',
        message: `科目 ${code} ${name} 是${categoryLabels[category]}类科目，只有收入和净资产科目可以是限定性的`,
      });
    byCode.set(code, {
      code,
      name,
      parentCode: parent?.code ?? null,
      level: parent ? parent.level + 1 : 1,
      category,
      normalSide,
      restricted: row.restricted ?? parent?.restricted ?? false,
      dimensions: { ...(parent?.dimensions ?? noDimensions), ...row.dimensions },
    });
  }
  if (errors.length > 0) {
    throw new LedgerError('import_failed', `科目表 ${source} 有 ${errors.length} 处错误，未导入任何科目`, {
      rows: errors.sort((a, b) => a.row - b.row),
    });
  }
  return [...byCode.values()];
}

const insertAccountSql = `INSERT INTO account (book_id, code, name, parent_id, level, category, normal_side,
    restricted, project_rule, party_rule, item_rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function insertAccount(
  centre: Centre,
  bookId: number,
  account: PlannedAccount,
  parentId: number | null,
): number {
  const result = centre
    .sql(insertAccountSql)
    .run(
      bookId,
      account.code,
      account.name,
      parentId,
      account.level,
      account.category,
      account.normalSide,
      account.restricted ? 1 : 0,
      account.dimensions.project,
      account.dimensions.party,
      account.dimensions.item,
    );
  return Number(result.lastInsertRowid);
}

/** Writes a planned chart into an empty book (parents first, since codes are sorted). */
export function insertChart(centre: Centre, bookId: number, planned: PlannedAccount[]): void {
  const ids = new Map<string, number>();
  for (const account of planned) {
    const parentId = account.parentCode ? ids.get(account.parentCode)! : null;
    ids.set(account.code, insertAccount(centre, bookId, account, parentId));
  }
}

type AccountTuple = [
  id: number,
  code: string,
  name: string,
  parentId: number | null,
  level: number,
  category: AccountCategory,
  normalSide: NormalSide,
  restricted: number,
  projectRule: DimensionRule,
  partyRule: DimensionRule,
  itemRule: DimensionRule,
  active: number,
  isLeaf: number,
];

/** Every account of a book, in code order, with full names. One query; callers index it as they need. */
export function listAccounts(centre: Centre, bookId: number): Account[] {
  // Rows as arrays: every report and every save reads the whole chart, and building a keyed object
  // per row costs more than the query itself.
  const statement = centre.sql(
    `SELECT id, code, name, parent_id, level, category, normal_side, restricted, project_rule, party_rule,
            item_rule, active, is_leaf
     FROM account WHERE book_id = ? ORDER BY code`,
  );
  const rows = statement.raw(true).all(bookId) as AccountTuple[];
  const byId = new Map<number, Account>();
  const accounts: Account[] = [];
  for (const [
    id,
    code,
    name,
    parentId,
    level,
    category,
    side,
    restricted,
    project,
    party,
    item,
    active,
    leaf,
  ] of rows) {
    const parent = parentId === null ? undefined : byId.get(parentId);
    const account: Account = {
      id,
      code,
      name,
      fullName: parent ? `${parent.fullName}/${name}` : name,
      parentCode: parent?.code ?? null,
      level,
      category,
      normalSide: side,
      restricted: restricted === 1,
      dimensions: { project, party, item },
      active: active === 1 && (parent?.active ?? true),
      isLeaf: leaf === 1,
    };
    byId.set(id, account);
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
  input: {
    code: string;
    name: string;
    normalSide?: NormalSide | undefined;
    restricted?: boolean | undefined;
    dimensions?: Partial<DimensionRules> | undefined;
  },
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
  // A sub-account is restricted and tracked as its parent is, unless the input says otherwise.
  const id = insertAccount(
    centre,
    bookId,
    {
      code,
      name,
      parentCode: parent?.code ?? null,
      level: parent ? parent.level + 1 : 1,
      category,
      normalSide: input.normalSide ?? parent?.normalSide ?? defaultSide(category),
      restricted: input.restricted ?? parent?.restricted ?? false,
      dimensions: { ...(parent?.dimensions ?? noDimensions), ...input.dimensions },
    },
    parent?.id ?? null,
  );
  const account = findAccount(centre, bookId, code);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'account.add',
    entity: 'account',
    entityId: id,
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

export interface AccountAttributes {
  restricted?: boolean | undefined;
  dimensions?: Partial<DimensionRules> | undefined;
}

/**
 * Sets whether an account is 限定性 and how its lines are tracked by each dimension. Sub-accounts that
 * followed the account (had its old value) follow it to the new one; a sub-account set apart keeps its
 * own. Audited. Restriction changes what the statements show for every period, closed ones included,
 * which is why it is a deliberate action on the account and never derived from its code.
 */
export function setAccountAttributes(
  actor: Actor,
  bookId: number,
  code: string,
  attributes: AccountAttributes,
): Account & { followed: string[] } {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '设置科目属性');
  const accounts = listAccounts(centre, bookId);
  const before = findAccount(centre, bookId, code);
  if (attributes.restricted && !canBeRestricted(before.category))
    fail(
      'invalid_argument',
      `科目 ${before.code} ${before.fullName} 是${categoryLabels[before.category]}类科目，只有收入和净资产科目可以是限定性的`,
      { field: 'restricted' },
    );
  const below = accounts.filter((a) => a.code.startsWith(before.code));
  const update = centre.sql(
    'UPDATE account SET restricted = ?, project_rule = ?, party_rule = ?, item_rule = ? WHERE id = ?',
  );
  const followed: string[] = [];
  for (const account of below) {
    const own = account.id === before.id;
    const restricted =
      attributes.restricted !== undefined && (own || account.restricted === before.restricted)
        ? attributes.restricted
        : account.restricted;
    const dimensions = { ...account.dimensions };
    for (const name of dimensionNames) {
      const rule = attributes.dimensions?.[name];
      if (rule !== undefined && (own || account.dimensions[name] === before.dimensions[name]))
        dimensions[name] = rule;
    }
    update.run(restricted ? 1 : 0, dimensions.project, dimensions.party, dimensions.item, account.id);
    const changed =
      restricted !== account.restricted ||
      dimensionNames.some((n) => dimensions[n] !== account.dimensions[n]);
    if (!own && changed) followed.push(`${account.code} ${account.name}`);
  }
  const after = findAccount(centre, bookId, code);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'account.attributes',
    entity: 'account',
    entityId: before.id,
    bookId,
    before: { code: before.code, restricted: before.restricted, dimensions: before.dimensions },
    after: {
      code: after.code,
      restricted: after.restricted,
      dimensions: after.dimensions,
      /** Sub-accounts that followed the change. */
      followed,
    },
  });
  return { ...after, followed };
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
  fileErrors: RowError[] = [],
): { added: string[]; renamed: string[]; changed: string[] } {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '导入科目');
  const existing = new Map(listAccounts(centre, bookId).map((a) => [a.code, a]));
  const incoming = rows.filter((r) => !existing.has(r.code.trim()));
  const planned = planChart(
    [
      ...[...existing.values()].map((a) => ({
        code: a.code,
        name: a.name,
        normalSide: a.normalSide,
        restricted: a.restricted,
        dimensions: a.dimensions,
      })),
      ...incoming,
    ],
    source,
    fileErrors,
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
    ids.set(account.code, insertAccount(centre, bookId, account, parentId));
    added.push(`${account.code} ${account.name}`);
  }
  const changed: string[] = [];
  for (const row of rows) {
    const before = existing.get(row.code.trim());
    if (!before) continue;
    if (row.name.trim() && row.name.trim() !== before.name) {
      centre.sql('UPDATE account SET name = ? WHERE id = ?').run(row.name.trim(), before.id);
      renamed.push(`${before.code} ${before.name}→${row.name.trim()}`);
    }
    const current = findAccount(centre, bookId, before.code);
    const differs =
      (row.restricted !== undefined && row.restricted !== current.restricted) ||
      dimensionNames.some(
        (n) => row.dimensions?.[n] !== undefined && row.dimensions[n] !== current.dimensions[n],
      );
    if (differs) {
      setAccountAttributes(actor, bookId, before.code, {
        restricted: row.restricted,
        dimensions: row.dimensions,
      });
      changed.push(`${before.code} ${current.name}`);
    }
  }
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'account.import',
    entity: 'book',
    entityId: bookId,
    bookId,
    after: { source, added, renamed, changed },
  });
  return { added, renamed, changed };
}
