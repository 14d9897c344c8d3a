import { describe, expect, it } from 'vitest';
import type { Centre } from '../../src/ledger/centre.js';
import { appPerTest, screenshot } from '../support/browser.js';
import { seededCentre } from '../support/centre.js';
import { VoucherEntryPage } from './pages/voucher-entry.js';

/**
 * 赤字控制 in the browser: a payment out of an empty till saves with a warning by default, and is
 * refused once the supervisor sets the book to refuse (on 社区与账套).
 */

async function payFromEmptyTill(voucher: VoucherEntryPage) {
  await voucher.open();
  await voucher.enterLine({ summary: '购买办公用品', account: '520101', pick: '520101', debit: '500' });
  await voucher.enterLine({ account: '1001', pick: '1001', credit: '500' });
}

describe('赤字控制 (browser)', () => {
  const apps = appPerTest();
  async function start(centre: Centre, operator: string) {
    const app = await apps.open(centre);
    await app.page.clock.setFixedTime(new Date(2025, 5, 30, 10, 0, 0));
    await app.page.reload();
    const voucher = new VoucherEntryPage(app.page);
    await voucher.pickOperator(operator);
    return { page: app.page, voucher, app };
  }

  it('saves a payment out of an empty till with a warning, then refuses it once the book is set to refuse', async () => {
    const seeded = await seededCentre();
    const { centre, accountant } = seeded;
    const first = await start(centre, '王会计');
    await payFromEmptyTill(first.voucher);
    expect(await first.voucher.save()).toContain('注意：1001 现金 余额将为 -500.00 元（赤字）');
    await screenshot(first.page, 'cash-deficit-warned');

    // The supervisor sets the book to refuse on 社区与账套.
    const boss = await start(centre, '周主管');
    await boss.page.goto(`${boss.page.url().split('#')[0]}#/communities`);
    const control = boss.page.getByTestId('deficit-control');
    await control.selectOption('refuse');
    await expect.poll(async () => (await accountant('book.list', {}))[0]!.deficitControl).toBe('refuse');
    await screenshot(boss.page, 'cash-deficit-setting');

    const again = await start(centre, '王会计');
    await payFromEmptyTill(again.voucher);
    expect(await again.voucher.saveRefused()).toContain('本账套设置为赤字时不允许保存');
    await screenshot(again.page, 'cash-deficit-refused');
    expect(await accountant('voucher.list', { book: '东风社区' })).toHaveLength(1);
  });
});
