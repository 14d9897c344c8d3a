/**
 * Amounts as the voucher grid handles them while the accountant types: integer 分 for the running
 * totals, decimal text for the API. The core parses again on save and has the last word; this only has
 * to agree with it on what a valid amount looks like (1234.5, 1,234.50, ¥1,234.50, -12).
 */

const shape = /^([-－])?\s*[¥￥]?\s*([-－])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** Integer 分, or undefined for empty text, or null for text that is not an amount. */
export function parseFen(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const match = shape.exec(t);
  if (!match) return null;
  const [, minusBefore, minusAfter, whole = '0', cents = ''] = match;
  if (minusBefore && minusAfter) return null;
  const digits = whole.replaceAll(',', '');
  if (digits.length > 13) return null;
  const fen = Number(digits) * 100 + Number(cents.padEnd(2, '0'));
  return minusBefore || minusAfter ? -fen || 0 : fen;
}

/** 123450 → '1,234.50'; the way amounts stand in the grid's cells. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const digits = String(Math.abs(fen)).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${digits.slice(-2)}`;
}

/** 123450 → '1234.50'; the API's decimal text. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Normalises what was typed ('1234.5' → '1,234.50'); text that is no amount stays as typed. */
export function tidyAmount(text: string): string {
  const fen = parseFen(text);
  return fen === undefined || fen === null ? text : formatFen(fen);
}

/** Thousands separators on decimal text or a whole number: '87700.00' → '87,700.00', 1850 → '1,850'. */
export function grouped(value: number | string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(String(value).trim());
  if (!match) return String(value);
  const [, minus = '', whole = '', fraction = ''] = match;
  return `${minus}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/** API amounts (decimal yuan text) as BigInt 分, so sums and comparisons of report figures stay exact. */
export function toFen(amount: string): bigint {
  const negative = amount.trim().startsWith('-');
  const [whole = '0', cents = ''] = amount.trim().replace(/^-/, '').replace(/,/g, '').split('.');
  const fen = BigInt(whole || '0') * 100n + BigInt((cents + '00').slice(0, 2));
  return negative ? -fen : fen;
}

/** 分 → '211,000.00' (with a sign when asked: '+1,234.00'). */
export function fenText(fen: bigint, signed = false): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const text = `${grouped((abs / 100n).toString())}.${String(abs % 100n).padStart(2, '0')}`;
  return negative ? `-${text}` : signed && fen > 0n ? `+${text}` : text;
}
