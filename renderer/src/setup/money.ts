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
