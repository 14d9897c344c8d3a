import { type RowError } from '../errors.js';
import type { ChartRow, DimensionName, DimensionRules } from '../ledger/accounts.js';
import type { VoucherWord } from '../ledger/books.js';
import type { OpeningInput } from '../ledger/opening.js';
import { parseDate, periodOfDate } from '../ledger/period.js';
import type { BatchVoucher } from '../ledger/voucher-batch.js';
import { formatRef } from '../ledger/vouchers.js';
import { parseAmount } from '../money/money.js';
import { readTableFile, requireColumns, type FileSource, type Table } from './table.js';

/**
 * Reading the three import layouts (chart, opening balances, vouchers) into the shapes the ledger takes.
 * Every row is checked and every problem collected; the file is rejected whole if any row is bad.
 */

const sides: Record<string, 'debit' | 'credit'> = {
  借: 'debit',
  贷: 'credit',
  debit: 'debit',
  credit: 'credit',
};

const yes = new Set(['是', '限定', '限定性', 'y', 'yes', 'true', '1']);
const no = new Set(['否', '非限定', '非限定性', 'n', 'no', 'false', '0']);
const dimensionWords: Record<string, DimensionName> = {
  项目: 'project',
  往来单位: 'party',
  往来: 'party',
  单位: 'party',
  收支项目: 'item',
  公开项目: 'item',
};

/**
 * 辅助核算 as a chart file writes it: names separated by 、 , ; or spaces, each optionally marked
 * 必填 — "项目（必填）、往来单位". A name listed is tracked; marked, required; 无 clears them all.
 */
function parseDimensions(text: string): Partial<DimensionRules> | string {
  const rules: Partial<DimensionRules> = {};
  if (text === '无') return { project: 'none', party: 'none', item: 'none' };
  for (const token of text.split(/[、,，;；\s]+/).filter(Boolean)) {
    const required = /必填|必录|必须/.test(token);
    const name = token.replace(/[（(]?(必填|必录|必须)[）)]?/g, '').trim();
    const dimension = dimensionWords[name];
    if (!dimension) return `“${name}”不是辅助核算项目，可用：项目、往来单位、收支项目（可加“必填”）`;
    rules[dimension] = required ? 'required' : 'tracked';
  }
  return rules;
}

export async function readChartFile(
  file: FileSource,
): Promise<{ source: string; rows: ChartRow[]; errors: RowError[] }> {
  const table = await readTableFile(file);
  requireColumns(table, ['科目编码', '科目名称'], {
    科目编码: ['科目代码', '编码'],
    科目名称: ['名称'],
    余额方向: ['方向', '借贷方向'],
    限定性: ['是否限定性', '限定'],
    辅助核算: ['辅助核算项目', '辅助项'],
  });
  // Every problem of the file is collected here and reported together with the chart's own checks.
  const errors: RowError[] = [];
  const rows = table.rows.map(({ row, cells }): ChartRow => {
    const problem = (column: string, message: string) =>
      errors.push({ row, column, message: `第 ${row} 行${column}：${message}` });
    const sideText = (cells['余额方向'] ?? '').trim();
    const normalSide = sideText ? sides[sideText] : undefined;
    if (sideText && !normalSide) problem('余额方向', `“${sideText}”无效，应为 借 或 贷`);
    const restrictedText = (cells['限定性'] ?? '').trim().toLowerCase();
    const restricted = yes.has(restrictedText) ? true : no.has(restrictedText) ? false : undefined;
    if (restrictedText && restricted === undefined)
      problem('限定性', `“${cells['限定性']}”无效，应为 是 或 否（空着表示与上级科目相同）`);
    const dimensionText = (cells['辅助核算'] ?? '').trim();
    const dimensions = dimensionText ? parseDimensions(dimensionText) : undefined;
    if (typeof dimensions === 'string') problem('辅助核算', dimensions);
    return {
      code: cells['科目编码'] ?? '',
      name: cells['科目名称'] ?? '',
      normalSide,
      restricted,
      dimensions: typeof dimensions === 'object' ? dimensions : undefined,
      row,
    };
  });
  return { source: table.source, rows, errors };
}

/**
 * 期初余额 files: 科目编码 and 期初借方/期初贷方, with 本年累计借方/贷方 for a book begun mid-year, 年初借方/
 * 年初贷方 when the old software exported them (checked against the rest, never stored) and 项目 for a
 * project-tracked account's balance per project. A file with 年初 figures and no 期初 ones is a book begun
 * in January, where the two are the same.
 */
export async function readOpeningFile(
  file: FileSource,
  book: { startPeriod: string },
): Promise<{ source: string; rows: OpeningInput[]; errors: RowError[] }> {
  const table = await readTableFile(file);
  requireColumns(table, ['科目编码'], {
    科目编码: ['科目代码'],
    期初借方: ['期初借方余额', '借方余额'],
    期初贷方: ['期初贷方余额', '贷方余额'],
    年初借方: ['年初借方余额'],
    年初贷方: ['年初贷方余额'],
    本年累计借方: ['累计借方', '借方累计', '本年借方累计'],
    本年累计贷方: ['累计贷方', '贷方累计', '本年贷方累计'],
    项目: ['项目名称', '辅助核算项目'],
  });
  const has = (column: string) => table.headers.includes(column);
  const errors: RowError[] = [];
  const openingColumns = has('期初借方') || has('期初贷方');
  const yearColumns = has('本年累计借方') || has('本年累计贷方');
  if (!openingColumns && !has('年初借方') && !has('年初贷方')) {
    errors.push({
      row: table.headerRow ?? 1,
      column: '期初借方',
      message: `缺少列：期初借方、期初贷方（第 ${table.headerRow ?? 1} 行是表头）`,
    });
  }
  // 年初 without 期初 is a January book's opening. A book begun later needs its first month's balance.
  const january = book.startPeriod.endsWith('-01');
  const yearAsOpening = !openingColumns && !yearColumns && january;
  if (!openingColumns && !january && (has('年初借方') || has('年初贷方'))) {
    errors.push({
      row: table.headerRow ?? 1,
      column: '期初借方',
      message:
        `账套从 ${book.startPeriod} 启用，文件只有年初余额：请给出期初借方、期初贷方（${book.startPeriod}-01 的余额）` +
        '及本年累计借方、本年累计贷方',
    });
  }
  return {
    source: table.source,
    errors,
    rows: table.rows.map(({ row, cells }) => ({
      account: cells['科目编码'] ?? '',
      debit: yearAsOpening ? cells['年初借方'] : cells['期初借方'],
      credit: yearAsOpening ? cells['年初贷方'] : cells['期初贷方'],
      yearDebit: cells['本年累计借方'],
      yearCredit: cells['本年累计贷方'],
      yearOpeningDebit: yearAsOpening ? undefined : cells['年初借方'],
      yearOpeningCredit: yearAsOpening ? undefined : cells['年初贷方'],
      project: cells['项目'],
      row,
    })),
  };
}

export interface VoucherFile {
  source: string;
  vouchers: BatchVoucher[];
  lines: number;
  errors: RowError[];
}

const voucherColumns = ['日期', '凭证字', '凭证号', '摘要', '科目编码', '借方金额', '贷方金额'];
const voucherAliases = {
  日期: ['凭证日期', '制单日期'],
  凭证字: ['凭证类别', '类别'],
  科目编码: ['科目代码'],
  借方金额: ['借方', '借方本币'],
  贷方金额: ['贷方', '贷方本币'],
  附单据数: ['附件数', '附单据'],
  收支项目: ['公开项目'],
  项目: ['项目名称'],
  往来单位: ['往来单位名称'],
};

/**
 * The layout Chinese bookkeeping software exports: one row per line, and consecutive rows with the same
 * month, word and number form one voucher. Blank summaries repeat the one above, as those exports do.
 */
export async function readVoucherFile(
  file: FileSource,
  accountCodesByName?: Map<string, string>,
): Promise<VoucherFile> {
  const table = await readTableFile(file);
  requireColumns(table, voucherColumns, voucherAliases);
  return parseVoucherTable(table, accountCodesByName);
}

export function parseVoucherTable(table: Table, accountCodesByName?: Map<string, string>): VoucherFile {
  const errors: RowError[] = [];
  const vouchers: BatchVoucher[] = [];
  const seen = new Set<string>();
  let current: BatchVoucher | undefined;
  let currentKey = '';
  let orphan: number | undefined;
  for (const { row, cells } of table.rows) {
    const problem = (column: string, message: string) =>
      errors.push({ row, column, message: `第 ${row} 行${column}：${message}` });
    let date = '';
    try {
      date = parseDate(cells['日期'] ?? '', '日期');
    } catch (error) {
      problem('日期', `“${cells['日期']}”不是有效日期`);
    }
    const word = ((cells['凭证字'] ?? '').trim() || '记') as VoucherWord;
    if (!['记', '收', '付', '转'].includes(word)) problem('凭证字', `“${word}”无效，应为 记、收、付 或 转`);
    const numberText = (cells['凭证号'] ?? '').trim().replace(/^[记收付转]-?/, '');
    const number = /^\d+$/.test(numberText) ? Number(numberText) : NaN;
    if (!(number > 0)) problem('凭证号', `“${cells['凭证号']}”应为正整数`);
    let debit = 0;
    let credit = 0;
    try {
      debit = cells['借方金额'] ? parseAmount(cells['借方金额'], '借方金额') : 0;
    } catch (error) {
      problem('借方金额', (error as Error).message);
    }
    try {
      credit = cells['贷方金额'] ? parseAmount(cells['贷方金额'], '贷方金额') : 0;
    } catch (error) {
      problem('贷方金额', (error as Error).message);
    }
    if ((debit === 0) === (credit === 0) && !errors.some((e) => e.row === row && /金额/.test(e.column))) {
      problem('借方金额', '借方金额和贷方金额必须且只能填一个非零金额');
    }
    let account = (cells['科目编码'] ?? '').trim();
    if (!account && cells['科目名称']) account = accountCodesByName?.get(cells['科目名称'].trim()) ?? '';
    if (!account)
      problem('科目编码', cells['科目名称'] ? `找不到科目“${cells['科目名称']}”` : '科目编码不能为空');
    const attachmentsText = (cells['附单据数'] ?? '').trim();
    if (attachmentsText && !/^\d+$/.test(attachmentsText))
      problem('附单据数', `“${attachmentsText}”应为不小于 0 的整数`);
    if (!date || !(number > 0)) {
      // Without a date or number the row cannot be placed; keep it with the voucher it follows so that
      // voucher is not also reported as incomplete or unbalanced.
      // It may equally open the next voucher, so that one is spared too (placeholders are never written:
      // any error stops the import).
      current?.lines.push({ account, summary: '', debit, credit, row });
      orphan = row;
      continue;
    }

    const period = periodOfDate(date);
    const key = `${period} ${word} ${number}`;
    if (key !== currentKey) {
      if (seen.has(key))
        problem('凭证号', `凭证 ${period} ${formatRef(word, number)} 的分录不连续，同一张凭证的行应排在一起`);
      seen.add(key);
      current = { period, word, number, date, attachments: 0, row, lines: [] };
      if (orphan !== undefined)
        current.lines.push({ account: '', summary: '', debit: 0, credit: 0, row: orphan });
      vouchers.push(current);
      currentKey = key;
      orphan = undefined;
    } else if (current && date !== current.date) {
      problem('日期', `同一张凭证 ${formatRef(word, number)} 的日期不一致（${current.date} 与 ${date}）`);
    }
    const summary = (cells['摘要'] ?? '').trim() || current!.lines.at(-1)?.summary || '';
    if (!summary) problem('摘要', '摘要不能为空');
    if (attachmentsText) current!.attachments = Math.max(current!.attachments, Number(attachmentsText));
    current!.lines.push({
      account,
      summary,
      debit,
      credit,
      ...(cells['项目']?.trim() ? { project: cells['项目'].trim() } : {}),
      ...(cells['收支项目']?.trim() ? { item: cells['收支项目'].trim() } : {}),
      ...(cells['往来单位']?.trim() ? { party: cells['往来单位'].trim() } : {}),
      row,
    });
  }
  // Row errors travel with the batch, so the ledger can add its own findings (unknown accounts,
  // unbalanced vouchers) and the accountant sees every problem of the file at once.
  return { source: table.source, vouchers, lines: table.rows.length, errors };
}
