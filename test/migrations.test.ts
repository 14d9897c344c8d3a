import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../src/errors.js';
import { Centre } from '../src/ledger/centre.js';
import { loadMigrations } from '../src/store/database.js';
import { as, tempDir } from './support/centre.js';

const latest = loadMigrations().length;

function userVersion(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('centre file migrations', () => {
  it('creates a new file at the latest version with WAL, foreign keys and STRICT tables', () => {
    const file = path.join(tempDir(), 'new', 'centre.db');
    const centre = new Centre(file);
    expect(centre.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(centre.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = centre.db
      .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table'`)
      .all() as Array<{ name: string; sql: string }>;
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) expect(table.sql, table.name).toMatch(/\)\s*STRICT/);
    expect(centre.backupPath).toBeUndefined();
    centre.close();
    expect(userVersion(file)).toBe(latest);
  });

  it('re-opens an up-to-date file without touching it or writing a backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'centre.db');
    const first = new Centre(file);
    await as(first)('operator.add', { name: '周主管', role: 'supervisor' });
    first.close();
    const again = new Centre(file);
    expect(again.backupPath).toBeUndefined();
    expect((await as(again)('operator.list', {})).map((o) => o.name)).toEqual(['周主管']);
    again.close();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('backs up an older file before migrating it, each migration in its own transaction', async () => {
    const file = path.join(tempDir(), 'centre.db');
    const old = new Centre(file);
    await as(old)('operator.add', { name: '周主管', role: 'supervisor' });
    old.close();
    const next = [
      ...loadMigrations(),
      { version: latest + 1, name: 'next.sql', sql: 'CREATE TABLE later (id INTEGER PRIMARY KEY) STRICT;' },
    ];
    const upgraded = new Centre(file, { migrations: next });
    expect(upgraded.backupPath).toMatch(new RegExp(`centre\\.db\\.v${latest}-\\d{8}T\\d{6}\\.bak$`));
    upgraded.close();
    expect(userVersion(file)).toBe(latest + 1);
    // The backup is a complete, consistent copy of the file as it was.
    expect(userVersion(upgraded.backupPath!)).toBe(latest);
    const backup = new Database(upgraded.backupPath!, { readonly: true });
    expect(backup.prepare('SELECT name FROM operator').all()).toEqual([{ name: '周主管' }]);
    backup.close();
  });

  it('a failing migration leaves the file at its previous version', () => {
    const file = path.join(tempDir(), 'centre.db');
    new Centre(file).close();
    const broken = [
      ...loadMigrations(),
      {
        version: latest + 1,
        name: 'broken.sql',
        sql: 'CREATE TABLE half (id INTEGER) STRICT; SELECT * FROM missing;',
      },
    ];
    expect(() => new Centre(file, { migrations: broken })).toThrow(/missing/);
    expect(userVersion(file)).toBe(latest);
    const db = new Database(file, { readonly: true });
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half'`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a file from a newer version of the app and leaves it byte for byte untouched', () => {
    const file = path.join(tempDir(), 'centre.db');
    new Centre(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${latest + 5}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = fs.readFileSync(file);
    let error: unknown;
    try {
      new Centre(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as LedgerError).code).toBe('database_newer');
    expect((error as LedgerError).message).toContain(`数据库版本 ${latest + 5}`);
    expect((error as LedgerError).message).toContain('请升级居财账簿');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['centre.db']);
  });

  it('refuses a SQLite file that is not a centre file', () => {
    const file = path.join(tempDir(), 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE stuff (x)');
    db.close();
    expect(() => new Centre(file)).toThrow(/不是居财账簿的账套文件/);
  });
});
