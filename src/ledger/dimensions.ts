import { fail } from '../errors.js';
import type { Centre } from './centre.js';

/**
 * Dimension values on voucher lines (辅助核算): projects (a 费随事转 task is one), parties (往来单位/个人)
 * and disclosure items (收支项目). Projects and parties are free names, created when first used (an
 * admission creates its project; imports and the API may still name new ones, while the voucher entry
 * screen offers only the book's projects); disclosure items are a fixed list per book, since they are
 * the headings of the public sheet.
 */
export type Dimension = 'project' | 'party';

export function dimensionId(centre: Centre, bookId: number, dimension: Dimension, name: string): number {
  const table = dimension === 'project' ? 'project' : 'party';
  const trimmed = name.trim();
  const existing = centre
    .sql(`SELECT id FROM ${table} WHERE book_id = ? AND name = ?`)
    .get(bookId, trimmed) as { id: number } | undefined;
  if (existing) return existing.id;
  return Number(
    centre.sql(`INSERT INTO ${table} (book_id, name) VALUES (?, ?)`).run(bookId, trimmed).lastInsertRowid,
  );
}

export interface DisclosureItem {
  id: number;
  name: string;
  direction: 'receipt' | 'payment';
}

export function listDisclosureItems(centre: Centre, bookId: number): DisclosureItem[] {
  return centre
    .sql('SELECT id, name, direction FROM disclosure_item WHERE book_id = ? ORDER BY position')
    .all(bookId) as DisclosureItem[];
}

/** Which side of the sheet a line's money is on: into cash or bank, or income, is a receipt. */
export interface ItemLine {
  isCash: boolean;
  debit: boolean;
}

/**
 * Resolves disclosure item names for one book, reading the list once. A few names exist on both sides
 * (治安巡逻费 is collected and also paid out); then the line decides.
 */
export function disclosureItemResolver(
  centre: Centre,
  bookId: number,
): (name: string, line?: ItemLine) => number | undefined {
  const byName = new Map<string, DisclosureItem[]>();
  for (const item of listDisclosureItems(centre, bookId))
    byName.set(item.name, [...(byName.get(item.name) ?? []), item]);
  return (name, line) => {
    const candidates = byName.get(name.trim());
    if (!candidates) return undefined;
    if (candidates.length === 1 || !line) return candidates[0]!.id;
    const direction = line.isCash === line.debit ? 'receipt' : 'payment';
    return (candidates.find((c) => c.direction === direction) ?? candidates[0]!).id;
  };
}

export function disclosureItemId(centre: Centre, bookId: number, name: string, line?: ItemLine): number {
  const id = disclosureItemResolver(centre, bookId)(name, line);
  if (id === undefined) fail('not_found', `收支项目“${name}”不在本账套的收支项目表中`, { field: 'item' });
  return id;
}

export interface Project {
  id: number;
  name: string;
  /** The 费随事转 admission's approval number (准入审批文号): the code accountants know a task by. */
  code: string | null;
}

export function listProjects(centre: Centre, bookId: number): Project[] {
  return centre
    .sql(
      `SELECT p.id, p.name, ad.approval_number AS code
       FROM project p LEFT JOIN admission ad ON ad.project_id = p.id
       WHERE p.book_id = ? ORDER BY p.name`,
    )
    .all(bookId) as Project[];
}
