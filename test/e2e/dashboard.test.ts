import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../support/browser.js';
import { grantVoucher, seededCentre } from '../support/centre.js';
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
    for (const row of status) {
      const text = await table.locator('tbody tr', { hasText: row.book.community }).innerText();
      if (row.drafts > 0) expect(text).toContain(`${row.drafts} 张`);
      expect(text).toContain(row.monthsToClose[0]!);
    }
    await screenshot(page, 'dashboard');
    // A due item leads to the vouchers waiting for review.
    await table.locator('tbody tr', { hasText: '东风社区' }).getByText('2 张').click();
    // Polled through page.evaluate: waitForFunction evals in the page, which the app's CSP forbids.
    await expect.poll(() => page.evaluate<string>('location.hash')).toMatch(/^#\/vouchers.*status=draft/);
  });
});
