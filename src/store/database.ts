import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { LedgerError, fail, type ErrorCode } from '../errors.js';

export type Db = Database.Database;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The folder of numbered SQL migrations (`db/` at the top of the project, also inside the packaged app). */
export function migrationsFolder(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'db');
    if (fs.existsSync(path.join(candidate, '0001_ledger.sql'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('找不到数据库迁移脚本目录 db/');
}

export function loadMigrations(folder = migrationsFolder()): Migration[] {
  return fs
    .readdirSync(folder)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file, index) => {
      const version = Number(file.slice(0, 4));
      if (version !== index + 1) throw new Error(`迁移脚本编号不连续：${file}`);
      return { version, name: file, sql: fs.readFileSync(path.join(folder, file), 'utf8') };
    });
}

export interface OpenOptions {
  /** Migrations to apply; the project's own by default. Tests pass extra ones to simulate upgrades. */
  migrations?: Migration[];
  readonly?: boolean;
}

export interface OpenedDatabase {
  db: Db;
  /** Where the pre-migration backup was written, when the file needed migrating. */
  backupPath: string | undefined;
}

/**
 * Opens (creating if needed) a centre file and brings its schema up to date.
 *
 * The schema version lives in PRAGMA user_version. A file newer than this build is refused before
 * anything is written to it; an older file is first copied (VACUUM INTO, a consistent snapshot) to
 * `<file>.v<old>-<timestamp>.bak`, then each migration runs in its own transaction.
 */
export function openDatabase(file: string, options: OpenOptions = {}): OpenedDatabase {
  const migrations = options.migrations ?? loadMigrations();
  const latest = migrations.length;
  const existed = file !== ':memory:' && fs.existsSync(file) && fs.statSync(file).size > 0;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });

  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  let backupPath: string | undefined;
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) {
      fail(
        'database_newer',
        `账套文件 ${file} 由更新版本的居财账簿创建（数据库版本 ${version}），本程序只支持到版本 ${latest}。` +
          '请升级居财账簿后再打开；文件未作任何改动。',
      );
    }
    if (version === 0 && existed) {
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as {
        n: number;
      };
      if (tables.n > 0) fail('database_foreign', `文件 ${file} 不是居财账簿的账套文件；文件未作任何改动。`);
    }
    if (options.readonly) {
      if (version < latest) fail('database_newer', `账套文件 ${file} 需要升级，不能以只读方式打开。`);
    } else {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // A bigger page cache keeps the line index in memory during imports of millions of lines; a
      // larger WAL checkpoints less often, so a single save rarely pays for a checkpoint.
      db.pragma('cache_size = -65536');
      db.pragma('wal_autocheckpoint = 10000');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');

    if (!options.readonly && version < latest) {
      if (existed && version > 0) backupPath = backup(db, file, version);
      for (const migration of migrations.slice(version)) {
        db.transaction(() => {
          db.exec(migration.sql);
          db.pragma(`user_version = ${migration.version}`);
        })();
      }
    }
    return { db, backupPath };
  } catch (error) {
    db.close();
    throw error;
  }
}

function backup(db: Db, file: string, version: number): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const target = `${file}.v${version}-${stamp}.bak`;
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

/** The messages our triggers raise start with a tag: `[voucher_state] …`. Map them to error codes. */
const triggerCodes: Record<string, ErrorCode> = {
  voucher_state: 'voucher_state',
  period_closed: 'period_closed',
  period_order: 'period_closed',
  period_range: 'invalid_argument',
  unbalanced: 'unbalanced',
  opening_unbalanced: 'unbalanced',
  account_in_use: 'account_in_use',
  not_leaf: 'invalid_argument',
  opening_locked: 'forbidden',
  audit_immutable: 'forbidden',
  publication_immutable: 'forbidden',
  publication_version: 'constraint',
  voucher_matched: 'voucher_state',
  dimension_required: 'invalid_argument',
  reconciliation_signed: 'forbidden',
  reconciliation_version: 'constraint',
  publication_date: 'invalid_argument',
};

/** Turns a SQLite error from a trigger or constraint into a LedgerError; anything else is rethrown. */
export function translateSqliteError(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const tagged = /^\[([a-z_]+)\]\s*(.*)$/s.exec(error.message);
  if (tagged) return new LedgerError(triggerCodes[tagged[1]!] ?? 'constraint', tagged[2]!);
  if (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new LedgerError('duplicate', `数据重复：${error.message}`);
  }
  if (error.code.startsWith('SQLITE_CONSTRAINT'))
    return new LedgerError('constraint', `数据不符合约束：${error.message}`);
  return error;
}
