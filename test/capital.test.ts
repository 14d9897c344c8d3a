import { describe, it, expect } from 'vitest';
import { LedgerError } from '../src/errors.js';
import { toCapitalAmount } from '../src/money/capital.js';
import { mulberry32 } from './support/random.js';

/** '1409.50' → 140950, written here without the code under test (exact for safe integers). */
function fen(yuan: string): number {
  const match = /^(-?)([0-9]+)\.([0-9]{2})$/.exec(yuan);
  if (!match) throw new Error(`bad test vector ${yuan}`);
  const value = Number(`${match[2]}${match[3]}`);
  return match[1] ? -value : value;
}

/**
 * Expectations were worked out by hand from DOMAIN.md 3.5 and the design choices in capital.ts
 * (整 after 元/角, required 零 only, no optional 零, 壹拾 always).
 */
const VECTORS: Array<[string, string, string]> = [
  // Required vectors from the brief / DOMAIN.md
  ['1409.50', '人民币壹仟肆佰零玖元伍角整', 'single middle zero; 整 after 角'],
  ['16409.02', '人民币壹万陆仟肆佰零玖元零贰分', '角 zero, 分 not → 零 after 元'],
  ['100000.00', '人民币壹拾万元整', 'trailing zeros across 万'],
  ['0.50', '人民币伍角整', 'below 1 元, 角 only'],
  ['12300.00', '人民币壹万贰仟叁佰元整', 'trailing zeros'],
  ['211000.00', '人民币贰拾壹万壹仟元整', 'zero 万位 with non-zero 仟 → no 零'],
  ['1005.00', '人民币壹仟零伍元整', 'several zeros → one 零'],
  ['3020.70', '人民币叁仟零贰拾元柒角整', 'zero 元位 with 角 → no 零'],
  ['78107.03', '人民币柒万捌仟壹佰零柒元零叁分', 'middle zero and 角 zero'],
  ['325.04', '人民币叁佰贰拾伍元零肆分', '角 zero with 分'],
  ['6007.14', '人民币陆仟零柒元壹角肆分', 'two zeros → one 零'],
  ['10.00', '人民币壹拾元整', '壹拾, never bare 拾'],
  // Optional 零 dropped (the 无零 form)
  ['107000.53', '人民币壹拾万柒仟元伍角叁分', 'zero 万位 + zero 元位 with 角'],
  ['1680.32', '人民币壹仟陆佰捌拾元叁角贰分', 'zero 元位 with 角'],
  ['1007000.00', '人民币壹佰万柒仟元整', 'zeros 拾万..万, 仟 non-zero'],
  ['10.50', '人民币壹拾元伍角整', 'zero 元位 with 角'],
  ['100.10', '人民币壹佰元壹角整', 'zeros 拾..元 with 角'],
  // Required middle zeros around 万
  ['1000700.00', '人民币壹佰万零柒佰元整', 'zeros across 万 with 仟 also zero'],
  ['100100.00', '人民币壹拾万零壹佰元整', 'zero 万位 and zero 仟位'],
  ['100010.00', '人民币壹拾万零壹拾元整', 'zeros across 万, 壹拾 in the 元 section'],
  ['1000001.00', '人民币壹佰万零壹元整', 'five zeros → one 零'],
  ['10010.00', '人民币壹万零壹拾元整', 'zeros at 仟 and 佰'],
  ['101.00', '人民币壹佰零壹元整', 'middle zero'],
  ['1010.00', '人民币壹仟零壹拾元整', 'middle zero, trailing zero'],
  ['110000.00', '人民币壹拾壹万元整', 'only trailing zeros'],
  ['10000.00', '人民币壹万元整', '万 boundary'],
  ['1000000.00', '人民币壹佰万元整', '百万'],
  ['1000000.01', '人民币壹佰万元零壹分', 'zeros to 元, 角 zero with 分'],
  ['20000000.00', '人民币贰仟万元整', '仟万'],
  // 亿 boundaries
  ['100000000.00', '人民币壹亿元整', '亿 boundary'],
  ['100010000.00', '人民币壹亿零壹万元整', 'zeros between 亿 and 万'],
  ['100001000.00', '人民币壹亿零壹仟元整', 'whole 万 section empty → 零'],
  ['100000001.00', '人民币壹亿零壹元整', 'seven zeros → one 零'],
  ['100000000.10', '人民币壹亿元壹角整', '亿 with 角'],
  ['200000000.02', '人民币贰亿元零贰分', '亿 with 分 only'],
  ['1070000000.00', '人民币壹拾亿柒仟万元整', 'zero 亿位, 仟万 non-zero → no 零'],
  ['1234567890.12', '人民币壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分', 'all places'],
  // 万亿
  ['1000000000000.00', '人民币壹万亿元整', '万亿 boundary'],
  ['1000000010000.00', '人民币壹万亿零壹万元整', 'empty 亿 section inside 万亿'],
  ['1070000000000.00', '人民币壹万零柒佰亿元整', 'leading zero in the 亿 section'],
  ['10700000000000.00', '人民币壹拾万柒仟亿元整', 'zero at the 万 of 亿, 仟亿 non-zero'],
  [
    '90071992547409.91',
    '人民币玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分',
    'largest safe amount',
  ],
  // Below 1 元 and zero
  ['0.05', '人民币伍分', '分 only'],
  ['0.55', '人民币伍角伍分', '角分 only'],
  ['0.10', '人民币壹角整', '角 only'],
  ['0.01', '人民币壹分', 'smallest'],
  ['0.00', '人民币零元整', 'zero'],
  ['1.00', '人民币壹元整', 'one 元'],
  ['1.01', '人民币壹元零壹分', '角 zero with 分'],
  // Negative (design choice)
  ['-12.00', '人民币负壹拾贰元整', 'negative'],
  ['-0.05', '人民币负伍分', 'negative below 1 元'],
  ['-1409.50', '人民币负壹仟肆佰零玖元伍角整', 'negative with middle zero'],
];

describe('toCapitalAmount vectors', () => {
  it('has at least 25 vectors', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(VECTORS)('%s → %s (%s)', (yuan, expected) => {
    expect(toCapitalAmount(fen(yuan))).toBe(expected);
  });

  it('the test parser reads every vector back', () => {
    for (const [yuan, capital] of VECTORS) {
      expect(parseCapital(capital)).toBe(fen(yuan));
    }
  });
});

describe('toCapitalAmount input checks', () => {
  it.each([1.5, Number.NaN, Infinity, Number.MAX_SAFE_INTEGER + 1])('rejects %d', (bad) => {
    try {
      toCapitalAmount(bad);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(LedgerError);
      expect((error as LedgerError).code).toBe('invalid_amount');
    }
  });

  it('treats -0 as zero', () => {
    expect(toCapitalAmount(-0)).toBe('人民币零元整');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Independent 大写 → 分 parser, used to check the converter over random amounts.

const DIGIT_VALUE: Record<string, number> = {
  零: 0,
  壹: 1,
  贰: 2,
  叁: 3,
  肆: 4,
  伍: 5,
  陆: 6,
  柒: 7,
  捌: 8,
  玖: 9,
};
const PLACE_VALUE: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };

/** Integer part ('壹万零伍' etc.) → number, with 万/亿 multipliers and 万亿. Throws on malformed text. */
function parseCapitalInteger(text: string): number {
  let result = 0; // everything already multiplied by 亿
  let section = 0; // current section below 亿 (may include a 万 part)
  let digit: number | null = null;
  for (const char of text) {
    if (char in DIGIT_VALUE) {
      if (digit !== null) throw new Error(`two digits in a row in ${text}`);
      digit = DIGIT_VALUE[char] ?? 0;
      if (digit === 0) digit = null; // 零 only separates
    } else if (char in PLACE_VALUE) {
      if (digit === null) throw new Error(`unit without digit in ${text}`);
      section += digit * (PLACE_VALUE[char] ?? 0);
      digit = null;
    } else if (char === '万') {
      section = (section + (digit ?? 0)) * 10_000;
      digit = null;
    } else if (char === '亿') {
      result = (result + section + (digit ?? 0)) * 100_000_000;
      section = 0;
      digit = null;
    } else {
      throw new Error(`unexpected ${char} in ${text}`);
    }
  }
  return result + section + (digit ?? 0);
}

/** '人民币壹仟肆佰零玖元伍角整' → 140950. Independent of the implementation. */
function parseCapital(text: string): number {
  const match = /^人民币(负)?(?:(.+)元)?(?:零)?(?:(.)角)?(?:(.)分)?(整)?$/.exec(text);
  if (!match) throw new Error(`unparseable ${text}`);
  const [, negative, integer = '', jiao, fenDigit] = match;
  const yuan = integer === '零' ? 0 : parseCapitalInteger(integer);
  const value =
    yuan * 100 +
    (jiao ? (DIGIT_VALUE[jiao] ?? NaN) * 10 : 0) +
    (fenDigit ? (DIGIT_VALUE[fenDigit] ?? NaN) : 0);
  return negative ? -value : value;
}

/** Random safe-integer amounts in 分, of every length, biased towards zeros to exercise the 零 rules. */
function randomAmounts(seed: number, count: number): number[] {
  const random = mulberry32(seed);
  const out: number[] = [];
  while (out.length < count) {
    const length = 1 + Math.floor(random() * 16);
    const zeroBias = random() * 0.9;
    let text = '';
    for (let i = 0; i < length; i += 1) {
      text += random() < zeroBias ? '0' : String(1 + Math.floor(random() * 9));
    }
    const value = Number(text);
    if (!Number.isSafeInteger(value)) continue;
    out.push(random() < 0.1 ? -value : value);
  }
  return out;
}

describe('toCapitalAmount over seeded random amounts', () => {
  const amounts = randomAmounts(0x5eed, 5000);

  it('uses only the allowed characters and the expected shape', () => {
    for (const amount of amounts) {
      const capital = toCapitalAmount(amount);
      expect(capital).toMatch(/^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整人民币负]+$/);
      expect(capital.startsWith(amount < 0 ? '人民币负' : '人民币')).toBe(true);
      expect(capital).toMatch(/[整分]$/);
      if (amount === 0) {
        expect(capital).toBe('人民币零元整');
        continue;
      }
      expect(capital).not.toMatch(/零零|零[元万亿角分整]|分整|^人民币负?零/);
      expect(capital).not.toMatch(/(^|[^壹贰叁肆伍陆柒捌玖])拾/); // always 壹拾, never bare 拾
      if (amount % 100 === 0) expect(capital).toMatch(/元整$/);
    }
  });

  it('round-trips through the independent parser', () => {
    for (const amount of amounts) {
      expect(parseCapital(toCapitalAmount(amount))).toBe(amount === 0 ? 0 : amount);
    }
  });
});
