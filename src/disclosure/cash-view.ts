import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import type { Period } from '../ledger/period.js';
import { formatRef } from '../ledger/vouchers.js';
import { sumFen, type Fen } from '../money/money.js';
import { cashAccountCodes, isCustodial, itemResolver, type Direction } from './items.js';

/**
 * The receipts-and-payments view behind the 居务公开 sheets. Only vouchers that move cash or bank count
 * (受托代理 cash — money passed through to named people — is not the community's and does not count).
 * In such a voucher the money into cash is a receipt from the lines on the other side (the credits to
 * other accounts), and the money out of cash a payment for the debits to other accounts:
 *
 *   receipts = min(cash debits, other credits), spread over those credits in line order;
 *   payments = min(cash credits, other debits), spread over those debits.
 *
 * So a cash↔bank transfer is neither; equipment bought partly on credit shows only what was paid; pay
 * with a deduction withheld shows the net paid; and receipts minus payments always equals the voucher's
 * net cash movement. A piece's item is its line's own, else the one on the voucher's cash line, else the
 * default for its account (items.ts). Red-ink lines keep their side and a negative amount, so a
 * reversal nets out against what it reverses.
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
  name: string;
  project: string | null;
  itemName: string | null;
  itemDirection: Direction | null;
}

export function cashEntries(
  centre: Centre,
  book: Book,
  from: Period,
  to: Period,
  options: { projectsOnly?: boolean } = {},
): CashEntry[] {
  const cash = cashAccountCodes(book);
  const isCash = (line: LineRow) => cash.some((c) => line.code.startsWith(c)) && !isCustodial(line.name);
  const resolve = itemResolver(centre, book);
  const rows = centre
    .sql(
      `SELECT v.id AS voucherId, v.date, v.word, v.number, l.summary, l.debit, l.credit, a.code, a.name,
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
         AND (@projects = 0 OR v.id IN (SELECT voucher_id FROM line WHERE project_id IS NOT NULL))
       ORDER BY v.date, v.word, v.number, l.line_no`,
    )
    .all({
      book: book.id,
      from,
      to,
      projects: options.projectsOnly ? 1 : 0,
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

/** The smaller of two amounts of one sign (red ink: both negative), or 0 when the signs differ. */
function paired(a: Fen, b: Fen): Fen {
  if (a > 0 && b > 0) return Math.min(a, b);
  if (a < 0 && b < 0) return Math.max(a, b);
  return 0;
}

/** Spreads `total` over the lines in order, each taking at most its own amount. */
function spread(
  total: Fen,
  lines: Array<{ line: LineRow; amount: Fen }>,
): Array<{ line: LineRow; amount: Fen }> {
  const out: Array<{ line: LineRow; amount: Fen }> = [];
  let left = total;
  for (const { line, amount } of lines) {
    if (left === 0) break;
    const take = paired(left, amount);
    if (take === 0) continue;
    out.push({ line, amount: take });
    left = sumFen([left, -take]);
  }
  return out;
}

function voucherEntries(
  lines: LineRow[],
  isCash: (line: LineRow) => boolean,
  resolve: ReturnType<typeof itemResolver>,
): CashEntry[] {
  const cashLines = lines.filter(isCash);
  if (cashLines.length === 0) return [];
  const others = lines.filter((l) => !isCash(l));
  const cashItem = (direction: Direction) => {
    const names = new Set(
      cashLines.filter((l) => l.itemName && l.itemDirection === direction).map((l) => l.itemName!),
    );
    return names.size === 1 ? [...names][0]! : undefined;
  };
  const credits = others.filter((l) => l.credit !== 0).map((line) => ({ line, amount: line.credit }));
  const debits = others.filter((l) => l.debit !== 0).map((line) => ({ line, amount: line.debit }));
  const receipts = paired(sumFen(cashLines.map((l) => l.debit)), sumFen(credits.map((c) => c.amount)));
  const payments = paired(sumFen(cashLines.map((l) => l.credit)), sumFen(debits.map((d) => d.amount)));

  // Pieces of one account, project and item in a voucher are one entry.
  const entries = new Map<string, CashEntry>();
  const add = (direction: Direction, pieces: Array<{ line: LineRow; amount: Fen }>) => {
    for (const { line, amount } of pieces) {
      const own = line.itemName && line.itemDirection === direction ? line.itemName : undefined;
      const item = own ?? cashItem(direction) ?? resolve(line.code, direction).name;
      const key = `${direction}|${line.code}|${line.project ?? ''}|${item}`;
      const entry = entries.get(key);
      if (entry) {
        entry.amount = sumFen([entry.amount, amount]);
        continue;
      }
      entries.set(key, {
        voucherId: line.voucherId,
        date: line.date,
        voucher: formatRef(line.word, line.number),
        summary: line.summary || cashLines[0]?.summary || '',
        direction,
        item,
        amount,
        account: line.code,
        project: line.project,
      });
    }
  };
  add('receipt', spread(receipts, credits));
  add('payment', spread(payments, debits));
  return [...entries.values()].filter((e) => e.amount !== 0);
}
