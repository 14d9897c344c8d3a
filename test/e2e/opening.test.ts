import { describe, expect, it } from 'vitest';
import { appPerTest, screenshot } from '../support/browser.js';
import type { Centre } from '../../src/ledger/centre.js';
import { seededCentre } from '../support/centre.js';
import { signIn, switchOperator } from './pages/start.js';
import { OpeningPage } from './pages/setup.js';

/**
 * 期初余额 (issue 16): a project carried in from before the book began is entered by project, a book
 * begun in the middle of a year brings its 本年累计 as 用友's 期初余额 does, and Ctrl+S saves.
 * Seeded: 东风社区's book begins 2025-01 with 100201 50,000.00 借 / 3101 50,000.00 贷.
 */

const book = '东风社区';
const project = '区民政局·居家养老服务';

describe('期初余额 (browser)', () => {
  const apps = appPerTest();
  async function start(centre: Centre, currentBook = book) {
    const app = await apps.open(centre);
    await signIn(app.page, '王会计');
    if (currentBook !== book) await app.page.getByLabel('当前账套').selectOption(currentBook);
    return { page: app.page, opening: await new OpeningPage(app.page).open() };
  }

  it('splits 限定性净资产 by project: a project of the book or a new one, the account their sum', async () => {
    const { centre, accountant } = await seededCentre();
    // Approved in 2024, before the book began: its unspent money is carried in on 3102.
    await accountant('admission.add', {
      book,
      department: '区民政局',
      matter: '居家养老服务',
      approvalNumber: '鹿民准〔2024〕12号',
      approvalDate: '2024-03-01',
      amount: '12000.00',
      periodFrom: '2024-03',
      periodTo: '2025-12',
    });
    // The old software's export put the whole of 3102 on the account.
    await accountant('opening.set', {
      book,
      replace: true,
      balances: [
        { account: '100201', debit: '62000.00' },
        { account: '3101', credit: '50000.00' },
        { account: '3102', credit: '12000.00' },
      ],
    });
    const { page, opening } = await start(centre);
    // A book begun in January has no 本年累计 to bring.
    expect(await opening.headers()).toEqual(['科目编码', '科目名称', '方向', '期初借方', '期初贷方']);
    // Only accounts tracked by project can be split.
    expect(await opening.splitButton('100201').count()).toBe(0);
    expect(await opening.splitButton('3102').count()).toBe(1);

    // Ctrl+I on 3102 splits it: its figure so far is the first part, the cursor in its 项目 cell.
    await opening.input('3102', '贷方').focus();
    await page.keyboard.press('Control+i');
    await expect.poll(() => opening.parts('3102').count()).toBe(1);
    await expect.poll(() => opening.focusedLabel()).toContain('项目');
    expect(await opening.partInput('3102', 1, '贷方').inputValue()).toBe('12,000.00');
    expect(await opening.row('3102').innerText()).toContain('12,000.00');
    expect(await opening.state()).toBe('平衡');
    // The book's projects by the initials of their name; the list shows the approval number.
    await page.keyboard.type('qmzj');
    const option = opening.projectPicker.getByRole('option');
    await expect.poll(() => option.count()).toBe(1);
    expect(await option.first().innerText()).toContain('鹿民准〔2024〕12号');
    await screenshot(page, 'opening-project-picker');
    await page.keyboard.press('Enter');
    expect(await opening.projectCell('3102', 1).inputValue()).toBe(project);
    // Enter goes on to the account's side (贷), ready to be typed over; the totals follow.
    await expect.poll(() => opening.focusedLabel()).toMatch(/期初贷方$/);
    await page.keyboard.type('8000');
    expect(await opening.totals()).toContain('58,000.00');
    expect(await opening.state()).toBe('不平');
    // A second project the book does not have yet: typed as a new name.
    await page.keyboard.press('Control+i');
    await expect.poll(() => opening.parts('3102').count()).toBe(2);
    await page.keyboard.type('区卫健局·健康宣传');
    await page.keyboard.press('Enter');
    await expect.poll(() => opening.focusedLabel()).toMatch(/期初贷方$/);
    await page.keyboard.type('4000');
    expect(await opening.part('3102', 2).innerText()).toContain('新项目');

    // The account's figure is the sum of its projects, shown and not typed; the totals follow.
    expect(await opening.row('3102').locator('input').count()).toBe(0);
    expect(await opening.row('3102').innerText()).toContain('12,000.00');
    expect(await opening.totals()).toContain('62,000.00');
    expect(await opening.state()).toBe('平衡');
    await screenshot(page, 'opening-projects');

    // Initials typed and not taken from the list are no project name: said at once, and not saved.
    await page.keyboard.press('Control+i');
    await expect.poll(() => opening.parts('3102').count()).toBe(3);
    await page.keyboard.type('qmzj');
    await expect.poll(() => option.count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await opening.part('3102', 3).innerText()).toContain('“qmzj”还没有选定项目');
    expect(await opening.saveButton.isDisabled()).toBe(true);
    // The same project twice is refused on the spot too; Ctrl+D takes the line out again.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => option.count()).toBe(1);
    await page.keyboard.press('Enter');
    expect(await opening.part('3102', 3).innerText()).toContain(`项目“${project}”重复`);
    expect(await opening.saveButton.isDisabled()).toBe(true);
    await screenshot(page, 'opening-projects-duplicate');
    await page.keyboard.press('Control+d');
    await expect.poll(() => opening.parts('3102').count()).toBe(2);

    expect(await opening.state()).toBe('平衡');
    await opening.save();
    const saved = await accountant('opening.get', { book });
    expect(saved).toMatchObject({ debitTotal: '62000.00', creditTotal: '62000.00', balanced: true });
    expect(saved.rows.find((r) => r.code === '3102')).toMatchObject({
      credit: '12000.00',
      projects: [
        { project: '区卫健局·健康宣传', debit: '0.00', credit: '4000.00' },
        { project, debit: '0.00', credit: '8000.00' },
      ],
    });
    const { projects } = await accountant('dimension.list', { book });
    expect(projects.map((p) => p.name)).toEqual(['区卫健局·健康宣传', project]);

    // Opened again, the screen shows the parts as saved.
    await page.reload();
    await new OpeningPage(page).open();
    await expect.poll(() => opening.parts('3102').count()).toBe(2);
    await opening.part('3102', 2).scrollIntoViewIfNeeded();
    expect(await opening.projectCell('3102', 1).inputValue()).toBe('区卫健局·健康宣传');
    expect(await opening.partInput('3102', 2, '贷方').inputValue()).toBe('8,000.00');
    expect(await opening.part('3102', 2).innerText()).not.toContain('新项目');
    await screenshot(page, 'opening-projects-saved');

    // The oversight committee reads the parts, and changes nothing.
    await switchOperator(page, '陈议监');
    await new OpeningPage(page).open();
    await expect.poll(() => opening.parts('3102').count()).toBe(2);
    expect(await opening.table.locator('input').count()).toBe(0);
    expect(await opening.part('3102', 2).innerText()).toContain(project);
    expect(await opening.part('3102', 2).innerText()).toContain('8,000.00');
    await opening.part('3102', 2).scrollIntoViewIfNeeded();
    await screenshot(page, 'opening-projects-overseer');
  });

  it('brings 本年累计 for a book begun in June: 年初 derived, both checks, saved with Ctrl+S', async () => {
    const { centre, boss, accountant } = await seededCentre();
    await boss('community.add', { name: '南塘社区', code: 'NT', kind: 'urban' });
    await accountant('book.create', { community: '南塘社区', startPeriod: '2025-06' });
    const { page, opening } = await start(centre, '南塘社区');
    expect(await opening.headers()).toEqual([
      '科目编码',
      '科目名称',
      '方向',
      '年初余额',
      '本年累计借方',
      '本年累计贷方',
      '期初借方',
      '期初贷方',
    ]);

    // 专户: 50,000.00 at New Year, 30,000.00 in and 20,000.00 out by the end of May.
    await opening.enter('100201', '借方', '60000');
    await opening.enterYear('100201', '借方', '30000');
    await opening.enterYear('100201', '贷方', '20000');
    expect(await opening.yearOpening('100201')).toBe('50,000.00');
    expect(await opening.yearOpening('1002')).toBe('50,000.00');
    await opening.enter('3101', '贷方', '50000');
    expect(await opening.yearOpening('3101')).toBe('50,000.00');
    // This year's grant: all of its 期初 came in this year, so it began the year at nothing.
    await opening.enter('44010101', '贷方', '30000');
    await opening.enterYear('44010101', '贷方', '30000');
    expect(await opening.yearOpening('44010101')).toBe('');
    // The spending, its 累计 forgotten: 期初 balances, the year's movement does not, and the bar says so.
    await opening.enter('520101', '借方', '20000');
    expect(await opening.state()).toBe('平衡');
    expect(await opening.yearState()).toBe('不平');
    expect(await opening.totals()).toContain('80,000.00');
    const year = await opening.yearTotals();
    expect(year).toMatch(/借方合计\s*30,000.00/);
    expect(year).toMatch(/贷方合计\s*50,000.00/);
    expect(year).toMatch(/差额\s*-20,000.00/);
    expect(year).toContain('累计借贷不等');
    expect(await opening.yearOpening('520101')).toBe('20,000.00');
    await screenshot(page, 'opening-mid-year-unbalanced');

    await opening.enterYear('520101', '借方', '20000');
    expect(await opening.yearOpening('520101')).toBe('');
    expect(await opening.yearState()).toBe('平衡');
    expect(await opening.state()).toBe('平衡');
    await opening.saveWithKeys();
    const saved = await accountant('opening.get', { book: '南塘社区' });
    expect(saved).toMatchObject({
      midYear: true,
      debitTotal: '80000.00',
      yearDebitTotal: '50000.00',
      yearCreditTotal: '50000.00',
      balanced: true,
    });
    expect(saved.rows.find((r) => r.code === '100201')).toMatchObject({
      debit: '60000.00',
      yearDebit: '30000.00',
      yearCredit: '20000.00',
      yearOpeningDebit: '50000.00',
    });
    await opening.showOnlyWithBalance();
    expect(await opening.yearOpening('100201')).toBe('50,000.00');
    await screenshot(page, 'opening-mid-year');
  });

  it('saves with Ctrl+S as with the button, and saves nothing while a figure needs correcting', async () => {
    const { centre, accountant } = await seededCentre();
    const { page, opening } = await start(centre);
    await opening.enter('1001', '借方', '12.345');
    await opening.input('1001', '借方').focus();
    await page.keyboard.press('Control+s');
    expect(await opening.message()).toContain('有 1 处需要更正，先改 1001 现金，未保存');
    await screenshot(page, 'opening-ctrl-s-refused');
    expect((await accountant('opening.get', { book })).rows.map((r) => r.code)).toEqual(['100201', '3101']);

    await opening.enter('1001', '借方', '1200');
    await opening.enter('3101', '贷方', '51200');
    await opening.input('3101', '贷方').focus();
    await opening.saveWithKeys();
    const saved = await accountant('opening.get', { book });
    expect(saved.rows.map((r) => [r.code, r.debit, r.credit])).toEqual([
      ['1001', '1200.00', '0.00'],
      ['100201', '50000.00', '0.00'],
      ['3101', '0.00', '51200.00'],
    ]);
    expect(saved.balanced).toBe(true);
  });
});
