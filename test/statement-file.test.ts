import { describe, expect, it } from 'vitest';
import { LedgerError } from '../src/errors.js';
import { statementAmount, statementDate } from '../src/reconcile/statement-file.js';

describe('statement cells as banks and district finance write them', () => {
  it('reads the dates of every export we have met, with or without a time, and Excel day numbers', () => {
    for (const text of [
      '2025-03-05',
      '2025/3/5',
      '2025.3.5',
      '20250305',
      '2025年3月5日',
      '2025年3月5日 10:23',
      '20250305 10:23:00',
      '2025-03-05T10:23:00',
      '2025-03-05T10:23:00.000Z',
      '45721',
    ]) {
      expect(statementDate(text, '交易日期'), text).toBe('2025-03-05');
    }
  });

  it('refuses a date that is not one, naming the field', () => {
    const error = (() => {
      try {
        statementDate('2025-02-30', '交易日期');
      } catch (e) {
        return e;
      }
    })() as LedgerError;
    expect(error).toBeInstanceOf(LedgerError);
    expect(error.message).toContain('交易日期');
  });

  it('reads accounting negatives and currency marks', () => {
    expect(statementAmount('(1,234.50)', '金额')).toBe(-123450);
    expect(statementAmount('（1,234.50）', '金额')).toBe(-123450);
    expect(statementAmount('1,234.50-', '金额')).toBe(-123450);
    expect(statementAmount('-1,234.50', '金额')).toBe(-123450);
    expect(statementAmount('¥1,234.50元', '金额')).toBe(123450);
    expect(statementAmount('', '金额')).toBeUndefined();
    expect(() => statementAmount('1,23.4', '金额')).toThrow(/千分位/);
  });
});
