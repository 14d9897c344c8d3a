/**
 * Just enough money arithmetic for live totals while the accountant types: yuan text to integer 分 and
 * back. The core parses every amount again and is the authority; this never rounds, it refuses.
 */

const SHAPE = /^(-)?[¥￥]?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** 分 for a typed amount; 0 for blank; undefined when the text is not an amount. */
export function toFen(text: string | undefined): number | undefined {
  const t = (text ?? '').trim();
  if (t === '') return 0;
  const match = SHAPE.exec(t);
  if (!match) return undefined;
  const [, minus, whole = '0', cents = ''] = match;
  const fen = Number(whole.replace(/,/g, '')) * 100 + Number(cents.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return undefined;
  return minus ? -fen : fen;
}

/** '1234.50' for 123450 分, as the API writes amounts (the Amount component formats it). */
export function fenToText(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** '87,700.00' for '87700.00': an API amount grouped by thousands for reading in running text. */
export function grouped(yuan: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(yuan.trim());
  if (!match) return yuan;
  const [, minus = '', whole = '', cents = ''] = match;
  return `${minus}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${cents}`;
}
