import type { Locator, Page } from 'playwright-core';

/**
 * Page objects for the report screens: what an accountant sees and does on 科目余额表 and 明细账,
 * so the drill-down test reads as the story and not as selectors.
 */

/** An amount as the screens show it: 1,234.56 with thousands separators; zero left blank. */
export function shown(amount: string, blankZero = true): string {
  if (blankZero && /^-?0+(\.0+)?$/.test(amount)) return '';
  const negative = amount.startsWith('-');
  const [whole = '0', cents = '00'] = amount.replace('-', '').split('.');
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents.padEnd(2, '0')}`;
}

export const figureColumns = [
  'openingDebit',
  'openingCredit',
  'debit',
  'credit',
  'yearDebit',
  'yearCredit',
  'closingDebit',
  'closingCredit',
] as const;
export type FigureColumn = (typeof figureColumns)[number];

/** The start screen lists the operators as buttons. */
export async function signIn(page: Page, operator: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(operator) }).click();
  await page.getByTestId('operator').filter({ hasText: operator }).waitFor();
}

export class TrialBalanceScreen {
  readonly table: Locator;
  readonly total: Locator;
  readonly balanceCheck: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId('trial-balance');
    this.total = page.getByTestId('trial-balance-total');
    this.balanceCheck = page.getByTestId('balance-check');
  }

  /** Alt+B from anywhere in the app. */
  async openWithShortcut(): Promise<void> {
    await this.page.keyboard.press('Alt+KeyB');
    await this.page.getByRole('heading', { name: '科目余额表' }).waitFor();
    await this.table.waitFor();
  }

  fromInput(): Locator {
    return this.page.getByLabel('起始期间', { exact: true });
  }

  toInput(): Locator {
    return this.page.getByLabel('截止期间', { exact: true });
  }

  /** Sets the range and waits until the figures shown are for it ('2025年1月至2025年3月'). */
  async setRange(from: string, to: string, label: string): Promise<void> {
    await this.fromInput().selectOption(from);
    await this.toInput().selectOption(to);
    await this.page.locator('.page-head .sub', { hasText: label }).waitFor();
    await this.page.getByRole('progressbar').waitFor({ state: 'detached' });
  }

  row(code: string): Locator {
    return this.table.locator(`tbody tr[data-code="${code}"]`);
  }

  async codes(): Promise<string[]> {
    return this.table
      .locator('tbody tr[data-code]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code') ?? ''));
  }

  /** The six amounts of a row (or of the 合计 row) as displayed. */
  async figures(row: Locator): Promise<Record<FigureColumn, string>> {
    const figures = {} as Record<FigureColumn, string>;
    for (const column of figureColumns)
      figures[column] = (await row.locator(`td[data-column="${column}"]`).innerText()).trim();
    return figures;
  }

  async name(code: string): Promise<string> {
    return (await this.row(code).locator('td.name').innerText()).trim();
  }

  async drillDown(code: string): Promise<void> {
    await this.row(code).click();
  }
}

export class LedgerScreen {
  readonly table: Locator;
  readonly account: Locator;
  readonly closing: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId('account-ledger');
    this.account = page.getByTestId('ledger-account');
    this.closing = page.getByTestId('ledger-closing');
  }

  async waitFor(code: string): Promise<void> {
    await this.page.getByRole('heading', { name: '明细账' }).waitFor();
    await this.account.filter({ hasText: code }).waitFor();
    await this.table.waitFor();
  }

  rows(kind: 'opening' | 'line' | 'month' | 'year'): Locator {
    return this.table.locator(`tbody tr[data-kind="${kind}"]`);
  }

  lines(): Locator {
    return this.rows('line');
  }

  async lastBalance(): Promise<{ direction: string; balance: string }> {
    const last = this.table.locator('tbody tr').last();
    return {
      direction: (await last.locator('td[data-column="direction"]').innerText()).trim(),
      balance: (await last.locator('td[data-column="balance"]').innerText()).trim(),
    };
  }

  async openLine(index: number): Promise<number> {
    const line = this.lines().nth(index);
    const id = Number(await line.getAttribute('data-voucher-id'));
    await line.click();
    return id;
  }

  picker(): Locator {
    return this.page.getByRole('combobox', { name: '科目' });
  }

  backToTrialBalance(): Locator {
    return this.page.getByRole('link', { name: /返回余额表/ });
  }
}
