import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../support/browser.js';
import { grantVoucher, seededCentre } from '../support/centre.js';
import { PeriodsPage } from './pages/periods.js';
import { signIn, switchOperator } from './pages/start.js';

/**
 * Month-end: January's vouchers are posted, so 王会计 closes January; February still has a draft, so
 * the core refuses to close it and the screen says why; 周主管 reopens January with a reason, which the
 * audit log keeps.
 */
describe('结账: close and reopen months in the browser', () => {
  let app: App;
  let seeded: Awaited<ReturnType<typeof seededCentre>>;

  beforeAll(async () => {
    seeded = await seededCentre();
    const { accountant, reviewer } = seeded;
    await accountant('voucher.save', grantVoucher('2025-01-06'));
    await accountant('voucher.save', {
      book: '东风社区',
      date: '2025-01-20',
      lines: [
        { account: '520101', summary: '购买办公用品', debit: '420.00' },
        { account: '100201', credit: '420.00' },
      ],
    });
    await reviewer('voucher.reviewRange', { book: '东风社区', from: '2025-01', to: '2025-01' });
    await accountant('voucher.postRange', { book: '东风社区', from: '2025-01', to: '2025-01' });
    await accountant('voucher.save', grantVoucher('2025-02-08', '12000.00')); // a February draft
    app = await openApp(seeded.centre);
  });

  afterAll(async () => {
    await app?.close();
    seeded?.centre.close();
  });

  it('closes January in the screen', async () => {
    const { page } = app;
    await signIn(page, '王会计');
    const periods = await new PeriodsPage(page).open();
    expect(await periods.state('2025-01')).toBe('未结账');
    expect(await periods.state('2025-02')).toBe('未结账');
    // Only the first open month can be closed; February says why not, with a link to its draft.
    expect(await periods.button('2025-02', '结账').count()).toBe(0);
    const why = await periods.why('2025-02');
    expect(why).toContain('上月未结账');
    expect(why).toContain('还有 1 张凭证未记账');
    expect(
      await periods.row('2025-02').getByRole('link', { name: '还有 1 张凭证未记账' }).getAttribute('href'),
    ).toBe('#/vouchers?from=2025-02&to=2025-02');

    await periods.close('2025-01');
    await periods.done.filter({ hasText: '2025年1月已结账' }).waitFor();
    await periods.waitForState('2025-01', '已结账');
    expect(await periods.row('2025-01').innerText()).toContain('王会计');
    // An accountant may not reopen.
    expect(await periods.button('2025-01', '反结账').count()).toBe(0);
    expect(await periods.why('2025-01')).toContain('反结账须由主管操作');
  });

  it('shows the refusal when February still has a draft', async () => {
    const periods = new PeriodsPage(app.page);
    await periods.close('2025-02');
    const refusal = periods.error.filter({ hasText: '不能结账' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('2025-02 还有 1 张凭证未记账，不能结账：记-0001（未审核）');
    expect(await periods.state('2025-02')).toBe('未结账');
    await screenshot(app.page, 'periods');
  });

  it('lets the supervisor reopen January with a reason, and audits it', async () => {
    const { page } = app;
    await switchOperator(page, '周主管');
    const periods = await new PeriodsPage(page).open();
    // The reason is required.
    await periods.button('2025-01', '反结账').click();
    await periods.dialog.getByRole('button', { name: '反结账', exact: true }).click();
    await periods.dialog.getByText('请填写反结账原因').waitFor();
    await periods.dialog.getByRole('button', { name: '取消' }).click();

    await periods.reopen('2025-01', '补记1月漏记的银行手续费');
    await periods.done.filter({ hasText: '已反结账' }).waitFor();
    await periods.waitForState('2025-01', '未结账');
    expect(await periods.button('2025-01', '结账').count()).toBe(1);

    const audit = await seeded.boss('audit.list', { book: '东风社区', entity: 'period' });
    const reopen = audit.find((a) => a.action === 'period.reopen');
    expect(reopen?.operator).toBe('周主管');
    expect(reopen?.after).toMatchObject({ period: '2025-01', reason: '补记1月漏记的银行手续费' });
    expect(audit.find((a) => a.action === 'period.close')?.operator).toBe('王会计');
  });
});
