import { receiptSources, type ReceiptSource } from '../grants/receipts.js';
import { fail, LedgerError, type RowError } from '../errors.js';
import { recordAudit } from '../ledger/audit.js';
import type { Centre } from '../ledger/centre.js';
import { findCommunity } from '../ledger/communities.js';
import { requireRole, type Actor } from '../ledger/operators.js';
import type { FileSource } from '../io/table.js';
import { fenToYuan, type Fen } from '../money/money.js';
import { communityNames, confirmAlias } from './community-names.js';
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
 * District allocation statements (区财政拨款明细): what district finance says it paid to each community.
 * Import is two-step: a preview shows the guessed or saved column mapping, the first rows, and every
 * community name that is not known (with its closest matches); the import then needs each unknown name
 * confirmed and each line that looks like one already imported decided, and writes everything in one
 * transaction or nothing.
 */

/** 资金性质 of district money: the grants issue's receipt sources (a statement names them its own way). */
export const funds = receiptSources;
export type Fund = ReceiptSource;
export const fundLabels: Record<Fund, string> = {
  base: '基础经费',
  household: '按户经费',
  task: '费随事转',
  award: '奖励',
  other: '其他',
};

/** 资金性质 as statements write it. */
export function parseFund(text: string): Fund {
  const t = text.replace(/\s+/g, '');
  if (/基础|基数|工作经费\(基础|定额/.test(t)) return 'base';
  if (/按户|户数|户均/.test(t)) return 'household';
  if (/费随事转|专项|准入/.test(t)) return 'task';
  if (/奖励|评先|评优|以奖代补/.test(t)) return 'award';
  if (/^其他|^其它/.test(t)) return 'other';
  return fail(
    'invalid_argument',
    `资金性质“${text}”无法识别（应为基础经费、按户经费、费随事转、奖励或其他）`,
    {
      field: '资金性质',
    },
  );
}

export interface AllocationRow {
  row: number;
  date: string;
  communityAs: string;
  communityId: number | null;
  fund: Fund;
  document: string;
  project: string;
  amount: Fen;
}

export interface UnknownCommunity {
  name: string;
  rows: number[];
  suggestions: string[];
}

export interface AllocationPreview {
  fileName: string;
  source: string;
  headers: string[];
  columns: ColumnMapping;
  mappingFrom: 'given' | 'saved' | 'guessed';
  fields: Array<{ field: string; label: string; required: boolean }>;
  /** The first rows as the file has them, for the mapping dialog. */
  sample: Array<{ row: number; cells: string[] }>;
  /** Parsed when the mapping is complete. */
  rows: Array<Omit<AllocationRow, 'amount'> & { amount: string; community: string | null }>;
  count: number;
  unknown: UnknownCommunity[];
  /** Lines that match one already imported: decide 'new' or 'skip' for each. */
  duplicates: Array<{ row: number; existing: string }>;
  /** Why the file cannot be imported as it is (mapping incomplete, bad rows). */
  problem: { message: string; rows: RowError[] } | null;
}

interface Parsed {
  preview: AllocationPreview;
  rows: AllocationRow[];
}

async function parseFile(
  centre: Centre,
  input: { file: FileSource; source: string; columns?: ColumnMapping | undefined },
): Promise<Parsed> {
  const source = input.source.trim();
  if (!source) fail('invalid_argument', '请填写对账单来源（如：鹿城区财政局）', { field: 'source' });
  const { table, columns, mappingFrom } = await readStatement(
    centre,
    'allocation',
    input.file,
    source,
    input.columns,
  );
  const preview: AllocationPreview = {
    fileName: table.source,
    source,
    headers: table.headers,
    columns,
    mappingFrom,
    fields: Object.entries(statementFields.allocation).map(([field, spec]) => ({
      field,
      label: spec.label,
      required: spec.required,
    })),
    sample: table.rows
      .slice(0, 8)
      .map((r) => ({ row: r.row, cells: table.headers.map((h) => r.cells[h] ?? '') })),
    rows: [],
    count: table.rows.length,
    unknown: [],
    duplicates: [],
    problem: null,
  };
  let rows: AllocationRow[] = [];
  try {
    checkMapping('allocation', table, columns);
    const names = communityNames(centre);
    rows = parseRows(table, (r) => {
      const amount = statementAmount(cellOf(r, columns, 'amount'), '金额');
      if (amount === undefined || amount === 0)
        fail('invalid_amount', '金额不能为空或为零', { field: '金额' });
      const communityAs = cellOf(r, columns, 'community');
      if (!communityAs) fail('invalid_argument', '社区不能为空', { field: '社区' });
      return {
        row: r.row,
        date: statementDate(cellOf(r, columns, 'date'), '拨款日期'),
        communityAs,
        communityId: names.resolve(communityAs) ?? null,
        fund: parseFund(cellOf(r, columns, 'fund')),
        document: cellOf(r, columns, 'document'),
        project: cellOf(r, columns, 'project'),
        amount,
      };
    });
    const unknown = new Map<string, number[]>();
    for (const r of rows)
      if (r.communityId === null) unknown.set(r.communityAs, [...(unknown.get(r.communityAs) ?? []), r.row]);
    preview.unknown = [...unknown].map(([name, at]) => ({
      name,
      rows: at,
      suggestions: names.suggest(name),
    }));
    const communityName = new Map(
      (centre.sql('SELECT id, name FROM community').all() as Array<{ id: number; name: string }>).map((c) => [
        c.id,
        c.name,
      ]),
    );
    preview.rows = rows.map((r) => ({
      ...r,
      amount: fenToYuan(r.amount),
      community: r.communityId === null ? null : (communityName.get(r.communityId) ?? null),
    }));
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    preview.problem = { message: error.message, rows: error.rows };
  }
  return { preview, rows };
}

/** Finds lines that look like ones already imported (same community, date, fund, document and amount). */
function findDuplicates(centre: Centre, rows: AllocationRow[]): Array<{ row: number; existing: string }> {
  const existing = centre.sql(
    `SELECT a.date, a.document, a.amount, s.file_name AS file, a.row_no AS rowNo FROM allocation a
     JOIN statement_import s ON s.id = a.import_id
     WHERE a.community_id = ? AND a.date = ? AND a.fund = ? AND a.document = ? AND a.amount = ?`,
  );
  return rows.flatMap((r) => {
    if (r.communityId === null) return [];
    const hit = existing.get(r.communityId, r.date, r.fund, r.document, r.amount) as
      { file: string; rowNo: number } | undefined;
    return hit ? [{ row: r.row, existing: `${hit.file} 第 ${hit.rowNo} 行` }] : [];
  });
}

export async function previewAllocations(
  centre: Centre,
  input: { file: FileSource; source: string; columns?: ColumnMapping | undefined },
): Promise<AllocationPreview> {
  const { preview, rows } = await parseFile(centre, input);
  preview.duplicates = findDuplicates(centre, rows);
  return preview;
}

export interface AllocationImportInput {
  file: FileSource;
  source: string;
  columns?: ColumnMapping | undefined;
  /** Statement name → community name, for each name the preview did not know (confirmed by a person). */
  aliases?: Record<string, string> | undefined;
  /** For each line that looks like one already imported: another allocation ('new') or the same one ('skip'). */
  duplicates?: Record<string, 'new' | 'skip'> | undefined;
}

/** Reads and checks the file outside the write transaction; `commit` writes it inside one. */
export async function prepareAllocationImport(centre: Centre, input: AllocationImportInput) {
  const { preview, rows } = await parseFile(centre, input);
  if (preview.problem)
    fail('import_failed', preview.problem.message, { rows: preview.problem.rows, field: 'file' });
  return (actor: Actor) => commitAllocations(actor, input, preview, rows);
}

function commitAllocations(
  actor: Actor,
  input: AllocationImportInput,
  preview: AllocationPreview,
  rows: AllocationRow[],
) {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '导入拨款对账单');
  const errors: RowError[] = [];
  const aliasIds = new Map<string, number>();
  for (const unknown of preview.unknown) {
    const chosen = input.aliases?.[unknown.name];
    if (!chosen) {
      const hint = unknown.suggestions.length > 0 ? `，是否为：${unknown.suggestions.join('、')}？` : '';
      for (const row of unknown.rows) {
        errors.push({
          row,
          column: '社区',
          message: `第 ${row} 行：社区“${unknown.name}”不在本中心${hint}请确认对应的社区`,
        });
      }
      continue;
    }
    aliasIds.set(unknown.name, findCommunity(centre, chosen).id);
  }
  const resolved = rows.map((r) => ({
    ...r,
    communityId: r.communityId ?? aliasIds.get(r.communityAs) ?? null,
  }));
  const duplicates = findDuplicates(centre, resolved);
  const skip = new Set<number>();
  for (const d of duplicates) {
    const decision = input.duplicates?.[String(d.row)];
    if (decision === 'skip') skip.add(d.row);
    else if (decision !== 'new') {
      errors.push({
        row: d.row,
        column: '',
        message: `第 ${d.row} 行与已导入的 ${d.existing} 相同：是同一笔（跳过）还是另一笔拨款（导入）？请确认`,
      });
    }
  }
  if (errors.length > 0) {
    fail('import_failed', `${preview.fileName} 还有 ${errors.length} 行需要确认，什么都没有导入`, {
      rows: errors,
      field: 'file',
    });
  }
  for (const [alias, id] of aliasIds) confirmAlias(centre, alias, id);
  saveMapping(centre, 'allocation', preview.source, preview.columns);
  const importId = Number(
    centre
      .sql(
        'INSERT INTO statement_import (kind, source, file_name, rows, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        'allocation',
        preview.source,
        preview.fileName,
        resolved.length - skip.size,
        operator.id,
        centre.now(),
      ).lastInsertRowid,
  );
  const insert = centre.sql(
    `INSERT INTO allocation (import_id, row_no, source, date, community_id, community_as, fund, document, project, amount)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of resolved) {
    if (skip.has(r.row)) continue;
    insert.run(
      importId,
      r.row,
      preview.source,
      r.date,
      r.communityId,
      r.communityAs,
      r.fund,
      r.document,
      r.project,
      r.amount,
    );
  }
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'reconcile.allocations.import',
    entity: 'statement_import',
    entityId: importId,
    after: {
      source: preview.source,
      file: preview.fileName,
      imported: resolved.length - skip.size,
      skipped: skip.size,
      aliases: Object.fromEntries(aliasIds),
    },
  });
  return {
    importId,
    imported: resolved.length - skip.size,
    skipped: skip.size,
    aliases: [...aliasIds.keys()],
  };
}
