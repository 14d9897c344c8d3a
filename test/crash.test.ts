import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './support/centre.js';
import { buildCli, ok, okJson, projectRoot } from './support/cli.js';
import { voucherHeader, writeCsv } from './support/files.js';

/**
 * Pulling the plug in the middle of an import: the `jucai` process is killed with SIGKILL while its
 * import transaction holds the database's write lock. Re-opened, the centre file must be intact,
 * hold nothing of the import, and accept the same import again.
 */

const vouchers = 30_000;

function bigImport(dir: string): string {
  const rows: Array<Array<string | number>> = [voucherHeader];
  for (let i = 0; i < vouchers; i++) {
    const month = 1 + Math.floor((i * 12) / vouchers);
    const period = `2025-${String(month).padStart(2, '0')}`;
    const number = i - Math.floor(((month - 1) * vouchers) / 12) + 1;
    const amount = `${(i % 900) + 100}.${String(i % 100).padStart(2, '0')}`;
    rows.push([`${period}-15`, '记', number, `支付第${i}笔日常开支`, '520101', '', amount, '', '', '', 1]);
    rows.push([`${period}-15`, '记', number, `支付第${i}笔日常开支`, '100201', '', '', amount, '', '', '']);
  }
  return writeCsv(rows, 'big.csv', 'utf-8', dir);
}

beforeAll(() => buildCli());

describe('a crash in the middle of a large import', () => {
  it('leaves the database consistent, with nothing half-written', async () => {
    const dir = tempDir('jucai-crash-');
    const db = path.join(dir, 'centre.db');
    ok(['init'], { db });
    ok(['operator', 'add', '周主管', '--role', 'supervisor'], { db });
    ok(['community', 'add', '东风社区', '--kind', 'urban', '--as', '周主管'], { db });
    ok(['book', 'create', '--community', '东风社区', '--start', '2025-01', '--as', '周主管'], { db });
    const file = bigImport(dir);

    const child = spawn(
      process.execPath,
      [
        path.join(projectRoot, 'bin', 'jucai.js'),
        '--db',
        db,
        'import',
        'vouchers',
        file,
        '--book',
        '东风社区',
        '--as',
        '周主管',
      ],
      {
        stdio: 'ignore',
      },
    );
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    // The import's write transaction is under way exactly when another connection cannot start one
    // (SQLite's write lock): probe for that, then pull the plug at once.
    const probe = new Database(db);
    probe.pragma('busy_timeout = 0');
    let inTransaction = false;
    const deadline = Date.now() + 60_000;
    while (!inTransaction && Date.now() < deadline) {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        await new Promise((r) => setTimeout(r, 2));
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        inTransaction = true;
      }
    }
    child.kill('SIGKILL');
    probe.close();
    const { signal } = await exited;
    expect(inTransaction).toBe(true);
    expect(signal).toBe('SIGKILL');

    const raw = new Database(db);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    expect(raw.prepare('SELECT count(*) AS n FROM voucher').get()).toEqual({ n: 0 });
    expect(raw.prepare('SELECT count(*) AS n FROM line').get()).toEqual({ n: 0 });
    expect(raw.prepare(`SELECT count(*) AS n FROM audit WHERE action = 'import.vouchers'`).get()).toEqual({
      n: 0,
    });
    raw.close();

    // The file works as before: the same import now goes through completely.
    const result = okJson<{ vouchers: number; lines: number }>(
      ['import', 'vouchers', file, '--book', '东风社区', '--as', '周主管'],
      { db },
    );
    expect(result).toMatchObject({ vouchers, lines: vouchers * 2 });
  }, 180_000);
});
