import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderXlsx } from '../src/reports/render-xlsx.js';
import { trialBalanceModel } from '../src/reports/trial-balance-model.js';
import { postedMarchTrialBalance, tempDir } from './support/centre.js';

const has = (command: string) => spawnSync('which', [command]).status === 0;

/** 1234567.8 → "1,234,567.80", the way #,##0.00 prints it. */
const grouped = (yuan: string) => {
  const [int = '0', frac = '00'] = yuan.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
};

describe('report model → .xlsx', () => {
  it('renders the trial balance as a print-ready workbook that LibreOffice prints on one page', async () => {
    const tb = await postedMarchTrialBalance();
    expect(tb.balanced).toBe(true);
    const model = trialBalanceModel(tb);
    const dir = tempDir('jucai-xlsx-');
    const file = path.join(dir, 'trial-balance.xlsx');
    fs.writeFileSync(file, await renderXlsx(model));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    const width = model.columns.length;
    expect(width).toBe(10);
    const merges: string[] = (sheet.model as unknown as { merges: string[] }).merges;

    // Title: merged across every column, centred, bold 16 SimSun.
    expect(merges).toContain('A1:J1');
    const title = sheet.getCell('A1');
    expect(title.value).toBe('科目余额表');
    expect(title.alignment.horizontal).toBe('center');
    expect(title.font).toMatchObject({ name: 'SimSun', size: 16, bold: true });
    // Organisation, period and unit line.
    const line2 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
      .map((c) => String(sheet.getCell(2, c).value ?? ''))
      .join('|');
    expect(line2).toContain('东风社区');
    expect(line2).toContain(tb.period);
    expect(line2).toContain('单位：元');

    // Two header rows: code and name span both rows, each group spans its 借方/贷方 pair.
    expect(merges).toEqual(expect.arrayContaining(['A3:A4', 'B3:B4', 'C3:D3', 'E3:F3', 'G3:H3', 'I3:J3']));
    expect(sheet.getCell('A3').value).toBe('科目编码');
    expect(sheet.getCell('B3').value).toBe('科目名称');
    expect(['C3', 'E3', 'G3', 'I3'].map((a) => sheet.getCell(a).value)).toEqual([
      '期初余额',
      '本期发生额',
      '本年累计发生额',
      '期末余额',
    ]);
    expect(['C4', 'D4', 'E4', 'F4', 'G4', 'H4', 'I4', 'J4'].map((a) => sheet.getCell(a).value)).toEqual([
      '借方',
      '贷方',
      '借方',
      '贷方',
      '借方',
      '贷方',
      '借方',
      '贷方',
    ]);

    // Page setup, print titles, frozen panes, footer.
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:4',
    });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sheet.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');

    // Body: amounts are numbers formatted #,##0.00, right-aligned; a zero stays blank; levels indent.
    const rowOf = (code: string) => {
      for (let r = 5; r <= sheet.rowCount; r++)
        if (sheet.getCell(r, 1).value === code) return sheet.getRow(r);
      throw new Error(`no row ${code}`);
    };
    const bank = rowOf('100201');
    expect(bank.getCell(2).value).toBe('社区专户');
    expect(bank.getCell(2).alignment.indent).toBe(1);
    expect(bank.getCell(2).font.name).toBe('SimSun');
    const opening = bank.getCell(3);
    expect(opening.value).toBe(50000);
    expect(opening.numFmt).toBe('#,##0.00');
    expect(opening.alignment.horizontal).toBe('right');
    expect(bank.getCell(4).value).toBeNull();
    // March is the year's only month with movement: 本年累计 equals 本期.
    expect([bank.getCell(5).value, bank.getCell(7).value]).toEqual([25000, 25000]);
    expect(bank.getCell(10).value).toBeNull();
    expect(bank.getCell(9).value).toBe(71765.44);
    expect(rowOf('1002').getCell(2).value).toBe('银行存款');
    expect(rowOf('1002').getCell(2).alignment.indent ?? 0).toBe(0);

    // Total row: bold, top border, figures equal to the API's total.
    let totalRow: ExcelJS.Row | undefined;
    for (let r = 5; r <= sheet.rowCount; r++)
      if (sheet.getCell(r, 2).value === '合计') totalRow = sheet.getRow(r);
    expect(totalRow).toBeDefined();
    const total = totalRow!;
    expect(total.getCell(2).font.bold).toBe(true);
    expect(total.getCell(9).font).toMatchObject({ name: 'SimSun', bold: true });
    expect(total.getCell(9).border.top?.style).toBeDefined();
    expect(total.getCell(9).value).toBe(Number(tb.total.closingDebit));
    expect(total.getCell(10).value).toBe(Number(tb.total.closingCredit));
    expect(tb.total.closingDebit).toBe('75000.00');

    // Signature row below the table.
    const signature = sheet.getRow(sheet.rowCount);
    const texts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
      .map((c) => String(signature.getCell(c).value ?? ''))
      .join('|');
    expect(texts).toContain('制表人：____');
    expect(texts).toContain('审核人：____');

    // LibreOffice: the file opens, converts to PDF and prints on one page.
    if (!has('soffice')) {
      console.warn('soffice (LibreOffice) not installed: skipping the PDF conversion check');
      return;
    }
    const profile = `file://${path.join(dir, 'lo-profile')}`;
    execFileSync(
      'soffice',
      [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file],
      { stdio: 'pipe', timeout: 120_000 },
    );
    const pdf = path.join(dir, 'trial-balance.pdf');
    expect(fs.existsSync(pdf)).toBe(true);
    if (!has('pdftotext')) {
      console.warn('pdftotext (poppler) not installed: skipping the PDF text check');
      return;
    }
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    expect(pages).toHaveLength(1);
    expect(text).toContain('科目余额表');
    expect(text).toContain('银行存款');
    expect(text).toContain(grouped(tb.total.closingDebit));
    expect(text).toMatch(/第\s*1\s*页\s*共\s*1\s*页/);
    if (has('pdftoppm')) {
      fs.mkdirSync('test-artifacts', { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, 'test-artifacts/trial-balance-xlsx']);
    }
  }, 180_000);
});
