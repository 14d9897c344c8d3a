import { describe, expect, it, onTestFinished } from 'vitest';
import type { ReportModel } from '../src/reports/model.js';
import { as, openTestCentre, refused } from './support/centre.js';
import { writeCsv } from './support/files.js';

/**
 * 限定性 and 辅助核算 are attributes of each account, set in the chart file or on the 会计科目 screen. A
 * centre's own chart may number its accounts differently from the default one, so no report may
 * decide restriction from a code.
 */

/** A centre's own chart, as exported from its old software: 430102 is an ordinary service income. */
const ownChart = [
  ['科目编码', '科目名称', '余额方向', '限定性', '辅助核算'],
  ['1001', '现金', '借', '', ''],
  ['1002', '银行存款', '借', '', ''],
  ['100201', '社区专户', '', '', ''],
  ['3101', '非限定性净资产', '贷', '', ''],
  ['3102', '限定性净资产', '贷', '是', '项目'],
  ['4301', '提供服务收入', '贷', '', ''],
  ['430101', '卫生费', '', '', ''],
  ['430102', '治安巡逻费', '', '', ''],
  ['4401', '政府补助收入', '贷', '', ''],
  ['440101', '工作经费', '', '', ''],
  ['440102', '专项补助', '', '是', '项目'],
  ['44010201', '费随事转经费', '', '', '项目（必填）'],
  ['5101', '业务活动成本', '借', '', '项目'],
  ['510101', '人员经费', '', '', ''],
];

async function ownCentre(chart = ownChart) {
  const centre = openTestCentre();
  onTestFinished(() => centre.close());
  await as(centre)('operator.add', { name: '周主管', role: 'supervisor' });
  const boss = as(centre, '周主管');
  await boss('operator.add', { name: '王会计', role: 'accountant' });
  await boss('operator.add', { name: '李审核', role: 'reviewer' });
  await boss('community.add', { name: '南塘社区', code: 'NT', kind: 'urban' });
  const accountant = as(centre, '王会计');
  const reviewer = as(centre, '李审核');
  await accountant('book.create', {
    community: '南塘社区',
    startPeriod: '2025-01',
    chartFile: writeCsv(chart, '科目表.csv'),
  });
  const post = async (date: string, lines: Array<Record<string, string>>) => {
    const v = await accountant('voucher.save', {
      book: '南塘社区',
      date,
      lines: lines as Array<{ account: string }>,
    });
    await reviewer('voucher.review', { book: '南塘社区', voucher: v.id });
    await reviewer('voucher.post', { book: '南塘社区', voucher: v.id });
  };
  return { centre, boss, accountant, post };
}

/** Cells of a statement line by its 行次. */
function line(model: ReportModel, number: number, side?: 'left' | 'right'): Record<string, string> {
  const key = side ? `${side}Line` : 'line';
  const row = model.rows.find((r) => r.cells[key] === String(number));
  if (!row) throw new Error(`no line ${number}`);
  return row.cells;
}

describe('限定性 is the account’s attribute', () => {
  it('an ordinary service income at 430102 in a centre’s own chart is unrestricted in both statements', async () => {
    const { accountant, post } = await ownCentre();
    await post('2025-03-05', [
      { account: '1001', summary: '收取治安巡逻费', debit: '600.00' },
      { account: '430102', credit: '600.00' },
    ]);
    await post('2025-03-20', [
      { account: '100201', summary: '收到区民政局费随事转经费', debit: '1000.00' },
      { account: '44010201', credit: '1000.00', project: '区民政局·助老服务' },
    ]);
    const accounts = await accountant('account.list', { book: '南塘社区' });
    const restricted = accounts.filter((a) => a.restricted).map((a) => a.code);
    expect(restricted).toEqual(['3102', '440102', '44010201']);
    expect(accounts.find((a) => a.code === '44010201')!.dimensions.project).toBe('required');
    expect(accounts.find((a) => a.code === '510101')!.dimensions.project).toBe('tracked');

    const activities = await accountant('report.view', {
      report: 'activities',
      book: '南塘社区',
      from: '2025-03',
      to: '2025-03',
    });
    // 提供服务收入 (line 3): the 600.00 of 治安巡逻费 is 非限定性; 政府补助收入 (5): the task money 限定性.
    expect([line(activities, 3).periodUnrestricted, line(activities, 3).periodRestricted]).toEqual([
      '600.00',
      '',
    ]);
    expect([line(activities, 5).periodUnrestricted, line(activities, 5).periodRestricted]).toEqual([
      '',
      '1000.00',
    ]);
    const sheet = await accountant('report.view', {
      report: 'balance-sheet',
      book: '南塘社区',
      from: '2025-03',
      to: '2025-03',
    });
    expect(line(sheet, 101, 'right').rightClosing).toBe('600.00');
    expect(line(sheet, 105, 'right').rightClosing).toBe('1000.00');
  });

  it('restriction set on the account moves its income to the 限定性 column, with the sub-accounts that followed it', async () => {
    const { boss, accountant, post } = await ownCentre();
    await post('2025-03-05', [
      { account: '1001', summary: '收取卫生费', debit: '300.00' },
      { account: '430101', credit: '300.00' },
    ]);
    await post('2025-03-06', [
      { account: '1001', summary: '收取治安巡逻费', debit: '600.00' },
      { account: '430102', credit: '600.00' },
    ]);
    // The provider restricts 卫生费 to cleaning work: the accountant marks that account 限定性.
    const after = await accountant('account.setAttributes', {
      book: '南塘社区',
      code: '430101',
      restricted: true,
    });
    expect(after.restricted).toBe(true);
    const activities = await accountant('report.view', {
      report: 'activities',
      book: '南塘社区',
      from: '2025-03',
      to: '2025-03',
    });
    expect([line(activities, 3).periodUnrestricted, line(activities, 3).periodRestricted]).toEqual([
      '600.00',
      '300.00',
    ]);
    // Marking the parent takes 430102 along (it followed 4301), and the audit log records the change.
    await accountant('account.setAttributes', { book: '南塘社区', code: '4301', restricted: true });
    const accounts = await accountant('account.list', { book: '南塘社区' });
    expect(accounts.filter((a) => a.code.startsWith('4301')).map((a) => a.restricted)).toEqual([
      true,
      true,
      true,
    ]);
    const audit = await boss('audit.list', { book: '南塘社区' });
    expect(audit.filter((a) => a.action === 'account.attributes')).toHaveLength(2);
  });

  it('a draft saved before its account came to require a project is not reviewed until it names one', async () => {
    const { centre, accountant, post } = await ownCentre();
    await post('2025-03-01', [
      { account: '510101', summary: '支付人员经费', debit: '100.00' },
      { account: '100201', credit: '100.00' },
    ]);
    const draft = await accountant('voucher.save', {
      book: '南塘社区',
      date: '2025-03-02',
      lines: [
        { account: '510101', summary: '支付人员经费', debit: '200.00' },
        { account: '100201', credit: '200.00' },
      ],
    });
    const changed = await accountant('account.setAttributes', {
      book: '南塘社区',
      code: '5101',
      dimensions: { project: 'required' },
    });
    expect(changed.followed).toEqual(['510101 人员经费']);
    const reviewer = as(centre, '李审核');
    const error = await refused(reviewer('voucher.review', { book: '南塘社区', voucher: draft.id }));
    expect(error.message).toContain('第 1 行 510101 业务活动成本/人员经费 必须填写项目');
    // The posted one from before is still corrected by red ink, as it was booked.
    const red = await accountant('voucher.reverse', { book: '南塘社区', voucher: '2025-03 记-1' });
    await reviewer('voucher.review', { book: '南塘社区', voucher: red.id });
  });

  it('only income and net asset accounts can be 限定性', async () => {
    const { accountant } = await ownCentre();
    const error = await refused(
      accountant('account.setAttributes', { book: '南塘社区', code: '510101', restricted: true }),
    );
    expect(error.message).toContain(
      '510101 业务活动成本/人员经费 是费用类科目，只有收入和净资产科目可以是限定性的',
    );
    const chart = [...ownChart.slice(0, 5), ['5101', '业务活动成本', '借', '是', '']];
    const centre = openTestCentre();
    onTestFinished(() => centre.close());
    await as(centre)('operator.add', { name: '周主管', role: 'supervisor' });
    const boss = as(centre, '周主管');
    await boss('community.add', { name: '西山社区', code: 'XS', kind: 'urban' });
    const refusedChart = await refused(
      boss('book.create', {
        community: '西山社区',
        startPeriod: '2025-01',
        chartFile: writeCsv(chart, '科目表.csv'),
      }),
    );
    expect(refusedChart.rows.map((r) => [r.row, r.column])).toEqual([[6, '限定性']]);
  });

  it('a chart file with a bad 限定性 value, an unknown dimension and a missing parent is refused with every problem', async () => {
    const broken = [
      ...ownChart.slice(0, 5),
      ['3102', '限定性净资产', '贷', '也许', '项目'],
      ['4301', '提供服务收入', '贷', '', '部门'],
      ['52010101', '办公费', '', '', ''],
    ];
    const centre = openTestCentre();
    onTestFinished(() => centre.close());
    await as(centre)('operator.add', { name: '周主管', role: 'supervisor' });
    const boss = as(centre, '周主管');
    await boss('community.add', { name: '南塘社区', code: 'NT', kind: 'urban' });
    const error = await refused(
      boss('book.create', {
        community: '南塘社区',
        startPeriod: '2025-01',
        chartFile: writeCsv(broken, '科目表.csv'),
      }),
    );
    expect(error.code).toBe('import_failed');
    const rows = error.rows.map((r) => [r.row, r.column]);
    // Row 6 duplicates 3102 as well; what matters is that the file's problems come in one list.
    // The reader's findings (a value it cannot read) and the chart's (a code without its parent) at once.
    expect(rows).toEqual([
      [6, '限定性'],
      [7, '辅助核算'],
      [8, '科目编码'],
    ]);
    expect(await boss('book.list', {})).toEqual([]);
  });
});
