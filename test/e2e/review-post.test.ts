import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../support/browser.js';
import { grantVoucher, seededCentre } from '../support/centre.js';
import { signIn, switchOperator } from './pages/start.js';
import { VoucherListPage } from './pages/voucher-list.js';

/**
 * 王会计 prepares January's vouchers; 李审核 reviews one from its voucher panel and the rest in a batch
 * (his own voucher is skipped with the reason), then posts them all; 王会计 reverses one with a red
 * voucher from the screen.
 */
describe('凭证查询: review, post and reverse in the browser', () => {
  let app: App;
  let seeded: Awaited<ReturnType<typeof seededCentre>>;

  beforeAll(async () => {
    seeded = await seededCentre();
    const { accountant, reviewer } = seeded;
    await accountant('voucher.save', grantVoucher('2025-01-05')); // 记-0001
    await accountant('voucher.save', {
      book: '东风社区',
      date: '2025-01-10',
      attachments: 3,
      lines: [
        { account: '510102', summary: '重阳节敬老活动购买慰问品', debit: '1280.00' },
        { account: '100201', credit: '1280.00' },
      ],
    }); // 记-0002
    await accountant('voucher.save', {
      book: '东风社区',
      date: '2025-01-18',
      attachments: 2,
      lines: [
        { account: '520101', summary: '购买办公用品（打印纸、墨盒）', debit: '356.50' },
        { account: '100201', credit: '356.50' },
      ],
    }); // 记-0003
    await accountant('voucher.save', grantVoucher('2025-01-25', '18000.00')); // 记-0004
    // The reviewer's own entry: he may not review it himself.
    await reviewer('voucher.save', {
      book: '东风社区',
      date: '2025-01-28',
      attachments: 1,
      lines: [
        { account: '520101', summary: '支付宽带网络费', debit: '199.00' },
        { account: '100201', credit: '199.00' },
      ],
    }); // 记-0005
    app = await openApp(seeded.centre);
  });

  afterAll(async () => {
    await app?.close();
    seeded?.centre.close();
  });

  it('does not let the accountant review', async () => {
    const { page } = app;
    await signIn(page, '王会计');
    const list = await new VoucherListPage(page).open();
    expect(await list.rows.count()).toBe(5);
    expect(await list.status('2025-01', '记-0001')).toBe('未审核');
    expect(await page.getByTestId('list-summary').innerText()).toContain('2025-01 至 2025-12');

    const detail = await list.openDetail('2025-01', '记-0001');
    expect(await detail.innerText()).toContain('人民币贰万伍仟元整');
    expect(await detail.innerText()).toContain('100201');
    expect(await detail.innerText()).toContain('银行存款');
    expect(await list.action('审核').count()).toBe(0);
    expect(await list.batchButton('批量审核').count()).toBe(0);

    // The R key on the selected row explains instead of acting.
    await list.row('2025-01', '记-0001').focus();
    await page.keyboard.press('r');
    await list.flash.filter({ hasText: '不能审核' }).waitFor();
    expect(await list.status('2025-01', '记-0001')).toBe('未审核');
  });

  it('lets the reviewer review one voucher from its panel, post it by key, and review the rest in a batch', async () => {
    const { page } = app;
    await switchOperator(page, '李审核');
    const list = await new VoucherListPage(page).open();

    await list.openDetail('2025-01', '记-0001');
    await list.action('审核').click();
    await list.waitForStatus('2025-01', '记-0001', /已审核/);
    await list.detail.locator('.vp-signs').getByText('李审核').waitFor();

    // Keyboard: ↓ moves to the next voucher and the open panel follows it; Esc closes it, ↑ and
    // Enter open the first again, and P posts it.
    await list.row('2025-01', '记-0001').focus();
    await page.keyboard.press('ArrowDown');
    await list.detailOf('2025-01', '记-0002').waitFor();
    await page.keyboard.press('Escape');
    await list.detail.waitFor({ state: 'detached' });
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await list.detailOf('2025-01', '记-0001').waitFor();
    // Posting cannot be undone: P asks first, Esc keeps the voucher as it was and the cursor on its row.
    await page.keyboard.press('p');
    const ask = page.getByRole('dialog', { name: '记账 2025-01 记-0001？' });
    await ask.waitFor();
    expect(await ask.innerText()).toContain('记账后凭证不能再修改');
    await screenshot(page, 'voucher-post-confirm');
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    expect(await list.status('2025-01', '记-0001')).toBe('已审核');
    await page.locator('tr[data-ref="记-0001"]:focus').waitFor();
    // P again, and Enter posts it.
    await page.keyboard.press('p');
    await ask.waitFor();
    await page.keyboard.press('Enter');
    await list.waitForStatus('2025-01', '记-0001', /已记账/);
    await page.locator('tr[data-ref="记-0001"]:focus').waitFor();
    // His own voucher offers no review, and says why.
    await list.openDetail('2025-01', '记-0005');
    expect(await list.action('审核').count()).toBe(0);
    expect(await list.detail.innerText()).toContain('审核人不能是制单人');

    const result = await list.batch('批量审核');
    expect(await result.getByTestId('batch-done').innerText()).toContain('已审核 3 张');
    expect(await result.getByTestId('batch-skipped').innerText()).toContain('跳过 1 张');
    const skipped = result.locator('li[data-voucher="2025-01 记-0005"]');
    expect(await skipped.innerText()).toContain('审核人不能是制单人');
    for (const ref of ['记-0002', '记-0003', '记-0004']) await list.waitForStatus('2025-01', ref, /已审核/);
    expect(await list.status('2025-01', '记-0005')).toBe('未审核');
    await screenshot(page, 'voucher-batch');
  });

  it('posts every reviewed voucher with 批量记账', async () => {
    const list = new VoucherListPage(app.page);
    // The panel's 记账 button asks too; 取消 leaves the voucher reviewed.
    await list.openDetail('2025-01', '记-0002');
    await list.action('记账').click();
    await list.dialog.getByRole('button', { name: '取消' }).click();
    await list.dialog.waitFor({ state: 'detached' });
    expect(await list.status('2025-01', '记-0002')).toBe('已审核');
    const result = await list.batch('批量记账');
    expect(await result.getByTestId('batch-done').innerText()).toContain('已记账 3 张');
    for (const ref of ['记-0001', '记-0002', '记-0003', '记-0004'])
      await list.waitForStatus('2025-01', ref, /已记账/);
    const vouchers = await seeded.accountant('voucher.list', { book: '东风社区' });
    expect(vouchers.map((v) => `${v.ref} ${v.status} ${v.postedBy ?? ''}`)).toEqual([
      '记-0001 posted 李审核',
      '记-0002 posted 李审核',
      '记-0003 posted 李审核',
      '记-0004 posted 李审核',
      '记-0005 draft ',
    ]);
  });

  it('reverses a posted voucher with a red one as the accountant', async () => {
    const { page } = app;
    await switchOperator(page, '王会计');
    const list = await new VoucherListPage(page).open();
    await list.openDetail('2025-01', '记-0002');
    await list.action('红字冲销').click();
    await list.dialog.waitFor();
    const preview = await page.getByTestId('reversal-preview').innerText();
    expect(preview).toContain('注销1月10日记-2号凭证');
    expect(preview).toContain('-1,280.00');
    await screenshot(page, 'voucher-reversal');
    await list.confirmDialog();

    const done = page.getByTestId('reversal-done');
    await done.waitFor();
    expect(await done.innerText()).toContain('记-0006');

    // Through the API: a red draft with negative amounts, linked to the original.
    const original = await seeded.accountant('voucher.get', { book: '东风社区', voucher: '2025-01 记-2' });
    const red = await seeded.accountant('voucher.get', { book: '东风社区', voucher: '2025-01 记-6' });
    expect(red.reverses?.id).toBe(original.id);
    expect(original.reversedBy?.id).toBe(red.id);
    expect(red.status).toBe('draft');
    expect(red.summary).toBe('注销1月10日记-2号凭证');
    expect(red.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['510102', '-1280.00', '0.00'],
      ['100201', '0.00', '-1280.00'],
    ]);

    // In the list: the red marker and what it reverses; the original shows 已冲销.
    await list.waitForStatus('2025-01', '记-0006', /红字/);
    expect(await list.status('2025-01', '记-0006')).toBe('未审核 · 红字 冲 记-0002');
    expect(await list.status('2025-01', '记-0002')).toBe('已记账 已冲销');
    expect(await list.row('2025-01', '记-0006').locator('.amount.red').innerText()).toBe('-1,280.00');

    // Offered right after: open the red voucher.
    await done.getByRole('button', { name: '打开红字凭证' }).click();
    await list.detailOf('2025-01', '记-0006').waitFor();
    expect(await list.detail.innerText()).toContain('人民币负壹仟贰佰捌拾元整');
    await screenshot(page, 'voucher-red');

    // The list with mixed statuses and a voucher open.
    await list.openDetail('2025-01', '记-0002');
    await screenshot(page, 'voucher-list');
  });
});
