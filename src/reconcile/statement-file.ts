import { LedgerError, fail, type RowError } from '../errors.js';
import type { Centre } from '../ledger/centre.js';
import { parseDate } from '../ledger/period.js';
import { readTableFile, type FileSource, type Table, type TableRow } from '../io/table.js';
import { parseAmount, type Fen } from '../money/money.js';

/**
 * Statement files as district finance and banks send them. Layouts differ, so each source has a column
 * mapping (field → header), saved and reused next time; an unsaved source's mapping is guessed from
 * common header names and shown for confirmation. Parsing lists every bad row at once.
 */

export type StatementKind = 'allocation' | 'bank';

interface FieldSpec {
  label: string;
  required: boolean;
  /** Header names this field is usually given, for the first guess. */
  names: string[];
}

export const statementFields: Record<StatementKind, Record<string, FieldSpec>> = {
  allocation: {
    date: { label: '拨款日期', required: true, names: ['拨款日期', '日期', '支付日期', '拨付日期'] },
    community: { label: '社区', required: true, names: ['社区', '社区名称', '收款单位', '单位', '单位名称'] },
    fund: { label: '资金性质', required: true, names: ['资金性质', '经费类型', '资金类型', '类别', '性质'] },
    document: {
      label: '拨款文号',
      required: false,
      names: ['拨款文号', '文号', '指标文号', '指标文号/文件号'],
    },
    project: { label: '项目', required: false, names: ['项目', '项目名称', '用途'] },
    amount: {
      label: '金额',
      required: true,
      names: ['金额', '拨付金额', '拨款金额'],
    },
  },
  bank: {
    date: { label: '交易日期', required: true, names: ['交易日期', '日期', '记账日期', '入账日期'] },
    reference: {
      label: '流水号',
      required: false,
      names: ['流水号', '交易流水号', '凭证号', '交易序号', '业务流水号'],
    },
    summary: { label: '摘要', required: false, names: ['摘要', '用途', '附言', '交易摘要'] },
    counterparty: {
      label: '对方户名',
      required: false,
      names: ['对方户名', '对方账户名称', '对方单位', '收/付款人'],
    },
    income: { label: '收入', required: false, names: ['收入', '贷方发生额', '贷方金额', '存入', '收入金额'] },
    expense: {
      label: '支出',
      required: false,
      names: ['支出', '借方发生额', '借方金额', '支取', '支出金额'],
    },
    amount: { label: '金额（收正付负）', required: false, names: ['金额', '交易金额', '发生额'] },
    balance: { label: '余额', required: false, names: ['余额', '账户余额', '当前余额'] },
  },
};

export type ColumnMapping = Record<string, string>;

/**
 * A header as compared with the usual names: width (NFKC turns （） into ()), spaces and case do not
 * count, nor does a unit of 元 after the name — 金额（元）, 金额(元), 金额 元, 金额（人民币元）. 万元 does: an
 * amount in 万元 is another figure and is never guessed as one in 元.
 */
const key = (header: string) =>
  header
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/(\((人民币)?元\)|(?<![万千百])元)$/, '');

/** The saved mapping of a source, if any. */
export function savedMapping(centre: Centre, kind: StatementKind, source: string): ColumnMapping | undefined {
  const row = centre
    .sql('SELECT columns FROM import_mapping WHERE kind = ? AND source = ?')
    .get(kind, source.trim()) as { columns: string } | undefined;
  return row ? (JSON.parse(row.columns) as ColumnMapping) : undefined;
}

/** The sources that have a saved mapping, the most recently imported first (for choosing one again). */
export function savedSources(centre: Centre, kind: StatementKind): string[] {
  const rows = centre
    .sql(
      `SELECT m.source, (SELECT max(s.id) FROM statement_import s WHERE s.kind = m.kind AND s.source = m.source) AS last
       FROM import_mapping m WHERE m.kind = ? ORDER BY last IS NULL, last DESC, m.source`,
    )
    .all(kind) as Array<{ source: string }>;
  return rows.map((r) => r.source);
}

export function saveMapping(
  centre: Centre,
  kind: StatementKind,
  source: string,
  columns: ColumnMapping,
): void {
  centre
    .sql(
      `INSERT INTO import_mapping (kind, source, columns) VALUES (?, ?, ?)
       ON CONFLICT (kind, source) DO UPDATE SET columns = excluded.columns`,
    )
    .run(kind, source.trim(), JSON.stringify(columns));
}

/** A first guess from the headers: each field takes the first header that is one of its usual names. */
export function guessMapping(kind: StatementKind, headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const [field, spec] of Object.entries(statementFields[kind])) {
    const found = spec.names.map(key).flatMap((n) => headers.filter((h) => key(h) === n && !used.has(h)))[0];
    if (found) {
      mapping[field] = found;
      used.add(found);
    }
  }
  return mapping;
}

/** Checks a mapping against the file's headers: every required field mapped, to a header that exists. */
export function checkMapping(kind: StatementKind, table: Table, columns: ColumnMapping): void {
  const problems: string[] = [];
  const fields = statementFields[kind];
  for (const [field, header] of Object.entries(columns)) {
    if (!fields[field]) problems.push(`没有字段“${field}”`);
    else if (header && !table.headers.includes(header))
      problems.push(`${fields[field].label}对应的列“${header}”不在文件中`);
  }
  for (const [field, spec] of Object.entries(fields)) {
    if (spec.required && !columns[field]) problems.push(`请指定“${spec.label}”对应的列`);
  }
  if (kind === 'bank' && !columns.amount && !(columns.income && columns.expense)) {
    problems.push('请指定“收入”和“支出”两列，或一个收正付负的“金额”列');
  }
  if (problems.length > 0) {
    throw new LedgerError(
      'import_failed',
      `${table.source} 的列对应关系不完整：${problems.join('；')}。文件的列有：${table.headers.join('、')}`,
      {
        field: 'columns',
      },
    );
  }
}

export interface MappedFile {
  table: Table;
  columns: ColumnMapping;
  /** Where the mapping came from: given now, saved for the source, or guessed from the headers. */
  mappingFrom: 'given' | 'saved' | 'guessed';
}

export async function readStatement(
  centre: Centre,
  kind: StatementKind,
  file: FileSource,
  source: string,
  given?: ColumnMapping,
): Promise<MappedFile> {
  const table = await readTableFile(file);
  // What is given now overrides the saved mapping (or, for a new source, the guess) field by field.
  // A saved optional column this file does not have (an export without 流水号) is left out.
  const saved = savedMapping(centre, kind, source);
  const usable = saved
    ? Object.fromEntries(
        Object.entries(saved).filter(
          ([field, header]) => table.headers.includes(header) || statementFields[kind][field]?.required,
        ),
      )
    : undefined;
  const columns = { ...(usable ?? guessMapping(kind, table.headers)), ...given };
  return { table, columns, mappingFrom: given ? 'given' : saved ? 'saved' : 'guessed' };
}

/** Cell text of a mapped field ('' when the field is not mapped). */
export const cellOf = (row: TableRow, columns: ColumnMapping, field: string): string =>
  columns[field] ? (row.cells[columns[field]] ?? '').trim() : '';

/**
 * Dates as statements write them: 2025-03-05, 2025/3/5, 2025.3.5, 20250305, 2025年3月5日, any of them
 * with a time after it (2025-03-05 10:23, 2025-03-05T10:23:00), or an Excel day number (45721).
 */
export function statementDate(text: string, label: string): string {
  let t = text
    .trim()
    .replace(/[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '')
    .replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3')
    .replace(/^(\d{4})年(\d{1,2})月(\d{1,2})日?$/, '$1-$2-$3');
  if (/^\d{5}$/.test(t)) {
    // Excel's day count from 1899-12-30 (its 1900 leap-year bug is before any date we meet).
    t = new Date(Date.UTC(1899, 11, 30) + Number(t) * 86_400_000).toISOString().slice(0, 10);
  }
  return parseDate(t, label);
}

/** An amount cell, or undefined when blank. */
export function statementAmount(text: string, label: string): Fen | undefined {
  let t = text.replace(/[¥￥\s]/g, '').replace(/元$/, '');
  if (t === '' || t === '-') return undefined;
  // Accounting negatives: (1,234.50) and 1,234.50- are −1,234.50.
  const bracketed = /^[(（](.+)[)）]$/.exec(t) ?? /^([^-].*)-$/.exec(t);
  if (bracketed) t = `-${bracketed[1]}`;
  return parseAmount(t, label);
}

/** Runs `parse` on every row and collects the failures as row errors, failing once with all of them. */
export function parseRows<T>(table: Table, parse: (row: TableRow) => T): T[] {
  const errors: RowError[] = [];
  const out: T[] = [];
  for (const row of table.rows) {
    try {
      out.push(parse(row));
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      errors.push({ row: row.row, column: error.field ?? '', message: `第 ${row.row} 行：${error.message}` });
    }
  }
  if (errors.length > 0) {
    fail('import_failed', `${table.source} 有 ${errors.length} 行有错误，什么都没有导入`, { rows: errors });
  }
  return out;
}
