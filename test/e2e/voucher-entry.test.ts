import { describe, expect, it } from 'vitest';
import type { Centre } from '../../src/ledger/centre.js';
import { appPerTest, screenshot } from '../support/browser.js';
import { grantVoucher, seededCentre } from '../support/centre.js';
import { VoucherEntryPage } from './pages/voucher-entry.js';

/**
 * 凭证录入 in real Chromium at 1366×768 on a seeded centre (王会计 keys vouchers into 东风社区's book).
 * The browser's clock is the test clock, 2025-06-30, so a new voucher is dated that day.
 */

const book = '东风社区';
describe('凭证录入 (browser)', () => {
  const apps = appPerTest();
  async function start(centre: Centre, operator = '王会计') {
    const app = await apps.open(centre);
    await app.page.clock.setFixedTime(new Date(2025, 5, 30, 10, 0, 0));
    await app.page.reload();
    const voucher = new VoucherEntryPage(app.page);
    await voucher.pickOperator(operator);
    return { page: app.page, voucher };
  }

  it('takes a three-line voucher from the keyboard alone and opens a blank one after Ctrl+S', async () => {
    const { centre, accountant } = await seededCentre();
    const { page, voucher } = await start(centre);

    await voucher.open();
    expect(await voucher.date.inputValue()).toBe('2025-06-30');
    expect(await voucher.number.textContent()).toContain('保存后编号');

    // Line 1: summary, 居民活动经费 by its pinyin initials, a debit.
    await voucher.enterLine({
      summary: '重阳节敬老活动',
      account: 'jmhdjf',
      pick: '510102',
      debit: '1200.5',
    });
    expect(await voucher.values(1)).toEqual({
      summary: '重阳节敬老活动',
      account: '510102 业务活动成本/居民活动经费',
      debit: '1,200.50',
      credit: '',
    });

    // Line 2: Enter at the end started it with the summary copied down and the cursor on the account.
    expect(await voucher.cell(2, 'summary').inputValue()).toBe('重阳节敬老活动');
    await voucher.typeAccount('sq');
    const options = await voucher.picker.getByRole('option').allTextContents();
    expect(options[0]).toContain('100201');
    expect(options.join('|')).toContain('银行存款/社区专户');
    expect(options.join('|')).toContain('44010101');
    // Only leaves: 1002 银行存款 itself is never offered.
    expect(await voucher.picker.locator('[data-code="1002"]').count()).toBe(0);
    await screenshot(page, 'voucher-entry-picker');
    await page.keyboard.type('zh');
    expect(await voucher.picker.getByRole('option').count()).toBe(1);
    await voucher.pickAccount('100201');
    await voucher.waitFocus(2, 'debit');
    // Typed on the wrong side: Space moves it to 贷方, and the cursor goes with it.
    await page.keyboard.type('1,000');
    await page.keyboard.press('Space');
    await voucher.waitFocus(2, 'credit');
    expect(await voucher.cell(2, 'debit').inputValue()).toBe('');
    expect(await voucher.cell(2, 'credit').inputValue()).toBe('1,000');
    await page.keyboard.press('Enter');
    await voucher.waitFocus(3, 'account');

    // Line 3: 现金 by initials, then '=' in 贷方 balances the voucher.
    await voucher.typeAccount('xj');
    await voucher.pickAccount('1001');
    await voucher.waitFocus(3, 'debit');
    await page.keyboard.press('Enter');
    await voucher.waitFocus(3, 'credit');
    await page.keyboard.type('=');
    expect(await voucher.cell(3, 'credit').inputValue()).toBe('200.50');

    await expect
      .poll(() => voucher.totals())
      .toEqual({
        debit: '1,200.50',
        credit: '1,200.50',
        difference: '差额 0.00',
        capital: '人民币壹仟贰佰元伍角整',
      });
    expect(await voucher.values(2)).toMatchObject({
      account: '100201 银行存款/社区专户',
      credit: '1,000.00',
    });
    expect(await voucher.picker.count()).toBe(0);
    await screenshot(page, 'voucher-entry');

    expect(await voucher.save()).toContain('已保存 记-0001');

    const list = await accountant('voucher.list', { book });
    expect(list).toHaveLength(1);
    const saved = await accountant('voucher.get', { book, voucher: list[0]!.id });
    expect(saved).toMatchObject({
      ref: '记-0001',
      date: '2025-06-30',
      status: 'draft',
      preparedBy: '王会计',
    });
    expect(saved.lines.map((l) => [l.lineNo, l.accountCode, l.summary, l.debit, l.credit])).toEqual([
      [1, '510102', '重阳节敬老活动', '1200.50', '0.00'],
      [2, '100201', '重阳节敬老活动', '0.00', '1000.00'],
      [3, '1001', '重阳节敬老活动', '0.00', '200.50'],
    ]);

    // A fresh blank voucher, cursor in the first summary, same date.
    await voucher.waitFocus(1, 'summary');
    expect(await voucher.number.textContent()).toContain('保存后编号');
    expect(await voucher.date.inputValue()).toBe('2025-06-30');
    for (const line of [1, 2, 3])
      expect(await voucher.values(line)).toEqual({ summary: '', account: '', debit: '', credit: '' });
    expect(await voucher.totals()).toMatchObject({ debit: '0.00', credit: '0.00', difference: '差额 0.00' });
  });

  it('shows a refused save next to the row and keeps everything typed', async () => {
    const { centre, accountant } = await seededCentre();
    const { page, voucher } = await start(centre);
    await voucher.open();
    // 9999 is no account: typed and not picked from the (empty) dropdown.
    await voucher.enterLine({ summary: '购买办公用品', account: '9999', debit: '80' });
    await voucher.enterLine({ account: 'yhck', pick: '100201', credit: '80' });

    const message = await voucher.saveRefused();
    expect(message).toContain('第 1 行 · 科目');
    expect(message).toContain('科目 9999 不存在');
    expect(await voucher.cell(1, 'account').getAttribute('class')).toContain('invalid');
    expect(await voucher.grid.locator('tbody tr[data-line="1"]').getAttribute('class')).toContain('bad');
    expect(await voucher.values(1)).toEqual({
      summary: '购买办公用品',
      account: '9999',
      debit: '80.00',
      credit: '',
    });
    expect(await voucher.values(2)).toMatchObject({ account: '100201 银行存款/社区专户', credit: '80.00' });
    // The cursor waits in the cell to correct.
    await voucher.waitFocus(1, 'account');
    await screenshot(page, 'voucher-entry-error');
    expect(await accountant('voucher.list', { book })).toHaveLength(0);

    // Corrected in place (办公费 by initials), it saves.
    await voucher.typeAccount('bgf');
    await voucher.pickAccount('520101');
    expect(await voucher.cell(1, 'account').getAttribute('class')).not.toContain('invalid');
    expect(await voucher.save()).toContain('记-0001');
    const [saved] = await accountant('voucher.list', { book });
    expect(saved).toMatchObject({ summary: '购买办公用品', amount: '80.00' });
  });

  it('does not save an unbalanced voucher: the refusal shows at the totals and uses no number', async () => {
    const { centre, accountant } = await seededCentre();
    const { page, voucher } = await start(centre);
    await voucher.open();
    await voucher.enterLine({ summary: '购买办公用品', account: 'bgf', pick: '520101', debit: '3000' });
    await voucher.enterLine({ account: 'yhck', pick: '100201', credit: '2999' });

    await page.keyboard.press('Control+s');
    const refusal = voucher.balanceRefusal;
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('借方 3000.00，贷方 2999.00，差额 1.00');
    expect(await voucher.totals()).toMatchObject({ difference: '差额 1.00' });
    expect(await voucher.number.textContent()).toContain('保存后编号');
    expect(await voucher.values(1)).toEqual({
      summary: '购买办公用品',
      account: '520101 管理费用/办公费',
      debit: '3,000.00',
      credit: '',
    });
    expect(await voucher.values(2)).toMatchObject({
      account: '100201 银行存款/社区专户',
      credit: '2,999.00',
    });
    expect(await page.getByRole('status').filter({ hasText: '已保存' }).count()).toBe(0);
    await screenshot(page, 'voucher-entry-unbalanced');
    expect(await accountant('voucher.list', { book })).toHaveLength(0);

    // Still unsaved: leaving asks first.
    await page.keyboard.press('Alt+1');
    await page.getByRole('dialog', { name: '放弃未保存的凭证？' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await voucher.hash()).toBe('#/voucher');

    // Corrected, it saves as the month's first voucher and the refusal is gone.
    await voucher.cell(2, 'credit').focus();
    await page.keyboard.type('3000');
    await expect.poll(() => voucher.balanceRefusal.count()).toBe(0);
    expect(await voucher.save()).toContain('已保存 记-0001');
  });

  it('refuses a voucher dated in a closed month, at the date, keeping the lines', async () => {
    const { centre, accountant } = await seededCentre();
    await accountant('period.close', { book, period: '2025-01' });
    const { page, voucher } = await start(centre);
    await voucher.open();
    // Shift+Tab back to the date (附单据, then 日期), a date in January, Enter through to the lines.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('2025-01-15');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await voucher.waitFocus(1, 'summary');
    await voucher.enterLine({ summary: '补记一月利息', account: 'lxsr', pick: '490101', credit: '12.34' });
    await voucher.enterLine({ account: '100201', pick: '100201', debit: '12.34' });

    const message = await voucher.saveRefused();
    expect(message).toContain('2025-01 已结账');
    expect(await voucher.date.getAttribute('class')).toContain('invalid');
    expect(await voucher.date.inputValue()).toBe('2025-01-15');
    expect(await voucher.values(1)).toMatchObject({ account: '490101 其他收入/利息收入', credit: '12.34' });
    expect(await voucher.values(2)).toMatchObject({ account: '100201 银行存款/社区专户', debit: '12.34' });
    expect(await accountant('voucher.list', { book })).toHaveLength(0);
  });

  it('says at the cell, on leaving it, that an account does not exist or the month is closed', async () => {
    const { centre, accountant } = await seededCentre();
    await accountant('period.close', { book, period: '2025-01' });
    const { page, voucher } = await start(centre);
    await voucher.open();
    await page.keyboard.type('购买办公用品');
    await page.keyboard.press('Enter');
    await voucher.waitFocus(1, 'account');

    // 9999 is no account: the cursor moves on and the cell says so.
    await page.keyboard.type('9999');
    await page.keyboard.press('Enter');
    await voucher.waitFocus(1, 'debit');
    const note = voucher.note(1, 'account');
    await note.waitFor();
    expect(await note.textContent()).toBe('科目 9999 不存在');
    expect(await voucher.cell(1, 'account').getAttribute('class')).toContain('invalid');
    await screenshot(page, 'voucher-entry-cell-note');

    // 1002 has sub-accounts (list closed with Esc, so nothing is picked for it).
    await page.keyboard.press('Shift+Enter');
    await voucher.waitFocus(1, 'account');
    await page.keyboard.type('1002');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await voucher.waitFocus(1, 'debit');
    await expect.poll(() => note.textContent()).toContain('1002 银行存款 有下级科目，只能用末级科目');

    // Corrected, the note goes.
    await page.keyboard.press('Shift+Enter');
    await voucher.waitFocus(1, 'account');
    await voucher.typeAccount('bgf');
    await voucher.pickAccount('520101');
    await voucher.waitFocus(1, 'debit');
    expect(await note.count()).toBe(0);
    expect(await voucher.cell(1, 'account').getAttribute('class')).not.toContain('invalid');

    // A date in a closed month is said on leaving the date, not only at save.
    await voucher.date.focus();
    await page.keyboard.type('2025-01-15');
    await page.keyboard.press('Enter');
    await page.getByLabel('附单据数').and(page.locator(':focus')).waitFor();
    await voucher.dateNote.waitFor();
    expect(await voucher.dateNote.textContent()).toContain('2025-01 已结账');
    expect(await voucher.date.getAttribute('class')).toContain('invalid');
    await screenshot(page, 'voucher-entry-date-note');
    await voucher.date.focus();
    await page.keyboard.type('2-15');
    await page.keyboard.press('Enter');
    await expect.poll(() => voucher.date.inputValue()).toBe('2025-02-15');
    expect(await voucher.dateNote.count()).toBe(0);
    expect(await accountant('voucher.list', { book })).toHaveLength(0);
  });

  it('goes on to the next line after a debit amount, skipping the empty credit cell', async () => {
    const { centre, accountant } = await seededCentre();
    const { page, voucher } = await start(centre);
    await voucher.open();
    await page.keyboard.type('支付水电费');
    await page.keyboard.press('Enter');
    await voucher.typeAccount('sdf');
    await voucher.pickAccount('520102');
    await voucher.waitFocus(1, 'debit');
    await page.keyboard.type('300');
    await page.keyboard.press('Enter');
    // A new line with the summary copied down, the cursor on its account.
    await voucher.waitFocus(2, 'account');
    expect(await voucher.values(1)).toEqual({
      summary: '支付水电费',
      account: '520102 管理费用/水电费',
      debit: '300.00',
      credit: '',
    });
    expect(await voucher.cell(2, 'summary').inputValue()).toBe('支付水电费');
    // No debit: Enter goes to the credit cell as before.
    await voucher.typeAccount('yhck');
    await voucher.pickAccount('100201');
    await voucher.waitFocus(2, 'debit');
    await page.keyboard.press('Enter');
    await voucher.waitFocus(2, 'credit');
    await page.keyboard.type('300');
    await page.keyboard.press('Enter');
    await voucher.waitFocus(3, 'account');
    expect(await voucher.save()).toContain('已保存 记-0001');
    const [saved] = await accountant('voucher.list', { book });
    expect(saved).toMatchObject({ summary: '支付水电费', amount: '300.00' });
  });

  it('offers the book’s projects in the 项目 cell by approval number, name or initials, and refuses others', async () => {
    const { centre, accountant } = await seededCentre();
    for (const [department, matter, approvalNumber] of [
      ['区民政局', '高龄老人走访', '鹿民准〔2025〕7号'],
      ['区卫健局', '健康宣传', '鹿卫准〔2025〕3号'],
    ] as const) {
      await accountant('admission.add', {
        book,
        department,
        matter,
        approvalNumber,
        approvalDate: '2025-03-01',
        amount: '8000.00',
        periodFrom: '2025-03',
        periodTo: '2025-12',
      });
    }
    const { page, voucher } = await start(centre);
    await voucher.open();
    await page.getByLabel('辅助核算（项目、收支项目）').check();
    await voucher.cell(1, 'summary').focus();
    await page.keyboard.type('收到高龄老人走访经费');
    await page.keyboard.press('Enter');
    await voucher.typeAccount('fssz');
    await voucher.pickAccount('44010202');
    await voucher.waitFocus(1, 'project');

    // Pinyin initials of the matter find the project; the list shows its approval number.
    await page.keyboard.type('gllr');
    const picker = voucher.projectPicker;
    await picker.waitFor();
    const options = picker.getByRole('option');
    expect(await options.count()).toBe(1);
    expect(await options.first().textContent()).toContain('鹿民准〔2025〕7号');
    expect(await options.first().textContent()).toContain('区民政局·高龄老人走访');
    await screenshot(page, 'voucher-entry-project-picker');
    await page.keyboard.press('Enter');
    await voucher.waitFocus(1, 'item');
    expect(await voucher.cell(1, 'project').inputValue()).toBe('区民政局·高龄老人走访');
    await page.keyboard.press('Enter');
    await voucher.waitFocus(1, 'debit');
    await page.keyboard.press('Enter');
    await voucher.waitFocus(1, 'credit');
    await page.keyboard.type('8000');
    await page.keyboard.press('Enter');
    await voucher.waitFocus(2, 'account');
    await voucher.typeAccount('yhck');
    await voucher.pickAccount('100201');
    await voucher.waitFocus(2, 'project');

    // A name that is not a project of the book is refused at the cell, and at save.
    await page.keyboard.type('社区微更新');
    await page.keyboard.press('Enter');
    await voucher.waitFocus(2, 'item');
    const note = voucher.note(2, 'project');
    await note.waitFor();
    expect(await note.textContent()).toContain('本账套没有项目“社区微更新”');
    await page.keyboard.press('Enter');
    await page.keyboard.type('8000');
    await page.keyboard.press('Enter');
    await voucher.waitFocus(3, 'account');
    await screenshot(page, 'voucher-entry-project-note');
    expect(await voucher.saveRefused()).toContain('第 2 行 · 项目');
    await voucher.waitFocus(2, 'project');

    // By its approval number: the cell then shows the project's full name.
    await page.keyboard.type('鹿民准');
    await picker.waitFor();
    await page.keyboard.press('Enter');
    await voucher.waitFocus(2, 'item');
    expect(await voucher.cell(2, 'project').inputValue()).toBe('区民政局·高龄老人走访');
    expect(await note.count()).toBe(0);
    expect(await voucher.save()).toContain('已保存 记-0001');

    const [saved] = await accountant('voucher.list', { book });
    const lines = (await accountant('voucher.get', { book, voucher: saved!.id })).lines;
    expect(lines.map((l) => [l.accountCode, l.project])).toEqual([
      ['44010202', '区民政局·高龄老人走访'],
      ['100201', '区民政局·高龄老人走访'],
    ]);
    const { projects } = await accountant('dimension.list', { book });
    expect(projects.map((p) => p.name)).toEqual(['区卫健局·健康宣传', '区民政局·高龄老人走访']);
  });

  it('inserts and deletes lines with Ctrl+I / Ctrl+D and keeps the cursor in place', async () => {
    const { centre } = await seededCentre();
    const { page, voucher } = await start(centre);
    await voucher.open();
    await voucher.enterLine({ summary: '支付水电费', account: 'sdf', pick: '520102', debit: '300' });
    await voucher.enterLine({ account: 'yhck', pick: '100201', credit: '300' });
    // Back up to line 2 and insert a line above it.
    await page.keyboard.press('ArrowUp');
    await voucher.waitFocus(2, 'account');
    await page.keyboard.press('Control+i');
    await voucher.waitFocus(2, 'summary');
    expect(await voucher.values(2)).toEqual({ summary: '', account: '', debit: '', credit: '' });
    expect(await voucher.values(3)).toMatchObject({ account: '100201 银行存款/社区专户', credit: '300.00' });
    // '..' copies the summary above; then the line is dropped again.
    await page.keyboard.type('..');
    expect(await voucher.cell(2, 'summary').inputValue()).toBe('支付水电费');
    await page.keyboard.press('Control+d');
    await voucher.waitFocus(2, 'summary');
    expect(await voucher.values(2)).toMatchObject({ account: '100201 银行存款/社区专户', credit: '300.00' });
    await expect.poll(() => voucher.status.textContent()).toContain('已删除第 2 行');
    expect(await voucher.totals()).toMatchObject({ debit: '300.00', credit: '300.00' });
  });

  it('pages through the book by date with PgUp/PgDn, asking before unsaved work is dropped', async () => {
    const { centre, accountant } = await seededCentre();
    await accountant('voucher.save', grantVoucher('2025-06-10')); // 记-0001
    await accountant('voucher.save', { ...grantVoucher('2025-06-05', '300.00') }); // 记-0002, earlier date
    const { page, voucher } = await start(centre);
    await voucher.open();

    await page.keyboard.type('还没写完');
    await page.keyboard.press('PageUp');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await voucher.cell(1, 'summary').inputValue()).toBe('还没写完');

    // Leaving for another screen asks too.
    await page.keyboard.press('Alt+1');
    await page.getByRole('dialog', { name: '放弃未保存的凭证？' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await voucher.cell(1, 'summary').inputValue()).toBe('还没写完');
    expect(await voucher.hash()).toBe('#/voucher');

    // Enter confirms: the latest voucher by date opens.
    await page.keyboard.press('PageUp');
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => voucher.number.textContent()).toBe('记-0001');
    expect(await voucher.date.inputValue()).toBe('2025-06-10');
    expect(await voucher.values(1)).toMatchObject({
      account: '100201 银行存款/社区专户',
      debit: '25,000.00',
    });

    await page.keyboard.press('PageUp');
    await expect.poll(() => voucher.number.textContent()).toBe('记-0002');
    expect(await voucher.date.inputValue()).toBe('2025-06-05');
    await page.keyboard.press('PageUp');
    await expect.poll(() => voucher.status.textContent()).toContain('已是第一张凭证');
    await page.keyboard.press('PageDown');
    await expect.poll(() => voucher.number.textContent()).toBe('记-0001');

    // Ctrl+Delete deletes the open draft after asking (Enter confirms); the later draft moves up.
    await page.keyboard.press('Control+Delete');
    await page.getByRole('dialog', { name: '删除凭证 记-0001？' }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => voucher.status.textContent()).toContain('已删除 记-0001');
    await voucher.waitFocus(1, 'summary');
    expect(await voucher.number.textContent()).toContain('保存后编号');
    const left = await accountant('voucher.list', { book });
    expect(left.map((v) => [v.ref, v.date])).toEqual([['记-0001', '2025-06-05']]);
  });

  it('opens a posted voucher read-only, and a red-ink reversal in red', async () => {
    const { centre, accountant, reviewer } = await seededCentre();
    const original = await accountant('voucher.save', grantVoucher('2025-06-10'));
    await reviewer('voucher.review', { book, voucher: original.id });
    await accountant('voucher.post', { book, voucher: original.id });
    const reversal = await accountant('voucher.reverse', { book, voucher: original.id });
    const { page, voucher } = await start(centre);

    await voucher.goto(`#/voucher?id=${original.id}`);
    await page.getByText('已审核/已记账的凭证不能修改，更正请用红字冲销').waitFor();
    expect(await voucher.number.textContent()).toBe('记-0001');
    expect(await page.locator('.voucher-head .badge').first().textContent()).toContain('已记账');
    expect(await voucher.grid.locator('input').count()).toBe(0);
    expect(await voucher.readCell(1, 'account').textContent()).toBe('100201 银行存款/社区专户');
    expect(await voucher.readCell(1, 'debit').textContent()).toBe('25,000.00');
    await page.keyboard.press('Control+s');
    expect(await page.getByRole('status').filter({ hasText: '已保存' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /保存/ }).count()).toBe(0);
    expect(await page.getByTestId('capital').textContent()).toBe('人民币贰万伍仟元整');
    await screenshot(page, 'voucher-entry-readonly');

    // The reversal is a draft with negative amounts: editable, red ink in red.
    await voucher.goto(`#/voucher?id=${reversal.id}`);
    await expect.poll(() => voucher.number.textContent()).toBe(reversal.ref);
    expect(await voucher.cell(1, 'debit').inputValue()).toBe('-25,000.00');
    expect(await voucher.cell(1, 'debit').getAttribute('class')).toContain('red');
    expect(await page.getByTestId('debit-total').locator('.amount').getAttribute('class')).toContain('red');
    await expect.poll(() => page.getByTestId('capital').textContent()).toBe('人民币负贰万伍仟元整');
    await screenshot(page, 'voucher-entry-red');
  });
});
