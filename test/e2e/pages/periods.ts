import type { Locator, Page } from 'playwright-core';
import { go } from './start.js';

/** 结账: the book's months with close and reopen. */
export class PeriodsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await go(this.page, '/periods');
    await this.page.locator('[data-testid="periods"][aria-busy="false"]').waitFor();
    return this;
  }

  get table(): Locator {
    return this.page.getByTestId('periods');
  }

  row(period: string): Locator {
    return this.table.locator(`tbody tr[data-period="${period}"]`);
  }

  async state(period: string): Promise<string> {
    return (await this.row(period).getByTestId('state').innerText()).trim();
  }

  /** Waits until the month shows this state (the list reloads after each change). */
  async waitForState(period: string, state: '已结账' | '未结账'): Promise<void> {
    await this.row(period).getByTestId('state').getByText(state, { exact: true }).waitFor();
  }

  async why(period: string): Promise<string> {
    return (await this.row(period).getByTestId('why').innerText()).trim();
  }

  button(period: string, name: '结账' | '反结账'): Locator {
    return this.row(period).getByRole('button', { name, exact: true });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  get error(): Locator {
    return this.page.getByRole('alert');
  }

  get done(): Locator {
    return this.page.getByTestId('period-done');
  }

  /** 结账 with its confirmation. */
  async close(period: string): Promise<void> {
    await this.button(period, '结账').click();
    await this.dialog.waitFor();
    await this.dialog.getByRole('button', { name: '结账', exact: true }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  /** 反结账 with the reason typed into the dialog and confirmed with Enter. */
  async reopen(period: string, reason: string): Promise<void> {
    await this.button(period, '反结账').click();
    await this.dialog.waitFor();
    await this.dialog.getByLabel('反结账原因').fill(reason);
    await this.dialog.getByLabel('反结账原因').press('Enter');
    await this.dialog.waitFor({ state: 'detached' });
  }
}
