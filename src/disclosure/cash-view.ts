import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import type { Period } from '../ledger/period.js';
import { formatRef } from '../ledger/vouchers.js';
import { sumFen, type Fen } from '../money/money.js';
import { cashAccountCodes, itemResolver, type Direction } from './items.js';

/**
 * The receipts-and-payments view behind the 居务公开 sheets. Only vouchers that move cash or bank
 * count. In such a voucher every line on another account is one receipt (credit side) or payment
 * (debit side) — so a cash↔bank transfer, having no other account, is neither. A line's item is its
 * own, else the one on the voucher's cash line, else the default for its account (items.ts). Red-ink
 * lines keep their side and a negative amount, so a reversal nets out against what it reverses.
 *
 * Lines of one account on both sides of a voucher are netted first (an accrual paid in the same
 * voucher would otherwise appear as both a receipt and a payment).
 */
export interface CashEntry {
  voucherId: number;
  date: string;
  voucher: string;
  summary: string;
  direction: Direction;
  item: string;
  /** Signed 分: red ink is negative. */
  amount: Fen;
  account: string;
  project: string | null;
}

interface LineRow {
  voucherId: number;
  date: string;
  word: string;
  number: number;
  summary: string;
  debit: number;
  credit: number;
  code: string;
  project: string | null;
  itemName: string | null;
  itemDirection: Direction | null;
}

export function cashEntries(centre: Centre, book: Book, from: Period, to: Period): CashEntry[] {
  const cash = cashAccountCodes(book);
  const isCash = (code: string) => cash.some((c) => code.startsWith(c));
  const resolve = itemResolver(centre, book);
  const rows = centre
    .sql(
      `SELECT v.id AS voucherId, v.date, v.word, v.number, l.summary, l.debit, l.credit, a.code,
              p.name AS project, i.name AS itemName, i.direction AS itemDirection
       FROM voucher v
       JOIN line l ON l.voucher_id = v.id
       JOIN account a ON a.id = l.account_id
       LEFT JOIN project p ON p.id = l.project_id
       LEFT JOIN disclosure_item i ON i.id = l.item_id
       WHERE v.book_id = @book AND v.status = 'posted' AND v.period BETWEEN @from AND @to
         AND v.id IN (SELECT l2.voucher_id FROM line l2 JOIN account a2 ON a2.id = l2.account_id
                      WHERE a2.book_id = @book AND l2.period BETWEEN @from AND @to
                        AND (${cash.map((_, k) => `a2.code LIKE @cash${k} || '%'`).join(' OR ')}))
       ORDER BY v.date, v.word, v.number, l.line_no`,
    )
    .all({
      book: book.id,
      from,
      to,
      ...Object.fromEntries(cash.map((c, k) => [`cash${k}`, c])),
    }) as LineRow[];

  const entries: CashEntry[] = [];
  for (let start = 0; start < rows.length;) {
    let end = start;
    while (end < rows.length && rows[end]!.voucherId === rows[start]!.voucherId) end++;
    entries.push(...voucherEntries(rows.slice(start, end), isCash, resolve));
    start = end;
  }
  return entries;
}

function voucherEntries(
  lines: LineRow[],
  isCash: (code: string) => boolean,
  resolve: ReturnType<typeof itemResolver>,
): CashEntry[] {
  const cashLines = lines.filter((l) => isCash(l.code));
  const cashItem = (direction: Direction) => {
    const names = new Set(
      cashLines.filter((l) => l.itemName && l.itemDirection === direction).map((l) => l.itemName!),
    );
    return names.size === 1 ? [...names][0]! : undefined;
  };
  // Group the other lines by account, project and item; net the two sides within a group.
  const groups = new Map<string, { first: LineRow; debit: Fen[]; credit: Fen[] }>();
  for (const line of lines) {
    if (isCash(line.code)) continue;
    const key = `${line.code}|${line.project ?? ''}|${line.itemName ?? ''}`;
    const group = groups.get(key) ?? { first: line, debit: [], credit: [] };
    if (line.debit !== 0) group.debit.push(line.debit);
    if (line.credit !== 0) group.credit.push(line.credit);
    groups.set(key, group);
  }
  const entries: CashEntry[] = [];
  for (const { first, debit, credit } of groups.values()) {
    let direction: Direction;
    let amount: Fen;
    if (debit.length > 0 && credit.length > 0) {
      const net = sumFen([...debit, ...credit.map((c) => -c)]);
      if (net === 0) continue;
      direction = net > 0 ? 'payment' : 'receipt';
      amount = Math.abs(net);
    } else {
      direction = debit.length > 0 ? 'payment' : 'receipt';
      amount = sumFen(direction === 'payment' ? debit : credit);
    }
    const own = first.itemName && first.itemDirection === direction ? first.itemName : undefined;
    entries.push({
      voucherId: first.voucherId,
      date: first.date,
      voucher: formatRef(first.word, first.number),
      summary: first.summary || cashLines[0]?.summary || '',
      direction,
      item: own ?? cashItem(direction) ?? resolve(first.code, direction).name,
      amount,
      account: first.code,
      project: first.project,
    });
  }
  return entries;
}
