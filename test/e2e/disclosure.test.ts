import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openApp, screenshot } from '../support/browser.js';
import { communityYear, yearBook as book } from '../support/community-year.js';
import { DisclosurePage, DueListPage } from './pages/disclosure.js';
import { go, signIn } from './pages/start.js';

/** An API amount as the sheet shows it: '1234.5' → '1,234.50', '' stays ''. */
const shown = (yuan: string) => {
  if (yuan === '') return '';
  const [whole = '0', cents = '00'] = yuan.replace('-', '').split('.');
  return `${yuan.startsWith('-') ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents.padEnd(2, '0')}`;
};

/**
 * The posted 2025 of 东风社区 in the browser, with a second community (西山社区) that has no vouchers.
 * The browser's clock is the test clock (2025-06-30 10:00 in China), so "today" agrees with the core.
 */
async function yearInBrowser(operator: string) {
  const s = await communityYear();
  await s.boss('community.add', {
    name: '西山社区',
    kind: 'urban',
    district: '鹿城区',
    subdistrict: '五马街道',
  });
  await s.accountant('book.create', { community: '西山社区', startPeriod: '2025-01' });
  const app = await openApp(s.centre);
  onTestFinished(() => app.close());
  await app.page.clock.setFixedTime(new Date(Date.UTC(2025, 5, 30, 2, 0, 0)));
  await app.page.reload();
  await signIn(app.page, operator);
  return { ...s, app, page: app.page };
}

/** A posted voucher booked through the API, as another workstation would. */
async function postCorrection(s: Awaited<ReturnType<typeof communityYear>>, date: string, amount: string) {
  const v = await s.accountant('voucher.save', {
    book,
    date,
    attachments: 1,
    lines: [
      { account: '520102', summary: '补记3月水电费', debit: amount },
      { account: '100201', summary: '补记3月水电费', credit: amount },
    ],
  });
  await s.reviewer('voucher.review', { book, voucher: v.id });
  await s.reviewer('voucher.post', { book, voucher: v.id });
}

describe('居务公开 in the browser', () => {
  it('draws Q1’s three sheets with the figures of the books, opens a voucher, previews, and downloads .xlsx and PDF', async () => {
    const s = await yearInBrowser('王会计');
    const { page } = s;
    await page.getByLabel('当前账套').selectOption(book);
    const screen = await new DisclosurePage(page).open('2025-Q1');
    const view = await s.accountant('disclosure.sheets', { book, period: '2025-Q1' });
    expect(await page.getByTestId('disclosure-summary').innerText()).toContain(
      '2025年第1季度（2025-01-01至2025-03-31）',
    );

    // Every cell of every sheet is the API's, amounts with separators.
    for (const [i, name] of (['A', 'B', 'C'] as const).entries()) {
      const model = view.sheets[i]!;
      const sheet = await screen.chooseSheet(name);
      expect(await sheet.getByRole('heading').innerText()).toBe(model.title);
      expect(await screen.headers()).toEqual(model.columns.map((c) => c.header));
      const expected = model.rows.map((row) =>
        model.columns.map((c) =>
          c.kind === 'amount' ? shown(row.cells[c.key] ?? '') : (row.cells[c.key] ?? ''),
        ),
      );
      expect(await screen.rows(), `表${name}`).toEqual(expected);
      for (const note of model.notes ?? []) expect(await screen.notes()).toContain(note);
      await screenshot(page, `disclosure-sheet-${name}`);
      await sheet.getByTestId('signatures').scrollIntoViewIfNeeded();
      await screenshot(page, `disclosure-sheet-${name}-end`);
    }

    // The check: 期初 + 收入 − 支出 = 期末 agrees with the books' cash and bank.
    const check = screen.check;
    expect(await check.getAttribute('data-balanced')).toBe('true');
    const checkText = await check.innerText();
    for (const figure of [view.check.opening, view.check.receipts, view.check.payments, view.check.closing])
      expect(checkText).toContain(shown(figure));
    expect(checkText).toContain('与账簿相符');
    expect(view.check.booksClosing).toBe(view.check.closing);

    // Sheet B: a line opens its voucher with the keyboard, and Back returns to the sheet.
    await screen.chooseSheet('B');
    const firstLine = screen.sheet.locator('tbody tr.drill').first();
    const voucherId = await firstLine.getAttribute('data-voucher-id');
    await firstLine.click();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate<string>('location.hash')).toBe(`#/voucher?id=${voucherId}`);
    await page.goBack();
    await screen.ready('2025-Q1');
    expect(await page.getByRole('tab', { selected: true }).innerText()).toContain('表B');

    // 打印预览: the core's print HTML in a sandboxed frame that runs no script.
    const frame = await screen.preview();
    await frame.getByText(view.sheets[0]!.title).waitFor();
    const income = view.sheets[0]!.rows.find((r) => r.cells.item === '收入合计')!.cells.period!;
    await frame
      .locator('td', { hasText: shown(income) })
      .first()
      .waitFor();
    const sandbox = await page.getByTestId('print-preview').getAttribute('sandbox');
    expect(sandbox).not.toContain('allow-scripts');
    // Each sheet on its own A4 in its own orientation (表C is landscape): 210mm or 297mm at 96 dpi.
    const papers = frame.locator('section.report');
    const widths: number[] = [];
    for (let i = 0; i < view.sheets.length; i++)
      widths.push(Math.round((await papers.nth(i).boundingBox())!.width));
    expect(widths).toEqual(
      view.sheets.map((m) => Math.round(((m.orientation === 'landscape' ? 297 : 210) / 25.4) * 96)),
    );
    expect(view.sheets.map((m) => m.orientation)).toContain('landscape');
    await screenshot(page, 'disclosure-preview');
    await page.keyboard.press('Escape');
    await page.getByTestId('print-preview').waitFor({ state: 'detached' });

    // The workbook: one worksheet per sheet, figures as numbers.
    const xlsx = await screen.download('导出Excel');
    expect(xlsx.name).toBe(`${book}-2025-Q1-居务公开表.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx.file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(view.sheets.map((m) => m.sheetName));
    let incomeRow: ExcelJS.Row | undefined;
    workbook.worksheets[0]!.eachRow((row) => {
      if (row.getCell(1).value === '收入合计') incomeRow = row;
    });
    expect(incomeRow!.getCell(2).value).toBe(Number(income));

    // The PDF: the three sheets' titles and the figures.
    const pdf = await screen.download('导出PDF');
    expect(pdf.name).toBe(`${book}-2025-Q1-居务公开表.pdf`);
    expect(fs.readFileSync(pdf.file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdf.file, '-'], { encoding: 'utf8' });
    for (const model of view.sheets) expect(text).toContain(model.title.replace(/^.*居民委员会/, ''));
    expect(text).toContain(shown(income));
    expect(text).toContain(shown(view.check.closing));
  });

  it('publishes Q1 after a refusal, keeps version 1 as published, and shows what a March correction changed', async () => {
    const s = await yearInBrowser('王会计');
    const { page } = s;
    // Working on 西山社区: opening 东风社区's Q1 from the due list switches the books in the top bar.
    await page.getByLabel('当前账套').selectOption('西山社区');
    const due = await new DueListPage(page).open();
    expect(await due.status(book, '2025-Q1')).toBe('已逾期');
    await due.row(book, '2025-Q1').click();
    await expect.poll(() => page.evaluate<string>('location.hash')).toBe('#/disclosure?period=2025-Q1');
    await expect.poll(() => page.getByLabel('当前账套').inputValue()).toBe(book);
    const screen = new DisclosurePage(page);
    await screen.ready('2025-Q1');
    expect(await screen.signature('制表人（代理会计）').innerText()).toBe('');

    const dialog = await screen.openPublish();
    // 公开日期 starts at today, the day of recording; no reason is asked for then.
    expect(await dialog.getByLabel('公开日期', { exact: true }).inputValue()).toBe('2025-06-30');
    expect(await dialog.getByLabel('补录原因', { exact: true }).count()).toBe(0);
    // The one who drew the sheets is not offered as their reviewer; the overseer and the accountant neither.
    const reviewers = await dialog.getByLabel('审核人', { exact: true }).locator('option').allInnerTexts();
    expect(reviewers).toEqual(['周主管（主管）', '李审核（审核）']);
    // The sheets went up on 25 April, five days after their due day, and are recorded now: a 补录.
    await screen.fillAndPublish({
      publishedOn: '2025-04-25',
      displayDays: '10',
      reviewer: '李审核（审核）',
      communityHead: '张书记',
      oversightSigner: '赵监督',
    });
    await screen.fieldError('公开期限').filter({ hasText: '公开期限至少 15 天' }).waitFor();
    expect(await dialog.getByLabel('公开期限', { exact: true }).getAttribute('class')).toContain('invalid');
    await screenshot(page, 'disclosure-publish-refused');
    expect(await s.accountant('disclosure.publications', { book })).toHaveLength(0);

    await dialog.getByText('早于今天（2025-06-30），是补录').waitFor();
    await screen.fillAndPublish({ displayDays: '15' });
    await screen.fieldError('补录原因').filter({ hasText: '请填写补录原因' }).waitFor();
    expect(await dialog.getByLabel('补录原因', { exact: true }).getAttribute('class')).toContain('invalid');
    await screenshot(page, 'disclosure-publish-backdated');
    expect(await s.accountant('disclosure.publications', { book })).toHaveLength(0);

    const reason = '纸质公开表4月25日已张贴，系统补录';
    await screen.fillAndPublish({ backdateReason: reason });
    await page.getByTestId('publish-result').filter({ hasText: '已公开第 1 版' }).waitFor();
    const [v1] = await s.accountant('disclosure.publications', { book, period: '2025-Q1' });
    expect(v1).toMatchObject({
      version: 1,
      publishedOn: '2025-04-25',
      recordedOn: '2025-06-30',
      backdateReason: reason,
      displayDays: 15,
      preparer: '王会计',
      reviewer: '李审核',
      communityHead: '张书记',
      oversightOpinion: '同意公开',
      oversightSigner: '赵监督',
    });
    await screen.versions.getByRole('radio', { name: '第1版 2025-04-25 补录' }).waitFor();
    const backdated = '2025-04-25（补录）';
    expect(await screen.signature('公开日期').innerText()).toBe(backdated);
    expect(await screen.signature('补录').innerText()).toBe(`于 2025-06-30 录入，原因：${reason}`);
    await screen.signature('制表人（代理会计）').filter({ hasText: '王会计' }).waitFor();
    expect(await screen.signature('审核人（代理中心）').innerText()).toBe('李审核');
    expect(await page.getByRole('button', { name: /^公开/ }).last().isDisabled()).toBe(true);
    const published = await s.accountant('disclosure.sheets', { book, period: '2025-Q1', sheet: 'A' });
    const paidBefore = published.sheets[0]!.rows.find((r) => r.cells.item === '支出合计')!.cells.period!;

    // A missed utilities bill of March is booked and posted at another desk.
    await postCorrection(s, '2025-03-31', '45.60');
    await page.reload();
    await screen.open('2025-Q1');
    const now = await s.accountant('disclosure.sheets', { book, period: '2025-Q1' });
    expect(now.changes!.length).toBeGreaterThan(0);
    const banner = screen.changes;
    await banner.waitFor();
    expect(await banner.innerText()).toContain(
      `与 2025-04-25 公开的第 1 版相比，有 ${now.changes!.length} 项不同`,
    );
    // Amounts with separators; text (a summary, a note) exactly as on the sheet.
    const figure = (c: { amount: boolean }, value: string) => (c.amount ? shown(value) : value) || '（空）';
    for (const change of now.changes!) {
      const line = banner.locator(`tr[data-what="${change.what}"]`);
      const cells = (await line.locator('td').allInnerTexts()).map((t) => t.trim());
      expect(cells).toEqual([
        change.what.replace(/·/g, ' · '),
        figure(change, change.before),
        '→',
        figure(change, change.after),
      ]);
    }
    expect(now.changes!.map((c) => c.what)).toEqual(
      expect.arrayContaining([expect.stringContaining('水电费')]),
    );
    const summaryLine = banner.locator('tr[data-what$="·摘要"]');
    expect((await summaryLine.locator('td').nth(3).innerText()).trim()).toBe('补记3月水电费');
    await summaryLine.scrollIntoViewIfNeeded();
    await screenshot(page, 'disclosure-changed-text');
    await screenshot(page, 'disclosure-changed');

    // Version 1 is still exactly what went on the board.
    await screen.showVersion(1);
    await page.getByTestId('version-detail').waitFor();
    await expect.poll(() => screen.figure('支出合计', 'period')).toBe(shown(paidBefore));
    expect(await screen.signature('公开日期').innerText()).toBe(backdated);
    expect(await page.getByTestId('version-detail').innerText()).toContain(
      `补录于 2025-06-30，原因：${reason}`,
    );
    await screenshot(page, 'disclosure-version');
    await screen.sheet.getByTestId('signatures').scrollIntoViewIfNeeded();
    await screenshot(page, 'disclosure-version-signatures');
    await screen.showVersion('now');
    await expect.poll(() => screen.figure('支出合计', 'period')).not.toBe(shown(paidBefore));
    // Without the sign-off of a version that no longer holds.
    expect(await screen.signature('制表人（代理会计）').innerText()).toBe('');

    // The due list says so; the dashboard counts it.
    const list = await new DueListPage(page).open();
    await expect.poll(() => list.status(book, '2025-Q1')).toBe('公开后有变动');
    expect(await list.row('西山社区', '2025-Q1').locator('td[data-column="status"]').innerText()).toBe(
      '已逾期',
    );
    await screenshot(page, 'disclosure-due');
    await go(page, '/');
    const board = page.getByTestId('dashboard');
    await board.waitFor();
    await expect
      .poll(() =>
        board.locator('tbody tr', { hasText: book }).locator('td[data-column="disclosure"]').innerText(),
      )
      .toBe('1 份待公开');

    // Version 2 from the banner.
    await screen.open('2025-Q1');
    await screen.changes.getByRole('button', { name: '公开新版本…' }).click();
    // On the day itself: the date as it starts, no reason.
    await screen.dialog.getByRole('form', { name: '公开' }).waitFor();
    expect(await screen.dialog.getByLabel('公开日期', { exact: true }).inputValue()).toBe('2025-06-30');
    await screen.fillAndPublish({ reviewer: '李审核（审核）' });
    await page.getByTestId('publish-result').filter({ hasText: '已公开第 2 版' }).waitFor();
    await screen.changes.waitFor({ state: 'detached' });
    const versions = await s.accountant('disclosure.publications', { book, period: '2025-Q1' });
    expect(versions.map((p) => [p.version, p.publishedOn, p.changes.length])).toEqual([
      [1, '2025-04-25', 0],
      [2, '2025-06-30', now.changes!.length],
    ]);
    const afterwards = await new DueListPage(page).open();
    await afterwards.row(book, '2025-Q1').waitFor({ state: 'detached' });
    await afterwards.open({ published: '1' });
    expect(await afterwards.status(book, '2025-Q1')).toBe('已公开');
    // Version 1 went up five days after the due day (2025-04-20).
    expect(await afterwards.late(book, '2025-Q1')).toBe('逾期公开 5 天');
    await screenshot(page, 'disclosure-due-late');
  });

  it('names a cash account that went below zero in the due list, on the check and in the batch, and will not publish', async () => {
    const s = await yearInBrowser('王会计');
    const { page } = s;
    // 西山社区 pays 500.00 from a till that holds nothing: posted, its 现金 stands at −500.00.
    const paid = '500.00';
    const v = await s.accountant('voucher.save', {
      book: '西山社区',
      date: '2025-02-10',
      attachments: 1,
      lines: [
        { account: '520101', summary: '购买办公用品', debit: paid },
        { account: '1001', summary: '购买办公用品', credit: paid },
      ],
    });
    await s.reviewer('voucher.review', { book: '西山社区', voucher: v.id });
    await s.reviewer('voucher.post', { book: '西山社区', voucher: v.id });
    const expected = `1001 现金 2025-02-10 日终余额 -${shown(paid)} 元`;

    const due = await new DueListPage(page).open();
    const row = due.row('西山社区', '2025-Q1');
    expect(await row.getByTestId('due-deficit').innerText()).toBe(`现金 2025-02-10 余额 -${shown(paid)}`);
    expect(await due.row(book, '2025-Q1').innerText()).toContain('相符');
    await screenshot(page, 'disclosure-due-deficit');

    const card = await due.runBatch({ year: '2025', kind: '季', which: '1' });
    const warnings = (community: string) =>
      card.locator(`tr[data-community="${community}"] td[data-column="warnings"]`).innerText();
    expect(await warnings('西山社区')).not.toContain('可以公开');
    expect(await warnings('西山社区')).toContain(expected);
    expect(await warnings(book)).toContain('可以公开');
    await card.getByTestId('batch-result').scrollIntoViewIfNeeded();
    await screenshot(page, 'disclosure-batch-deficit');

    await due.open();
    await row.click();
    const screen = new DisclosurePage(page);
    await screen.ready('2025-Q1');
    expect(await page.getByLabel('当前账套').inputValue()).toBe('西山社区');
    const deficits = page.getByTestId('disclosure-deficits');
    expect(await deficits.innerText()).toContain(expected);
    expect(await deficits.innerText()).toContain('不能公开');
    expect(await screen.check.getAttribute('data-balanced')).toBe('true');
    expect(await page.getByRole('button', { name: '公开…' }).isDisabled()).toBe(true);
    expect(await screen.notes()).toContain(expected);
    await screenshot(page, 'disclosure-deficit');
    await deficits.getByRole('link', { name: '查看明细账' }).click();
    await expect
      .poll(() => page.evaluate<string>('location.hash'))
      .toBe('#/ledger?account=1001&from=2025-02&to=2025-02');
  });

  it('prints every community’s sheets in one batch and lets the supervisor set the day and the item rules', async () => {
    const s = await yearInBrowser('周主管');
    const { page } = s;
    // 西山社区 has a grant receipt waiting for review in February: its sheets say they cannot go up yet.
    await s.accountant('voucher.save', {
      book: '西山社区',
      date: '2025-02-10',
      attachments: 1,
      lines: [
        { account: '100201', summary: '收到区财政拨付社区工作经费(基础经费)', debit: '50000.00' },
        { account: '44010101', summary: '收到区财政拨付社区工作经费(基础经费)', credit: '50000.00' },
      ],
    });
    const due = await new DueListPage(page).open();
    expect(await due.row('西山社区', '2025-Q1').innerText()).toContain('1 张未记账');
    const folder = path.join(path.dirname(s.centre.file), '居务公开', '2025-Q1');
    expect(await page.getByTestId('batch-default-folder').innerText()).toContain(folder);

    const card = await due.runBatch({ year: '2025', kind: '季', which: '1' });
    const bar = card.getByRole('progressbar', { name: '批量打印进度' });
    expect(await bar.getAttribute('aria-valuenow')).toBe(await bar.getAttribute('aria-valuemax'));
    const result = page.getByTestId('batch-result');
    for (const community of [book, '西山社区']) {
      const row = result.locator(`tr[data-community="${community}"]`);
      expect(await row.locator('td[data-column="file"]').innerText()).toBe(
        `${community}-2025-Q1-居务公开.xlsx`,
      );
      expect(fs.existsSync(path.join(folder, `${community}-2025-Q1-居务公开.xlsx`))).toBe(true);
    }
    const warnings = (community: string) =>
      result.locator(`tr[data-community="${community}"] td[data-column="warnings"]`).innerText();
    expect(await warnings(book)).toContain('可以公开');
    expect(await warnings('西山社区')).toContain('1 张凭证尚未记账');
    expect(await result.innerText()).toContain('全部社区-2025-Q1-居务公开.pdf');
    expect(fs.existsSync(path.join(folder, '全部社区-2025-Q1-居务公开.pdf'))).toBe(true);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'disclosure-batch');

    // The publication day: the list's due dates follow.
    const settings = page.getByRole('form', { name: '公开设置' });
    await settings.getByLabel('公开日', { exact: true }).fill('31');
    await settings.getByRole('button', { name: '保存' }).click();
    await settings.locator('.error', { hasText: '1 到 28' }).waitFor();
    await settings.getByLabel('公开日', { exact: true }).fill('15');
    await settings.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('disclosure-rule').filter({ hasText: '次月 15 日' }).waitFor();
    await expect.poll(() => due.row(book, '2025-Q1').locator('td').nth(3).innerText()).toBe('2025-04-15');
    expect(await s.accountant('disclosure.settings', {})).toMatchObject({ publicationDay: 15 });

    // 收支项目: this book publishes utilities under 办公费, then goes back to the template's rule.
    await page.getByLabel('当前账套').selectOption(book);
    const rules = page.getByRole('form', { name: '设置收支项目对应' });
    await rules.getByLabel('方向', { exact: true }).selectOption('payment');
    await rules.getByLabel('科目编码前缀', { exact: true }).fill('520102');
    await rules.getByLabel('收支项目', { exact: true }).selectOption('办公费');
    await rules.getByRole('button', { name: '设置本账套规则' }).click();
    const own = page.locator(
      '[data-testid="disclosure-rules"] tr[data-rule="payment:520102"][data-source="book"]',
    );
    await own.waitFor();
    expect(await own.locator('td[data-column="item"]').innerText()).toBe('办公费');
    expect((await s.accountant('disclosure.rules', { book }))[0]).toMatchObject({
      account: '520102',
      item: '办公费',
      source: 'book',
    });
    await own.scrollIntoViewIfNeeded();
    await screenshot(page, 'disclosure-rules');
    await own.getByRole('button', { name: '删除' }).click();
    await own.waitFor({ state: 'detached' });
    expect((await s.accountant('disclosure.rules', { book })).some((r) => r.source === 'book')).toBe(false);

    // Opened from the list, 西山社区's Q1 says why it cannot be published.
    await due.open();
    await due.row('西山社区', '2025-Q1').focus();
    await page.keyboard.press('Enter');
    const screen = new DisclosurePage(page);
    await screen.ready('2025-Q1');
    expect(await page.getByLabel('当前账套').inputValue()).toBe('西山社区');
    expect(await page.getByTestId('disclosure-unposted').innerText()).toContain('本期还有 1 张凭证未记账');
    expect(await page.getByRole('button', { name: '公开…' }).isDisabled()).toBe(true);
    expect(await screen.notes()).toContain('1 张凭证尚未记账');
    await screenshot(page, 'disclosure-unposted');
  });
});
