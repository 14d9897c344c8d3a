/**
 * The one place that turns a user's import file (CSV / tab-separated text / .xlsx) into rows of text.
 * Importers (chart of accounts, opening balances, vouchers, bank statements) only ever see a `Table`:
 * trimmed header names and, per data row, the row number the user sees in Excel plus header -> cell text.
 * Interpreting the text (amounts, dates, codes) is the importer's job.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { Decimal } from 'decimal.js';

/** Decimal whose toString() never uses exponent notation (cell text as Excel shows it). */
const PlainDecimal = Decimal.clone({ toExpNeg: -30, toExpPos: 30 });
import type ExcelJS from 'exceljs';
import { fail, type RowError } from '../errors.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export interface Table {
  /** File name, for messages. */
  source: string;
  format: 'csv' | 'xlsx';
  /** CSV only. */
  encoding?: Encoding;
  /** Trimmed header cells, in file order (trailing empty header cells dropped). */
  headers: string[];
  /** Row number of the header row (the first non-blank row); 1 unless the file starts with blank rows. */
  headerRow?: number;
  /** Data rows only; blank rows skipped. */
  rows: TableRow[];
}

export interface TableRow {
  /** 1-based row number as Excel shows it (for CSV: the record number, blank lines included). */
  row: number;
  /** header -> trimmed cell text; '' for missing cells. */
  cells: Record<string, string>;
}

/** One row of the file before headers are applied: every cell as text. */
interface RawRow {
  row: number;
  cells: string[];
}

const SUPPORTED = '支持的格式：.xlsx（Excel）、.csv、.txt（逗号或制表符分隔的文本）';

/**
 * Where an import comes from: a path on this computer (command line, desktop app's file dialog), or the
 * bytes of a file the user picked in the browser, with its name.
 */
export type FileSource = string | { name: string; data: Buffer };

/** Reads a file, choosing the format by its extension (.csv/.txt -> CSV, .xlsx -> Excel). */
export async function readTableFile(file: FileSource): Promise<Table> {
  if (typeof file !== 'string') return readTableBuffer(file.data, file.name, formatOf(file.name));
  const filePath = file;
  const source = path.basename(filePath);
  const format = formatOf(filePath);
  let data: Buffer;
  try {
    data = await readFile(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') fail('import_failed', `找不到文件 ${source}（${filePath}）`);
    if (code === 'EISDIR') fail('import_failed', `${source} 是文件夹，不是文件`);
    if (code === 'EACCES' || code === 'EPERM') fail('import_failed', `没有权限读取文件 ${source}`);
    fail('import_failed', `无法读取文件 ${source}（${code ?? String(err)}）`);
  }
  return readTableBuffer(data, source, format);
}

function formatOf(fileName: string): 'csv' | 'xlsx' {
  const source = path.basename(fileName);
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.xls' || ext === '.et')
    fail(
      'import_failed',
      `文件 ${source} 是旧版 Excel/WPS 表格格式（${ext}），暂不支持；请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV 后再导入`,
    );
  if (ext === '') fail('import_failed', `文件 ${source} 没有扩展名，无法判断格式；${SUPPORTED}`);
  return fail('import_failed', `不支持导入 ${ext} 文件（${source}）；${SUPPORTED}`);
}

/** Parses file contents already in memory; `source` is the file name used in messages. */
export async function readTableBuffer(data: Buffer, source: string, format: 'csv' | 'xlsx'): Promise<Table> {
  if (format === 'xlsx') return buildTable(source, 'xlsx', undefined, await readXlsxRows(data, source));
  const { rows, encoding } = readCsvRows(data, source);
  return buildTable(source, 'csv', encoding, rows);
}

/** BOM -> 'utf-8-bom'; otherwise valid UTF-8 -> 'utf-8'; otherwise GB18030 (what Chinese Excel/WPS save CSV as). */
export function decodeText(data: Buffer): { text: string; encoding: Encoding } {
  if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(data.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(data), encoding: 'gb18030' };
  }
}

/**
 * Checks that every `required` column is present and renames accepted variants to the canonical name, in place,
 * so importers can read `row.cells['期初借方']` whatever the file called it. Header matching ignores whitespace,
 * letter case and full-width/half-width differences; `aliases` maps a canonical name to other accepted names
 * (its keys may also be optional columns: they are renamed when present, never required).
 */
export function requireColumns(
  table: Table,
  required: string[],
  aliases: Record<string, string[]> = {},
): void {
  const headerRow = table.headerRow ?? 1;
  const canonical = [...new Set([...required, ...Object.keys(aliases)])];
  const renames = new Map<string, string>();
  const missing: string[] = [];
  const ambiguous: string[] = [];
  for (const name of canonical) {
    const accepted = new Set([name, ...(aliases[name] ?? [])].map(headerKey));
    const matches = table.headers.filter((h) => accepted.has(headerKey(h)) && !renames.has(h));
    if (matches.length === 0) {
      if (required.includes(name)) {
        const others = aliases[name] ?? [];
        missing.push(others.length > 0 ? `${name}（或${others.map((a) => `“${a}”`).join('、')}）` : name);
      }
    } else if (matches.length > 1) {
      ambiguous.push(`${matches.map((m) => `“${m}”`).join('、')}都可以当作“${name}”，请只保留一列`);
    } else {
      renames.set(matches[0]!, name);
    }
  }

  if (missing.length > 0 || ambiguous.length > 0) {
    const parts: string[] = [];
    if (missing.length > 0) {
      parts.push(`缺少列：${missing.join('、')}（第 ${headerRow} 行是表头）`);
    }
    if (ambiguous.length > 0) parts.push(`第 ${headerRow} 行表头中${ambiguous.join('；')}`);
    const found = table.headers.length > 0 ? `。读到的表头：${table.headers.join('、')}` : '';
    fail('import_failed', `文件 ${table.source} ${parts.join('；')}${found}`, {
      rows: [
        ...missing.map((m) => ({ row: headerRow, column: m, message: `缺少列：${m}` })),
        ...ambiguous.map((a) => ({ row: headerRow, column: '', message: a })),
      ],
    });
  }

  if (![...renames].some(([from, to]) => from !== to)) return;
  table.headers = table.headers.map((h) => renames.get(h) ?? h);
  for (const r of table.rows) {
    r.cells = Object.fromEntries(Object.entries(r.cells).map(([h, v]) => [renames.get(h) ?? h, v]));
  }
}

/** How headers are compared: NFKC (full-width -> half-width), no whitespace at all, lower case. */
function headerKey(header: string): string {
  return header.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------------
// Shared: raw rows -> Table

function buildTable(
  source: string,
  format: 'csv' | 'xlsx',
  encoding: Encoding | undefined,
  raw: RawRow[],
): Table {
  const nonBlank = raw.filter((r) => r.cells.some((c) => c !== ''));
  const header = nonBlank[0];
  if (!header) fail('import_failed', `文件 ${source} 没有数据行（文件是空的）`);

  const headers = [...header.cells];
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();

  const positions = new Map<string, number[]>();
  headers.forEach((h, i) => {
    if (h !== '') positions.set(h, [...(positions.get(h) ?? []), i]);
  });
  const duplicates = [...positions].filter(([, cols]) => cols.length > 1);
  if (duplicates.length > 0) {
    const list = duplicates.map(([h, cols]) => `“${h}”（${cols.map(columnLetter).join('、')} 列）`);
    fail(
      'import_failed',
      `文件 ${source} 第 ${header.row} 行表头有重复的列名：${list.join('、')}；请改成不同的名称`,
      {
        rows: duplicates.map(([h]) => ({ row: header.row, column: h, message: `列名“${h}”重复` })),
      },
    );
  }

  const errors: RowError[] = [];
  const rows: TableRow[] = [];
  for (const r of nonBlank.slice(1)) {
    const cells: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (h !== '') cells[h] = r.cells[i] ?? '';
    });
    r.cells.forEach((value, i) => {
      if (value === '' || (headers[i] ?? '') !== '') return;
      const where = `第 ${r.row} 行 ${columnLetter(i)} 列`;
      const why =
        i >= headers.length
          ? `表头只有 ${headers.length} 列（到 ${columnLetter(headers.length - 1)} 列）`
          : `第 ${header.row} 行该列的表头是空的`;
      errors.push({
        row: r.row,
        column: columnLetter(i),
        message: `${where}有内容“${preview(value)}”，但${why}`,
      });
    });
    rows.push({ row: r.row, cells });
  }

  if (errors.length > 0) {
    const shown = errors.slice(0, 5).map((e) => e.message);
    const more = errors.length > 5 ? `；等共 ${errors.length} 处` : '';
    fail('import_failed', `文件 ${source} 有内容不在任何列下：${shown.join('；')}${more}`, { rows: errors });
  }
  if (rows.length === 0) fail('import_failed', `文件 ${source} 没有数据行（只有第 ${header.row} 行表头）`);

  return { source, format, ...(encoding ? { encoding } : {}), headers, headerRow: header.row, rows };
}

/** 0 -> 'A', 25 -> 'Z', 26 -> 'AA'. */
function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 20 ? `${oneLine.slice(0, 20)}…` : oneLine;
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

function startsWith(data: Buffer, bytes: number[]): boolean {
  return data.length >= bytes.length && bytes.every((b, i) => data[i] === b);
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function readCsvRows(data: Buffer, source: string): { rows: RawRow[]; encoding: Encoding } {
  if (startsWith(data, ZIP_MAGIC)) {
    fail(
      'import_failed',
      `文件 ${source} 实际是 Excel（.xlsx）文件，不是文本；请把扩展名改为 .xlsx 后再导入`,
    );
  }
  if (startsWith(data, OLE_MAGIC)) {
    fail(
      'import_failed',
      `文件 ${source} 实际是旧版 Excel（.xls）文件；请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入`,
    );
  }
  if (startsWith(data, [0xff, 0xfe]) || startsWith(data, [0xfe, 0xff])) {
    fail(
      'import_failed',
      `文件 ${source} 是 UTF-16 编码（Excel 的“Unicode 文本”）；请另存为“CSV UTF-8（逗号分隔）”后再导入`,
    );
  }
  if (data.subarray(0, 8192).includes(0)) {
    fail('import_failed', `文件 ${source} 不是文本文件，无法按 CSV 读取；${SUPPORTED}`);
  }

  const { text, encoding } = decodeText(data);
  const firstLine = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';

  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) {
      const row = Number((err as CsvError & { records?: number }).records ?? 0) + 1;
      if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
        fail(
          'import_failed',
          `文件 ${source} 第 ${row} 行的双引号（"）没有配对，从这里到文件末尾都连成了一个单元格；请检查该行`,
          { rows: [{ row, column: '', message: '双引号没有配对' }] },
        );
      }
      fail('import_failed', `文件 ${source} 第 ${row} 行格式有误（引号的用法不对）；请检查该行`, {
        rows: [{ row, column: '', message: '引号的用法不对' }],
      });
    }
    throw err;
  }
  // One record per line (blank lines are records too), so record i is row i + 1 as Excel numbers it;
  // a quoted cell containing a line break stays one row, as in Excel.
  return { rows: records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c.trim()) })), encoding };
}

// ---------------------------------------------------------------------------------------------------------------
// xlsx

async function readXlsxRows(data: Buffer, source: string): Promise<RawRow[]> {
  if (startsWith(data, OLE_MAGIC)) {
    fail(
      'import_failed',
      `无法读取 Excel 文件 ${source}：这是旧版 .xls 格式或设置了密码的文件；请在 Excel 或 WPS 中另存为 .xlsx（不设密码）或 CSV 后再导入`,
    );
  }
  // exceljs is loaded only when a workbook is read: it is most of the command line's start-up time.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  try {
    if (!startsWith(data, ZIP_MAGIC)) throw new Error('not a zip');
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    fail('import_failed', `无法读取 Excel 文件 ${source}：文件已损坏或不是 .xlsx 格式；${SUPPORTED}`);
  }

  const sheets = workbook.worksheets;
  const sheet = sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? sheets[0];
  if (!sheet) return [];

  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++)
      cells.push(cellText(row.getCell(c), excel.ValueType.Merge).trim());
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

function cellText(cell: ExcelJS.Cell, mergeType: ExcelJS.ValueType): string {
  // Of a merged range only the top-left (master) cell holds the value; exceljs repeats it in the others.
  if (cell.type === mergeType) return '';
  return valueText(cell.value, cell.numFmt);
}

function valueText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value, numFmt);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    // Formula: the result Excel cached when the file was saved (absent, e.g. for a result of "", -> '').
    if ('formula' in v || 'sharedFormula' in v) return valueText(v['result'], numFmt);
    if ('hyperlink' in v) return valueText(v['text'], numFmt);
    if (Array.isArray(v['richText'])) {
      return (v['richText'] as { text?: unknown }[])
        .map((p) => (typeof p.text === 'string' ? p.text : ''))
        .join('');
    }
    if (typeof v['error'] === 'string') return v['error'];
  }
  return String(value);
}

/**
 * Plain decimal text, as Excel shows a General number: at most 15 significant digits (which also removes binary
 * noise such as 1234.5600000000001), never exponent notation. Integer codes formatted as '0000' keep their zeros.
 */
function numberText(value: number, numFmt: string | undefined): string {
  if (!Number.isFinite(value)) return String(value);
  let text = new PlainDecimal(value).toSignificantDigits(15).toString();
  if (text === '-0') text = '0';
  if (numFmt && /^0+$/.test(numFmt) && /^\d+$/.test(text)) text = text.padStart(numFmt.length, '0');
  return text;
}

/** exceljs gives dates as UTC instants. Date formats -> 'YYYY-MM-DD'; formats showing a time add ' HH:mm:ss'. */
function dateText(date: Date, numFmt: string | undefined): string {
  if (Number.isNaN(date.getTime())) return '';
  const d = new Date(Math.round(date.getTime() / 1000) * 1000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const day = `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
  const time = `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  // Ignore quoted literals ("年") and bracketed parts ([$-804], [Red]; not [h]) when looking for time/date tokens.
  const fmt = (numFmt ?? '').replace(/"[^"]*"/g, '').replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  const showsTime = /[hs]|AM\/PM|上午\/下午/i.test(fmt);
  if (!showsTime) return day;
  if (!/[yd]/i.test(fmt)) return time;
  return `${day} ${time}`;
}
