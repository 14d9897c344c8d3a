import { describe, expect, it } from 'vitest';
import { appPerTest, screenshot } from '../support/browser.js';
import type { Centre } from '../../src/ledger/centre.js';
import { seededCentre } from '../support/centre.js';
import { signIn } from './pages/start.js';
import { AccountsPage, AuditPage } from './pages/setup.js';

/**
 * 会计科目 shows each account's 限定性 and 辅助核算, and the accountant changes them on the account
 * (issue 16, item 2): every statement reads the attribute, so it is set here, never read from the code.
 */

const book = '东风社区';

describe('会计科目: 限定性 and 辅助核算 (browser)', () => {
  const apps = appPerTest();
  async function start(centre: Centre, operator: string) {
    const app = await apps.open(centre);
    await signIn(app.page, operator);
    return { page: app.page, accounts: await new AccountsPage(app.page).open() };
  }

  it('shows them on every account, and the accountant changes them from the keyboard', async () => {
    const { centre, accountant } = await seededCentre();
    // A 政府购买服务 contract whose money the district restricted: its own income sub-account, with
    // two accounts under it; one of them was already set apart to require a project on every line.
    await accountant('account.add', { book, code: '430102', name: '限定性收入' });
    await accountant('account.add', { book, code: '43010201', name: '政府购买服务(专项)' });
    await accountant('account.add', { book, code: '43010202', name: '社区微更新' });
    await accountant('account.setAttributes', {
      book,
      code: '43010202',
      dimensions: { project: 'required' },
    });
    const { page, accounts } = await start(centre, '王会计');

    // The default chart's attributes, as the template gives them.
    expect(await accounts.restriction('440102')).toBe('限定');
    expect(await accounts.restriction('440101')).toBe('');
    expect(await accounts.restriction('3102')).toBe('限定');
    expect(await accounts.dimensionText('3102')).toBe('项目');
    expect(await accounts.dimensionText('44010202')).toBe('项目必填');
    expect(await accounts.dimensionText('1122')).toBe('往来单位');
    expect(await accounts.dimensionText('1001')).toBe('');
    // 430102 took 4301's: unrestricted, no dimension; its second child keeps its own rule.
    expect(await accounts.restriction('430102')).toBe('');
    expect(await accounts.dimensionText('43010202')).toBe('项目必填');

    await accounts.select('430102');
    const form = accounts.attributeForm;
    expect(await form.getByRole('button', { name: '保存属性' }).isDisabled()).toBe(true);
    // From the chart, Tab goes to the panel's 限定性; Space ticks it, Tab goes on to the 项目 rule. The
    // form says who follows before it is saved.
    await page.getByLabel('科目表').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>(`document.activeElement?.getAttribute('aria-label') ?? ''`)).toBe(
      '限定性',
    );
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>(`document.activeElement?.getAttribute('aria-label') ?? ''`)).toBe(
      '项目',
    );
    await form.getByLabel('项目', { exact: true }).selectOption({ label: '核算' });
    const effect = await form.getByTestId('attribute-effect').innerText();
    expect(effect).toContain('43010201');
    expect(effect).toContain('43010202');
    expect(effect).toContain('所有期间');
    await screenshot(page, 'accounts-attributes-edit');
    await form.getByLabel('往来单位').focus();
    await page.keyboard.press('Enter');
    const done = await accounts.notice();
    expect(done).toContain('430102');
    expect(done).toContain('2 个下级科目');

    // The account and the sub-accounts that followed it; 43010202 keeps its own 项目必填.
    expect(await accounts.restriction('430102')).toBe('限定');
    expect(await accounts.dimensionText('430102')).toBe('项目');
    expect(await accounts.restriction('43010201')).toBe('限定');
    expect(await accounts.dimensionText('43010201')).toBe('项目');
    expect(await accounts.restriction('43010202')).toBe('限定');
    expect(await accounts.dimensionText('43010202')).toBe('项目必填');
    expect(await form.getByRole('button', { name: '保存属性' }).isDisabled()).toBe(true);
    await screenshot(page, 'accounts-attributes-saved');

    const chart = await accountant('account.list', { book });
    expect(
      chart
        .filter((a) => a.code.startsWith('430102'))
        .map((a) => [a.code, a.restricted, a.dimensions.project, a.dimensions.party]),
    ).toEqual([
      ['430102', true, 'tracked', 'none'],
      ['43010201', true, 'tracked', 'none'],
      ['43010202', true, 'required', 'none'],
    ]);

    // Making it unrestricted again is as plain; the audit log names the change.
    await accounts.select('430102');
    await form.getByLabel('限定性').uncheck();
    await form.getByRole('button', { name: '保存属性' }).click();
    await expect.poll(() => accounts.restriction('43010201')).toBe('');
    const audit = await new AuditPage(page).open();
    expect((await audit.actions()).slice(0, 2)).toEqual(['科目属性', '科目属性']);
  });

  it('shows them read-only to the oversight committee', async () => {
    const { centre } = await seededCentre();
    const { page, accounts } = await start(centre, '陈议监');
    await accounts.select('44010202');
    const panel = await accounts.panel.innerText();
    expect(panel).toContain('限定性');
    expect(panel).toMatch(/限定性\s*是/);
    expect(panel).toMatch(/辅助核算\s*项目（必填）/);
    expect(await accounts.attributeForm.count()).toBe(0);
    expect(await accounts.panel.getByRole('checkbox').count()).toBe(0);
    expect(await accounts.panel.getByRole('button').count()).toBe(0);
    await screenshot(page, 'accounts-attributes-overseer');
  });
});
