import { describe, it, expect } from 'vitest';
import { LedgerError } from '../src/errors.js';
import { mulberry32 } from './support/random.js';
import {
  addFen,
  assertFen,
  fenToYuan,
  formatAmount,
  parseAmount,
  sumFen,
  yuanToFen,
  type Fen,
} from '../src/money/money.js';

const MAX = Number.MAX_SAFE_INTEGER; // 9,007,199,254,740,991 分

/** Random safe-integer fen values of every magnitude (1 to 16 digits), both signs. */
function randomFens(seed: number, count: number): Fen[] {
  const random = mulberry32(seed);
  const out: Fen[] = [];
  while (out.length < count) {
    const length = 1 + Math.floor(random() * 16);
    let text = '';
    for (let i = 0; i < length; i += 1) {
      text += String(Math.floor(random() * 10));
    }
    const value = Number(text);
    if (!Number.isSafeInteger(value)) continue;
    out.push(random() < 0.3 && value !== 0 ? -value : value);
  }
  return out;
}

function catchLedgerError(run: () => unknown): LedgerError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerError);
    return error as LedgerError;
  }
  throw new Error('expected a LedgerError, but nothing was thrown');
}

describe('parseAmount accepts', () => {
  const cases: Array<[string, Fen]> = [
    ['1234.5', 123450],
    ['1,234.56', 123456],
    ['¥1,234.56', 123456],
    ['￥1234', 123400],
    ['-12.00', -1200],
    ['12', 1200],
    ['  12.3 \t', 1230],
    ['\n¥8\n', 800],
    ['0', 0],
    ['0.00', 0],
    ['0.01', 1],
    ['0.1', 10],
    ['0.5', 50],
    ['-0.05', -5],
    ['-¥1,234.56', -123456],
    ['¥-5', -500],
    ['￥-1,000', -100000],
    ['999', 99900],
    ['1,000', 100000],
    ['1,234,567.89', 123456789],
    ['1234567.89', 123456789],
    ['211000.00', 21100000],
    ['90071992547409.91', MAX],
    ['90,071,992,547,409.91', MAX],
    ['-90071992547409.91', -MAX],
    ['0.07', 7],
    ['19.99', 1999],
  ];
  it.each(cases)('%j → %d', (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
    expect(Number.isSafeInteger(parseAmount(text))).toBe(true);
  });

  it('never returns -0', () => {
    expect(Object.is(parseAmount('-0'), 0)).toBe(true);
    expect(Object.is(parseAmount('-0.00'), 0)).toBe(true);
    expect(Object.is(parseAmount('-¥0'), 0)).toBe(true);
  });
});

describe('parseAmount rejects', () => {
  const cases: Array<[string, string]> = [
    ['1.234', '最多两位小数'],
    ['-1.234', '最多两位小数'],
    ['1.2300', '最多两位小数'],
    ['0.001', '最多两位小数'],
    ['1e5', '科学计数法'],
    ['1E5', '科学计数法'],
    ['1.5e-3', '科学计数法'],
    ['-¥2e3', '科学计数法'],
    ['abc', '不是有效的金额'],
    ['1.2.3', '不是有效的金额'],
    ['--1', '不是有效的金额'],
    ['-¥-1', '不是有效的金额'],
    ['+12', '不是有效的金额'],
    ['.5', '不是有效的金额'],
    ['12.', '不是有效的金额'],
    ['¥', '不是有效的金额'],
    ['-', '不是有效的金额'],
    ['1 234', '不是有效的金额'],
    ['¥ 12', '不是有效的金额'],
    ['１２３', '不是有效的金额'],
    ['¥¥1', '不是有效的金额'],
    ['12元', '不是有效的金额'],
    ['NaN', '不是有效的金额'],
    ['Infinity', '不是有效的金额'],
    ['0x10', '不是有效的金额'],
    ['1,234.5,6', '不是有效的金额'],
    ['1,23,4', '千分位'],
    ['12,34', '千分位'],
    ['1,2345', '千分位'],
    ['1234,567', '千分位'],
    [',123', '千分位'],
    ['1,,234', '千分位'],
    ['1,234,', '千分位'],
    ['90071992547409.92', '超出'],
    ['-90071992547409.92', '超出'],
    ['100000000000000', '超出'],
    ['99999999999999999999999999.99', '超出'],
  ];
  it.each(cases)('%j (%s)', (text, reason) => {
    const error = catchLedgerError(() => parseAmount(text, '借方金额'));
    expect(error.code).toBe('invalid_amount');
    expect(error.field).toBe('借方金额');
    expect(error.message).toContain('借方金额');
    expect(error.message).toContain(text.trim());
    expect(error.message).toContain(reason);
  });

  it('uses the documented message for three decimals with the default field', () => {
    const error = catchLedgerError(() => parseAmount('1.234'));
    expect(error.message).toBe('金额 1.234 最多两位小数');
  });

  it.each(['', '   ', '\t\n'])('empty input %j', (text) => {
    const error = catchLedgerError(() => parseAmount(text, '贷方金额'));
    expect(error.code).toBe('invalid_amount');
    expect(error.message).toContain('贷方金额');
    expect(error.message).toContain('不能为空');
  });

  it('rejects a non-string at runtime (e.g. from JSON)', () => {
    const error = catchLedgerError(() => parseAmount(12.5 as unknown as string));
    expect(error.code).toBe('invalid_amount');
    expect(error.message).toContain('金额');
    expect(error.message).toContain('12.5');
  });
});

describe('fenToYuan / yuanToFen', () => {
  const cases: Array<[Fen, string]> = [
    [123456, '1234.56'],
    [-5, '-0.05'],
    [5, '0.05'],
    [0, '0.00'],
    [-0, '0.00'],
    [10, '0.10'],
    [100, '1.00'],
    [-1200, '-12.00'],
    [99999, '999.99'],
    [21100000, '211000.00'],
    [MAX, '90071992547409.91'],
    [-MAX, '-90071992547409.91'],
  ];
  it.each(cases)('%d ⇄ %s', (fen, yuan) => {
    expect(fenToYuan(fen)).toBe(yuan);
    expect(yuanToFen(yuan)).toBe(fen === 0 ? 0 : fen);
  });

  it('round-trips a few thousand seeded random amounts', () => {
    for (const fen of randomFens(20250401, 3000)) {
      const yuan = fenToYuan(fen);
      expect(yuan).toMatch(/^-?(0|[1-9][0-9]*)\.[0-9]{2}$/);
      expect(yuanToFen(yuan)).toBe(fen);
    }
  });

  it.each([1.5, Number.NaN, Infinity, MAX + 1, -MAX - 1])('fenToYuan rejects %d', (bad) => {
    expect(catchLedgerError(() => fenToYuan(bad)).code).toBe('invalid_amount');
  });

  it('yuanToFen is as strict as parseAmount', () => {
    for (const bad of ['1.234', '1e5', 'abc', '', '1,23,4']) {
      expect(catchLedgerError(() => yuanToFen(bad)).code).toBe('invalid_amount');
    }
  });
});

describe('formatAmount', () => {
  const cases: Array<[Fen, string]> = [
    [123456, '1,234.56'],
    [-123456, '-1,234.56'],
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [99, '0.99'],
    [12345, '123.45'],
    [99999, '999.99'],
    [100000, '1,000.00'],
    [100000000, '1,000,000.00'],
    [21100000, '211,000.00'],
    [-12345678901, '-123,456,789.01'],
    [MAX, '90,071,992,547,409.91'],
  ];
  it.each(cases)('%d → %s', (fen, text) => {
    expect(formatAmount(fen)).toBe(text);
    expect(formatAmount(fen, { blankZero: true })).toBe(fen === 0 ? '' : text);
    expect(parseAmount(text)).toBe(fen);
  });

  it('leaves zero blank only when asked', () => {
    expect(formatAmount(0, { blankZero: true })).toBe('');
    expect(formatAmount(0, { blankZero: false })).toBe('0.00');
    expect(formatAmount(0, {})).toBe('0.00');
    expect(formatAmount(1, { blankZero: true })).toBe('0.01');
  });

  it('round-trips through parseAmount for seeded random amounts', () => {
    for (const fen of randomFens(7, 2000)) {
      expect(parseAmount(formatAmount(fen))).toBe(fen);
    }
  });

  it('rejects non-integer fen', () => {
    expect(catchLedgerError(() => formatAmount(0.5)).code).toBe('invalid_amount');
  });
});

describe('addFen / sumFen', () => {
  it('sums 0.1 元 ten times to exactly 1 元 (where float yuan would not)', () => {
    const dime = parseAmount('0.1');
    expect(dime).toBe(10);
    expect(sumFen(Array.from({ length: 10 }, () => dime))).toBe(100);
    let floatYuan = 0;
    for (let i = 0; i < 10; i += 1) floatYuan += 0.1;
    expect(floatYuan).not.toBe(1); // the reason money is never float 元
  });

  it('adds exactly', () => {
    expect(addFen()).toBe(0);
    expect(addFen(1)).toBe(1);
    expect(addFen(123456, -23456, 1)).toBe(100001);
    expect(addFen(4503599627370496, 4503599627370495)).toBe(MAX);
    expect(addFen(MAX, -MAX, 1)).toBe(1);
    expect(addFen(MAX - 1, 1)).toBe(MAX);
    expect(addFen(-MAX + 1, -1)).toBe(-MAX);
    expect(Object.is(addFen(5, -5), 0)).toBe(true);
  });

  it('accepts any iterable', () => {
    function* amounts(): Generator<Fen> {
      yield 100;
      yield 250;
      yield -50;
    }
    expect(sumFen(amounts())).toBe(300);
    expect(sumFen(new Set([1, 2, 3]))).toBe(6);
    expect(sumFen([])).toBe(0);
  });

  it('matches an exact BigInt sum over many large values', () => {
    const values = randomFens(99, 500).map((v) => Math.trunc(v / 1000));
    const expected = values.reduce((acc, v) => acc + BigInt(v), 0n);
    expect(BigInt(sumFen(values))).toBe(expected);
  });

  it('throws when the result leaves the safe range', () => {
    const error = catchLedgerError(() => addFen(MAX, 1));
    expect(error.code).toBe('invalid_amount');
    expect(error.message).toContain('超出');
    expect(catchLedgerError(() => sumFen([-MAX, -1])).code).toBe('invalid_amount');
  });

  it('throws on a non-integer or unsafe input', () => {
    expect(catchLedgerError(() => addFen(1, 0.5)).code).toBe('invalid_amount');
    expect(catchLedgerError(() => sumFen([MAX + 1, -10])).code).toBe('invalid_amount');
    expect(catchLedgerError(() => sumFen([Number.NaN])).code).toBe('invalid_amount');
  });
});

describe('assertFen', () => {
  it('passes safe integers through', () => {
    expect(assertFen(5, '金额')).toBe(5);
    expect(assertFen(-MAX, '金额')).toBe(-MAX);
    expect(Object.is(assertFen(-0, '金额'), 0)).toBe(true);
  });

  it.each([1.5, '5', Number.NaN, Infinity, null, undefined, 2 ** 53, {}, 5n])('rejects %s', (bad) => {
    const error = catchLedgerError(() => assertFen(bad, '本期发生额'));
    expect(error.code).toBe('invalid_amount');
    expect(error.field).toBe('本期发生额');
    expect(error.message).toContain('本期发生额');
  });

  it('does not throw a TypeError for an object without toString', () => {
    const error = catchLedgerError(() => assertFen(Object.create(null), '金额'));
    expect(error.code).toBe('invalid_amount');
  });
});
