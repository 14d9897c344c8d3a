import { describe, expect, it } from 'vitest';
import { chartTemplate } from '../src/ledger/accounts.js';
import { grantVoucher, refused, seededForTest } from './support/centre.js';

const book = '东风社区';

describe('the default chart: 民间非营利组织会计制度 adapted for communities', () => {
  const template = chartTemplate();
  const level1 = template.accounts.filter((a) => a.code.length === 4);

  it('has all 48 official level-1 accounts with their normal sides', () => {
    expect(level1).toHaveLength(48);
    expect(level1[0]).toEqual({ code: '1001', name: '现金', normalSide: 'debit' });
    expect(level1.at(-1)).toEqual({ code: '5401', name: '其他费用', normalSide: 'debit' });
    // Contra accounts of assets are credit-normal.
    for (const code of ['1102', '1131', '1202', '1421', '1502'])
      expect(level1.find((a) => a.code === code)?.normalSide, code).toBe('credit');
    for (const a of level1.filter((x) => /^[23]|^4/.test(x.code)))
      expect(a.normalSide, a.code).toBe('credit');
    for (const a of level1.filter((x) => /^5/.test(x.code))) expect(a.normalSide, a.code).toBe('debit');
  });

  it('has the community sub-accounts in 4-2-2 codes', () => {
    const byCode = new Map(template.accounts.map((a) => [a.code, a.name]));
    expect(
      Object.fromEntries(
        ['100201', '44010101', '44010102', '44010103', '44010201', '44010202', '220902'].map((c) => [
          c,
          byCode.get(c),
        ]),
      ),
    ).toEqual({
      '100201': '社区专户',
      '44010101': '社区工作经费(基础经费)',
      '44010102': '社区工作经费(按户核拨)',
      '44010103': '评先评优奖励',
      '44010201': '建设经费',
      '44010202': '费随事转经费',
      '220902': '应退回专项资金',
    });
    for (const name of ['卫生费', '治安巡逻费', '车棚场地租用'])
      expect(
        [...byCode.entries()].some(([c, n]) => c.startsWith('4301') && n === name),
        name,
      ).toBe(true);
    for (const name of [
      '人员经费',
      '居民活动经费',
      '慰问救助费',
      '宣传费',
      '卫生保洁',
      '治安巡逻',
      '费随事转项目支出',
    ]) {
      expect(
        [...byCode.entries()].some(([c, n]) => c.startsWith('5101') && n === name),
        name,
      ).toBe(true);
    }
    for (const name of ['办公费', '水电费', '邮电通讯网络费', '会议培训费', '维修费', '折旧费']) {
      expect(
        [...byCode.entries()].some(([c, n]) => c.startsWith('5201') && n === name),
        name,
      ).toBe(true);
    }
    expect(byCode.get('410101')).toBe('非限定性收入');
    expect(byCode.get('410102')).toBe('限定性收入');
  });

  it('gives a new book the template, with full names for every account', async () => {
    const s = await seededForTest();
    const accounts = await s.accountant('account.list', { book });
    expect(accounts).toHaveLength(template.accounts.length);
    expect(accounts.find((a) => a.code === '44010202')).toMatchObject({
      fullName: '政府补助收入/限定性收入/费随事转经费',
      level: 3,
      category: 'income',
      normalSide: 'credit',
      isLeaf: true,
    });
    expect(accounts.find((a) => a.code === '4401')?.isLeaf).toBe(false);
  });
});

describe('maintaining the chart', () => {
  it('adds a sub-account under its parent, inheriting the side, in 4-2-2 codes', async () => {
    const s = await seededForTest();
    const added = await s.accountant('account.add', { book, code: '100202', name: '社区专户(建行)' });
    expect(added).toMatchObject({ fullName: '银行存款/社区专户(建行)', level: 2, normalSide: 'debit' });
    expect(
      (await refused(s.accountant('account.add', { book, code: '1002033', name: '错' }))).message,
    ).toContain('4-2-2');
    expect(
      (await refused(s.accountant('account.add', { book, code: '10029901', name: '孤儿' }))).message,
    ).toContain('上级科目 100299 不存在');
    expect((await refused(s.accountant('account.add', { book, code: '100201', name: '重复' }))).code).toBe(
      'duplicate',
    );
  });

  it('an account with lines cannot get a child, and says so clearly', async () => {
    const s = await seededForTest();
    await s.accountant('voucher.save', grantVoucher('2025-01-05'));
    const error = await refused(s.accountant('account.add', { book, code: '10020101', name: '子账户' }));
    expect(error.code).toBe('account_in_use');
    expect(error.message).toContain('上级科目 100201 银行存款/社区专户 已有凭证分录，不能增加下级科目');
  });

  it('an account with lines cannot be deleted, only disabled; an unused leaf can be deleted', async () => {
    const s = await seededForTest();
    await s.accountant('voucher.save', grantVoucher('2025-01-05'));
    const error = await refused(s.accountant('account.delete', { book, code: '44010101' }));
    expect(error.message).toContain('已有凭证分录，不能删除；不再使用时请停用');
    expect((await refused(s.accountant('account.delete', { book, code: '4401' }))).message).toContain(
      '有下级科目',
    );
    await s.accountant('account.delete', { book, code: '520199' });
    expect((await s.accountant('account.list', { book })).some((a) => a.code === '520199')).toBe(false);
    const disabled = await s.accountant('account.disable', { book, code: '44010101' });
    expect(disabled.active).toBe(false);
    expect(
      (await s.accountant('account.list', { book, includeInactive: false })).some(
        (a) => a.code === '44010101',
      ),
    ).toBe(false);
  });

  it('renames keep the code and show in every full name below', async () => {
    const s = await seededForTest();
    await s.accountant('account.rename', { book, code: '1001', name: '库存现金' });
    const accounts = await s.accountant('account.list', { book });
    expect(accounts.find((a) => a.code === '1001')?.name).toBe('库存现金');
    const log = await s.overseer('audit.list', { book, entity: 'account' });
    expect(log[0]).toMatchObject({
      action: 'account.rename',
      before: { name: '现金' },
      after: { name: '库存现金' },
    });
  });

  it('disabling a parent disables the accounts below it', async () => {
    const s = await seededForTest();
    await s.accountant('account.disable', { book, code: '5201' });
    const accounts = await s.accountant('account.list', { book });
    expect(accounts.filter((a) => a.code.startsWith('5201')).every((a) => !a.active)).toBe(true);
  });

  it('community names are unique within the centre, and each community has one book', async () => {
    const s = await seededForTest();
    expect((await refused(s.boss('community.add', { name: '东风社区', kind: 'town' }))).message).toContain(
      '社区名称不能重复',
    );
    expect(
      (await refused(s.accountant('book.create', { community: '东风社区', startPeriod: '2025-01' }))).message,
    ).toContain('已经建账');
    const c = await s.boss('community.add', {
      name: '海岛社区',
      kind: 'remote',
      bankAccounts: [{ bankName: '农商银行洞头支行', accountNumber: '6228 0000 1234' }],
    });
    expect(c).toMatchObject({
      code: 'S002',
      kind: 'remote',
      bankAccounts: [{ bankName: '农商银行洞头支行', accountNumber: '6228 0000 1234' }],
    });
  });
});
