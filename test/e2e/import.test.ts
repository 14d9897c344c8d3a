import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../support/browser.js';
import { seededCentre } from '../support/centre.js';
import { quarterOfVouchers, writeCsv } from '../support/files.js';
import { AccountsPage, ImportPage, StartScreen } from './pages/setup.js';

/**
 * 王会计 imports a quarter of vouchers from the old software. The first file has two bad rows (an
 * account that does not exist and an amount that is not a number): the screen lists both by row and
 * column, and nothing reaches the books. The corrected file goes in whole.
 */
describe('导入凭证: a refused file lists every bad row, a good one is summarised', () => {
  let app: App;
  let seeded: Awaited<ReturnType<typeof seededCentre>>;

  beforeAll(async () => {
    seeded = await seededCentre();
    app = await openApp(seeded.centre);
  });

  afterAll(async () => {
    await app?.close();
    seeded?.centre.close();
  });

  it('shows the bad rows and imports nothing, then imports the corrected file', async () => {
    const { page } = app;
    await new StartScreen(page).signIn('王会计');
    const screen = await new ImportPage(page).open('凭证');

    const rows = quarterOfVouchers();
    const broken = rows.map((row) => [...row]);
    broken[3]![4] = '9999'; // row 4: 支付1月份水电费 on an account the book does not have
    broken[5]![6] = 'abc'; // row 6: 重阳节敬老活动 with an amount that is not a number
    const bad = writeCsv(broken, '2025一季度凭证（有误）.csv');

    expect(await screen.run(bad)).toBe('refused');
    const errors = await screen.errorRows();
    expect(errors.map((e) => e.row)).toEqual([4, 6]);
    expect(errors[0]).toMatchObject({ row: 4, column: '科目编码' });
    expect(errors[0]!.reason).toContain('9999');
    expect(errors[0]!.reason).toContain('不存在');
    expect(errors[1]).toMatchObject({ row: 6, column: '借方金额' });
    expect(errors[1]!.reason).toContain('abc');
    const refusal = await screen.errors.innerText();
    expect(refusal).toContain('未导入任何凭证');
    expect(refusal).toContain('本次没有导入任何凭证');
    await screenshot(page, 'import-errors');

    // Nothing reached the books.
    expect(await seeded.accountant('voucher.list', { book: '东风社区' })).toHaveLength(0);

    const good = writeCsv(rows, '2025一季度凭证.csv');
    expect(await screen.run(good)).toBe('imported');
    const summary = await screen.summary.innerText();
    expect(summary).toContain('导入 5 张凭证、11 行分录');
    expect(summary).toContain('2025-01 记-0001');
    expect(summary).toContain('2025-03 记-0002');
    expect(await screen.errors.count()).toBe(0);
    await screenshot(page, 'import-summary');

    const vouchers = await seeded.accountant('voucher.list', { book: '东风社区' });
    expect(vouchers).toHaveLength(5);
    expect(vouchers.every((v) => v.status === 'draft')).toBe(true);
  });

  it('refuses to delete an account the imported vouchers use, and says why', async () => {
    const { page } = app;
    const accounts = await new AccountsPage(page).open();
    await accounts.select('520102');
    await accounts.panel.getByRole('button', { name: '删除' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
    const refusal = accounts.panel.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('已有凭证分录，不能删除；不再使用时请停用');
    expect(await accounts.row('520102').count()).toBe(1);
    await screenshot(page, 'accounts-delete-refused');
  });
});
