import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { appCsp } from '../../electron/policy.js';
import { openApp, screenshot } from '../support/browser.js';
import { tempDir } from '../support/centre.js';
import { communityYear, yearBook as book } from '../support/community-year.js';
import { ReportScreen, style } from './pages/report-screen.js';
import { LedgerScreen, shown } from './pages/reports.js';
import { signIn } from './pages/start.js';

/**
 * The report catalogue on screen, for 东风社区's posted 2025: 王会计 opens books and statements from the
 * navigation, reads them against what the core computes, drills from a row into an account's 明细账 and
 * into a voucher, takes the report away as Excel and PDF, and looks at the print preview.
 */

const year = { from: '2025-01', to: '2025-12' };
/** The account a report that takes one is opened on: the community's bank account. */
const bank = '100201';
/** A model's amount cell as the screen shows it: '' blank, otherwise grouped ('131051.20' → '131,051.20'). */
const onScreen = (cell: string | undefined) => (cell ? shown(cell, false) : '');

async function setUp() {
  const s = await communityYear();
  const app = await openApp(s.centre);
  onTestFinished(() => app.close());
  // The CSP refuses anything the page should not do; a refusal would show up here.
  const refusals: string[] = [];
  app.page.on('console', (message) => {
    if (/Content Security Policy|Refused to|Blocked script/i.test(message.text()))
      refusals.push(message.text());
  });
  await signIn(app.page, '王会计');
  const list = await s.accountant('report.list', {});
  const view = (name: string, extra: { account?: string; hideZero?: boolean; level?: number } = {}) =>
    s.accountant('report.view', { report: name, book, ...year, ...extra });
  // A book that must have an account is opened on the bank's; a journal without one shows its own.
  const needsAccount = (name: string) => !!list.find((e) => e.name === name)?.requires?.includes('account');
  const params = (name: string): Record<string, string> => ({
    ...year,
    ...(needsAccount(name) ? { account: bank } : {}),
  });
  /** The model the screen should show for a report opened with `params(name)` and its default filters. */
  const shownModel = (name: string) => {
    const options = list.find((e) => e.name === name)!.options;
    return view(name, {
      ...(needsAccount(name) ? { account: bank } : {}),
      ...(options.includes('hideZero') ? { hideZero: true } : {}),
      ...(options.includes('level') ? { level: 6 } : {}),
    });
  };
  return {
    s,
    app,
    page: app.page,
    screen: new ReportScreen(app.page),
    list,
    view,
    shownModel,
    params,
    refusals,
  };
}

describe('report catalogue screens', () => {
  it('draws 科目余额表 and 资金来源情况表 from their models, with the catalogue in the navigation', async () => {
    const { page, screen, list, view, refusals } = await setUp();
    expect(list.map((e) => e.name)).toEqual(expect.arrayContaining(['trial-balance', 'funds']));

    // Every catalogue report is one entry in 账簿报表; the existing screens are still there.
    const nav = page.getByRole('navigation', { name: '导航' });
    await nav.getByRole('link', { name: '全部账表' }).waitFor();
    const links = (await nav.getByRole('link').allInnerTexts()).map((t) => t.replace(/Alt\+\S+$/, '').trim());
    for (const title of ['科目余额表', '明细账', '科目余额表（打印）', '资金来源情况表（打印）', '全部账表'])
      expect(
        links.filter((link) => link === title),
        title,
      ).toHaveLength(1);
    await nav.getByRole('link', { name: '科目余额表（打印）', exact: true }).click();
    await screen.loaded('trial-balance');
    expect(new URL(page.url()).hash).toBe('#/reports/trial-balance');

    await screen.open('trial-balance', year);
    const model = await view('trial-balance', { hideZero: true, level: 6 });
    await expect.poll(() => screen.heading.innerText()).toBe('科目余额表');
    expect(await screen.sub.innerText()).toContain('东风社区 · 2025年1月至2025年12月 · 单位：元');
    // Two header rows: 期初余额 / 本期发生额 / 本年累计发生额 / 期末余额 over 借方 and 贷方.
    expect(await screen.headers()).toEqual([
      '科目编码',
      '科目名称',
      '期初余额',
      '本期发生额',
      '本年累计发生额',
      '期末余额',
      ...['借方', '贷方', '借方', '贷方', '借方', '贷方', '借方', '贷方'],
    ]);
    expect(await screen.rows().count()).toBe(model.rows.length);
    const bankRow = model.rows.find((r) => r.cells.code === bank)!;
    const row = screen.rowWhere('code', bank);
    expect(await screen.cell(row, 'name')).toBe('社区专户');
    for (const column of ['openingDebit', 'debit', 'credit', 'closingDebit'])
      expect(await screen.cell(row, column), column).toBe(onScreen(bankRow.cells[column]));
    // The level-2 account is indented under its parent; amounts are right-aligned tabular figures.
    const padding = (code: string) =>
      style(screen.rowWhere('code', code).locator('td[data-column="name"]'), 'paddingLeft');
    expect(parseFloat(await padding(bank))).toBeGreaterThan(parseFloat(await padding('1002')));
    const amount = row.locator('td[data-column="closingDebit"]');
    expect(await style(amount, 'textAlign')).toBe('right');
    expect(await style(amount.locator('.amount'), 'fontVariantNumeric')).toContain('tabular-nums');
    // 合计 is the last row, bold.
    const total = screen.rows().last();
    expect(await total.getAttribute('class')).toContain('total');
    expect(await screen.cell(total, 'name')).toBe('合计');
    expect(Number(await style(total.locator('td').first(), 'fontWeight'))).toBe(700);
    expect(await page.getByTestId('report-signatures').innerText()).toMatch(/制表人：\s*审核人：/);
    await screen.page.mouse.move(0, 0);
    await screenshot(page, 'report-trial-balance');

    // Filters: 一级科目 only, then the zero rows too.
    await screen.levelSelect().selectOption('1');
    const level1 = await view('trial-balance', { hideZero: true, level: 1 });
    await expect.poll(() => screen.rows().count()).toBe(level1.rows.length);
    await screen.option('隐藏零行').uncheck();
    const withZero = await view('trial-balance', { hideZero: false, level: 1 });
    await expect.poll(() => screen.rows().count()).toBe(withZero.rows.length);
    expect(withZero.rows.length).toBeGreaterThan(level1.rows.length);
    expect(page.url()).toMatch(/level=1/);
    expect(page.url()).toMatch(/zero=1/);

    // 资金来源情况表: no options, one row per fund, the same figures as the model.
    await screen.open('funds', year);
    const funds = await view('funds');
    await expect.poll(() => screen.heading.innerText()).toBe(funds.title);
    expect(await screen.rows().count()).toBe(funds.rows.length);
    for (const [i, r] of funds.rows.entries()) {
      expect(await screen.cell(screen.row(i), 'fund')).toBe(r.cells.fund!.trim());
      expect(await screen.cell(screen.row(i), 'closing')).toBe(onScreen(r.cells.closing));
    }
    expect(await screen.levelSelect().count()).toBe(0);
    expect(refusals).toEqual([]);
  });

  it('opens every report of the catalogue, and lists them all under 全部账表', async () => {
    const { page, screen, list, shownModel, params } = await setUp();
    for (const entry of list) {
      await screen.open(entry.name, params(entry.name));
      const model = await shownModel(entry.name);
      await expect.poll(() => screen.heading.innerText(), { message: entry.name }).toBe(model.title);
      expect(await screen.rows().count(), entry.name).toBe(model.rows.length);
      for (const line of model.meta ?? [])
        expect(await page.getByTestId('report-meta').innerText(), entry.name).toContain(line);
      // A row marked red in the model is red on screen.
      const red = model.rows.findIndex((r) => r.red);
      if (red >= 0) expect(await screen.row(red).getAttribute('class'), entry.name).toContain('red');
      if (entry.name === 'balance-sheet') await screenshot(page, 'report-balance-sheet');
      if (entry.name === 'ledger') await screenshot(page, 'report-ledger');
    }

    await page.getByRole('navigation', { name: '导航' }).getByRole('link', { name: '全部账表' }).click();
    const catalogue = page.getByTestId('report-catalogue');
    await expect.poll(() => catalogue.locator('tbody tr').count()).toBe(list.length);
    // A report that needs an account asks for one before it shows anything.
    const needsAccount = list.find((e) => e.requires?.includes('account'));
    if (needsAccount) {
      await catalogue.locator(`tr[data-report="${needsAccount.name}"] a`).click();
      await page.getByText('请选择科目：输入科目编码、名称或拼音首字母。').waitFor();
      await page.getByRole('combobox', { name: '科目' }).fill(bank);
      await page.keyboard.press('Enter');
      await screen.loaded(needsAccount.name);
      expect(page.url()).toContain(`account=${bank}`);
    }
  });

  // Which reports lead where is the models' business: the first report of the catalogue whose rows open
  // an account, and the first whose lines open vouchers. Until the catalogue has one, the story is skipped.
  it('drills from a row into the account ledger and back, with the keyboard', async (context) => {
    const { page, screen, list, shownModel, params } = await setUp();
    const ledger = new LedgerScreen(page);
    for (const entry of list) {
      const model = await shownModel(entry.name);
      const second = model.rows.filter((r) => r.drill?.voucherId || r.drill?.account)[1];
      if (!second?.drill?.account || second.drill.voucherId) continue;
      await screen.open(entry.name, params(entry.name));
      // ↓ from the first row that leads somewhere to the second, then Enter.
      await screen.drillRows().first().focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const account = second.drill.account;
      await ledger.waitFor(account);
      expect(new URL(page.url()).hash).toMatch(
        new RegExp(`^#/ledger\\?account=${account}&from=${year.from}&to=${year.to}`),
      );
      // Back: the same report, the cursor on the row left from.
      await page.goBack();
      await screen.loaded(entry.name);
      await expect.poll(() => screen.drillRows().nth(1).getAttribute('class')).toContain('selected');
      return;
    }
    context.skip('no report of the catalogue has rows that open an account yet');
  });

  it('drills from a line into its voucher and back, by click and with the keyboard', async (context) => {
    const { s, page, screen, list, shownModel, params } = await setUp();
    for (const entry of list) {
      const model = await shownModel(entry.name);
      const targets = model.rows.filter((r) => r.drill?.voucherId || r.drill?.account);
      if (targets.length < 4 || !targets.slice(0, 4).every((r) => r.drill?.voucherId)) continue;
      await screen.open(entry.name, params(entry.name));
      await expect.poll(() => screen.drillRows().count()).toBe(targets.length);
      await screen.drillRows().nth(2).click();
      const voucherId = targets[2]!.drill!.voucherId!;
      await expect.poll(() => new URL(page.url()).hash).toBe(`#/voucher?id=${voucherId}`);
      const voucher = await s.accountant('voucher.get', { book, voucher: voucherId });
      await expect.poll(() => page.locator('main').innerText()).toContain(voucher.ref);
      await page.goBack();
      await screen.loaded(entry.name);
      await expect.poll(() => screen.drillRows().nth(2).getAttribute('class')).toContain('selected');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect.poll(() => new URL(page.url()).hash).toBe(`#/voucher?id=${targets[3]!.drill!.voucherId!}`);
      return;
    }
    context.skip('no report of the catalogue has lines that open a voucher yet');
  });

  it('exports Excel and PDF and shows the print preview', async () => {
    const { page, screen, view, refusals } = await setUp();
    const folder = tempDir('jucai-downloads-');
    onTestFinished(() => fs.rmSync(folder, { recursive: true, force: true }));
    await screen.open('trial-balance', year);
    const model = await view('trial-balance', { hideZero: true, level: 6 });
    const closing = model.rows.find((r) => r.cells.code === bank)!.cells.closingDebit!;

    // Excel: the title on top, the bank's closing balance as a number.
    const xlsx = await screen.download('导出Excel', folder);
    expect(xlsx).toMatch(/东风社区-科目余额表-2025-01至2025-12\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('科目余额表');
    let found: unknown;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === bank) found = row.getCell(9).value;
    });
    expect(found).toBe(Number(closing));
    await page.getByText(/已导出：.*\.xlsx/).waitFor();

    // PDF (drawn by the core's Chromium in browser mode): the title and the same amount.
    const pdf = await screen.download('导出PDF', folder, 90_000);
    expect(pdf).toMatch(/\.pdf$/);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('科目余额表');
    expect(text).toContain(shown(closing));
    expect(text).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/);

    // 打印预览: the print HTML on an A4 sheet, in a frame where nothing can run.
    const preview = await screen.openPreview();
    expect(await preview.sheet.locator('h1').innerText()).toBe('科目余额表');
    expect(await preview.sheet.locator('body').innerText()).toContain(shown(closing));
    const sandbox = (await preview.frame.getAttribute('sandbox')) ?? '';
    expect(sandbox.split(/\s+/)).not.toContain('allow-scripts');
    // Its inline <style> applies under the app's CSP: the table is ruled and the title centred.
    expect(await style(preview.sheet.locator('h1'), 'textAlign')).toBe('center');
    expect(await style(preview.sheet.locator('table.report td').first(), 'borderTopStyle')).toBe('solid');
    // The sheet is as wide as landscape A4 (297mm at 96 dpi).
    const width = (await preview.papers.first().boundingBox())!.width;
    expect(Math.round(width)).toBe(Math.round((297 / 25.4) * 96));
    await screenshot(page, 'report-preview');
    // Its 导出PDF is the same export.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      preview.button('导出PDF').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await page.keyboard.press('Escape');
    await preview.dialog.waitFor({ state: 'detached' });

    // Ctrl+P opens the preview from the keyboard.
    await page.keyboard.press('Control+KeyP');
    await preview.dialog.waitFor();
    await preview.button('关闭').click();
    await preview.dialog.waitFor({ state: 'detached' });
    expect(refusals).toEqual([]);
  });

  it('shows the print preview under the desktop app’s content security policy too', async () => {
    const { app, page, screen, refusals } = await setUp();
    // The same renderer, its page served with the policy Electron puts on it instead of the bridge's.
    await page.route(app.bridge.url, async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: { ...response.headers(), 'content-security-policy': appCsp },
      });
    });
    const reloaded = await page.reload();
    expect(reloaded?.headers()['content-security-policy']).toBe(appCsp);
    await page.getByTestId('operator').waitFor();
    await screen.open('trial-balance', year);
    const preview = await screen.openPreview();
    expect(await style(preview.sheet.locator('h1'), 'textAlign')).toBe('center');
    expect(await style(preview.sheet.locator('table.report td').first(), 'borderTopStyle')).toBe('solid');
    expect(refusals).toEqual([]);
  });
});
