import { describe, expect, it } from 'vitest';
import { refused, seededForTest } from './support/centre.js';
import { writeCsv } from './support/files.js';

/**
 * 赤字控制: money in the till or the bank cannot be negative, so a voucher that takes 现金 or 银行存款
 * below zero is an entry error. Each book says whether saving and posting warn (the default, as 用友) or
 * refuse; the dashboard lists what is below zero in the posted books.
 */

const BOOK = '东风社区';
type Seeded = Awaited<ReturnType<typeof seededForTest>>;

const payFromCash = (amount: string, date = '2025-03-10') => ({
  book: BOOK,
  date,
  lines: [
    { account: '520101', summary: '购买办公用品', debit: amount },
    { account: '1001', credit: amount },
  ],
});
const withdraw = (amount: string, date = '2025-03-05') => ({
  book: BOOK,
  date,
  lines: [
    { account: '1001', summary: '提取备用金', debit: amount },
    { account: '100201', credit: amount },
  ],
});

async function post(s: Seeded, id: number) {
  await s.reviewer('voucher.review', { book: BOOK, voucher: id });
  return s.reviewer('voucher.post', { book: BOOK, voucher: id });
}

describe('赤字控制', () => {
  it('warns by default when a payment takes the till below zero, at save and at posting, and the dashboard lists it', async () => {
    const s = await seededForTest();
    // The seeded book has no cash at all (bank 50,000.00 only).
    const saved = await s.accountant('voucher.save', payFromCash('500.00'));
    expect(saved.warnings).toEqual(['1001 现金 余额将为 -500.00 元（赤字）']);
    const posted = await post(s, saved.id);
    expect(posted.warnings).toEqual(['1001 现金 余额将为 -500.00 元（赤字）']);
    const status = await s.overseer('centre.status', {});
    const row = status.find((b) => b.book?.community === BOOK)!;
    expect('negativeCash' in row && row.negativeCash).toEqual([
      { code: '1001', name: '现金', balance: '-500.00' },
    ]);
    // A voucher that does not pay out of cash or bank never warns.
    const grant = await s.accountant('voucher.save', {
      book: BOOK,
      date: '2025-03-12',
      lines: [
        { account: '100201', summary: '收到基础经费', debit: '1000.00' },
        { account: '44010101', credit: '1000.00' },
      ],
    });
    expect(grant.warnings).toBeUndefined();
  });

  it('counts vouchers waiting for posting when saving, and only posted ones when posting', async () => {
    const s = await seededForTest();
    const cash = await s.accountant('voucher.save', withdraw('1000.00'));
    const pay = await s.accountant('voucher.save', payFromCash('800.00'));
    expect(pay.warnings).toBeUndefined();
    // Posted out of order: the withdrawal is still a draft, so the till would be −800.00.
    const posted = await post(s, pay.id);
    expect(posted.warnings).toEqual(['1001 现金 余额将为 -800.00 元（赤字）']);
    const covered = await post(s, cash.id);
    expect(covered.warnings).toBeUndefined();
  });

  it('counts a payment waiting for posting against the next one, not only a receipt', async () => {
    const s = await seededForTest();
    await post(s, (await s.accountant('voucher.save', withdraw('2800.00'))).id);
    // A 5,000.00 payment keyed in but not posted yet already takes the till below zero.
    const pending = await s.accountant('voucher.save', payFromCash('5000.00'));
    expect(pending.warnings).toEqual(['1001 现金 余额将为 -2,200.00 元（赤字）']);
    const next = await s.accountant('voucher.save', payFromCash('1000.00', '2025-03-11'));
    expect(next.warnings).toEqual(['1001 现金 余额将为 -3,200.00 元（赤字）']);
  });

  it('refuses, when the supervisor has set the book to refuse, and writes nothing', async () => {
    const s = await seededForTest();
    const notSupervisor = await refused(
      s.accountant('book.setDeficitControl', { book: BOOK, control: 'refuse' }),
    );
    expect(notSupervisor.code).toBe('forbidden');
    expect((await s.boss('book.setDeficitControl', { book: BOOK, control: 'refuse' })).deficitControl).toBe(
      'refuse',
    );
    const error = await refused(s.accountant('voucher.save', payFromCash('500.00')));
    expect(error.code).toBe('cash_deficit');
    expect(error.message).toContain('1001 现金 余额将为 -500.00 元（赤字），本账套设置为赤字时不允许保存');
    expect(await s.accountant('voucher.list', { book: BOOK })).toEqual([]);

    // Within what the till holds, it saves; posting out of order is refused, and a batch lists it.
    const cash = await s.accountant('voucher.save', withdraw('1000.00'));
    const pay = await s.accountant('voucher.save', payFromCash('800.00'));
    await s.reviewer('voucher.review', { book: BOOK, voucher: pay.id });
    await s.reviewer('voucher.review', { book: BOOK, voucher: cash.id });
    const outOfOrder = await refused(s.reviewer('voucher.post', { book: BOOK, voucher: pay.id }));
    expect(outOfOrder.message).toContain('不允许记账');
    const batch = await s.reviewer('voucher.postRange', { book: BOOK, from: '2025-03', to: '2025-03' });
    expect(batch.done).toEqual(['2025-03 记-0001', '2025-03 记-0002']);
    expect(batch.skipped).toEqual([]);
    const audit = await s.boss('audit.list', { book: BOOK });
    expect(audit.some((a) => a.action === 'book.deficitControl')).toBe(true);
  });
});

describe('赤字控制 of an import', () => {
  const file = () =>
    writeCsv([
      ['日期', '凭证字', '凭证号', '摘要', '科目编码', '借方金额', '贷方金额'],
      ['2025-03-10', '记', '1', '购买办公用品', '520101', '500.00', ''],
      ['2025-03-10', '记', '1', '购买办公用品', '1001', '', '500.00'],
    ]);

  it('warns of what a file leaves below zero, drafts or posted history', async () => {
    const s = await seededForTest();
    const drafts = await s.accountant('voucher.import', { book: BOOK, file: file() });
    expect(drafts.warnings).toEqual(['导入后 1001 现金 余额将为 -500.00 元（赤字）']);
  });

  it('refuses it, with nothing written, when the book is set to refuse', async () => {
    const s = await seededForTest();
    await s.boss('book.setDeficitControl', { book: BOOK, control: 'refuse' });
    const error = await refused(
      s.accountant('voucher.import', { book: BOOK, file: file(), reviewer: '李审核' }),
    );
    expect(error.rows.map((r) => r.message)).toEqual([
      '导入后 1001 现金 余额将为 -500.00 元（赤字），本账套设置为赤字时不允许导入',
    ]);
    expect(await s.accountant('voucher.list', { book: BOOK })).toEqual([]);
  });
});
