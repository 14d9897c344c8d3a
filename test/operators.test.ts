import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { as, grantVoucher, refused, seededForTest, tempDir } from './support/centre.js';
import { buildCli, jucai, ok, okJson } from './support/cli.js';

/**
 * 操作员: a supervisor renames an operator, changes a role, disables and enables one. Vouchers and the
 * audit log refer to operators by id, so history follows the person; the centre always keeps one
 * active supervisor.
 */
describe('operators: a supervisor manages who works in the centre', () => {
  it('renames an operator: their vouchers and audit rows show the corrected name, the audit keeps the old', async () => {
    const s = await seededForTest();
    await s.boss('operator.add', { name: '张会记', role: 'accountant' });
    const voucher = await as(s.centre, '张会记')('voucher.save', grantVoucher('2025-01-06'));

    const renamed = await s.boss('operator.rename', { operator: '张会记', name: ' 张会计 ' });
    expect(renamed).toMatchObject({ name: '张会计', role: 'accountant', active: true });
    expect((await s.boss('voucher.get', { book: '东风社区', voucher: voucher.id })).preparedBy).toBe(
      '张会计',
    );
    const log = await s.boss('audit.list', {});
    expect(log.find((a) => a.action === 'voucher.create')?.operator).toBe('张会计');
    expect(log.find((a) => a.action === 'operator.rename')).toMatchObject({
      operator: '周主管',
      entity: 'operator',
      entityId: renamed.id,
      before: { name: '张会记' },
      after: { name: '张会计' },
    });
    // The old name no longer signs in; the new one does, as the same operator.
    expect((await refused(as(s.centre, '张会记')('voucher.save', grantVoucher('2025-01-07')))).code).toBe(
      'not_found',
    );
    await as(s.centre, '张会计')('voucher.save', grantVoucher('2025-01-07'));
  });

  it('refuses a rename to a name in use or to the same name, and changes nothing', async () => {
    const s = await seededForTest();
    const taken = await refused(s.boss('operator.rename', { operator: '王会计', name: '李审核' }));
    expect(taken).toMatchObject({ code: 'duplicate', field: 'name' });
    expect(taken.message).toBe('操作员“李审核”已存在，不能改为此姓名');
    const same = await refused(s.boss('operator.rename', { operator: '王会计', name: '王会计' }));
    expect(same).toMatchObject({ code: 'invalid_argument', field: 'name' });
    expect((await refused(s.boss('operator.rename', { operator: '王会', name: '王五' }))).message).toBe(
      '没有名为“王会”的操作员',
    );
    expect((await s.boss('operator.list', {})).map((o) => o.name)).toEqual([
      '周主管',
      '王会计',
      '李审核',
      '陈议监',
    ]);
    expect((await s.boss('audit.list', {})).some((a) => a.action === 'operator.rename')).toBe(false);
  });

  it('changes a role, audited; the operator stays the same person for reviewer ≠ preparer', async () => {
    const s = await seededForTest();
    const voucher = await s.accountant('voucher.save', grantVoucher('2025-01-06'));
    const changed = await s.boss('operator.setRole', { operator: '王会计', role: 'reviewer' });
    expect(changed).toMatchObject({ name: '王会计', role: 'reviewer' });
    const log = await s.boss('audit.list', {});
    expect(log[0]).toMatchObject({
      action: 'operator.setRole',
      before: { role: 'accountant' },
      after: { role: 'reviewer' },
    });
    // Now a reviewer, but still the preparer of this voucher.
    const own = await refused(s.accountant('voucher.review', { book: '东风社区', voucher: voucher.id }));
    expect(own.message).toContain('审核人不能是制单人');
    const same = await refused(s.boss('operator.setRole', { operator: '王会计', role: 'reviewer' }));
    expect(same.message).toBe('操作员“王会计”已是审核');
  });

  it('never leaves the centre without an active supervisor', async () => {
    const s = await seededForTest();
    const demote = await refused(s.boss('operator.setRole', { operator: '周主管', role: 'accountant' }));
    expect(demote).toMatchObject({ code: 'forbidden', field: 'operator' });
    expect(demote.message).toBe('“周主管”是中心唯一在用的主管，不能改为会计；请先添加或启用另一名主管');
    const disable = await refused(s.boss('operator.disable', { operator: '周主管' }));
    expect(disable.message).toBe('“周主管”是中心唯一在用的主管，不能停用；请先添加或启用另一名主管');
    expect((await s.boss('operator.list', {}))[0]).toMatchObject({ role: 'supervisor', active: true });

    // With a second supervisor, the first may step down (and their own session then acts in the new role).
    await s.boss('operator.add', { name: '吴主管', role: 'supervisor' });
    await s.boss('operator.setRole', { operator: '周主管', role: 'accountant' });
    expect((await refused(s.boss('operator.add', { name: '赵会计', role: 'accountant' }))).code).toBe(
      'forbidden',
    );
    const other = as(s.centre, '吴主管');
    expect((await refused(other('operator.disable', { operator: '吴主管' }))).code).toBe('forbidden');
  });

  it('disables and enables: a disabled operator cannot work, and keeps their name on their vouchers', async () => {
    const s = await seededForTest();
    const voucher = await s.accountant('voucher.save', grantVoucher('2025-01-06'));
    const disabled = await s.boss('operator.disable', { operator: '王会计' });
    expect(disabled).toMatchObject({ name: '王会计', active: false });

    const refusedWrite = await refused(s.accountant('voucher.save', grantVoucher('2025-01-07')));
    expect(refusedWrite).toMatchObject({ code: 'forbidden', message: '操作员“王会计”已停用' });
    expect((await s.boss('voucher.get', { book: '东风社区', voucher: voucher.id })).preparedBy).toBe(
      '王会计',
    );
    const log = await s.boss('audit.list', {});
    expect(log.find((a) => a.action === 'voucher.create')?.operator).toBe('王会计');
    expect(log[0]).toMatchObject({
      action: 'operator.disable',
      before: { active: true },
      after: { active: false },
    });
    // The name stays taken: the same person comes back by enabling, not as a new operator.
    const again = await refused(s.boss('operator.add', { name: '王会计', role: 'accountant' }));
    expect(again.message).toBe('操作员“王会计”已存在（已停用），需要时请重新启用');
    expect((await refused(s.boss('operator.disable', { operator: '王会计' }))).message).toBe(
      '操作员“王会计”已停用',
    );

    expect(await s.boss('operator.enable', { operator: '王会计' })).toMatchObject({ active: true });
    await s.accountant('voucher.save', grantVoucher('2025-01-07'));
    expect((await refused(s.boss('operator.enable', { operator: '王会计' }))).message).toBe(
      '操作员“王会计”在用，无需启用',
    );
  });

  it('lets only a supervisor manage operators', async () => {
    const s = await seededForTest();
    const byAccountant = await refused(
      s.accountant('operator.rename', { operator: '李审核', name: '李复核' }),
    );
    expect(byAccountant).toMatchObject({ code: 'forbidden' });
    expect(byAccountant.message).toBe('操作员“王会计”（会计）无权管理操作员，需要：主管');
    expect((await refused(s.reviewer('operator.disable', { operator: '王会计' }))).code).toBe('forbidden');
    expect(
      (await refused(s.overseer('operator.setRole', { operator: '陈议监', role: 'supervisor' }))).code,
    ).toBe('forbidden');
    expect((await s.boss('operator.list', {})).map((o) => [o.name, o.role, o.active])).toEqual([
      ['周主管', 'supervisor', true],
      ['王会计', 'accountant', true],
      ['李审核', 'reviewer', true],
      ['陈议监', 'overseer', true],
    ]);
  });
});

describe('jucai operator rename|role|disable|enable (command line)', () => {
  beforeAll(() => buildCli(), 180_000);

  it('manages operators as a supervisor, with clear refusals', () => {
    const db = path.join(tempDir(), 'centre.db');
    ok(['init'], { db });
    ok(['operator', 'add', '周主管', '--role', 'supervisor'], { db });
    ok(['operator', 'add', '王会记', '--role', 'accountant', '--as', '周主管'], { db });

    expect(ok(['operator', 'rename', '王会记', '王会计', '--as', '周主管'], { db })).toBe(
      '已改名 / renamed: 王会记 → 王会计\n',
    );
    expect(ok(['operator', 'role', '王会计', 'reviewer', '--as', '周主管'], { db })).toBe(
      '已改角色 / role changed: 王会计 会计 → 审核\n',
    );
    expect(ok(['operator', 'disable', '王会计', '--as', '周主管'], { db })).toBe(
      '已停用 / disabled: 王会计\n',
    );
    expect(ok(['operator', 'list'], { db })).toMatch(/王会计\s+审核\s+停用/);
    expect(ok(['operator', 'enable', '王会计', '--as', '周主管'], { db })).toBe('已启用 / enabled: 王会计\n');
    expect(okJson<Array<{ name: string; active: boolean }>>(['operator', 'list'], { db })).toMatchObject([
      { name: '周主管', active: true },
      { name: '王会计', active: true },
    ]);

    const last = jucai(['operator', 'disable', '周主管', '--as', '周主管'], { db });
    expect(last.code).toBe(1);
    expect(last.stderr).toBe('错误：“周主管”是中心唯一在用的主管，不能停用；请先添加或启用另一名主管\n');
    const notBoss = jucai(['operator', 'rename', '周主管', '周经理', '--as', '王会计'], { db });
    expect(notBoss.code).toBe(1);
    expect(notBoss.stderr).toContain('无权管理操作员');
    expect(jucai(['operator', 'role', '王会计', 'boss', '--as', '周主管'], { db }).code).toBe(2);
    const audit = ok(['audit', 'list'], { db });
    for (const action of ['operator.rename', 'operator.setRole', 'operator.disable', 'operator.enable'])
      expect(audit).toContain(action);
  });
});
