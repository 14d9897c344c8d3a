import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../support/browser.js';
import { grantVoucher, seededCentre } from '../support/centre.js';
import { CommunitiesPage } from './pages/setup.js';
import { signIn } from './pages/start.js';

/** The start of a working day: choose who is working, then see what is due in every community. */
describe('start screen and 工作台', () => {
  let app: App;
  let seeded: Awaited<ReturnType<typeof seededCentre>>;

  beforeAll(async () => {
    seeded = await seededCentre();
    await seeded.boss('community.add', { name: '西山社区', kind: 'rural' });
    await seeded.accountant('book.create', { community: '西山社区', startPeriod: '2025-03' });
    await seeded.accountant('voucher.save', grantVoucher('2025-01-06'));
    await seeded.accountant('voucher.save', grantVoucher('2025-02-06', '800.00'));
    // Cash paid out before any was drawn: 现金 is -300.00 in the posted books.
    const paid = await seeded.accountant('voucher.save', {
      book: '东风社区',
      date: '2025-02-03',
      lines: [
        { account: '520101', summary: '购买办公用品', debit: '300.00' },
        { account: '1001', summary: '购买办公用品', credit: '300.00' },
      ],
    });
    await seeded.reviewer('voucher.review', { book: '东风社区', voucher: paid.id });
    await seeded.reviewer('voucher.post', { book: '东风社区', voucher: paid.id });
    // Two communities added but not yet set up with their books.
    await seeded.boss('community.add', { name: '北岙社区', kind: 'remote' });
    await seeded.boss('community.add', { name: '南塘社区', kind: 'urban' });
    app = await openApp(seeded.centre);
  });

  afterAll(async () => {
    await app?.close();
    seeded?.centre.close();
  });

  it('lists the operators to choose from, then shows each community with its drafts and months to close', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /王会计/ }).waitFor();
    await screenshot(page, 'start');
    await signIn(page, '王会计');
    const table = page.getByTestId('dashboard');
    await table.waitFor();
    const status = await seeded.overseer('centre.status', {});
    expect(status).toHaveLength(4);
    for (const row of status) {
      if (row.book === null) continue;
      const text = await table.locator('tbody tr', { hasText: row.community.name }).innerText();
      if (row.drafts > 0) expect(text).toContain(`${row.drafts} 张`);
      expect(text).toContain(row.monthsToClose[0]!);
    }
    // Every community counts, the one without a book too, with the way to 建账.
    await page.getByText('4 个社区（2 个未建账）').waitFor();
    const unbuilt = table.locator('tbody tr', { hasText: '南塘社区' });
    expect(await unbuilt.innerText()).toContain('未建账');
    expect(await unbuilt.getByRole('link', { name: '去建账' }).getAttribute('href')).toBe(
      '#/communities?community=%E5%8D%97%E5%A1%98%E7%A4%BE%E5%8C%BA',
    );
    // Money below zero is flagged: the community, the account with its full name, the balance.
    const negative = page.getByTestId('negative-cash');
    expect(await negative.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^东风社区\s+1001\s+现金\s+-300\.00$/),
    ]);
    expect(await table.locator('tbody tr', { hasText: '东风社区' }).innerText()).toContain('余额为负');
    await screenshot(page, 'dashboard');
    // 去建账 opens 社区与账套 with that community (not the first without a book) chosen in the 建账 form.
    await unbuilt.getByRole('link', { name: '去建账' }).click();
    const communities = new CommunitiesPage(page);
    await expect
      .poll(() => communities.bookForm.getByLabel('社区', { exact: true }).inputValue())
      .toBe('南塘社区');
    await screenshot(page, 'communities-from-dashboard');
    await page.goBack();
    await table.waitFor();
    // The flagged account opens its ledger.
    await negative.getByRole('link', { name: '1001' }).click();
    await expect.poll(() => page.evaluate<string>('location.hash')).toBe('#/ledger?account=1001');
    await page.goBack();
    await table.waitFor();
    // A due item leads to the vouchers waiting for review.
    await table.locator('tbody tr', { hasText: '东风社区' }).getByText('2 张').click();
    // Polled through page.evaluate: waitForFunction evals in the page, which the app's CSP forbids.
    await expect.poll(() => page.evaluate<string>('location.hash')).toMatch(/^#\/vouchers.*status=draft/);
  });
});
