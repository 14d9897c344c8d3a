import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { gb18030 } from './encoding.js';
import { tempDir } from './centre.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

/** Writes rows as a CSV file the way Excel or WPS would save it, in the given encoding. */
export function writeCsv(
  rows: Array<Array<string | number>>,
  name = 'data.csv',
  encoding: Encoding = 'utf-8',
  dir = tempDir(),
): string {
  const text =
    rows
      .map((row) =>
        row
          .map((cell) =>
            /[",\n]/.test(String(cell)) ? `"${String(cell).replace(/"/g, '""')}"` : String(cell),
          )
          .join(','),
      )
      .join('\r\n') + '\r\n';
  const file = path.join(dir, name);
  const bytes =
    encoding === 'gb18030'
      ? gb18030(text)
      : Buffer.concat([
          encoding === 'utf-8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
          Buffer.from(text, 'utf8'),
        ]);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Writes rows as a real .xlsx (numbers as numbers, dates as dates), as exported by other software. */
export async function writeXlsx(
  rows: Array<Array<string | number | Date>>,
  name = 'data.xlsx',
  dir = tempDir(),
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('凭证');
  for (const row of rows) sheet.addRow(row);
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

export const voucherHeader = [
  '日期',
  '凭证字',
  '凭证号',
  '摘要',
  '科目编码',
  '科目名称',
  '借方金额',
  '贷方金额',
  '项目',
  '收支项目',
  '附单据数',
];

/** A quarter of typical community vouchers: grants in, bills and activities out, one red-ink line. */
export function quarterOfVouchers(): Array<Array<string | number>> {
  return [
    [...voucherHeader],
    [
      '2025-01-06',
      '记',
      1,
      '收到区财政拨付社区工作经费(基础经费)',
      '100201',
      '银行存款/社区专户',
      '25000.00',
      '',
      '',
      '社区工作经费(基础经费)',
      1,
    ],
    [
      '2025-01-06',
      '记',
      1,
      '收到区财政拨付社区工作经费(基础经费)',
      '44010101',
      '社区工作经费(基础经费)',
      '',
      '25000.00',
      '',
      '',
      '',
    ],
    ['2025-01-15', '记', 2, '支付1月份水电费', '520102', '水电费', '1,234.56', '', '', '', 2],
    ['2025-01-15', '记', 2, '', '100201', '社区专户', '', '1234.56', '', '水电费', ''],
    ['2025-02-10', '记', 1, '重阳节敬老活动', '510102', '居民活动经费', '800.00', '', '敬老活动', '', 3],
    ['2025-02-10', '记', 1, '购买慰问品', '510103', '慰问救助费', '450.50', '', '', '', ''],
    ['2025-02-10', '记', 1, '重阳节敬老活动', '1001', '现金', '', '1250.50', '', '居民活动经费', ''],
    ['2025-03-03', '记', 1, '收取车棚场地租用费', '1001', '现金', '600.00', '', '', '车棚场地租用', 1],
    ['2025-03-03', '记', 1, '收取车棚场地租用费', '43010103', '车棚场地租用', '', '600.00', '', '', ''],
    ['2025-03-20', '记', 2, '冲减多记的办公费', '520101', '办公费', '-35.00', '', '', '', ''],
    ['2025-03-20', '记', 2, '冲减多记的办公费', '1001', '现金', '', '-35.00', '', '办公费', ''],
  ];
}
