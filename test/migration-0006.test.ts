import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Centre } from '../src/ledger/centre.js';
import { loadMigrations } from '../src/store/database.js';
import { as, tempDir } from './support/centre.js';

/**
 * A centre file written by the version before migration 0006 (schema 5), with books and posted vouchers
 * in it, brought up to date: what its statements showed stays, and what it holds can still be corrected.
 * The old file is made here with plain SQL against the old schema, as the old version wrote it.
 */

const now = '2025-06-30T02:00:00.000Z';

function oldCentreFile(): string {
  const file = path.join(tempDir(), 'centre.db');
  const old = new Centre(file, { migrations: loadMigrations().slice(0, 5) });
  const db = old.db;
  const run = (sql: string, ...params: unknown[]) => Number(db.prepare(sql).run(...params).lastInsertRowid);
  for (const [name, role] of [
    ['周主管', 'supervisor'],
    ['王会计', 'accountant'],
    ['李审核', 'reviewer'],
  ])
    run('INSERT INTO operator (name, role, created_at) VALUES (?, ?, ?)', name, role, now);
  const book = (code: string, name: string, chart: string, accounts: Array<[string, string, string]>) => {
    const community = run(
      "INSERT INTO community (code, name, kind, created_at) VALUES (?, ?, 'urban', ?)",
      code,
      name,
      now,
    );
    const id = run(
      "INSERT INTO book (community_id, start_period, chart, created_at) VALUES (?, '2025-01', ?, ?)",
      community,
      chart,
      now,
    );
    const ids = new Map<string, number>();
    for (const [code, accountName, side] of accounts) {
      const parent = [...ids.keys()]
        .filter((c) => code.startsWith(c) && c !== code)
        .sort()
        .at(-1);
      const category = ['asset', 'liability', 'net_assets', 'income', 'expense'][Number(code[0]) - 1];
      ids.set(
        code,
        run(
          'INSERT INTO account (book_id, code, name, parent_id, level, category, normal_side) VALUES (?, ?, ?, ?, ?, ?, ?)',
          id,
          code,
          accountName,
          parent ? ids.get(parent)! : null,
          (code.length - 2) / 2,
          category,
          side,
        ),
      );
    }
    run('INSERT INTO opening_balance (account_id, debit) VALUES (?, 5000000)', ids.get('100201'));
    run('INSERT INTO opening_balance (account_id, credit) VALUES (?, 5000000)', ids.get('3101'));
    const voucher = (date: string, lines: Array<[string, number, number]>) => {
      const v = run(
        `INSERT INTO voucher (book_id, period, word, number, date, status, prepared_by, prepared_at)
         VALUES (?, ?, '记', 1 + (SELECT count(*) FROM voucher WHERE book_id = ? AND period = ?), ?, 'draft', 2, ?)`,
        id,
        date.slice(0, 7),
        id,
        date.slice(0, 7),
        date,
        now,
      );
      lines.forEach(([code, debit, credit], i) =>
        run(
          'INSERT INTO line (voucher_id, line_no, account_id, period, summary, debit, credit) VALUES (?, ?, ?, ?, ?, ?, ?)',
          v,
          i + 1,
          ids.get(code),
          date.slice(0, 7),
          '旧版本录入的凭证',
          debit,
          credit,
        ),
      );
      run("UPDATE voucher SET status = 'reviewed', reviewed_by = 3, reviewed_at = ? WHERE id = ?", now, v);
      run("UPDATE voucher SET status = 'posted', posted_by = 3, posted_at = ? WHERE id = ?", now, v);
      return v;
    };
    return { id, voucher };
  };
  // The default chart's codes, and a 费随事转 spending the old version let through without its project.
  const dongfeng = book('DF', '东风社区', 'npo-community', [
    ['1002', '银行存款', 'debit'],
    ['100201', '社区专户', 'debit'],
    ['3101', '非限定性净资产', 'credit'],
    ['3102', '限定性净资产', 'credit'],
    ['4401', '政府补助收入', 'credit'],
    ['440102', '限定性收入', 'credit'],
    ['44010202', '费随事转经费', 'credit'],
    ['5101', '业务活动成本', 'debit'],
    ['510107', '费随事转项目支出', 'debit'],
  ]);
  dongfeng.voucher('2025-02-10', [
    ['510107', 100000, 0],
    ['100201', 0, 100000],
  ]);
  // A centre's own chart: its restricted income is named, not numbered, as the default chart does.
  const nantang = book('NT', '南塘社区', '科目表.csv', [
    ['1002', '银行存款', 'debit'],
    ['100201', '社区专户', 'debit'],
    ['3101', '非限定性净资产', 'credit'],
    ['3102', '限定性净资产', 'credit'],
    ['4401', '政府补助收入', 'credit'],
    ['440101', '工作经费', 'credit'],
    ['440109', '专项补助收入（限定性）', 'credit'],
  ]);
  nantang.voucher('2025-02-12', [
    ['100201', 500000, 0],
    ['440109', 0, 500000],
  ]);
  old.close();
  return file;
}

describe('migration 0006 on a file of the previous version', () => {
  it('keeps restricted income restricted, whether the old statements knew it by code or by name', async () => {
    const centre = new Centre(oldCentreFile());
    onTestFinished(() => centre.close());
    const read = as(centre);
    const restricted = async (book: string) =>
      (await read('account.list', { book })).filter((a) => a.restricted).map((a) => a.code);
    expect(await restricted('东风社区')).toEqual(['3102', '440102', '44010202']);
    expect(await restricted('南塘社区')).toEqual(['3102', '440109']);
    const activities = await read('report.view', {
      report: 'activities',
      book: '南塘社区',
      from: '2025-02',
      to: '2025-02',
    });
    const line5 = activities.rows.find((r) => r.cells.line === '5')!.cells;
    expect([line5.periodUnrestricted, line5.periodRestricted]).toEqual(['', '5000.00']);
    const dongfeng = (await read('account.list', { book: '东风社区' })).find((a) => a.code === '510107')!;
    expect(dongfeng.dimensions.project).toBe('required');
  });

  it('reverses a posted voucher the old version took without its project', async () => {
    const centre = new Centre(oldCentreFile());
    onTestFinished(() => centre.close());
    const red = await as(centre, '王会计')('voucher.reverse', { book: '东风社区', voucher: '2025-02 记-1' });
    expect(red.lines.map((l) => [l.accountCode, l.debit, l.project])).toEqual([
      ['510107', '-1000.00', null],
      ['100201', '0.00', null],
    ]);
    await as(centre, '李审核')('voucher.review', { book: '东风社区', voucher: red.id });
    await as(centre, '李审核')('voucher.post', { book: '东风社区', voucher: red.id });
    // New lines on the account do need their project.
    const error = await as(centre, '王会计')('voucher.save', {
      book: '东风社区',
      date: '2025-03-01',
      lines: [
        { account: '510107', summary: '支付补贴', debit: '10.00' },
        { account: '100201', credit: '10.00' },
      ],
    }).catch((e: unknown) => e as Error);
    expect(String(error)).toContain('510107 业务活动成本/费随事转项目支出 必须填写项目');
  });
});
