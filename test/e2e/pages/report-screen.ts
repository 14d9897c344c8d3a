import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { go } from './start.js';

/**
 * Page objects for the report catalogue's screen (#/reports/<name>): any book or statement drawn from
 * its model, its filters, drill-downs, exports and print preview.
 */

/** A computed style property of an element, read in the page (where getComputedStyle lives). */
export function style(locator: Locator, property: string): Promise<string> {
  return locator.evaluate(
    (element, name) =>
      (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(
        element,
      )[name] ?? '',
    property,
  );
}

export class ReportScreen {
  readonly wrap: Locator;
  readonly table: Locator;
  readonly heading: Locator;
  readonly sub: Locator;

  constructor(readonly page: Page) {
    this.wrap = page.getByTestId('report');
    this.table = page.getByTestId('report-table');
    this.heading = page.locator('.page-head h1');
    this.sub = page.locator('.page-head .sub');
  }

  /** Opens a report by its catalogue name and waits until its figures are drawn. */
  async open(name: string, params: Record<string, string> = {}): Promise<this> {
    await go(this.page, `/reports/${name}`, params);
    await this.loaded(name);
    return this;
  }

  async loaded(name: string): Promise<void> {
    await this.page.locator(`[data-testid="report"][data-report="${name}"][aria-busy="false"]`).waitFor();
    await this.page.getByRole('progressbar').waitFor({ state: 'detached' });
  }

  rows(): Locator {
    return this.table.locator('tbody tr[data-row]');
  }

  row(index: number): Locator {
    return this.table.locator(`tbody tr[data-row="${index}"]`);
  }

  /** The rows whose `column` reads exactly `text`. */
  rowWhere(column: string, text: string): Locator {
    return this.rows().filter({
      has: this.page.locator(`td[data-column="${column}"]`, { hasText: new RegExp(`^\\s*${text}\\s*$`) }),
    });
  }

  /** Rows that open something: an account's 明细账 or a voucher. */
  drillRows(): Locator {
    return this.rows().and(this.page.locator('[tabindex]'));
  }

  async cell(row: Locator, column: string): Promise<string> {
    return (await row.locator(`td[data-column="${column}"]`).innerText()).trim();
  }

  /** The header texts, both rows (group headers first). */
  async headers(): Promise<string[]> {
    return (await this.table.locator('thead th').allInnerTexts()).map((t) => t.trim());
  }

  option(label: '隐藏零行' | '含未记账凭证'): Locator {
    return this.page.locator('.report-filters label.check', { hasText: label }).locator('input');
  }

  levelSelect(): Locator {
    return this.page.getByLabel('科目级次', { exact: true });
  }

  button(name: '导出Excel' | '导出PDF' | '打印预览'): Locator {
    return this.page.locator('.page-head .actions').getByRole('button', { name, exact: true });
  }

  /** Clicks an export button and saves the download into `folder`; returns the file's path. */
  async download(name: '导出Excel' | '导出PDF', folder: string, timeout = 30_000): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout }),
      this.button(name).click(),
    ]);
    const file = path.join(folder, download.suggestedFilename());
    await download.saveAs(file);
    return file;
  }

  async openPreview(): Promise<PrintPreview> {
    await this.button('打印预览').click();
    const preview = new PrintPreview(this.page);
    await preview.dialog.waitFor();
    await preview.sheet.locator('h1').waitFor();
    return preview;
  }
}

export class PrintPreview {
  readonly dialog: Locator;
  readonly frame: Locator;
  /** The print HTML inside the sandboxed frame. */
  readonly sheet: FrameLocator;
  /** The sheets of paper on screen: each report of the print HTML on A4 in its own orientation. */
  readonly papers: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: '打印预览' });
    this.frame = this.dialog.locator('iframe');
    this.sheet = this.frame.contentFrame();
    this.papers = this.sheet.locator('section.report');
  }

  button(name: '打印' | '导出PDF' | '关闭'): Locator {
    return this.dialog.getByRole('button', { name, exact: true });
  }
}
