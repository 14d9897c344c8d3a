import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../support/browser.js';
import { grantVoucher, seededCentre } from '../support/centre.js';
import { OperatorsPage } from './pages/setup.js';
import { signIn, switchOperator } from './pages/start.js';

/**
 * 操作员 in the window: the supervisor adds an accountant (the role must be chosen every time), corrects
 * a name, changes a role, disables and enables an operator, and is stopped from disabling the last
 * supervisor. The accountant sees the list without any of these actions.
 */
describe('操作员: a supervisor manages operators in the browser', () => {
  let app: App;
  let seeded: Awaited<ReturnType<typeof seededCentre>>;

  beforeAll(async () => {
    seeded = await seededCentre();
    await seeded.accountant('voucher.save', grantVoucher('2025-01-06'));
    app = await openApp(seeded.centre);
  });

  afterAll(async () => {
    await app?.close();
    seeded?.centre.close();
  });

  const operators = async () =>
    (await seeded.boss('operator.list', {})).map((o) => [o.name, o.role, o.active] as const);

  it('adds an operator only with a chosen role, and the role picker starts empty again', async () => {
    const { page } = app;
    await signIn(page, '周主管');
    const screen = await new OperatorsPage(page).open();
    const form = screen.addForm;
    const role = form.getByLabel('角色');
    expect(await role.inputValue()).toBe('');
    await form.getByLabel('姓名').fill('赵会计');
    // A name alone is not enough: the role has to be chosen.
    expect(await form.getByRole('button', { name: '添加操作员' }).isDisabled()).toBe(true);
    await screenshot(page, 'operators-add-empty-role');
    await role.selectOption({ label: '议监会（只读）' });
    await form.getByRole('button', { name: '添加操作员' }).click();
    await screen.row('赵会计').waitFor();
    // The next operator starts from an empty picker, not from the overseer just chosen.
    expect(await role.inputValue()).toBe('');
    expect(await form.getByLabel('姓名').inputValue()).toBe('');
    await screen.add('钱会计', '会计');
    expect((await operators()).slice(-2)).toEqual([
      ['赵会计', 'overseer', true],
      ['钱会计', 'accountant', true],
    ]);
  });

  it('corrects a name, changes a role, disables and enables, with the refusals shown', async () => {
    const { page } = app;
    const screen = await new OperatorsPage(page).open();
    await screen.rename('李审核', '李复核');
    expect(await screen.row('李复核').innerText()).toContain('审核');
    await screen.setRole('赵会计', '会计');
    await screen.toggle('钱会计', '停用');
    await expect.poll(() => screen.status('钱会计')).toBe('停用');
    expect(await operators()).toEqual([
      ['周主管', 'supervisor', true],
      ['王会计', 'accountant', true],
      ['李复核', 'reviewer', true],
      ['陈议监', 'overseer', true],
      ['赵会计', 'accountant', true],
      ['钱会计', 'accountant', false],
    ]);

    // The last supervisor stays: the card says why, and nothing changes.
    const own = await screen.edit('周主管');
    await own.getByLabel('角色').selectOption({ label: '会计' });
    await own.getByRole('button', { name: '改角色' }).click();
    await own.getByText('“周主管”是中心唯一在用的主管，不能改为会计；请先添加或启用另一名主管').waitFor();
    await own.getByRole('button', { name: '停用', exact: true }).click();
    await own.getByText('“周主管”是中心唯一在用的主管，不能停用；请先添加或启用另一名主管').waitFor();
    expect((await operators())[0]).toEqual(['周主管', 'supervisor', true]);
    await screenshot(page, 'operators-last-supervisor');

    // The disabled operator is not offered at the start screen; enabled, they are again.
    await switchOperator(page, '王会计');
    await page.getByRole('button', { name: /^周主管/ }).waitFor({ state: 'detached' });
    await switchOperator(page, '周主管');
    expect(await page.getByRole('button', { name: /^钱会计/ }).count()).toBe(0);
  });

  it('keeps the session of a supervisor who corrects their own name', async () => {
    const { page } = app;
    const screen = await new OperatorsPage(page).open();
    await screen.toggle('钱会计', '启用');
    await expect.poll(() => screen.status('钱会计')).toBe('在用');
    await screen.rename('周主管', '周主任');
    await page.getByTestId('operator').getByText('周主任', { exact: true }).waitFor();
    expect(await screen.row('周主任').innerText()).toContain('（当前）');
    await screenshot(page, 'operators-renamed-self');
    // The audit log says what changed, in words.
    const log = await seeded.overseer('audit.list', {});
    expect(log.slice(0, 6).map((a) => [a.operator, a.action])).toEqual([
      ['周主任', 'operator.rename'],
      ['周主任', 'operator.enable'],
      ['周主任', 'operator.disable'],
      ['周主任', 'operator.setRole'],
      ['周主任', 'operator.rename'],
      ['周主任', 'operator.add'],
    ]);
    await page.getByRole('navigation', { name: '导航' }).getByRole('link', { name: '操作日志' }).click();
    const audit = page.getByTestId('audit');
    await audit.getByText('周主管 → 周主任').waitFor();
    await audit.getByText('李审核 → 李复核').waitFor();
    await audit.getByText('赵会计：议监会（只读） → 会计').waitFor();
    await screenshot(page, 'operators-audit');
  });

  it('shows an accountant the list without the supervisor’s actions', async () => {
    const { page } = app;
    await switchOperator(page, '王会计');
    const screen = await new OperatorsPage(page).open();
    expect(await screen.table.getByRole('button', { name: '修改' }).count()).toBe(0);
    expect(await screen.addForm.count()).toBe(0);
    await page.getByText('只有主管可以添加和修改操作员。').waitFor();
  });
});
