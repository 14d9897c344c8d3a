import type { Statement } from 'better-sqlite3';
import { openDatabase, type Db, type OpenOptions } from '../store/database.js';

/**
 * An open centre file: the database plus the clock. Everything in the core receives a Centre; nothing
 * opens the database on its own. Tests pass a fixed clock so timestamps are predictable.
 */
export class Centre {
  readonly db: Db;
  readonly file: string;
  readonly backupPath: string | undefined;
  private readonly clock: () => Date;
  private readonly statements = new Map<string, Statement>();

  constructor(file: string, options: OpenOptions & { clock?: () => Date } = {}) {
    const opened = openDatabase(file, options);
    this.db = opened.db;
    this.file = file;
    this.backupPath = opened.backupPath;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Current time as ISO-8601 UTC text, the format of every timestamp column. */
  now(): string {
    return this.clock().toISOString();
  }

  /** Today in the centre's local calendar (China), 'YYYY-MM-DD'. */
  today(): string {
    const local = new Date(this.clock().getTime() + 8 * 3600_000);
    return local.toISOString().slice(0, 10);
  }

  /** A prepared statement, compiled once per centre: the hot paths (saving vouchers, imports) reuse them. */
  sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  close(): void {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}
