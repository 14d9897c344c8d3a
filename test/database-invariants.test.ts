import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Centre } from '../src/ledger/centre.js';
import { grantVoucher, seededCentre } from './support/centre.js';

/**
 * The core checks every rule first, but the database repeats the ones that keep the books
 * trustworthy. These tests go around the core with plain SQL on the same file, as a script or a
 * curious user with sqlite3 would, and expect the database itself to refuse.
 */

let open: Centre | undefined;
let raw: Database.Database | undefined;
afterEach(() => {
  raw?.close();
  open?.close();
});

async function postedCentre() {
  const seeded = await seededCentre();
  open = seeded.centre;
  const book = '东风社区';
  const v = await seeded.accountant('voucher.save', grantVoucher('2025-01-05'));
  await seeded.reviewer('voucher.review', { book, voucher: v.id });
  await seeded.reviewer('voucher.post', { book, voucher: v.id });
  const draft = await seeded.accountant('voucher.save', grantVoucher('2025-02-05', '10.00'));
  raw = new Database(seeded.centre.file);
  raw.pragma('foreign_keys = ON');
  return { ...seeded, posted: v.id, draft: draft.id, sql: raw };
}

describe('the database refuses what breaks an invariant even when SQL bypasses the core', () => {
  it('a posted line cannot be edited or deleted', async () => {
    const { sql, posted } = await postedCentre();
    expect(() =>
      sql.prepare('UPDATE line SET debit = 1 WHERE voucher_id = ? AND line_no = 1').run(posted),
    ).toThrow(/分录不能直接修改/);
    expect(() => sql.prepare('DELETE FROM line WHERE voucher_id = ?').run(posted)).toThrow(
      /已审核或已记账凭证的分录不能删除/,
    );
    expect(() =>
      sql
        .prepare(
          `INSERT INTO line (voucher_id, line_no, account_id, period, summary, debit) SELECT ?, 9, id, '2025-01', 'x', 1 FROM account WHERE code = '1001'`,
        )
        .run(posted),
    ).toThrow(/只能向未审核的凭证添加分录/);
  });

  it('a posted voucher cannot be edited, deleted or taken back to draft', async () => {
    const { sql, posted } = await postedCentre();
    expect(() => sql.prepare(`UPDATE voucher SET date = '2025-01-06' WHERE id = ?`).run(posted)).toThrow(
      /不能修改/,
    );
    expect(() =>
      sql
        .prepare(`UPDATE voucher SET status = 'draft', reviewed_by = NULL, posted_by = NULL WHERE id = ?`)
        .run(posted),
    ).toThrow(/状态不能这样变更/);
    expect(() => sql.prepare('DELETE FROM voucher WHERE id = ?').run(posted)).toThrow(/不能删除/);
    expect(() => sql.prepare(`UPDATE voucher SET posted_at = 'later' WHERE id = ?`).run(posted)).toThrow(
      /签章不能修改/,
    );
    const other = sql.prepare(`SELECT id FROM operator WHERE name = '周主管'`).get() as { id: number };
    expect(() =>
      sql.prepare(`UPDATE voucher SET reviewed_by = ? WHERE id = ?`).run(other.id, posted),
    ).toThrow(/签章不能修改/);
  });

  it('no line can be dated in a closed month', async () => {
    const s = await postedCentre();
    await s.accountant('period.close', { book: '东风社区', period: '2025-01' });
    const operator = s.sql.prepare(`SELECT id FROM operator WHERE name = '王会计'`).get() as { id: number };
    expect(() =>
      s.sql
        .prepare(
          `INSERT INTO voucher (book_id, period, word, number, date, status, prepared_by, prepared_at) VALUES (1, '2025-01', '记', 2, '2025-01-20', 'draft', ?, 'now')`,
        )
        .run(operator.id),
    ).toThrow(/已结账/);
    // Nor can a draft be moved into it.
    expect(() =>
      s.sql
        .prepare(`UPDATE voucher SET period = '2025-01', date = '2025-01-20', number = 2 WHERE id = ?`)
        .run(s.draft),
    ).toThrow(/已结账/);
  });

  it('an unbalanced voucher cannot be reviewed or posted', async () => {
    const s = await postedCentre();
    s.sql.prepare(`DELETE FROM line WHERE voucher_id = ? AND line_no = 2`).run(s.draft);
    const reviewer = s.sql.prepare(`SELECT id FROM operator WHERE name = '李审核'`).get() as { id: number };
    expect(() =>
      s.sql
        .prepare(`UPDATE voucher SET status = 'reviewed', reviewed_by = ? WHERE id = ?`)
        .run(reviewer.id, s.draft),
    ).toThrow(/借贷不平/);
    expect(() =>
      s.sql
        .prepare(`UPDATE voucher SET status = 'posted', reviewed_by = ?, posted_by = ? WHERE id = ?`)
        .run(reviewer.id, reviewer.id, s.draft),
    ).toThrow(/借贷不平/);
  });

  it('the reviewer is never the preparer, and a voucher number never skips', async () => {
    const s = await postedCentre();
    const preparer = s.sql.prepare('SELECT prepared_by FROM voucher WHERE id = ?').get(s.draft) as {
      prepared_by: number;
    };
    expect(() =>
      s.sql
        .prepare(`UPDATE voucher SET status = 'reviewed', reviewed_by = ? WHERE id = ?`)
        .run(preparer.prepared_by, s.draft),
    ).toThrow(/CHECK constraint/);
    expect(() =>
      s.sql
        .prepare(
          `INSERT INTO voucher (book_id, period, word, number, date, status, prepared_by, prepared_at) VALUES (1, '2025-02', '记', 5, '2025-02-20', 'draft', ?, 'now')`,
        )
        .run(preparer.prepared_by),
    ).toThrow(/凭证号必须连续/);
  });

  it('a posted voucher cannot be reversed twice, and the audit log cannot be edited', async () => {
    const s = await postedCentre();
    const red = await s.accountant('voucher.reverse', { book: '东风社区', voucher: s.posted });
    const operator = s.sql.prepare(`SELECT id FROM operator WHERE name = '王会计'`).get() as { id: number };
    expect(() =>
      s.sql
        .prepare(
          `INSERT INTO voucher (book_id, period, word, number, date, status, prepared_by, prepared_at, reverses_voucher_id)
           VALUES (1, '2025-02', '记', 2, '2025-02-20', 'draft', ?, 'now', ?)`,
        )
        .run(operator.id, s.posted),
    ).toThrow(/UNIQUE constraint failed: voucher.reverses_voucher_id/);
    expect(red.reverses?.id).toBe(s.posted);
    expect(() => s.sql.prepare(`UPDATE audit SET operator_id = NULL`).run()).toThrow(/审计日志不能修改/);
    expect(() => s.sql.prepare(`DELETE FROM audit`).run()).toThrow(/审计日志不能删除/);
  });

  it('an account with lines takes no child and cannot be deleted; lines go only to leaf accounts', async () => {
    const s = await postedCentre();
    const bank = s.sql.prepare(`SELECT id FROM account WHERE code = '100201'`).get() as { id: number };
    expect(() =>
      s.sql
        .prepare(
          `INSERT INTO account (book_id, code, name, parent_id, level, category, normal_side) VALUES (1, '10020101', '子户', ?, 3, 'asset', 'debit')`,
        )
        .run(bank.id),
    ).toThrow(/不能增加下级科目/);
    expect(() => s.sql.prepare('DELETE FROM account WHERE id = ?').run(bank.id)).toThrow(/不能删除/);
    expect(() =>
      s.sql
        .prepare(
          `INSERT INTO line (voucher_id, line_no, account_id, period, summary, debit) SELECT ?, 9, id, '2025-02', 'x', 1 FROM account WHERE code = '1002'`,
        )
        .run(s.draft),
    ).toThrow(/只有末级科目/);
  });

  it('a closed month cannot be reopened out of order or edited', async () => {
    const s = await postedCentre();
    await s.accountant('period.close', { book: '东风社区', period: '2025-01' });
    expect(() => s.sql.prepare(`UPDATE period_close SET closed_at = 'x'`).run()).toThrow(/结账记录不能修改/);
    const operator = s.sql.prepare(`SELECT id FROM operator WHERE name = '王会计'`).get() as { id: number };
    expect(() =>
      s.sql
        .prepare(
          `INSERT INTO period_close (book_id, period, closed_by, closed_at) VALUES (1, '2025-03', ?, 'now')`,
        )
        .run(operator.id),
    ).toThrow(/上一个月尚未结账/);
  });
});
