import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerError } from '../src/errors.js';
import { decodeText, readTableBuffer, readTableFile, requireColumns, type Table } from '../src/io/table.js';
import { gb18030 } from './support/encoding.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jucai-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, data: string | Buffer | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

async function importError(promise: Promise<unknown>): Promise<LedgerError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(LedgerError);
    const e = err as LedgerError;
    expect(e.code).toBe('import_failed');
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    return e;
  }
  throw new Error('expected a LedgerError');
}

function syncError(fn: () => unknown): LedgerError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(LedgerError);
    expect((err as LedgerError).code).toBe('import_failed');
    return err as LedgerError;
  }
  throw new Error('expected a LedgerError');
}

async function xlsxFile(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const buf = await wb.xlsx.writeBuffer();
  return write(name, Buffer.from(buf as ArrayBuffer));
}

describe('decodeText', () => {
  it('detects BOM, UTF-8 and GB18030', () => {
    expect(decodeText(Buffer.from('\ufeff科目,金额', 'utf8'))).toEqual({
      text: '科目,金额',
      encoding: 'utf-8-bom',
    });
    expect(decodeText(Buffer.from('科目,金额', 'utf8'))).toEqual({ text: '科目,金额', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('a,b', 'utf8'))).toEqual({ text: 'a,b', encoding: 'utf-8' });
    expect(decodeText(gb18030('科目,金额'))).toEqual({ text: '科目,金额', encoding: 'gb18030' });
  });
});

describe('CSV', () => {
  it('reads UTF-8 with quotes, CRLF, spaces, blank and short rows, trailing empty line', async () => {
    const text =
      '\r\n' + // leading blank line: header is row 2
      ' 科目编码 , 科目名称 ,摘要\r\n' +
      '1001, 库存现金 ,"含,逗号"\r\n' +
      '\r\n' + // blank row 4 skipped
      ',,\r\n' + // row of empty cells skipped
      '1002,"银行\r\n存款", "引号""内" \r\n' + // row 6: quoted newline, doubled quote
      '1003,短行\r\n' + // row 7: missing last cell
      '1004,多余空列,x,,\r\n' + // row 8: extra empty cells are fine
      '\r\n';
    const file = write('科目.csv', Buffer.from(text, 'utf8'));
    const t = await readTableFile(file);
    expect(t.source).toBe('科目.csv');
    expect(t.format).toBe('csv');
    expect(t.encoding).toBe('utf-8');
    expect(t.headers).toEqual(['科目编码', '科目名称', '摘要']);
    expect(t.headerRow).toBe(2);
    expect(t.rows).toEqual([
      { row: 3, cells: { 科目编码: '1001', 科目名称: '库存现金', 摘要: '含,逗号' } },
      { row: 6, cells: { 科目编码: '1002', 科目名称: '银行\r\n存款', 摘要: '引号"内' } },
      { row: 7, cells: { 科目编码: '1003', 科目名称: '短行', 摘要: '' } },
      { row: 8, cells: { 科目编码: '1004', 科目名称: '多余空列', 摘要: 'x' } },
    ]);
  });

  it('reads UTF-8 with BOM (no BOM left in the first header)', async () => {
    const t = await readTableFile(
      write('bom.csv', Buffer.from('\ufeff科目编码,期初借方\n1001,100.00\n', 'utf8')),
    );
    expect(t.encoding).toBe('utf-8-bom');
    expect(t.headers).toEqual(['科目编码', '期初借方']);
    expect(t.rows).toEqual([{ row: 2, cells: { 科目编码: '1001', 期初借方: '100.00' } }]);
  });

  it('reads GB18030 (what Chinese Excel saves as "CSV")', async () => {
    const t = await readTableFile(
      write('gbk.csv', gb18030('科目编码,科目名称\r\n1001,库存现金\r\n1002,银行存款\r\n')),
    );
    expect(t.encoding).toBe('gb18030');
    expect(t.headers).toEqual(['科目编码', '科目名称']);
    expect(t.rows.map((r) => r.cells['科目名称'])).toEqual(['库存现金', '银行存款']);
    expect(t.rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('reads tab-separated .txt', async () => {
    const t = await readTableFile(
      write('流水.txt', Buffer.from('日期\t金额\n2024-01-05\t1,234.50\n', 'utf8')),
    );
    expect(t.format).toBe('csv');
    expect(t.headers).toEqual(['日期', '金额']);
    expect(t.rows[0]!.cells).toEqual({ 日期: '2024-01-05', 金额: '1,234.50' });
  });

  it('rejects a ragged row, naming row and column', async () => {
    const file = write('凭证.csv', Buffer.from('摘要,金额\n付款,10\n收款,20,多出来\n', 'utf8'));
    const e = await importError(readTableFile(file));
    expect(e.message).toContain('凭证.csv');
    expect(e.message).toContain('第 3 行 C 列');
    expect(e.message).toContain('多出来');
    expect(e.rows).toEqual([{ row: 3, column: 'C', message: expect.stringContaining('表头只有 2 列') }]);
  });

  it('rejects content under an empty header cell', async () => {
    const e = await importError(
      readTableFile(write('空表头.csv', Buffer.from('摘要,,金额\n付款,备注,10\n', 'utf8'))),
    );
    expect(e.message).toContain('第 2 行 B 列');
    expect(e.message).toContain('表头是空的');
  });

  it('rejects duplicate header names', async () => {
    const e = await importError(
      readTableFile(write('dup.csv', Buffer.from('金额,摘要, 金额\n1,a,2\n', 'utf8'))),
    );
    expect(e.message).toContain('dup.csv');
    expect(e.message).toContain('第 1 行');
    expect(e.message).toContain('“金额”（A、C 列）');
  });

  it('rejects an unclosed quote, naming the row', async () => {
    const e = await importError(
      readTableFile(write('quote.csv', Buffer.from('a,b\n1,2\n"3,4\n5,6\n', 'utf8'))),
    );
    expect(e.message).toContain('quote.csv 第 3 行');
    expect(e.message).toContain('引号');
  });

  it('rejects empty, blank-only and header-only files', async () => {
    for (const [name, text] of [
      ['empty.csv', ''],
      ['blank.csv', '\r\n , \r\n\r\n'],
      ['header.csv', '科目编码,科目名称\r\n\r\n'],
    ] as const) {
      const e = await importError(readTableFile(write(name, Buffer.from(text, 'utf8'))));
      expect(e.message).toContain(`文件 ${name} 没有数据行`);
    }
  });

  it('rejects binary content and an .xlsx saved under a .csv name', async () => {
    const e1 = await importError(readTableFile(write('bin.csv', Buffer.from([0x00, 0x01, 0x02, 0xff]))));
    expect(e1.message).toContain('bin.csv 不是文本文件');
    const xlsx = await xlsxFile('real.xlsx', (wb) => wb.addWorksheet('S').addRow(['a']));
    const e2 = await importError(readTableFile(write('renamed.csv', fs.readFileSync(xlsx))));
    expect(e2.message).toContain('renamed.csv 实际是 Excel（.xlsx）文件');
  });
});

describe('xlsx', () => {
  it('turns cell values into the text the user sees', async () => {
    const file = await xlsxFile('期初余额.xlsx', (wb) => {
      const hidden = wb.addWorksheet('隐藏');
      hidden.state = 'hidden';
      hidden.addRow(['不该读到']);
      const ws = wb.addWorksheet('期初');
      ws.getRow(2).values = ['科目编码', '金额', '日期', '公式', '说明', '布尔'];
      ws.getRow(3).values = [
        '1001',
        1234.56,
        new Date(Date.UTC(2024, 0, 5)),
        { formula: 'B3*2', result: 2469.12 },
        { richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] },
        true,
      ];
      ws.getRow(4).values = [
        1002,
        0.1,
        null,
        { formula: 'B4+0.2' },
        { text: '链接', hyperlink: 'http://x' },
        false,
      ];
      // row 5 left blank
      ws.getRow(6).values = [
        ' 1003 ',
        -12,
        null,
        { formula: 'B6+0', result: 0.1 + 0.2 },
        { error: '#DIV/0!' },
      ];
      ws.getRow(7).values = ['1004', 1234.5600000000001, null, null, '  前后空格  '];
      ws.mergeCells('E8:F8');
      ws.getCell('A8').value = 7;
      ws.getCell('A8').numFmt = '0000';
      ws.getCell('B8').value = 100000000;
      ws.getCell('C8').value = new Date(Date.UTC(2024, 11, 31, 14, 30, 5));
      ws.getCell('C8').numFmt = 'yyyy-mm-dd hh:mm:ss';
      ws.getCell('E8').value = '合并';
    });
    const t = await readTableFile(file);
    expect(t.format).toBe('xlsx');
    expect(t.encoding).toBeUndefined();
    expect(t.headers).toEqual(['科目编码', '金额', '日期', '公式', '说明', '布尔']);
    expect(t.headerRow).toBe(2);
    expect(t.rows).toEqual([
      {
        row: 3,
        cells: {
          科目编码: '1001',
          金额: '1234.56',
          日期: '2024-01-05',
          公式: '2469.12',
          说明: '富文本',
          布尔: 'TRUE',
        },
      },
      { row: 4, cells: { 科目编码: '1002', 金额: '0.1', 日期: '', 公式: '', 说明: '链接', 布尔: 'FALSE' } },
      { row: 6, cells: { 科目编码: '1003', 金额: '-12', 日期: '', 公式: '0.3', 说明: '#DIV/0!', 布尔: '' } },
      {
        row: 7,
        cells: { 科目编码: '1004', 金额: '1234.56', 日期: '', 公式: '', 说明: '前后空格', 布尔: '' },
      },
      {
        row: 8,
        cells: {
          科目编码: '0007',
          金额: '100000000',
          日期: '2024-12-31 14:30:05',
          公式: '',
          说明: '合并',
          布尔: '', // the merged-away cell F8 is empty, not a copy of E8
        },
      },
    ]);
  });

  it('reads from an in-memory buffer too', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['a', 'b']);
    ws.addRow([1, 2]);
    const t = await readTableBuffer(
      Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer),
      'm.xlsx',
      'xlsx',
    );
    expect(t.rows).toEqual([{ row: 2, cells: { a: '1', b: '2' } }]);
  });

  it('rejects a ragged row', async () => {
    const file = await xlsxFile('ragged.xlsx', (wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['摘要', '金额']);
      ws.addRow(['付款', 10]);
      ws.getCell('D3').value = '备注';
    });
    const e = await importError(readTableFile(file));
    expect(e.message).toContain('ragged.xlsx');
    expect(e.message).toContain('第 3 行 D 列有内容“备注”');
    expect(e.rows.map((r) => [r.row, r.column])).toEqual([[3, 'D']]);
  });

  it('rejects garbage, an old .xls saved as .xlsx, and an empty workbook', async () => {
    const e1 = await importError(readTableFile(write('坏.xlsx', Buffer.from('这不是 Excel 文件', 'utf8'))));
    expect(e1.message).toMatch(/^无法读取 Excel 文件 坏\.xlsx：/);
    const zipish = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    const e2 = await importError(readTableFile(write('zip.xlsx', zipish)));
    expect(e2.message).toMatch(/^无法读取 Excel 文件 zip\.xlsx：/);
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
    ]);
    const e3 = await importError(readTableFile(write('old.xlsx', ole)));
    expect(e3.message).toMatch(/^无法读取 Excel 文件 old\.xlsx：.*\.xls/);
    const e4 = await importError(readTableFile(await xlsxFile('空.xlsx', (wb) => wb.addWorksheet('S'))));
    expect(e4.message).toContain('文件 空.xlsx 没有数据行');
    const e5 = await importError(
      readTableFile(await xlsxFile('表头.xlsx', (wb) => wb.addWorksheet('S').addRow(['科目编码']))),
    );
    expect(e5.message).toContain('文件 表头.xlsx 没有数据行');
  });
});

describe('readTableFile', () => {
  it('rejects unsupported extensions and missing files', async () => {
    const xls = await importError(readTableFile(write('旧.xls', Buffer.from('x'))));
    expect(xls.message).toContain('旧.xls');
    expect(xls.message).toContain('.xlsx 或 CSV');
    const pdf = await importError(readTableFile(write('报表.pdf', Buffer.from('%PDF'))));
    expect(pdf.message).toContain('.pdf');
    expect(pdf.message).toContain('报表.pdf');
    expect(pdf.message).toContain('.xlsx');
    expect(pdf.message).toContain('.csv');
    const none = await importError(readTableFile(path.join(dir, '不存在.csv')));
    expect(none.message).toContain('找不到文件 不存在.csv');
  });
});

describe('requireColumns', () => {
  async function table(text: string, name = '余额.csv'): Promise<Table> {
    return readTableBuffer(Buffer.from(text, 'utf8'), name, 'csv');
  }

  it('passes when all columns are present', async () => {
    const t = await table('科目编码,借方金额,贷方金额\n1001,1,0\n');
    requireColumns(t, ['科目编码', '借方金额', '贷方金额']);
    expect(t.headers).toEqual(['科目编码', '借方金额', '贷方金额']);
  });

  it('lists every missing column in one error', async () => {
    const t = await table('科目编码,摘要\n1001,x\n', 'x.csv');
    const e = syncError(() => requireColumns(t, ['科目编码', '借方金额', '贷方金额']));
    expect(e.message).toContain('文件 x.csv 缺少列：借方金额、贷方金额（第 1 行是表头）');
    expect(e.message).toContain('读到的表头：科目编码、摘要');
    expect(e.rows.map((r) => [r.row, r.column])).toEqual([
      [1, '借方金额'],
      [1, '贷方金额'],
    ]);
  });

  it('names the real header row and the accepted aliases', async () => {
    const t = await table('\n\n科目编码\n1001\n', 'y.csv');
    const e = syncError(() => requireColumns(t, ['科目编码', '期初借方'], { 期初借方: ['期初借方余额'] }));
    expect(e.message).toContain('缺少列：期初借方（或“期初借方余额”）（第 3 行是表头）');
  });

  it('renames aliases and near-miss spellings to the canonical name, in place', async () => {
    const t = await table('科目 编码,期初借方余额,ＢＡＮＫ（账号）,备注\n1001,100.00,6222,x\n1002,,,\n');
    requireColumns(t, ['科目编码', '期初借方'], {
      期初借方: ['期初借方余额'],
      'bank(账号)': [],
      期初贷方: ['贷方余额'],
    });
    expect(t.headers).toEqual(['科目编码', '期初借方', 'bank(账号)', '备注']);
    expect(t.rows[0]!.cells).toEqual({
      科目编码: '1001',
      期初借方: '100.00',
      'bank(账号)': '6222',
      备注: 'x',
    });
    expect(t.rows[1]!.cells['期初借方']).toBe('');
    expect(t.rows[1]!.row).toBe(3);
  });

  it('rejects two columns that both mean the same canonical column', async () => {
    const t = await table('期初借方,期初借方余额\n1,2\n', 'z.csv');
    const e = syncError(() => requireColumns(t, ['期初借方'], { 期初借方: ['期初借方余额'] }));
    expect(e.message).toContain('z.csv');
    expect(e.message).toContain('“期初借方”、“期初借方余额”都可以当作“期初借方”');
  });
});
