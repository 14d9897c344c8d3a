import type { Locator, Page } from 'playwright-core';
import { go } from './start.js';

/** 凭证查询: the filtered list, the voucher panel and the batch actions. */
export class VoucherListPage {
  constructor(readonly page: Page) {}

  async open(params: Record<string, string> = {}): Promise<this> {
    await go(this.page, '/vouchers', params);
    await this.loaded();
    return this;
  }

  /** Waits until the list shows what the core returned for the current filters. */
  async loaded(): Promise<void> {
    await this.page.locator('[data-testid="voucher-list"][aria-busy="false"]').waitFor();
  }

  get table(): Locator {
    return this.page.getByTestId('voucher-list');
  }

  get rows(): Locator {
    return this.table.locator('tbody tr');
  }

  /** A row by period and number: row('2025-01', '记-0002'). */
  row(period: string, ref: string): Locator {
    return this.table.locator(`tbody tr[data-period="${period}"][data-ref="${ref}"]`);
  }

  async status(period: string, ref: string): Promise<string> {
    return (await this.row(period, ref).getByTestId('status').innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Every row's status text, keyed 'period ref'. */
  async statuses(): Promise<Record<string, string>> {
    return this.table
      .locator('tbody tr')
      .evaluateAll((rows) =>
        Object.fromEntries(
          rows.map((r) => [
            `${r.getAttribute('data-period')} ${r.getAttribute('data-ref')}`,
            (r.querySelector('[data-testid="status"]') as unknown as { innerText: string }).innerText
              .replace(/\s+/g, ' ')
              .trim(),
          ]),
        ),
      );
  }

  get detail(): Locator {
    return this.page.getByTestId('voucher-detail');
  }

  /** Clicks a row and waits for its voucher to show below the list. */
  async openDetail(period: string, ref: string): Promise<Locator> {
    await this.row(period, ref).click();
    await this.detailOf(period, ref).waitFor();
    return this.detail;
  }

  detailOf(period: string, ref: string): Locator {
    return this.page.locator(`[data-testid="voucher-detail"][aria-label="凭证 ${period} ${ref}"]`);
  }

  /** An action button of the open voucher: 审核, 取消审核, 记账, 红字冲销. */
  action(name: '审核' | '取消审核' | '记账' | '红字冲销'): Locator {
    return this.detail.getByRole('button', { name: new RegExp(`^${name}`) });
  }

  get flash(): Locator {
    return this.page.getByTestId('flash');
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async confirmDialog(): Promise<void> {
    await this.dialog.locator('.buttons .btn').last().click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  async selectAll(): Promise<void> {
    await this.page.getByLabel('全选', { exact: true }).check();
  }

  batchButton(name: '批量审核' | '批量记账'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** 全选, then a batch action confirmed; resolves to the result panel. */
  async batch(name: '批量审核' | '批量记账'): Promise<Locator> {
    await this.selectAll();
    await this.batchButton(name).click();
    await this.dialog.waitFor();
    await this.confirmDialog();
    const result = this.page.getByTestId('batch-result');
    await result.waitFor();
    return result;
  }

  /** Waits until the row's status text matches. */
  async waitForStatus(period: string, ref: string, pattern: RegExp): Promise<void> {
    await this.row(period, ref).getByTestId('status').filter({ hasText: pattern }).waitFor();
  }
}
