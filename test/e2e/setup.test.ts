import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../support/browser.js';
import { as, openTestCentre } from '../support/centre.js';
import { writeCsv } from '../support/files.js';
import type { Centre } from '../../src/ledger/centre.js';
import {
  AccountsPage,
  AuditPage,
  CommunitiesPage,
  OpeningPage,
  OperatorsPage,
  StartScreen,
} from './pages/setup.js';

/** The chart the centre used in its old software, as it exports it (sub-accounts inherit the side). */
const oldChart = [
  ['科目编码', '科目名称', '余额方向'],
  ['1001', '现金', '借'],
  ['1002', '银行存款', '借'],
  ['100201', '社区专户', ''],
  ['1122', '其他应收款', '借'],
  ['1501', '固定资产', '借'],
  ['1502', '累计折旧', '贷'],
  ['2201', '其他应付款', '贷'],
  ['220101', '代收代付款', ''],
  ['220102', '押金', ''],
  ['3101', '非限定性净资产', '贷'],
  ['3102', '限定性净资产', '贷'],
  ['4101', '捐赠收入', '贷'],
  ['4401', '政府补助收入', '贷'],
  ['440101', '社区工作经费', ''],
  ['44010101', '基础经费', ''],
  ['44010102', '按户经费', ''],
  ['440102', '费随事转经费', ''],
  ['4601', '其他收入', '贷'],
  ['5101', '业务活动成本', '借'],
  ['510101', '居民活动经费', ''],
  ['510102', '慰问救助费', ''],
  ['5201', '管理费用', '借'],
  ['520101', '办公费', ''],
  ['520102', '水电费', ''],
  ['520103', '人员补贴', ''],
  ['5401', '其他费用', '借'],
];

/**
 * A new centre from nothing, in the window alone: the first supervisor signs in, adds 东风社区 with its
 * dedicated bank account, creates its book from the chart file of the old software, adds a
 * sub-account, types the opening balances until they balance, and adds the accountant; the audit log
 * shows each step.
 */
describe('setting up a centre in the browser', () => {
  let app: App;
  let centre: Centre;

  beforeAll(async () => {
    centre = openTestCentre();
    app = await openApp(centre);
  });

  afterAll(async () => {
    await app?.close();
    centre?.close();
  });

  it('goes from an empty centre file to a balanced book and a second operator', async () => {
    const { page } = app;
    const api = as(centre, '周主管');
    await new StartScreen(page).createFirstSupervisor('周主管');

    // 社区与账套: the community with its 专户, then its book from the old chart.
    const communities = await new CommunitiesPage(page).open();
    // No community yet: the 建账 card says so and how to add one (not that every community has a book).
    const panel = await communities.bookPanel.innerText();
    expect(panel).toContain('还没有社区');
    expect(panel).toContain('先在“添加社区”中添加');
    await screenshot(page, 'communities-none');
    await communities.addCommunity({
      name: '东风社区',
      kind: '市区',
      district: '鹿城区',
      subdistrict: '五马街道',
      bankAccounts: [{ bankName: '温州银行五马支行', accountNumber: '8010 0012 3456 7890' }],
    });
    const row = await communities.row('东风社区').innerText();
    expect(row).toContain('市区');
    expect(row).toContain('五马街道');
    expect(row).toContain('温州银行五马支行');
    expect(row).toContain('未建账');
    const [community] = await api('community.list', {});
    expect(community).toMatchObject({
      name: '东风社区',
      kind: 'urban',
      bankAccounts: [{ bankName: '温州银行五马支行', accountNumber: '8010 0012 3456 7890' }],
    });
    await screenshot(page, 'communities');

    const chartFile = writeCsv(oldChart, '旧软件科目表.csv');
    await communities.createBook('东风社区', '2025-01', chartFile);

    // The new book opens on its chart, as the current book.
    const accounts = new AccountsPage(page);
    await page.getByText('已为“东风社区”建账').waitFor();
    await accounts.chart.waitFor();
    await expect.poll(() => page.getByLabel('当前账套').inputValue()).toBe('东风社区');
    const codes = await accounts.codes();
    expect(codes).toEqual(oldChart.slice(1).map((r) => r[0]));
    expect(await accounts.row('44010101').innerText()).toContain('基础经费');
    const [book] = await api('book.list', {});
    expect(book).toMatchObject({ community: '东风社区', startPeriod: '2025-01', chart: '旧软件科目表.csv' });

    // A sub-account under 管理费用 takes its parent's side.
    await accounts.addSubAccount('5201', '04', '会议费');
    expect(await accounts.row('520104').innerText()).toContain('会议费');
    expect(await accounts.row('520104').innerText()).toContain('借');
    await accounts.filter('5201');
    expect(await accounts.codes()).toEqual(['5201', '520101', '520102', '520103', '520104']);
    await accounts.filter('');
    await accounts.select('520104');
    await screenshot(page, 'accounts');
    const added = (await api('account.list', { book: '东风社区' })).find((a) => a.code === '520104');
    expect(added).toMatchObject({ name: '会议费', normalSide: 'debit', isLeaf: true, parentCode: '5201' });

    // 期初余额: leaves only; the balance badge follows the typing.
    const opening = await new OpeningPage(page).open();
    expect(await opening.row('1002').locator('input').count()).toBe(0); // a parent: rolled up, read-only
    await opening.enter('100201', '借方', '86500');
    await opening.enter('1001', '借方', '1,200.00');
    await opening.enter('220102', '贷方', '3700');
    expect(await opening.state()).toBe('不平');
    expect(await opening.row('1002').innerText()).toContain('86,500.00');
    await opening.enter('1122', '借方', '12.345'); // three decimals: refused on the spot
    expect(await opening.row('1122').innerText()).toContain('不是有效的金额');
    expect(await page.getByRole('button', { name: '保存期初余额' }).isDisabled()).toBe(true);
    await screenshot(page, 'opening-unbalanced');
    await opening.enter('1122', '借方', '');
    await opening.enter('3101', '贷方', '84000.00');
    expect(await opening.state()).toBe('平衡');
    const totals = await opening.totals();
    expect(totals).toContain('87,700.00');
    expect(await opening.row('2201').innerText()).toContain('3,700.00');
    await opening.save();
    const saved = await api('opening.get', { book: '东风社区' });
    expect(saved).toMatchObject({ debitTotal: '87700.00', creditTotal: '87700.00', balanced: true });
    expect(saved.rows.map((r) => r.code)).toEqual(['1001', '100201', '220102', '3101']);
    await screenshot(page, 'opening');

    // 操作员: the supervisor adds the accountant.
    const operators = await new OperatorsPage(page).open();
    await operators.add('王会计', '会计');
    expect(await operators.row('王会计').innerText()).toContain('会计');
    expect((await api('operator.list', {})).map((o) => [o.name, o.role])).toEqual([
      ['周主管', 'supervisor'],
      ['王会计', 'accountant'],
    ]);
    await screenshot(page, 'operators');

    // 操作日志: every step, newest first, in words.
    const audit = await new AuditPage(page).open();
    expect(await audit.actions()).toEqual([
      '添加操作员',
      '期初余额',
      '增加科目',
      '建账',
      '添加社区',
      '添加操作员',
    ]);
    const log = await audit.table.innerText();
    expect(log).toContain('520104 管理费用/会议费');
    expect(log).toContain('旧软件科目表.csv');
    await screenshot(page, 'audit');

    // Back on 社区与账套, the community shows its book.
    const again = await new CommunitiesPage(page).open();
    const built = await again.row('东风社区').innerText();
    expect(built).toContain('启用 2025-01');
    expect(built).toContain('当前账套');
    await screenshot(page, 'communities-built');
  });
});
