import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../support/browser.js';
import { seededCentre } from '../support/centre.js';
import { GrantsPage, HouseholdsPage } from './pages/grants.js';
import { shown } from './pages/reports.js';
import { signIn, switchOperator } from './pages/start.js';

/**
 * 社区工作经费 for 2025: 王会计 records the household counts of 东风社区 (市区) and 西山社区 (农村新社区)
 * and sees what each figure does to the entitlement; 周主管 sets 西山社区's rate per household, which
 * the policy bounds to 5–10 元; the entitlement table shows every community with its working, 海岛社区
 * waiting for its counts, and totals that agree with the core's.
 */
describe('应拨经费: household counts and the centre entitlement table in the browser', () => {
  let app: App;
  let seeded: Awaited<ReturnType<typeof seededCentre>>;

  beforeAll(async () => {
    seeded = await seededCentre();
    await seeded.boss('community.add', { name: '西山社区', code: 'XS', kind: 'rural' });
    await seeded.boss('community.add', { name: '海岛社区', code: 'HD', kind: 'remote' });
    app = await openApp(seeded.centre);
  });

  afterAll(async () => {
    await app?.close();
    seeded?.centre.close();
  });

  it('records household counts in 户数 and says what each does to 应拨', async () => {
    const { page } = app;
    await signIn(page, '王会计');
    const households = await new HouseholdsPage(page).open();
    await households.selectYear(2025);
    expect(await households.prompt('海岛社区')).toContain('尚未录入 2025 年户数');

    await households.record('西山社区', {
      resident: '1200',
      registered: '900',
      newResidents: '85',
      asOf: '2025-06-30',
      source: '西山镇民政办 2025 年户籍统计',
    });
    // Rural: the default 5.00 元 per resident household until the supervisor chooses a rate.
    expect(await households.change.innerText()).toBe('应拨由 0.00 变为 6,000.00（差额 +6,000.00）');

    // A mistyped figure, then the correction: the old one stays in the history.
    const dongfeng = {
      registered: '1500',
      asOf: '2025-06-30',
      source: '五马街道民政办 2025 年户籍统计',
    };
    await households.record('东风社区', { ...dongfeng, resident: '1980' });
    expect(await households.change.innerText()).toBe('应拨由 0.00 变为 210,160.00（差额 +210,160.00）');
    await households.record('东风社区', { ...dongfeng, resident: '2000' });
    expect(await households.change.innerText()).toBe('应拨由 210,160.00 变为 211,000.00（差额 +840.00）');
    await households.history.locator('tbody tr').nth(1).waitFor();
    expect(await households.history.locator('tbody tr').count()).toBe(2);
    expect(await households.history.locator('tbody tr').first().innerText()).toContain('现行');

    // The list re-reads after the save.
    await households
      .row('东风社区')
      .locator('td[data-column="resident"]')
      .filter({ hasText: '2,000' })
      .waitFor();
    expect(await households.figure('东风社区', 'resident')).toBe('2,000');
    expect(await households.figure('东风社区', 'registered')).toBe('1,500');
    expect(await households.figure('西山社区', 'resident')).toBe('1,200');
    expect(await households.figure('西山社区', 'newResidents')).toBe('85');
    expect(await households.row('东风社区').innerText()).toContain('王会计');

    const stored = await seeded.accountant('households.list', { year: 2025 });
    expect(stored.map((h) => [h.community, h.resident, h.registered])).toEqual([
      ['东风社区', 2000, 1500],
      ['西山社区', 1200, 900],
    ]);
    await screenshot(page, 'households');
  });

  it("lets the supervisor set 西山社区's rate within the policy's range", async () => {
    const { page } = app;
    await switchOperator(page, '周主管');
    const grants = await new GrantsPage(page).openWithShortcut();
    await grants.selectYear(2025);
    await grants.waitForTotal('西山社区', '6,000.00');

    await grants.setRate('西山社区', '11');
    await grants.rateError('西山社区').waitFor();
    expect(await grants.rateError('西山社区').innerText()).toContain('5.00–10.00');
    await screenshot(page, 'grants-rate-refused');
    expect(await grants.text('西山社区', 'total')).toBe('6,000.00');

    await grants.setRate('西山社区', '8');
    await grants.waitForTotal('西山社区', '9,600.00');
    expect(await grants.rateError('西山社区').count()).toBe(0);
    expect(await grants.text('西山社区', 'working')).toContain('8 × 1,200 = 9,600.00');
  });

  it('shows each entitlement with its working, the missing counts and totals that agree with the core', async () => {
    const grants = new GrantsPage(app.page);
    expect(await grants.text('东风社区', 'total')).toBe('211,000.00');
    expect(await grants.text('东风社区', 'weighted')).toBe('1,850');
    expect(await grants.text('东风社区', 'working')).toContain(
      '100,000 + 60 × (2,000 × 70% + 1,500 × 30%) = 100,000 + 60 × 1,850 = 211,000.00',
    );
    expect(await grants.text('西山社区', 'total')).toBe('9,600.00');
    expect(await grants.text('海岛社区', 'total')).toBe('');
    expect(await grants.text('海岛社区', 'working')).toContain('尚未录入 2025 年户数');
    expect(
      await grants
        .community('海岛社区')
        .getByRole('link', { name: /录入户数/ })
        .getAttribute('href'),
    ).toBe(`#/households?year=2025&community=${encodeURIComponent('海岛社区')}`);

    const core = await seeded.boss('grant.entitlement', { year: 2025 });
    expect(await grants.totals()).toEqual({
      base: shown(core.totals.base),
      household: shown(core.totals.household),
      total: shown(core.totals.total),
    });
    expect(core.totals.total).toBe('220600.00');

    // The policies in plain Chinese.
    expect(await grants.policy('urban').innerText()).toContain(
      '市区：基数 100,000.00 元 + 每折算户 60.00 元，折算户数 = 常住 × 70% + 户籍 × 30%，分上下半年拨付',
    );
    expect(await grants.policy('rural').innerText()).toContain('农村新社区：每户 5.00–10.00 元');
  });

  it('calculates as the figures are typed', async () => {
    const grants = new GrantsPage(app.page);
    await grants.calculate('市区', 2025, '2001', '1333');
    await grants.calcTotal.filter({ hasText: '208,036.00' }).waitFor();
    expect(await grants.calcWorking.innerText()).toBe(
      '100,000 + 60 × (2,001 × 70% + 1,333 × 30%) = 100,000 + 60 × 1,800.6 = 208,036.00',
    );
    const sources = await grants.page.getByTestId('calc-sources').innerText();
    // Each source in two halves: 100,000.00 base and 108,036.00 per household.
    expect(sources).toMatch(/基数拨款\s+100,000\.00\s+上半年\s+50,000\.00\s+下半年\s+50,000\.00/);
    expect(sources).toMatch(/按户拨款\s+108,036\.00\s+上半年\s+54,018\.00\s+下半年\s+54,018\.00/);
    await screenshot(grants.page, 'grants');
  });

  it('exports the table as CSV for Excel', async () => {
    const grants = new GrantsPage(app.page);
    const { name, text } = await grants.exportCsv();
    expect(name).toBe('应拨经费-2025.csv');
    expect(text.startsWith('\uFEFF社区,编号,类型,')).toBe(true);
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(
      '东风社区,DF,市区,2000,1500,1850,,100000.00,111000.00,211000.00,' +
        '"100,000 + 60 × (2,000 × 70% + 1,500 × 30%) = 100,000 + 60 × 1,850 = 211,000.00"',
    );
    expect(lines[3]).toBe(
      '西山社区,XS,农村新社区,1200,900,1200,8.00,,9600.00,9600.00,"8 × 1,200 = 9,600.00"',
    );
    expect(lines[2]).toBe('海岛社区,HD,山区/海岛,,,,,,,,尚未录入 2025 年户数');
    expect(lines[4]).toBe('合计,,,,,,,100000.00,120600.00,220600.00,');
  });

  it('lets the supervisor edit a policy, and shows a refusal', async () => {
    const grants = new GrantsPage(app.page);
    await grants.policy('town').getByRole('button', { name: '修改' }).click();
    const form = app.page.getByRole('form', { name: '修改县城/建制镇拨款政策' });
    await form.getByLabel('常住户数权重').fill('80');
    await form.getByRole('button', { name: '保存政策' }).click();
    await form.getByText('常住户数权重与户籍户数权重之和须为 1').waitFor();
    await screenshot(app.page, 'grants-policy-refused');

    await form.getByLabel('常住户数权重').fill('70');
    await form.getByLabel('基数拨款').fill('120,000');
    await form.getByRole('button', { name: '保存政策' }).click();
    await form.waitFor({ state: 'detached' });
    await app.page
      .getByTestId('policy-saved')
      .filter({ hasText: '已保存 2025 年县城/建制镇拨款政策' })
      .waitFor();
    await grants.policy('town').filter({ hasText: '120,000.00' }).waitFor();
    expect(await grants.policy('town').innerText()).toContain(
      '县城/建制镇：基数 120,000.00 元 + 每折算户 60.00 元',
    );
    const policies = await seeded.boss('grant.policies', { year: 2025 });
    expect(policies.find((p) => p.kind === 'town')).toMatchObject({
      base: '120000.00',
      residentWeight: '0.7',
    });
  });

  it('shows the overseer the figures without any way to change them', async () => {
    const { page } = app;
    await switchOperator(page, '陈议监');
    const grants = await new GrantsPage(page).openWithShortcut();
    await grants.selectYear(2025);
    expect(await grants.text('西山社区', 'rate')).toBe('8.00 元');
    expect(await grants.community('西山社区').getByRole('textbox').count()).toBe(0);
    expect(await grants.policies.getByRole('button', { name: '修改' }).count()).toBe(0);

    const households = await new HouseholdsPage(page).open();
    await households.selectYear(2025);
    await households.select('东风社区');
    expect(await households.form.count()).toBe(0);
    await page.getByText('只有会计或主管可以录入户数').waitFor();
  });
});
