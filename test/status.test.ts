import { afterEach, describe, expect, it } from 'vitest';
import type { Centre } from '../src/ledger/centre.js';
import { grantVoucher, seededCentre } from './support/centre.js';

let open: Centre | undefined;
afterEach(() => open?.close());

describe('centre status: what is due in each community', () => {
  it('counts drafts to review and vouchers to post, and lists the ended months not yet closed', async () => {
    const s = await seededCentre();
    open = s.centre;
    const book = '东风社区';
    const a = await s.accountant('voucher.save', grantVoucher('2025-01-05'));
    await s.accountant('voucher.save', grantVoucher('2025-02-05'));
    await s.reviewer('voucher.review', { book, voucher: a.id });
    let [status] = await s.overseer('centre.status', {});
    // The test clock reads 2025-06-30, so January to May have ended.
    expect(status).toMatchObject({
      drafts: 1,
      reviewed: 1,
      posted: 0,
      lastClosed: null,
      monthsToClose: ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05'],
      openingBalanced: true,
    });
    await s.reviewer('voucher.post', { book, voucher: a.id });
    await s.accountant('period.close', { book, period: '2025-01' });
    [status] = await s.overseer('centre.status', {});
    expect(status).toMatchObject({ reviewed: 0, posted: 1, lastClosed: '2025-01' });
    expect(status).toMatchObject({ monthsToClose: ['2025-02', '2025-03', '2025-04', '2025-05'] });
  });
});

describe('centre status: every community, and money below zero', () => {
  it('counts every community, and shows one without a book as such', async () => {
    const s = await seededCentre();
    open = s.centre;
    await s.boss('community.add', { name: '西山社区', code: 'XS', kind: 'rural' });
    const status = await s.overseer('centre.status', {});
    expect(status.map((r) => [r.community.name, r.book?.community ?? null])).toEqual([
      ['东风社区', '东风社区'],
      ['西山社区', null],
    ]);
    expect(status[1]).toEqual({
      community: expect.objectContaining({ code: 'XS', kind: 'rural' }),
      book: null,
    });
  });

  it('lists each cash or bank account whose posted balance is below zero, with its full name', async () => {
    const s = await seededCentre();
    open = s.centre;
    const book = '东风社区';
    // Petty cash paid out before any was drawn from the bank: 现金 goes to -300.00.
    const paid = await s.accountant('voucher.save', {
      book,
      date: '2025-02-03',
      lines: [
        { account: '520101', summary: '购买办公用品', debit: '300.00' },
        { account: '1001', summary: '购买办公用品', credit: '300.00' },
      ],
    });
    let [status] = await s.overseer('centre.status', {});
    expect(status).toMatchObject({ negativeCash: [] }); // a draft is not in the books yet
    await s.reviewer('voucher.review', { book, voucher: paid.id });
    await s.reviewer('voucher.post', { book, voucher: paid.id });
    // The bank account goes below zero too, by a posted payment larger than its 50,000.00.
    const big = await s.accountant('voucher.save', {
      book,
      date: '2025-02-10',
      lines: [
        { account: '520101', summary: '支付活动费', debit: '50000.01' },
        { account: '100201', summary: '支付活动费', credit: '50000.01' },
      ],
    });
    await s.reviewer('voucher.review', { book, voucher: big.id });
    await s.reviewer('voucher.post', { book, voucher: big.id });
    [status] = await s.overseer('centre.status', {});
    expect(status).toMatchObject({
      negativeCash: [
        { code: '1001', name: '现金', balance: '-300.00' },
        { code: '100201', name: '银行存款/社区专户', balance: '-0.01' },
      ],
    });
  });
});
