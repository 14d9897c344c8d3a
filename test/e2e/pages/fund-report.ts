import type { Locator, Page } from 'playwright-core';
import { go } from './start.js';

/** Page objects for 资金来源情况表 and 人员配备. */

export type FundColumn = 'opening' | 'received' | 'spent' | 'closing';

export class FundReportPage {
  constructor(readonly page: Page) {}

  async open(params: Record<string, string> = {}): Promise<this> {
    await go(this.page, '/fund-report', params);
    await this.page.getByRole('heading', { name: '资金来源情况表', exact: true }).waitFor();
    await this.page.locator('[data-testid="fund-reports"][aria-busy="false"] table').first().waitFor();
    return this;
  }

  table(book = '东风社区'): Locator {
    return this.page.locator(`table[data-testid="fund-report"][data-book="${book}"]`);
  }

  row(fund: string, book?: string): Locator {
    return this.table(book).locator(`tbody tr[data-fund="${fund}"]`);
  }

  totalRow(book?: string): Locator {
    return this.table(book).locator('tbody tr[data-kind="total"]');
  }

  async figure(row: Locator, column: FundColumn): Promise<string> {
    return (await row.locator(`td[data-column="${column}"]`).innerText()).trim();
  }

  async closingLine(): Promise<string> {
    return (await this.page.getByTestId('fund-closing').first().innerText()).trim();
  }
}

export type StaffingColumn =
  | 'households'
  | 'newResidents'
  | 'requiredWorkers'
  | 'workers'
  | 'requiredPolice'
  | 'police'
  | 'personnelCosts'
  | 'status';

export class StaffingPage {
  constructor(readonly page: Page) {}

  async open(params: Record<string, string> = {}): Promise<this> {
    await go(this.page, '/staffing', params);
    await this.page.getByRole('heading', { name: '人员配备', exact: true }).waitFor();
    await this.page.locator('[data-testid="staffing"][aria-busy="false"]').waitFor();
    return this;
  }

  row(community: string): Locator {
    return this.page.getByTestId('staffing').locator(`tbody tr[data-community="${community}"]`);
  }

  async figure(community: string, column: StaffingColumn): Promise<string> {
    return (await this.row(community).locator(`td[data-column="${column}"]`).innerText()).trim();
  }

  badge(community: string): Locator {
    return this.row(community).locator('td[data-column="status"] .badge');
  }

  /** Records the staff in post through the row's dialog and waits for the table to show them. */
  async record(community: string, fields: { workers: string; police: string; asOf: string }): Promise<void> {
    await this.row(community)
      .getByRole('button', { name: /录入实有|修改实有/ })
      .click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('实有专职社工', { exact: true }).fill(fields.workers);
    await dialog.getByLabel('实有协警', { exact: true }).fill(fields.police);
    await dialog.getByLabel('统计日期', { exact: true }).fill(fields.asOf);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.row(community)
      .locator('td[data-column="workers"]')
      .filter({ hasText: new RegExp(`^${fields.workers}$`) })
      .waitFor();
  }
}
