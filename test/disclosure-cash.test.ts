import { describe, expect, it } from 'vitest';
import { runBatch } from '../src/disclosure/batch.js';
import ExcelJS from 'exceljs';
import path from 'node:path';
import type { ReportModel } from '../src/reports/model.js';
import { refused, seededForTest, tempDir } from './support/centre.js';

/**
 * The cash view's harder vouchers: equipment bought partly on credit, pay with a deduction withheld,
 * money held for others (受托代理), task money spent on equipment; and the batch after a correction.
 */

const book = '东风社区';
type Line = { account: string; debit?: string; credit?: string; project?: string; summary?: string };

async function withVouchers(vouchers: Array<{ date: string; lines: Line[] }>) {
  const s = await seededForTest();
  await s.accountant('account.add', { book, code: '100202', name: '受托代理资金户' });
  for (const v of vouchers) {
    const saved = await s.accountant('voucher.save', {
      book,
      date: v.date,
      lines: v.lines.map((l) => ({ summary: '业务', ...l })),
    });
    await s.reviewer('voucher.review', { book, voucher: saved.id });
    await s.reviewer('voucher.post', { book, voucher: saved.id });
  }
  return s;
}

const cell = (model: ReportModel, label: string) =>
  model.rows.find((r) => r.cells.item?.replace(/^\d+\./, '') === label)?.cells.period ?? '';

describe('the cash view', () => {
  it('shows only what was paid or received, never a credit as income, and keeps 受托代理 money out', async () => {
    const s = await withVouchers([
      // A computer for 5,000: 3,000 paid now, 2,000 owed to the shop.
      {
        date: '2025-02-10',
        lines: [
          { account: '150102', debit: '5000.00' },
          { account: '100201', credit: '3000.00' },
          { account: '2202', credit: '2000.00' },
        ],
      },
      // Pay 8,000 with 500 withheld: 7,500 leaves the bank.
      {
        date: '2025-02-15',
        lines: [
          { account: '510101', debit: '8000.00' },
          { account: '100201', credit: '7500.00' },
          { account: '220401', credit: '500.00' },
        ],
      },
      // 慰问金 collected for named households, and paid out: not the community's money.
      {
        date: '2025-02-20',
        lines: [
          { account: '100202', debit: '800.00' },
          { account: '2601', credit: '800.00' },
        ],
      },
    ]);
    const view = await s.accountant('disclosure.sheets', { book, period: '2025-02' });
    const [a, b] = view.sheets as [ReportModel, ReportModel];
    expect(cell(a, '设备购置')).toBe('3000.00');
    expect(cell(a, '人员经费')).toBe('7500.00');
    expect(cell(a, '收入合计')).toBe('0.00');
    expect(b.rows.filter((r) => r.cells.no)).toHaveLength(2);
    expect(view.check).toMatchObject({ balanced: true, closing: '39500.00', booksClosing: '39500.00' });
    expect(a.notes![0]).toContain('受托代理资金 800.00');
  });

  it('counts task money spent on equipment as used on Sheet C, so 专项结余 stays right', async () => {
    const s = await seededForTest();
    await s.accountant('admission.add', {
      book,
      department: '区文广局',
      matter: '文体设备',
      approvalNumber: '鹿文准〔2025〕1号',
      approvalDate: '2025-01-05',
      amount: '5000.00',
      periodFrom: '2025-01',
      periodTo: '2025-12',
    });
    const project = '区文广局·文体设备';
    for (const v of [
      {
        date: '2025-01-10',
        lines: [
          { account: '100201', debit: '5000.00' },
          { account: '44010202', credit: '5000.00', project },
        ],
      },
      {
        date: '2025-01-20',
        lines: [
          { account: '150104', debit: '5000.00', project },
          { account: '100201', credit: '5000.00' },
        ],
      },
    ]) {
      const saved = await s.accountant('voucher.save', {
        book,
        date: v.date,
        lines: v.lines.map((l) => ({ summary: '文体设备', ...l })),
      });
      await s.reviewer('voucher.review', { book, voucher: saved.id });
      await s.reviewer('voucher.post', { book, voucher: saved.id });
    }
    const view = await s.accountant('disclosure.sheets', { book, period: '2025-01' });
    const c = view.sheets[2]!.rows[0]!.cells;
    expect(c).toMatchObject({ received: '5000.00', spent: '5000.00', balance: '0.00' });
    expect(view.sheets[0]!.rows.find((r) => r.cells.item?.startsWith('其中'))!.cells.period).toBe('0.00');
  });

  it('says when cash went below zero on some day of the period, and then cannot be published', async () => {
    // 500.00 paid from the till on 02-10 before the cash arrived on 02-20: at month end all looks well.
    const vouchers = [
      {
        date: '2025-02-10',
        lines: [
          { account: '520101', summary: '购买办公用品', debit: '500.00' },
          { account: '1001', summary: '购买办公用品', credit: '500.00' },
        ],
      },
      {
        date: '2025-02-20',
        lines: [
          { account: '1001', summary: '提取备用金', debit: '1000.00' },
          { account: '100201', summary: '提取备用金', credit: '1000.00' },
        ],
      },
    ];
    const s = await withVouchers(vouchers);
    // The test's own day-by-day cash balance (the book opens with no cash).
    let cash = 0n;
    let lowest = { balance: 0n, date: '' };
    for (const v of vouchers) {
      for (const l of v.lines.filter((x) => x.account === '1001'))
        cash += BigInt((l.debit ?? '0').replace('.', '')) - BigInt((l.credit ?? '0').replace('.', ''));
      if (cash < lowest.balance) lowest = { balance: cash, date: v.date };
    }
    const yuan = (f: bigint) =>
      `${f < 0n ? '-' : ''}${(f < 0n ? -f : f) / 100n}.${String((f < 0n ? -f : f) % 100n).padStart(2, '0')}`;
    expect(lowest).toEqual({ balance: -50000n, date: '2025-02-10' });

    const view = await s.accountant('disclosure.sheets', { book, period: '2025-Q1' });
    expect(view.check.balanced).toBe(true); // the old check sees nothing wrong
    expect(view.check.deficits).toEqual([
      { account: '1001', name: '现金', date: lowest.date, balance: yuan(lowest.balance) },
    ]);
    for (const sheet of view.sheets)
      expect(sheet.notes!.join()).toContain(`1001 现金 ${lowest.date} 日终余额 ${yuan(lowest.balance)} 元`);
    // March alone is clean: the till held 500.00 all month.
    expect((await s.accountant('disclosure.sheets', { book, period: '2025-03' })).check.deficits).toEqual([]);

    const error = await refused(
      s.accountant('disclosure.publish', {
        book,
        period: '2025-Q1',
        reviewer: '李审核',
        communityHead: '张书记',
        oversightSigner: '赵监督',
      }),
    );
    expect(error.message).toContain(`1001 现金 ${lowest.date} 日终余额 ${yuan(lowest.balance)} 元`);
    expect(error.field).toBe('period');
    expect(await s.accountant('disclosure.publications', { book })).toHaveLength(0);

    // The due list and the batch say so too, instead of calling the sheets ready.
    const due = await s.accountant('disclosure.due', { asOf: '2025-07-25', book });
    expect(due.find((d) => d.period === '2025-Q1')!.deficits).toEqual(view.check.deficits);
    expect(due.find((d) => d.period === '2025-Q2')!.deficits).toEqual([]);
    const result = await runBatch(s.centre, { period: '2025-Q1', outDir: tempDir('jucai-batch-') });
    expect(result.files[0]!.warnings.join()).toContain(
      `1001 现金 ${lowest.date} 日终余额 ${yuan(lowest.balance)} 元`,
    );
  });

  it('prints a batch without the old signatures once the books changed after publishing', async () => {
    const s = await withVouchers([
      {
        date: '2025-03-10',
        lines: [
          { account: '520101', debit: '100.00' },
          { account: '100201', credit: '100.00' },
        ],
      },
    ]);
    await s.accountant('disclosure.publish', {
      book,
      period: '2025-Q1',
      publishedOn: '2025-04-20',
      backdateReason: '纸质公开表已按期张贴，系统补录',
      reviewer: '李审核',
      communityHead: '张书记',
      oversightSigner: '赵监督',
    });
    const more = await s.accountant('voucher.save', {
      book,
      date: '2025-03-20',
      lines: [
        { account: '520101', summary: '补记', debit: '999.00' },
        { account: '100201', summary: '补记', credit: '999.00' },
      ],
    });
    await s.reviewer('voucher.review', { book, voucher: more.id });
    await s.reviewer('voucher.post', { book, voucher: more.id });
    const dir = tempDir('jucai-batch-');
    const result = await runBatch(s.centre, { period: '2025-Q1', outDir: dir });
    expect(result.files[0]!.warnings.join()).toContain('第 1 版公开（2025-04-20）后账簿有变动');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, '东风社区-2025-Q1-居务公开.xlsx'));
    const texts: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts.join('|')).not.toContain('张书记');
    expect(texts.join('|')).toContain('公开日期：________________');
  });
});
