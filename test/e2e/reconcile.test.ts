import { describe, expect, it, onTestFinished } from 'vitest';
import { openApp, screenshot } from '../support/browser.js';
import { writeCsv, writeXlsx } from '../support/files.js';
import {
  ACCOUNT,
  allocationHeader,
  allocationRows,
  bankHeader,
  bankLines,
  reconcileCentre,
} from '../support/reconcile-centre.js';
import { AllocationsPage, BankPage, inWindow } from './pages/reconcile.js';
import { AuditPage } from './pages/setup.js';
import { signIn, switchOperator } from './pages/start.js';

/** The centre of three communities sharing one 专户, with a quarter of bookings, in the browser. */
async function centreInBrowser() {
  const s = await reconcileCentre();
  const app = await openApp(s.centre);
  onTestFinished(() => app.close());
  await signIn(app.page, '王会计');
  return { ...s, page: app.page };
}

describe('对账 in the browser', () => {
  it('imports the district statement through the mapping dialog, matches automatically, unmatches and re-matches by keyboard, and lists the exceptions', async () => {
    const s = await centreInBrowser();
    const { page } = s;
    const screen = await new AllocationsPage(page).open();

    // District finance's GB18030 export: every column is guessed from its header, 拨付金额（元） too.
    const file = writeCsv([allocationHeader, ...allocationRows], '拨款明细2025Q1.csv', 'gb18030');
    const dialog = await screen.openImport();
    await dialog.chooseFile(file);
    await dialog.source('鹿城区财政局');
    await dialog.previewed();
    expect(await dialog.mappingFrom.innerText()).toContain('按列名猜测');
    expect(await dialog.field('拨款日期').inputValue()).toBe('拨付日期');
    expect(await dialog.field('社区').inputValue()).toBe('收款单位');
    expect(await dialog.field('金额').inputValue()).toBe('拨付金额（元）');
    expect(await dialog.problem.count()).toBe(0);
    // The first rows as the file has them, decoded from GB18030.
    expect(await dialog.sampleRow(2).locator('td').allInnerTexts()).toEqual(
      expect.arrayContaining(['东风社区', '社区工作经费(基础经费)', '鹿财社〔2025〕1号', '50,000.00']),
    );
    await screenshot(page, 'reconcile-mapping-guessed');

    // 南塘杜区 is no community of the centre: its closest name is offered first, but nothing is chosen.
    const choice = dialog.communityChoice('南塘杜区');
    expect(await choice.inputValue()).toBe('');
    expect(await choice.locator('optgroup').first().getAttribute('label')).toBe('名称相近');
    expect(await choice.locator('optgroup').first().locator('option').allInnerTexts()).toEqual(['南塘社区']);
    expect(await dialog.rowCheck(9).innerText()).toContain('社区“南塘杜区”待确认');

    // Importing without confirming it is refused, the row's error next to the row.
    await dialog.importButton.click();
    await dialog.errors.waitFor();
    expect(await dialog.errors.innerText()).toContain('第 9 行');
    expect(await dialog.rowCheck(9).innerText()).toContain('是否为：南塘社区');
    expect(await dialog.sampleRow(9).getAttribute('class')).toContain('rc-bad');
    await screenshot(page, 'reconcile-mapping-refused');
    expect((await s.accountant('reconcile.allocations.list', {})).allocations).toHaveLength(0);

    await choice.selectOption('南塘社区');
    await dialog.importButton.click();
    await dialog.dialog.waitFor({ state: 'detached' });
    expect(await screen.importResult.innerText()).toContain('导入 10 笔拨款');
    expect((await s.accountant('reconcile.allocations.list', {})).allocations).toHaveLength(10);

    const made = await screen.autoMatch();
    expect(made).toHaveLength(6);
    expect(made.join('\n')).toContain('文号鹿财社〔2025〕1号、资金性质、金额一致，入账晚 1 天');
    expect(made.join('\n')).toContain('一笔拨款分 2 张凭证入账');
    // Every line of the summary can be read as it is shown, the last one too.
    expect(await screen.readableAutoResult()).toEqual(made);
    await screenshot(page, 'reconcile-allocations-auto');

    // With both notices open above all communities' lists, an unequal match is refused where Enter was
    // pressed: 西山社区's task money, 6,000.00 on the statement and 6,600.00 in the books.
    await screen.item('left', '鹿财社〔2025〕5号').focus();
    await screen.press('Space', 'ArrowRight');
    await screen.moveTo('收到人民调解费随事转经费');
    await screen.press('Space', 'Enter');
    await screen.error.filter({ hasText: '金额不等：拨款合计 6,000.00，入账合计 6,600.00' }).waitFor();
    expect(await inWindow(screen.error)).toBe(true);
    expect(await inWindow(screen.focused)).toBe(true);
    await screenshot(page, 'reconcile-refused-unequal');
    await screen.press('Escape');
    await screen.dismissNotices();

    // 南塘社区: unmatch the automatic match of its base grant with U, then match it again by hand.
    await screen.filterCommunity('南塘社区');
    const before = await s.accountant('reconcile.allocations.list', { community: '南塘社区' });
    const base = before.allocations.find((a) => a.fund === 'base')!;
    const baseReceipt = before.receipts.find((r) => r.fund === 'base')!;
    expect(base.matchId).not.toBeNull();
    await expect.poll(() => screen.item('left', '基础经费').count()).toBe(1);
    await screen.item('left', '基础经费').focus();
    await screen.status
      .getByTestId('match-reason')
      .filter({ hasText: '入账晚 5 天（账上无文号）' })
      .waitFor();
    await screen.press('u');
    await expect
      .poll(
        async () => (await s.accountant('reconcile.allocations.list', { community: '南塘社区' })).allocations,
      )
      .toContainEqual(expect.objectContaining({ id: base.id, matchId: null }));
    await expect.poll(() => screen.item('left', '基础经费').getAttribute('data-match')).toBeNull();
    // The cursor stays on the item, now among the unmatched.
    expect(await screen.focused.innerText()).toContain('基础经费');

    // Marking the task money against the base receipt shows the difference, and Enter is refused.
    await screen.moveTo('健康宣传');
    await screen.press('Space', 'ArrowRight');
    await screen.moveTo('收到基础经费');
    await screen.press('Space');
    expect(await screen.totals.innerText()).toContain('8,000.00');
    expect(await screen.difference.innerText()).toContain('-42,000.00');
    await screenshot(page, 'reconcile-allocations-marking');
    await screen.press('Enter');
    await screen.error.filter({ hasText: '金额不等：拨款合计 8,000.00，入账合计 50,000.00' }).waitFor();

    // Escape clears the marks; the base allocation and its receipt go together.
    await screen.press('Escape', 'ArrowLeft');
    await screen.press('Home');
    await screen.moveTo('基础经费');
    await screen.press('Space', 'Tab', 'Space');
    expect(await screen.difference.innerText()).toMatch(/差额\s*0\.00$/);
    expect(await screen.totals.getAttribute('class')).toContain('even');
    await screen.press('Enter');
    await expect
      .poll(async () => {
        const now = await s.accountant('reconcile.allocations.list', { community: '南塘社区' });
        const a = now.allocations.find((x) => x.id === base.id)!;
        const r = now.receipts.find((x) => x.voucherId === baseReceipt.voucherId)!;
        return a.matchId !== null && a.matchId === r.matchId
          ? now.matches.find((m) => m.id === a.matchId)?.reason
          : undefined;
      })
      .toBe('手工勾对');
    await screen.item('left', '基础经费').locator('.rc-matched.manual').waitFor();
    await screen.item('left', '基础经费').focus();
    await screen.status.getByTestId('match-reason').filter({ hasText: '手工勾对' }).waitFor();
    expect(await screen.item('right', '收到基础经费').getAttribute('class')).toContain('partner');
    await screenshot(page, 'reconcile-allocations-rematched');

    // The exceptions, each with the core's reason.
    await screen.open();
    const exceptions = await s.accountant('reconcile.allocations.exceptions', {});
    expect(exceptions.allocations.length).toBe(3);
    for (const e of exceptions.allocations)
      expect(await screen.exceptionReason('left', e.document)).toBe(e.reason);
    expect(await screen.exceptionReason('left', '鹿财社〔2025〕11号')).toMatch(/^串户：疑似记入西山社区/);
    expect(await screen.exceptionReason('left', '鹿财社〔2025〕5号')).toMatch(/^金额不符/);
    for (const r of exceptions.receipts)
      expect(await screen.exceptionReason('right', r.voucher)).toBe(r.reason);
    await screen.exceptions.scrollIntoViewIfNeeded();
    await screenshot(page, 'reconcile-allocations-exceptions');
    // Enter on an exception takes the cursor to that item in the lists.
    await screen.exceptions
      .locator('section[data-side="left"] tbody tr', { hasText: '鹿财社〔2025〕11号' })
      .focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => screen.focused.innerText()).toContain('鹿财社〔2025〕11号');

    // 对账单 of 东风社区 for the quarter and the 汇总表, from the core's print HTML in a sandboxed frame.
    const frame = await screen.preview('对账单…');
    // (the print preview follows; the audit log is read at the end)
    const preview = page.getByRole('dialog', { name: /打印预览/ });
    await preview.getByLabel('对账单社区').selectOption('东风社区');
    await preview.getByLabel('起始月份').selectOption('2025-01');
    await preview.getByLabel('截止月份').selectOption('2025-03');
    await frame.getByText('财政拨款对账单').first().waitFor();
    await frame.getByText('75,000.00').first().waitFor();
    expect(await page.getByTestId('print-preview').getAttribute('sandbox')).not.toContain('allow-scripts');
    await screenshot(page, 'reconcile-statement-preview');
    const xlsx = await screen.download('导出Excel', preview);
    expect(xlsx.name).toBe('财政拨款对账单-东风社区-2025-01至2025-03.xlsx');
    await preview.getByRole('radio', { name: '汇总表' }).click();
    const rollup = (await s.accountant('reconcile.report', { report: 'rollup', year: 2025 })).model;
    await frame.getByText(rollup.title).first().waitFor();
    await screenshot(page, 'reconcile-rollup-preview');
    await page.keyboard.press('Escape');
    await page.getByTestId('print-preview').waitFor({ state: 'detached' });

    // 操作日志: the reconciliation steps in words, like every other action.
    const audit = await new AuditPage(page).open();
    expect(await audit.actions()).toEqual(
      expect.arrayContaining(['导入拨款对账单', '拨款自动勾对', '取消拨款勾对', '拨款手工勾对']),
    );
    const log = await audit.table.innerText();
    expect(log).not.toMatch(/reconcile\.|[{}]/);
    expect(log).toContain('南塘社区 鹿财社〔2025〕1号 ↔ 记-0001：手工勾对');
    expect(log).toContain('鹿城区财政局 · 拨款明细2025Q1.csv：导入 10 笔；确认社区别名 南塘杜区');
    await screenshot(page, 'reconcile-audit');
  });

  it('imports overlapping bank statements through the mapping dialog, matches them and shows each month’s 调节表 balanced', async () => {
    const s = await centreInBrowser();
    const { page } = s;
    const screen = await new BankPage(page).open();
    expect(await screen.communities.innerText()).toContain('3 个社区共用：东风社区、西山社区、南塘社区');

    const lines = bankLines();
    const first = writeCsv(
      [bankHeader, ...lines.filter((l) => l.first).map((l) => l.cells)],
      '对账单1.csv',
      'utf-8-bom',
    );
    let dialog = await screen.openImport();
    await dialog.chooseFile(first);
    await dialog.previewed();
    expect(await dialog.mappingFrom.innerText()).toContain('按列名猜测');
    expect(await dialog.field('收入').inputValue()).toBe('贷方发生额');
    expect(await dialog.field('支出').inputValue()).toBe('借方发生额');
    await screenshot(page, 'reconcile-bank-mapping');
    await dialog.importButton.click();
    await dialog.dialog.waitFor({ state: 'detached' });
    expect(await screen.importResult.innerText()).toContain('导入 8 笔流水');

    // The second statement overlaps the first: one line is the same, two look alike and need a decision.
    const second = await writeXlsx(
      [bankHeader, ...lines.filter((l) => l.second).map((l) => l.cells)],
      '对账单2.xlsx',
    );
    dialog = await screen.openImport();
    await dialog.chooseFile(second);
    await dialog.previewed();
    expect(await dialog.mappingFrom.innerText()).toContain('沿用上次保存');
    expect(await dialog.dialog.getByTestId('same-lines').innerText()).toContain('第 2 行');
    await dialog.importButton.click();
    await dialog.errors.waitFor();
    expect(await dialog.errors.innerText()).toContain('日期、金额相同（对账单无流水号可比）');
    await dialog.decide(3, '跳过');
    await dialog.decide(4, '导入');
    await screenshot(page, 'reconcile-bank-duplicates');
    await dialog.importButton.click();
    await dialog.dialog.waitFor({ state: 'detached' });
    expect(await screen.importResult.innerText()).toContain('导入 8 笔流水，跳过 2 笔');
    expect((await s.accountant('reconcile.bank.list', { account: ACCOUNT })).bank).toHaveLength(lines.length);

    const made = await screen.autoMatch();
    expect(made.length).toBeGreaterThan(10);
    expect(made.join('\n')).toMatch(/入账晚 3 天（东风社区 /);
    // 东风社区's wrong voucher and its red reversal are paired with each other.
    expect(made).toContainEqual(expect.stringMatching(/^红字冲销：记-\d+ 冲销 记-\d+，账内对冲$/));
    expect(await screen.readableAutoResult()).toEqual(made);
    await screenshot(page, 'reconcile-bank-auto');
    await screen.item('right', '补记1月银行手续费').waitFor();
    await screen.dismissNotices();
    await screenshot(page, 'reconcile-bank-matched');

    // The red pair unmatched with U, then matched again from the keyboard with no bank line.
    await screen.item('right', '收到奖励（误记）').focus();
    await screen.press('u');
    await expect.poll(() => screen.item('right', '收到奖励（误记）').getAttribute('data-match')).toBeNull();
    await screen.item('right', '收到奖励（误记）').focus();
    await screen.press('Space');
    await screen.item('right', /注销2月10日/).focus();
    await screen.press('Space');
    expect(await screen.difference.innerText()).toMatch(/差额\s*0\.00$/);
    await screen.press('Enter');
    await screen.item('right', '收到奖励（误记）').locator('.rc-matched.manual').waitFor();
    await screen.item('right', '收到奖励（误记）').focus();
    await screen.status.getByTestId('match-reason').filter({ hasText: '账内对冲（手工）' }).waitFor();
    expect(await screen.item('right', /注销2月10日/).getAttribute('class')).toContain('partner');
    await screenshot(page, 'reconcile-bank-red-pair');

    for (const period of ['2025-01', '2025-02', '2025-03']) {
      await screen.statement(period);
      const r = await s.accountant('reconcile.bank.reconciliation', { account: ACCOUNT, period });
      expect(r.balanced, period).toBe(true);
      expect(await screen.verdict.getAttribute('data-balanced')).toBe('true');
      const adjusted = await screen.line('adjusted');
      expect(adjusted.book).toBe(adjusted.bank);
    }
    expect(await screen.verdict.innerText()).toContain('调节后余额相等');
    // March: the 6,600.00 booked against 6,000.00 received, the two SMS fees not yet booked.
    expect((await screen.items('add')).join('\n')).toContain('6,000.00');
    expect((await screen.items('add')).join('\n')).toContain('6,600.00');
    expect((await screen.items('less')).filter((t) => t.includes('短信服务费'))).toHaveLength(2);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('已保存2025年3月的余额调节表（第 1 版）。').waitFor();
    expect(await screen.balances.locator('tbody tr').count()).toBeGreaterThan(3);
    await screenshot(page, 'reconcile-bank-statement');
    await screen.balances.scrollIntoViewIfNeeded();
    await screenshot(page, 'reconcile-bank-balances');

    // The printed form, from the core's print HTML.
    await page.getByRole('button', { name: '打印预览' }).click();
    const frame = page.frameLocator('[data-testid="print-preview"]');
    await frame.getByText('银行存款余额调节表').first().waitFor();
    await frame.getByText('调节后的存款余额').first().waitFor();
    expect(await page.getByTestId('print-preview').getAttribute('sandbox')).not.toContain('allow-scripts');
    await page.keyboard.press('Escape');
    await page.getByTestId('print-preview').waitFor({ state: 'detached' });

    // January's statement is saved after the month is closed in the three books, then signed by the
    // reviewer: read-only from then, and redone only as a new version.
    for (const book of ['东风社区', '西山社区', '南塘社区'])
      await s.accountant('period.close', { book, period: '2025-01' });
    await screen.statement('2025-01');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('已保存2025年1月的余额调节表（第 1 版）。').waitFor();
    await page.getByTestId('statement-draft').waitFor();
    expect(await screen.versions()).toEqual([['第 1 版', '王会计', '未审核']]);
    expect(await page.getByRole('button', { name: '审核签字' }).count()).toBe(0);
    await switchOperator(page, '李审核');
    await screen.open({ view: 'statement', period: '2025-01' });
    await screen.statement('2025-01');
    await page.getByRole('button', { name: '审核签字' }).click();
    await page.getByText('李审核 已审核签字：2025年1月第 1 版，此后只读。').waitFor();
    await page
      .getByTestId('statement-readonly')
      .filter({ hasText: '第 1 版 · 李审核 已签字 · 只读' })
      .waitFor();
    expect(await screen.versions()).toEqual([['第 1 版', '王会计', '李审核']]);
    await screenshot(page, 'reconcile-bank-signed');
    await switchOperator(page, '王会计');
    await screen.open({ view: 'statement', period: '2025-01' });
    await screen.statement('2025-01');
    await page.getByTestId('statement-readonly').waitFor();
    await page.getByRole('button', { name: '重新编制' }).click();
    await page.getByRole('alert').filter({ hasText: '无需重新编制' }).waitFor();
    expect(await page.getByRole('button', { name: '保存', exact: true }).count()).toBe(0);
  });
});
