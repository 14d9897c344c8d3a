import type { Centre } from './centre.js';

export interface AuditEntry {
  operatorId: number;
  action: string;
  entity: string;
  entityId?: number | null;
  bookId?: number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord {
  id: number;
  at: string;
  operator: string | null;
  action: string;
  entity: string;
  entityId: number | null;
  book: string | null;
  before: unknown;
  after: unknown;
}

/** Appends one row to the audit log. Always called inside the transaction that makes the change. */
export function recordAudit(centre: Centre, entry: AuditEntry): void {
  centre
    .sql(
      `INSERT INTO audit (at, operator_id, action, entity, entity_id, book_id, before, after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      centre.now(),
      entry.operatorId,
      entry.action,
      entry.entity,
      entry.entityId ?? null,
      entry.bookId ?? null,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    );
}

export function listAudit(
  centre: Centre,
  filter: { bookId?: number; entity?: string; limit?: number; beforeId?: number },
): AuditRecord[] {
  const rows = centre.db
    .prepare(
      `SELECT a.id, a.at, o.name AS operator, a.action, a.entity, a.entity_id AS entityId,
              c.name AS book, a.before, a.after
       FROM audit a
       LEFT JOIN operator o ON o.id = a.operator_id
       LEFT JOIN book b ON b.id = a.book_id
       LEFT JOIN community c ON c.id = b.community_id
       WHERE (@bookId IS NULL OR a.book_id = @bookId)
         AND (@entity IS NULL OR a.entity = @entity)
         AND (@beforeId IS NULL OR a.id < @beforeId)
       ORDER BY a.id DESC LIMIT @limit`,
    )
    .all({
      bookId: filter.bookId ?? null,
      entity: filter.entity ?? null,
      beforeId: filter.beforeId ?? null,
      limit: filter.limit ?? 200,
    }) as Array<Omit<AuditRecord, 'before' | 'after'> & { before: string | null; after: string | null }>;
  return rows.map((row) => ({
    ...row,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
  }));
}
