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
    expect(status!.monthsToClose[0]).toBe('2025-02');
  });
});
