import { LedgerError, type RowError } from '../errors.js';
import type { ChartRow } from '../ledger/accounts.js';
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

export async function readChartFile(file: FileSource): Promise<{ source: string; rows: ChartRow[] }> {
  const table = await readTableFile(file);
  requireColumns(table, ['科目编码', '科目名称'], {
    科目编码: ['科目代码', '编码'],
    科目名称: ['名称'],
    余额方向: ['方向', '借贷方向'],
  });
  const errors: RowError[] = [];
  const rows = table.rows.map(({ row, cells }) => {
    const sideText = (cells['余额方向'] ?? '').trim();
    const normalSide = sideText ? sides[sideText] : undefined;
    if (sideText && !normalSide)
      errors.push({
        row,
        column: '余额方向',
        message: `第 ${row} 行余额方向“${sideText}”无效，应为 借 或 贷`,
      });
    return { code: cells['科目编码'] ?? '', name: cells['科目名称'] ?? '', normalSide, row };
  });
  if (errors.length > 0)
    throw new LedgerError(
      'import_failed',
      `科目表 ${table.source} 有 ${errors.length} 处错误，未导入任何科目`,
      { rows: errors },
    );
  return { source: table.source, rows };
}

export async function readOpeningFile(file: FileSource): Promise<{ source: string; rows: OpeningInput[] }> {
  const table = await readTableFile(file);
  requireColumns(table, ['科目编码', '期初借方', '期初贷方'], {
    科目编码: ['科目代码'],
    期初借方: ['期初借方余额', '借方余额', '年初借方'],
    期初贷方: ['期初贷方余额', '贷方余额', '年初贷方'],
  });
  return {
    source: table.source,
    rows: table.rows.map(({ row, cells }) => ({
      account: cells['科目编码'] ?? '',
      debit: cells['期初借方'],
      credit: cells['期初贷方'],
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
      row,
    });
  }
  // Row errors travel with the batch, so the ledger can add its own findings (unknown accounts,
  // unbalanced vouchers) and the accountant sees every problem of the file at once.
  return { source: table.source, vouchers, lines: table.rows.length, errors };
}
