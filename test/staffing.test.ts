import { describe, expect, it } from 'vitest';
import { requiredStaff } from '../src/grants/staffing.js';
import { seededForTest } from './support/centre.js';

describe('staffing norms, shown beside personnel costs as a check', () => {
  it('requires 5 workers up to 2,000 households, then 1 per 400, plus 1 per 2,000 new residents; 协警 1 per 500', () => {
    expect(requiredStaff(1800, 0)).toEqual({ workers: 5, auxiliaryPolice: 0 });
    expect(requiredStaff(2000, 499)).toEqual({ workers: 5, auxiliaryPolice: 0 });
    expect(requiredStaff(2001, 500)).toEqual({ workers: 6, auxiliaryPolice: 1 });
    expect(requiredStaff(2800, 4100)).toEqual({ workers: 9, auxiliaryPolice: 8 });
  });

  it("compares recorded staff with the norm and shows the year's personnel costs", async () => {
    const s = await seededForTest();
    await s.accountant('households.set', {
      community: '东风社区',
      year: 2025,
      resident: 2800,
      registered: 2000,
      newResidents: 4100,
      asOf: '2025-01-01',
      source: '民政办',
    });
    const v = await s.accountant('voucher.save', {
      book: '东风社区',
      date: '2025-01-25',
      lines: [
        { account: '510101', summary: '支付1月份社工报酬', debit: '18600.00' },
        { account: '100201', credit: '18600.00' },
      ],
    });
    await s.reviewer('voucher.review', { book: '东风社区', voucher: v.id });
    await s.reviewer('voucher.post', { book: '东风社区', voucher: v.id });
    const row = await s.accountant('staffing.set', {
      community: '东风社区',
      year: 2025,
      workers: 8,
      auxiliaryPolice: 8,
      asOf: '2025-01-01',
    });
    expect(row).toMatchObject({
      required: { workers: 9, auxiliaryPolice: 8 },
      recorded: { workers: 8, auxiliaryPolice: 8 },
      meetsNorm: false,
      personnelCosts: '18600.00',
    });
  });
});
