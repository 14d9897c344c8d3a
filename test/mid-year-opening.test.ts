import { describe, expect, it, onTestFinished } from 'vitest';
import type { ReportModel } from '../src/reports/model.js';
import { as, openTestCentre, refused } from './support/centre.js';
import { writeCsv } from './support/files.js';

/**
 * A book begun in July brings, with each account's 期初余额, the year's movement before July (本年累计借方 /
 * 本年累计贷方), so that 本年累计 in the 科目余额表, 明细账 and 业务活动表 is the whole year's from the first
 * month on. Expectations are summed here from the figures typed in.
 */

const BOOK = '西山社区';

/** What the old books said at the end of June: 期初 (balance at 2025-07-01) and the movement Jan–Jun. */
const brought = [
  { account: '100201', debit: 8000000n, credit: 0n, yearDebit: 4000000n, yearCredit: 1000000n },
  { account: '3101', debit: 0n, credit: 5000000n, yearDebit: 0n, yearCredit: 0n },
  { account: '44010101', debit: 0n, credit: 4000000n, yearDebit: 0n, yearCredit: 4000000n },
  { account: '520101', debit: 1000000n, credit: 0n, yearDebit: 1000000n, yearCredit: 0n },
];
const july = { account: '520101', amount: 200000n };

const yuan = (fen: bigint) => (fen === 0n ? '' : `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`);
const text = (fen: bigint) => yuan(fen) || '0.00';
const get = (account: string) => brought.find((b) => b.account === account)!;

async function midYearBook() {
  const centre = openTestCentre();
  onTestFinished(() => centre.close());
  await as(centre)('operator.add', { name: '周主管', role: 'supervisor' });
  const boss = as(centre, '周主管');
  await boss('operator.add', { name: '王会计', role: 'accountant' });
  await boss('operator.add', { name: '李审核', role: 'reviewer' });
  await boss('community.add', { name: BOOK, code: 'XS', kind: 'urban' });
  const accountant = as(centre, '王会计');
  const reviewer = as(centre, '李审核');
  await accountant('book.create', { community: BOOK, startPeriod: '2025-07' });
  return { accountant, reviewer };
}

const cells = (model: ReportModel, find: (cells: Record<string, string>) => boolean) =>
  model.rows.find((r) => find(r.cells))!.cells;

describe('a book begun in the middle of a year, from software that closed income every month', () => {
  it('takes the year’s income and spending before July from the credit and debit sides, and counts its grants', async () => {
    const { accountant } = await midYearBook();
    // The old software closed 44010101 and 520101 each month, so each has both sides in its 累计.
    await accountant('opening.set', {
      book: BOOK,
      balances: [
        { account: '100201', debit: '80000.00', yearDebit: '40000.00', yearCredit: '10000.00' },
        { account: '3101', credit: '80000.00', yearDebit: '10000.00', yearCredit: '40000.00' },
        { account: '44010101', yearDebit: '40000.00', yearCredit: '40000.00' },
        { account: '520101', yearDebit: '10000.00', yearCredit: '10000.00' },
      ],
    });
    const activities = await accountant('report.view', {
      report: 'activities',
      book: BOOK,
      from: '2025-07',
      to: '2025-07',
    });
    const line = (n: number) => cells(activities, (c) => c.line === String(n));
    expect([line(11).yearTotal, line(35).yearTotal, line(45).yearTotal]).toEqual([
      '40000.00',
      '10000.00',
      '30000.00',
    ]);
    // The first half's base grant arrived before the book began: it is 到账 all the same.
    const status = await accountant('grant.received', { year: 2025, community: BOOK });
    expect(status.find((r) => r.source === 'base')!.received).toBe('40000.00');
  });

  it('refuses an opening file with only 年初 columns for a book begun in July', async () => {
    const { accountant } = await midYearBook();
    const file = writeCsv([
      ['科目编码', '年初借方', '年初贷方'],
      ['100201', '50000.00', ''],
      ['3101', '', '50000.00'],
    ]);
    const error = await refused(accountant('opening.import', { book: BOOK, file }));
    expect(error.rows[0]).toMatchObject({ row: 1, column: '期初借方' });
    expect(error.rows[0]!.message).toContain('账套从 2025-07 启用，文件只有年初余额');
  });
});

describe('a book begun in the middle of a year', () => {
  it('carries the year’s earlier movement into 本年累计 of the trial balance, the ledger and the activity statement', async () => {
    const { accountant, reviewer } = await midYearBook();
    const opening = await accountant('opening.set', {
      book: BOOK,
      balances: brought.map((b) => ({
        account: b.account,
        debit: yuan(b.debit),
        credit: yuan(b.credit),
        yearDebit: yuan(b.yearDebit),
        yearCredit: yuan(b.yearCredit),
      })),
    });
    expect(opening.midYear).toBe(true);
    expect(opening.balanced).toBe(true);
    // 年初 = 期初 − (累计借方 − 累计贷方): the bank held 80,000 − (40,000 − 10,000) on 1 January.
    const bank = get('100201');
    expect(opening.rows.find((r) => r.code === '100201')).toMatchObject({
      yearOpeningDebit: text(bank.debit - bank.yearDebit + bank.yearCredit),
      yearOpeningCredit: '0.00',
    });

    const v = await accountant('voucher.save', {
      book: BOOK,
      date: '2025-07-15',
      lines: [
        { account: july.account, summary: '购买办公用品', debit: yuan(july.amount) },
        { account: '100201', credit: yuan(july.amount) },
      ],
    });
    await reviewer('voucher.review', { book: BOOK, voucher: v.id });
    await reviewer('voucher.post', { book: BOOK, voucher: v.id });

    const tb = await accountant('report.trialBalance', { book: BOOK, from: '2025-07', to: '2025-07' });
    const row = (code: string) => tb.rows.find((r) => r.code === code)!;
    expect([row('520101').yearDebit, row('520101').yearCredit]).toEqual([
      text(get('520101').yearDebit + july.amount),
      '0.00',
    ]);
    expect([row('100201').yearDebit, row('100201').yearCredit]).toEqual([
      text(bank.yearDebit),
      text(bank.yearCredit + july.amount),
    ]);
    expect(row('44010101').yearCredit).toBe(text(get('44010101').yearCredit));
    expect(tb.total.yearDebit).toBe(tb.total.yearCredit);
    expect(tb.balanced).toBe(true);

    const ledger = await accountant('report.accountLedger', {
      book: BOOK,
      account: '520101',
      from: '2025-07',
      to: '2025-07',
    });
    const year = ledger.rows.find((r) => r.kind === 'year')!;
    expect([year.debit, year.credit]).toEqual([text(get('520101').yearDebit + july.amount), '0.00']);

    const activities = await accountant('report.view', {
      report: 'activities',
      book: BOOK,
      from: '2025-07',
      to: '2025-07',
    });
    const line = (n: number) => cells(activities, (c) => c.line === String(n));
    expect(line(5).yearUnrestricted).toBe(yuan(get('44010101').yearCredit));
    expect([line(21).periodUnrestricted, line(21).yearUnrestricted]).toEqual([
      yuan(july.amount),
      yuan(get('520101').yearDebit + july.amount),
    ]);
    expect(line(45).yearTotal).toBe(yuan(get('44010101').yearCredit - get('520101').yearDebit - july.amount));

    // 资产负债表 年初数 is 1 January's: the bank's 期初 less the year's movement before July.
    const sheet = await accountant('report.view', {
      report: 'balance-sheet',
      book: BOOK,
      from: '2025-07',
      to: '2025-07',
    });
    const money = sheet.rows.find((r) => r.cells.leftLine === '1')!.cells;
    expect(money.leftOpening).toBe(yuan(bank.debit - bank.yearDebit + bank.yearCredit));
    // The 总账 of 5201 管理费用 carries it too.
    const general = await accountant('report.view', {
      report: 'general-ledger',
      book: BOOK,
      from: '2025-07',
      to: '2025-07',
    });
    const start = general.rows.findIndex((r) => r.cells.account?.startsWith('5201 '));
    const generalYear = general.rows.slice(start).find((r) => r.cells.summary === '本年累计')!;
    expect(generalYear.cells.debit).toBe(yuan(get('520101').yearDebit + july.amount));
  });

  it('refuses 年初 figures that do not agree with 期初 and 累计, and says when the year’s movement does not balance', async () => {
    const { accountant, reviewer } = await midYearBook();
    const file = writeCsv([
      ['科目编码', '年初借方', '年初贷方', '本年累计借方', '本年累计贷方', '期初借方', '期初贷方'],
      ['100201', '50000.00', '', '40000.00', '10000.00', '80000.00', ''],
      ['3101', '', '50000.00', '', '', '', '50000.00'],
      ['44010101', '', '', '', '40000.00', '', '40000.00'],
      ['520101', '100.00', '', '10000.00', '', '10000.00', ''],
    ]);
    const error = await refused(accountant('opening.import', { book: BOOK, file }));
    expect(error.rows).toEqual([
      expect.objectContaining({
        row: 5,
        column: '年初借方',
        message: expect.stringContaining('年初应为 0.00'),
      }),
    ]);
    expect((await accountant('opening.get', { book: BOOK })).rows).toEqual([]);

    const unbalanced = writeCsv([
      ['科目编码', '本年累计借方', '本年累计贷方', '期初借方', '期初贷方'],
      ['100201', '40000.00', '9000.00', '80000.00', ''],
      ['3101', '', '', '', '50000.00'],
      ['44010101', '', '40000.00', '', '40000.00'],
      ['520101', '10000.00', '', '10000.00', ''],
    ]);
    const opening = await accountant('opening.import', { book: BOOK, file: unbalanced });
    expect(opening.balanced).toBe(false);
    expect([opening.yearDebitTotal, opening.yearCreditTotal]).toEqual(['50000.00', '49000.00']);
    // Posting waits until the year's movement balances too.
    const v = await accountant('voucher.save', {
      book: BOOK,
      date: '2025-07-15',
      lines: [
        { account: '520101', summary: '购买办公用品', debit: '100.00' },
        { account: '100201', credit: '100.00' },
      ],
    });
    await reviewer('voucher.review', { book: BOOK, voucher: v.id });
    const post = await refused(reviewer('voucher.post', { book: BOOK, voucher: v.id }));
    expect(post.message).toContain('本年累计借方与贷方不等（差额 1000.00）');
  });
});
