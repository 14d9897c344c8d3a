/**
 * Money in JuCai Ledger is an integer number of 分 (fen) held in a JS number. Every value must be a safe
 * integer, so the range is ±9,007,199,254,740,991 分 (±90,071,992,547,409.91 元). Arithmetic goes through
 * decimal.js; yuan are never handled as binary floating point, and text is split into digits by hand
 * instead of going through float parsing or float formatting (both round).
 */
// Named import: under "module": "NodeNext" the default import of decimal.js types as the CommonJS module
// object (no .clone/.ROUND_HALF_UP), while the named export has the same runtime value.
import { Decimal } from 'decimal.js';
import { fail } from '../errors.js';

/** An amount in integer 分 (fen, 1/100 元). Always a safe integer; 123456 means ¥1,234.56. */
export type Fen = number;

/**
 * A private Decimal constructor with enough precision that sums and scalings of safe-integer amounts are
 * exact (a safe integer has at most 16 digits; 64 digits leaves a wide margin before any rounding).
 */
const D = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });

const MAX_FEN = new D(Number.MAX_SAFE_INTEGER);
const MAX_FEN_BIG = BigInt(Number.MAX_SAFE_INTEGER);
const MAX_YUAN_TEXT = '90,071,992,547,409.91';

/**
 * Accepted form: optional "-", optional "¥"/"￥", optional "-" (only one of the two minus signs), then the
 * integer part (plain digits, or digits grouped by commas) and an optional "." with at least one digit.
 * The integer part is captured loosely here so that a badly placed comma gets its own message below.
 */
const AMOUNT_SHAPE = /^(-)?([¥￥])?(-)?([0-9,]+)(?:\.([0-9]+))?$/;
const GROUPED_INTEGER = /^[0-9]{1,3}(?:,[0-9]{3})+$/;
const PLAIN_INTEGER = /^[0-9]+$/;
const EXPONENT_SHAPE = /^-?[¥￥]?-?[0-9.,]*[0-9][eE][+-]?[0-9]+$/;

/** Render any bad input for an error message without ever throwing (String() throws on some objects). */
function show(value: unknown): string {
  if (typeof value === 'string') {
    return `"${value}"`;
  }
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}

function normalizeZero(value: number): number {
  // -0 is a valid IEEE value but not a sensible amount; never let it escape.
  return value === 0 ? 0 : value;
}

/**
 * Parse an amount typed by a person or read from a file into integer 分.
 *
 * Accepts `1234.5`, `1,234.56`, `¥1,234.56`, `￥1234`, `-12.00`, `-¥12`, `¥-12`, `12` and surrounding
 * whitespace. Rejects (LedgerError 'invalid_amount', message naming `field` and the text) empty input, more
 * than two decimals, exponents, misplaced thousands separators (commas must group by three), anything else
 * that is not a plain decimal number (`.5`, `12.`, `+12`, full-width digits, inner spaces) and values
 * outside the safe-integer range of 分.
 */
export function parseAmount(text: string, field = '金额'): Fen {
  if (typeof text !== 'string') {
    fail('invalid_amount', `${field} 必须是文本形式的金额，收到 ${show(text)}`, { field });
  }
  const t = text.trim();
  if (t === '') {
    fail('invalid_amount', `${field}不能为空`, { field });
  }
  if (EXPONENT_SHAPE.test(t)) {
    fail('invalid_amount', `${field} ${t} 不支持科学计数法，请直接写出数字，如 100000.00`, { field });
  }
  const match = AMOUNT_SHAPE.exec(t);
  const invalid = (): never =>
    fail('invalid_amount', `${field} ${t} 不是有效的金额（示例：1234.56、1,234.56、¥1,234.56、-12.00）`, {
      field,
    });
  if (!match) {
    return invalid();
  }
  const [, minusBefore, , minusAfter, integerPart = '', fraction = ''] = match;
  if (minusBefore && minusAfter) {
    return invalid();
  }
  if (integerPart.includes(',')) {
    if (!GROUPED_INTEGER.test(integerPart)) {
      fail('invalid_amount', `${field} ${t} 的千分位逗号位置不对，应每三位一组，如 1,234,567.89`, { field });
    }
  } else if (!PLAIN_INTEGER.test(integerPart)) {
    return invalid();
  }
  if (fraction.length > 2) {
    fail('invalid_amount', `${field} ${t} 最多两位小数`, { field });
  }
  const digits = integerPart.replaceAll(',', '');
  const magnitude = new D(fraction ? `${digits}.${fraction}` : digits).times(100);
  if (!magnitude.isInteger() || magnitude.gt(MAX_FEN)) {
    fail('invalid_amount', `${field} ${t} 超出可处理的范围（绝对值不超过 ${MAX_YUAN_TEXT} 元）`, { field });
  }
  const signed = minusBefore || minusAfter ? magnitude.negated() : magnitude;
  return normalizeZero(signed.toNumber());
}

/**
 * Integer 分 → decimal 元 string with exactly two decimals and no separators: 123456 → '1234.56',
 * -5 → '-0.05', 0 → '0.00'. This is the JSON-safe representation used at the API boundary.
 */
export function fenToYuan(fen: Fen): string {
  const value = assertFen(fen, '金额');
  // Math.abs of a safe integer is exact, and String() of a safe integer never uses an exponent.
  const digits = String(Math.abs(value)).padStart(3, '0');
  const sign = value < 0 ? '-' : '';
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** A report cell: the decimal 元 of an amount, or '' for zero or none (paper books leave zero blank). */
export function yuanOrBlank(fen: Fen | null | undefined): string {
  return fen === null || fen === undefined || fen === 0 ? '' : fenToYuan(fen);
}

/**
 * Decimal 元 string → integer 分; the strict inverse of `fenToYuan`, used at the API boundary. Accepts the
 * same forms as `parseAmount` (so a formatted '1,234.56' is accepted too) and rejects the same inputs.
 */
export function yuanToFen(yuan: string, field = '金额'): Fen {
  return parseAmount(yuan, field);
}

/**
 * Integer 分 → display text with thousands separators and two decimals: 123456 → '1,234.56',
 * -123456 → '-1,234.56', 0 → '0.00', or '' for 0 when `blankZero` is set (ledger columns leave zero blank).
 */
export function formatAmount(fen: Fen, options: { blankZero?: boolean } = {}): string {
  const value = assertFen(fen, '金额');
  if (value === 0 && options.blankZero) {
    return '';
  }
  const yuan = fenToYuan(value);
  const negative = yuan.startsWith('-');
  const unsigned = negative ? yuan.slice(1) : yuan;
  const dot = unsigned.indexOf('.');
  const grouped = unsigned.slice(0, dot).replace(/\B(?=(?:[0-9]{3})+$)/g, ',');
  return `${negative ? '-' : ''}${grouped}${unsigned.slice(dot)}`;
}

/** Exact sum of amounts in 分. Throws 'invalid_amount' if an input or the result is not a safe integer. */
export function addFen(...values: Fen[]): Fen {
  return sumFen(values);
}

/**
 * Exact sum of any iterable of amounts in 分 (arrays, generators, Set values...). Empty → 0.
 *
 * Adding whole 分 needs no decimal places, so the sum runs in BigInt: exact integer arithmetic like
 * decimal.js, but fast enough for reports that add thousands of lines. Anything with fractions
 * (rates, percentages, rounding) goes through decimal.js.
 */
export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0n;
  for (const value of values) {
    total += BigInt(assertFen(value, '金额'));
  }
  if (total > MAX_FEN_BIG || total < -MAX_FEN_BIG) {
    fail(
      'invalid_amount',
      `合计金额 ${total.toString()} 分超出可处理的范围（绝对值不超过 ${MAX_YUAN_TEXT} 元）`,
      {
        field: '金额',
      },
    );
  }
  return normalizeZero(Number(total));
}

/**
 * Check that `value` is an amount in 分: a number that is a safe integer (not a string, not NaN/Infinity,
 * not fractional). Returns it typed as Fen (with -0 turned into 0); otherwise throws 'invalid_amount'
 * naming `field`.
 */
export function assertFen(value: unknown, field: string): Fen {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    fail('invalid_amount', `${field} 必须是以分为单位的整数，收到 ${show(value)}`, { field });
  }
  return normalizeZero(value);
}
