import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../support/browser.js';
import { seededCentre } from '../support/centre.js';
import { quarterOfVouchers, writeCsv } from '../support/files.js';
import { figureColumns, LedgerScreen, shown, signIn, TrialBalanceScreen } from './pages/reports.js';

/**
 * The accountant's drill-down, in the browser: 科目余额表 for the first quarter → 明细账 of the bank
 * account → the voucher behind a line, and back again with the browser's back button. Every figure on
 * screen is checked against what the API reports for the same range.
 */

const book = '东风社区';

type Cell = string | number;

/** The shared quarter plus the bank's everyday traffic (salaries, fees, interest), so the bank ledger is a page long. */
function busyQuarter(): Cell[][] {
  // date, number, summary, other account, amount, into the bank?
  const bankVouchers: Array<[string, number, string, [string, string], string, boolean]> = [
    ['2025-01-18', 3, '提取备用金', ['1001', '现金'], '2000.00', false],
    ['2025-01-20', 4, '支付社区工作人员1月报酬', ['510101', '人员经费'], '18600.00', false],
    ['2025-01-25', 5, '收到区财政按户核拨经费', ['44010102', '社区工作经费(按户核拨)'], '12480.00', true],
    ['2025-01-31', 6, '银行存款利息', ['490101', '利息收入'], '36.25', true],
    ['2025-02-12', 2, '支付社区网络通讯费', ['520103', '邮电通讯网络费'], '399.00', false],
    ['2025-02-18', 3, '支付社区工作人员2月报酬', ['510101', '人员经费'], '18600.00', false],
    ['2025-02-26', 4, '收到费随事转经费', ['44010202', '费随事转经费'], '8000.00', true],
    ['2025-02-28', 5, '支付卫生保洁服务费', ['510105', '卫生保洁'], '3200.00', false],
    ['2025-03-21', 3, '购买办公用品', ['520101', '办公费'], '586.40', false],
    ['2025-03-24', 4, '支付社区工作人员3月报酬', ['510101', '人员经费'], '18600.00', false],
    ['2025-03-25', 5, '收到区财政拨付3月基础经费', ['44010101', '社区工作经费(基础经费)'], '25000.00', true],
    ['2025-03-31', 6, '银行存款利息', ['490101', '利息收入'], '41.80', true],
  ];
  const line = (
    date: string,
    n: number,
    summary: string,
    code: string,
    name: string,
    debit: string,
    credit: string,
    attachments: Cell = '',
    // 费随事转 money is booked with its project (the chart requires it on 44010202).
  ): Cell[] => [
    date,
    '记',
    n,
    summary,
    code,
    name,
    debit,
    credit,
    code === '44010202' ? '区民政局·高龄老人走访' : '',
    '',
    attachments,
  ];
  return [
    ...quarterOfVouchers(),
    ...bankVouchers.flatMap(([date, n, summary, [code, name], amount, incoming]) => [
      line(date, n, summary, code, name, incoming ? '' : amount, incoming ? amount : '', 1),
      line(date, n, summary, '100201', '社区专户', incoming ? amount : '', incoming ? '' : amount),
    ]),
  ];
}

describe('drill-down: 科目余额表 → 明细账 → 凭证', () => {
  let app: App;
  let centre: Awaited<ReturnType<typeof seededCentre>>;

  beforeAll(async () => {
    centre = await seededCentre();
    const imported = await centre.accountant('voucher.import', {
      book,
      file: writeCsv(busyQuarter(), 'quarter.csv'),
      reviewer: '李审核',
    });
    expect(imported.posted).toBe(true);
    // An April draft: the report opens on January..April by default and leaves it out until asked.
    await centre.accountant('voucher.save', {
      book,
      date: '2025-04-08',
      attachments: 1,
      lines: [
        { account: '520102', summary: '支付3月份水电费', debit: '1180.00' },
        { account: '100201', credit: '1180.00' },
      ],
    });
    app = await openApp(centre.centre);
  });

  afterAll(async () => {
    await app?.close();
    centre?.centre.close();
  });

  it('walks from the trial balance to a voucher and back', async () => {
    const { page } = app;
    const trialBalance = new TrialBalanceScreen(page);
    const ledger = new LedgerScreen(page);

    await signIn(page, '王会计');
    await trialBalance.openWithShortcut();
    // Default range: the current year up to the latest month with vouchers.
    expect(await trialBalance.fromInput().inputValue()).toBe('2025-01');
    expect(await trialBalance.toInput().inputValue()).toBe('2025-04');

    await trialBalance.setRange('2025-01', '2025-03', '2025年1月至2025年3月');
    expect(page.url()).toMatch(/#\/trial-balance\?.*from=2025-01.*to=2025-03/);

    const expected = await centre.accountant('report.trialBalance', {
      book,
      from: '2025-01',
      to: '2025-03',
      hideZero: true,
    });
    expect(await trialBalance.codes()).toEqual(expected.rows.map((r) => r.code));
    for (const code of ['1001', '1002', '100201', '3101', '44010101', '5101', '510101', '520101']) {
      const row = expected.rows.find((r) => r.code === code)!;
      expect(await trialBalance.name(code), code).toBe(row.name);
      const figures = await trialBalance.figures(trialBalance.row(code));
      for (const column of figureColumns)
        expect(figures[column], `${code} ${column}`).toBe(shown(row[column]));
    }
    const total = await trialBalance.figures(trialBalance.total);
    for (const column of figureColumns)
      expect(total[column], `合计 ${column}`).toBe(shown(expected.total[column]));
    expect(expected.balanced).toBe(true);
    await expect.poll(() => trialBalance.total.innerText()).toContain('试算平衡');
    expect(await trialBalance.balanceCheck.innerText()).toContain('试算平衡');
    // Parents are bold, children indented under them.
    expect(await trialBalance.row('1002').getAttribute('class')).toContain('parent');
    await screenshot(page, 'trial-balance');

    // The bank's dedicated account: its 明细账 for the same range.
    const bank = expected.rows.find((r) => r.code === '100201')!;
    expect(bank.fullName).toBe('银行存款/社区专户');
    await trialBalance.drillDown('100201');
    await ledger.waitFor('100201');
    expect(page.url()).toMatch(/#\/ledger\?account=100201&from=2025-01&to=2025-03/);
    expect(await ledger.account.innerText()).toContain('银行存款/社区专户');

    const expectedLedger = await centre.accountant('report.accountLedger', {
      book,
      account: '100201',
      from: '2025-01',
      to: '2025-03',
    });
    const expectedLines = expectedLedger.rows.filter((r) => r.kind === 'line');
    await expect.poll(() => ledger.lines().count()).toBe(expectedLines.length);
    expect(await ledger.rows('month').count()).toBe(3);
    expect(await ledger.rows('year').count()).toBe(3);
    expect(await ledger.rows('opening').innerText()).toContain('期初余额');
    // The closing balance is the trial balance's closing debit.
    expect(bank.closingDebit).not.toBe('0.00');
    expect(await ledger.lastBalance()).toEqual({ direction: '借', balance: shown(bank.closingDebit) });
    expect(await ledger.closing.innerText()).toMatch(new RegExp(`借\\s*${shown(bank.closingDebit)}`));
    await screenshot(page, 'account-ledger');

    // A line opens its voucher.
    const index = 4;
    const voucherId = await ledger.openLine(index);
    expect(voucherId).toBe(expectedLines[index]!.voucherId);
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/voucher?id=${voucherId}`);
    const voucher = await centre.accountant('voucher.get', { book, voucher: voucherId });
    const main = page.locator('main');
    if (!(await main.innerText()).includes('即将提供')) {
      // The voucher screen is ready: it shows that voucher's number.
      await expect.poll(() => main.innerText()).toContain(voucher.ref);
    }

    // Back: the ledger again, with the cursor on the line that was opened.
    await page.goBack();
    await ledger.waitFor('100201');
    expect(new URL(page.url()).hash).toMatch(/^#\/ledger\?account=100201&from=2025-01&to=2025-03/);
    await expect.poll(() => ledger.lines().nth(index).getAttribute('class')).toContain('selected');
    await expect.poll(() => page.locator('tr:focus').getAttribute('data-voucher-id')).toBe(String(voucherId));

    // Back again: the trial balance for the same range, on the bank row; Enter drills down again.
    await page.goBack();
    await trialBalance.table.waitFor();
    expect(await trialBalance.fromInput().inputValue()).toBe('2025-01');
    expect(await trialBalance.toInput().inputValue()).toBe('2025-03');
    await expect.poll(() => trialBalance.row('100201').getAttribute('class')).toContain('selected');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await ledger.waitFor('100201');

    // 返回余额表 goes back to the same range too.
    await ledger.backToTrialBalance().click();
    await trialBalance.table.waitFor();
    expect(await trialBalance.toInput().inputValue()).toBe('2025-03');
  });
});

describe('明细账 details', () => {
  let app: App;
  let centre: Awaited<ReturnType<typeof seededCentre>>;

  beforeAll(async () => {
    centre = await seededCentre();
    await centre.accountant('voucher.import', {
      book,
      file: writeCsv(busyQuarter(), 'quarter.csv'),
      reviewer: '李审核',
    });
    app = await openApp(centre.centre);
  });

  afterAll(async () => {
    await app?.close();
    centre?.centre.close();
  });

  it('shows red ink in red, the sub-accounts of a parent, and finds accounts by pinyin', async () => {
    const { page } = app;
    const ledger = new LedgerScreen(page);
    await signIn(page, '王会计');

    // Cash: the red-ink correction of 2025-03-20 is shown as a red negative amount.
    await page.goto(new URL('#/ledger?account=1001&from=2025-01&to=2025-03', page.url()).href);
    await ledger.waitFor('1001');
    const red = ledger.lines().filter({ hasText: '冲减多记的办公费' });
    expect(await red.locator('td[data-column="credit"]').innerText()).toBe('-35.00');
    expect(await red.locator('td[data-column="credit"] .amount').getAttribute('class')).toContain('red');
    // The book opened with no cash: 平 and θ.
    expect(await ledger.rows('opening').locator('td[data-column="direction"]').innerText()).toBe('平');
    expect(await ledger.rows('opening').locator('td[data-column="balance"]').innerText()).toBe('θ');

    // A parent account lists the sub-account of each line, by code and name.
    await page.goto(new URL('#/ledger?account=5101&from=2025-01&to=2025-03', page.url()).href);
    await ledger.waitFor('5101');
    const expected = await centre.accountant('report.accountLedger', {
      book,
      account: '5101',
      from: '2025-01',
      to: '2025-03',
    });
    const lines = expected.rows.filter((r) => r.kind === 'line');
    await expect.poll(() => ledger.lines().count()).toBe(lines.length);
    expect(await ledger.lines().first().locator('td.leaf').innerText()).toBe(
      `${lines[0]!.accountCode} 人员经费`,
    );

    // The account picker finds 银行存款/社区专户 by its pinyin initials and opens its ledger.
    await ledger.picker().click();
    await page.keyboard.type('sqzh');
    await page.getByRole('option', { name: /100201/ }).waitFor();
    await page.keyboard.press('Enter');
    await ledger.waitFor('100201');
    expect(new URL(page.url()).hash).toBe('#/ledger?account=100201&from=2025-01&to=2025-03');
    // …and a new history entry, so back returns to 业务活动成本.
    await page.goBack();
    await ledger.waitFor('5101');
  });
});
