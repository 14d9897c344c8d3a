import fs from 'node:fs';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { go } from './start.js';

/**
 * Page objects for 居务公开: the 公开表 screen (period, tabs, the paper sheets, the check, versions,
 * the changes banner, files, print preview and 公开…) and the 应公开 screen (the due list, the batch,
 * the settings and the 收支项目 rules), so the tests read as the accountant's story.
 */

export interface PublishFields {
  publishedOn?: string;
  backdateReason?: string;
  displayDays?: string;
  reviewer?: string;
  communityHead?: string;
  oversightOpinion?: string;
  oversightSigner?: string;
}

export class DisclosurePage {
  constructor(readonly page: Page) {}

  /** Opens the 公开表 for a period (2025-Q1, 2025-03, 2025) and waits for its sheets. */
  async open(period: string, params: Record<string, string> = {}): Promise<this> {
    await go(this.page, '/disclosure', { period, ...params });
    await this.page.getByRole('heading', { name: '居务公开 · 公开表', exact: true }).waitFor();
    await this.ready(period);
    return this;
  }

  /** Waits until the sheets shown are those of `period`, read afresh. */
  async ready(period: string): Promise<void> {
    await this.page
      .locator(`[data-testid="disclosure-view"][aria-busy="false"][data-period="${period}"]`)
      .waitFor();
  }

  async chooseSheet(name: 'A' | 'B' | 'C'): Promise<Locator> {
    await this.page.getByRole('tab', { name: new RegExp(`^表${name}`) }).click();
    const sheet = this.sheet.and(this.page.locator(`[data-sheet="${name}"]`));
    await sheet.waitFor();
    return sheet;
  }

  get sheet(): Locator {
    return this.page.getByTestId('disclosure-sheet');
  }

  /** The sheet's column headers as drawn. */
  async headers(): Promise<string[]> {
    return (await this.sheet.locator('thead th').allInnerTexts()).map((t) => t.trim());
  }

  /** Every body row of the sheet as its cells' text. */
  async rows(): Promise<string[][]> {
    const rows = this.sheet.locator('tbody tr');
    const result: string[][] = [];
    for (let i = 0, n = await rows.count(); i < n; i++)
      result.push((await rows.nth(i).locator('td').allInnerTexts()).map((t) => t.trim()));
    return result;
  }

  /** One figure of a row named by its first text cell (such as 收入合计), column by key. */
  async figure(label: string, column: string): Promise<string> {
    const cell = this.sheet.locator(`tbody tr[data-label="${label}"] td[data-column="${column}"]`);
    return (await cell.innerText()).trim();
  }

  async notes(): Promise<string> {
    return (await this.sheet.locator('.ds-notes').innerText()).trim();
  }

  signature(label: string): Locator {
    return this.sheet.locator(`[data-sign="${label}"] .ds-sign-name`);
  }

  get check(): Locator {
    return this.page.getByTestId('disclosure-check');
  }

  get changes(): Locator {
    return this.page.getByTestId('disclosure-changes');
  }

  get versions(): Locator {
    return this.page.getByTestId('disclosure-versions');
  }

  async showVersion(version: number | 'now'): Promise<void> {
    const name = version === 'now' ? '当前账簿数' : new RegExp(`^第${version}版`);
    await this.versions.getByRole('radio', { name }).click();
  }

  /** 导出Excel / 导出PDF in browser mode is a download: its suggested name and where it was saved. */
  async download(button: '导出Excel' | '导出PDF'): Promise<{ name: string; file: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: button, exact: true }).first().click(),
    ]);
    const file = await download.path();
    if (!fs.existsSync(file)) throw new Error(`download of ${button} not saved`);
    return { name: download.suggestedFilename(), file };
  }

  /** Opens 打印预览 and returns the sandboxed frame with the print HTML. */
  async preview(): Promise<FrameLocator> {
    await this.page.getByRole('button', { name: '打印预览' }).click();
    await this.page.getByTestId('print-preview').waitFor();
    return this.page.frameLocator('[data-testid="print-preview"]');
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async openPublish(): Promise<Locator> {
    await this.page
      .getByRole('button', { name: /^公开(新版本)?…$/ })
      .first()
      .click();
    await this.dialog.getByRole('form', { name: '公开' }).waitFor();
    return this.dialog;
  }

  /** Fills the sign-off and presses 公开; the dialog stays open on a refusal. */
  async fillAndPublish(fields: PublishFields): Promise<void> {
    const d = this.dialog;
    if (fields.publishedOn !== undefined)
      await d.getByLabel('公开日期', { exact: true }).fill(fields.publishedOn);
    if (fields.backdateReason !== undefined)
      await d.getByLabel('补录原因', { exact: true }).fill(fields.backdateReason);
    if (fields.displayDays !== undefined)
      await d.getByLabel('公开期限', { exact: true }).fill(fields.displayDays);
    if (fields.reviewer !== undefined)
      await d.getByLabel('审核人', { exact: true }).selectOption({ label: fields.reviewer });
    if (fields.communityHead !== undefined)
      await d.getByLabel('社区负责人', { exact: true }).fill(fields.communityHead);
    if (fields.oversightOpinion !== undefined)
      await d.getByLabel('议事和监督委员会意见', { exact: true }).fill(fields.oversightOpinion);
    if (fields.oversightSigner !== undefined)
      await d.getByLabel('签名人', { exact: true }).fill(fields.oversightSigner);
    await d.getByRole('button', { name: '公开', exact: true }).click();
  }

  /** The error shown under a field of the 公开 dialog. */
  fieldError(label: string): Locator {
    return this.dialog.locator('label.field', { hasText: label }).locator('.error');
  }
}

export class DueListPage {
  constructor(readonly page: Page) {}

  async open(params: Record<string, string> = {}): Promise<this> {
    await go(this.page, '/disclosure/due', params);
    await this.page.getByRole('heading', { name: '居务公开 · 应公开', exact: true }).waitFor();
    await this.page.locator('[data-testid="disclosure-due"][aria-busy="false"]').waitFor();
    return this;
  }

  row(book: string, period: string): Locator {
    return this.page.locator(
      `[data-testid="disclosure-due"] tbody tr[data-book="${book}"][data-period="${period}"]`,
    );
  }

  async status(book: string, period: string): Promise<string> {
    return (
      await this.row(book, period).locator('td[data-column="status"] [data-badge="status"]').innerText()
    ).trim();
  }

  /** The mark of a sheet published after its due day (逾期公开 N 天). */
  async late(book: string, period: string): Promise<string> {
    return (
      await this.row(book, period).locator('td[data-column="status"] [data-badge="late"]').innerText()
    ).trim();
  }

  get batch(): Locator {
    return this.page
      .getByRole('heading', { name: '批量打印' })
      .locator('xpath=ancestor::div[contains(@class,"card")]');
  }

  /** Starts the batch for a period and waits for it to finish. */
  async runBatch(period: { year: string; kind: '月' | '季' | '年'; which?: string }): Promise<Locator> {
    const card = this.batch;
    await card.getByLabel('年度', { exact: true }).selectOption(period.year);
    await card.getByRole('radio', { name: period.kind, exact: true }).click();
    if (period.which)
      await card
        .getByLabel(period.kind === '月' ? '月份' : '季度', { exact: true })
        .selectOption(period.which);
    await card.getByRole('button', { name: '开始' }).click();
    await card.locator('[data-testid="batch-progress"][data-finished="true"]').waitFor({ timeout: 60_000 });
    return card;
  }
}
