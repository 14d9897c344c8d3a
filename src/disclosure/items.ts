import { fail } from '../errors.js';
import { recordAudit } from '../ledger/audit.js';
import { bookTemplate } from '../ledger/accounts.js';
import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { listDisclosureItems, type DisclosureItem } from '../ledger/dimensions.js';
import { requireRole, type Actor } from '../ledger/operators.js';

/**
 * Which 居务公开 item a cash receipt or payment falls under when its line carries none: the default for
 * its counter-account. Defaults come with the chart template (data, by code prefix); a book may
 * override any prefix. The longest matching prefix wins, and at equal length the book's own rule.
 */

export type Direction = DisclosureItem['direction'];

export interface ItemRule {
  direction: Direction;
  /** Account code prefix; '' matches every account (the fallback item). */
  account: string;
  item: string;
  /** 'book' for the book's own rule, 'chart' for the template's default. */
  source: 'book' | 'chart';
}

const template = bookTemplate;

/** A 受托代理 cash account (money passed through to named people): not the community's own money. */
export const isCustodial = (accountName: string): boolean => accountName.includes('受托代理');

export { cashAccountCodes } from '../ledger/cash-balances.js';

export function listItemRules(centre: Centre, book: Book): ItemRule[] {
  const defaults = template(book).disclosureDefaults ?? { receipt: [], payment: [] };
  const own = centre
    .sql(
      `SELECT r.direction, r.account, i.name AS item FROM disclosure_rule r
       JOIN disclosure_item i ON i.id = r.item_id WHERE r.book_id = ? ORDER BY r.direction, r.account`,
    )
    .all(book.id) as Array<Omit<ItemRule, 'source'>>;
  return [
    ...own.map((r) => ({ ...r, source: 'book' as const })),
    ...(['receipt', 'payment'] as const).flatMap((direction) =>
      defaults[direction].map((r) => ({ direction, ...r, source: 'chart' as const })),
    ),
  ];
}

/** Resolves (account code, direction) to a disclosure item of the book, reading the rules once. */
export function itemResolver(
  centre: Centre,
  book: Book,
): (code: string, direction: Direction) => DisclosureItem {
  const items = listDisclosureItems(centre, book.id);
  const byName = new Map(items.map((i) => [`${i.direction}:${i.name}`, i]));
  const rules = listItemRules(centre, book)
    .map((r) => ({ ...r, found: byName.get(`${r.direction}:${r.item}`) }))
    .filter((r) => r.found)
    // Longest prefix first; the book's rule before the chart's at the same length.
    .sort((a, b) => b.account.length - a.account.length || (a.source === 'book' ? -1 : 1));
  const last = (direction: Direction) => items.filter((i) => i.direction === direction).at(-1);
  const cache = new Map<string, DisclosureItem>();
  return (code, direction) => {
    const key = `${direction}:${code}`;
    let item = cache.get(key);
    if (!item) {
      item =
        rules.find((r) => r.direction === direction && code.startsWith(r.account))?.found ?? last(direction);
      if (!item)
        fail('not_found', `账套没有${direction === 'receipt' ? '收入' : '支出'}类收支项目`, {
          field: 'item',
        });
      cache.set(key, item);
    }
    return item;
  };
}

/**
 * Sets (or with item null, removes) the book's own rule for an account prefix. Only the book's rules
 * change; the chart's defaults stay as data.
 */
export function setItemRule(
  actor: Actor,
  book: Book,
  input: { direction: Direction; account: string; item: string | null },
): ItemRule[] {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '设置收支项目对应关系');
  const account = input.account.trim();
  if (!/^\d+$/.test(account))
    fail('invalid_argument', `科目编码“${input.account}”无效`, { field: 'account' });
  const exists = centre
    .sql("SELECT 1 FROM account WHERE book_id = ? AND (code = ? OR code LIKE ? || '%') LIMIT 1")
    .get(book.id, account, account);
  if (!exists) fail('not_found', `本账套没有以“${account}”开头的科目`, { field: 'account' });
  if (input.item === null) {
    centre
      .sql('DELETE FROM disclosure_rule WHERE book_id = ? AND direction = ? AND account = ?')
      .run(book.id, input.direction, account);
  } else {
    const item = listDisclosureItems(centre, book.id).find(
      (i) => i.direction === input.direction && i.name === input.item!.trim(),
    );
    if (!item) {
      fail(
        'not_found',
        `收支项目“${input.item}”不在本账套的${input.direction === 'receipt' ? '收入' : '支出'}项目中`,
        {
          field: 'item',
        },
      );
    }
    centre
      .sql(
        `INSERT INTO disclosure_rule (book_id, direction, account, item_id) VALUES (?, ?, ?, ?)
         ON CONFLICT (book_id, direction, account) DO UPDATE SET item_id = excluded.item_id`,
      )
      .run(book.id, input.direction, account, item.id);
  }
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'disclosure.rule',
    entity: 'book',
    entityId: book.id,
    bookId: book.id,
    after: { direction: input.direction, account, item: input.item },
  });
  return listItemRules(centre, book);
}
