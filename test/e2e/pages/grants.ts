import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { go } from './start.js';

/**
 * Page objects for the grant screens: 户数 (household counts per community and year) and 应拨经费
 * (the centre's entitlement table, the calculator and the policies), so the test reads as the story.
 */

export interface HouseholdFigures {
  resident: string;
  registered: string;
  newResidents?: string;
  asOf: string;
  source: string;
}

export class HouseholdsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await go(this.page, '/households');
    await this.page.getByRole('heading', { name: '户数', exact: true }).waitFor();
    await this.table.waitFor();
    return this;
  }

  /** Chooses the year in the picker and waits for its figures. */
  async selectYear(year: number): Promise<void> {
    await this.page.getByLabel('年度', { exact: true }).selectOption(String(year));
    await this.page
      .getByTestId('households-summary')
      .filter({ hasText: `${year} 年` })
      .waitFor();
    await this.page.locator('[data-testid="households"][aria-busy="false"]').waitFor();
  }

  get table(): Locator {
    return this.page.getByTestId('households');
  }

  row(community: string): Locator {
    return this.table.locator(`tbody tr[data-community="${community}"]`);
  }

  async figure(community: string, column: 'resident' | 'registered' | 'newResidents'): Promise<string> {
    return (await this.row(community).locator(`td[data-column="${column}"]`).innerText()).trim();
  }

  async prompt(community: string): Promise<string> {
    return (await this.row(community).locator('td[data-column="prompt"]').innerText()).trim();
  }

  get form(): Locator {
    return this.page.getByRole('form', { name: '录入户数' });
  }

  get history(): Locator {
    return this.page.getByTestId('households-history');
  }

  /** What the last save did to the community's entitlement: 应拨由 X 变为 Y（差额 Z）. */
  get change(): Locator {
    return this.page.getByTestId('households-change');
  }

  async select(community: string): Promise<void> {
    await this.row(community).getByRole('button', { name: community }).click();
    await this.page.getByRole('heading', { name: `${community} · ` }).waitFor();
  }

  /** Selects the community, types the figures into the form and saves; waits for the confirmation. */
  async record(community: string, figures: HouseholdFigures): Promise<void> {
    await this.select(community);
    const form = this.form;
    await form.getByLabel('常住户数', { exact: true }).fill(figures.resident);
    await form.getByLabel('户籍户数', { exact: true }).fill(figures.registered);
    if (figures.newResidents !== undefined)
      await form.getByLabel('新居民人数', { exact: true }).fill(figures.newResidents);
    await form.getByLabel('统计日期', { exact: true }).fill(figures.asOf);
    await form.getByLabel('来源', { exact: true }).fill(figures.source);
    await form.getByRole('button', { name: '保存' }).click();
    await this.page
      .getByTestId('households-saved')
      .filter({ hasText: `已录入 ${community}` })
      .filter({ hasText: `常住 ${Number(figures.resident).toLocaleString('en-US')} 户` })
      .waitFor();
  }
}

export class GrantsPage {
  constructor(readonly page: Page) {}

  /** Alt+G from anywhere in the app. */
  async openWithShortcut(): Promise<this> {
    await this.page.keyboard.press('Alt+KeyG');
    await this.page.getByRole('heading', { name: '应拨经费', exact: true }).waitFor();
    await this.table.waitFor();
    return this;
  }

  async selectYear(year: number): Promise<void> {
    await this.page.locator('.toolbar').getByLabel('年度', { exact: true }).selectOption(String(year));
    await this.page
      .getByTestId('grants-summary')
      .filter({ hasText: `${year} 年` })
      .waitFor();
    await this.page.locator('[data-testid="entitlement"][aria-busy="false"]').waitFor();
  }

  get table(): Locator {
    return this.page.getByTestId('entitlement');
  }

  /** A community's figures and, under them, its working. */
  community(name: string): Locator {
    return this.table.locator(`tbody[data-community="${name}"]`);
  }

  cell(name: string, column: string): Locator {
    return this.community(name).locator(`td[data-column="${column}"]`);
  }

  async text(name: string, column: string): Promise<string> {
    return (await this.cell(name, column).innerText()).trim();
  }

  /** Waits until the community's 应拨合计 reads `amount` (the table re-reads after every change). */
  async waitForTotal(name: string, amount: string): Promise<void> {
    await this.cell(name, 'total').filter({ hasText: amount }).waitFor();
  }

  /** The 合计 row's amounts: base, household, total. */
  async totals(): Promise<{ base: string; household: string; total: string }> {
    const row = this.page.getByTestId('entitlement-total');
    const read = async (column: string) =>
      (await row.locator(`td[data-column="${column}"]`).innerText()).trim();
    return { base: await read('base'), household: await read('household'), total: await read('total') };
  }

  /** Types a rural community's rate per household into its row and sets it. */
  async setRate(name: string, rate: string): Promise<void> {
    await this.community(name).getByLabel(`${name} 每户标准`).fill(rate);
    await this.community(name).getByRole('button', { name: '设定' }).click();
  }

  rateError(name: string): Locator {
    return this.community(name).getByTestId('rate-error');
  }

  get calculator(): Locator {
    return this.page.getByTestId('calculator');
  }

  /** Fills the calculator; returns its total once it shows the figures typed. */
  async calculate(kind: string, year: number, resident: string, registered: string): Promise<void> {
    const calc = this.calculator;
    await calc.getByLabel('社区类型').selectOption({ label: kind });
    await calc.getByLabel('年度', { exact: true }).selectOption(String(year));
    await calc.getByLabel('常住户数').fill(resident);
    await calc.getByLabel('户籍户数').fill(registered);
  }

  get calcTotal(): Locator {
    return this.page.getByTestId('calc-total');
  }

  get calcWorking(): Locator {
    return this.page.getByTestId('calc-working');
  }

  get policies(): Locator {
    return this.page.getByTestId('policies');
  }

  policy(kind: string): Locator {
    return this.policies.locator(`li[data-kind="${kind}"]`);
  }

  /** 导出 CSV in browser mode is a download: its name and its text (BOM kept). */
  async exportCsv(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    const file = await download.path();
    return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
  }
}
