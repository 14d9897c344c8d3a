import fs from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { go } from './start.js';

/**
 * Page objects for the 对账 screens: the column-mapping dialog of 导入对账单…, the two-list matching
 * view worked from the keyboard, the exceptions, the report preview (拨款对账), and the account, the
 * 余额调节表 and the balance check (银行对账), so the tests read as the accountant's story.
 */

export type Side = 'left' | 'right';

/** 导入对账单…: the file, the source, each field's column, unknown community names and look-alike lines. */
export class MappingDialog {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: /^导入.*对账单$/ });
  }

  async chooseFile(file: string): Promise<void> {
    await this.dialog.getByLabel('对账单文件').setInputFiles(file);
    await this.dialog.getByTestId('file-name').getByText(path.basename(file), { exact: true }).waitFor();
  }

  async source(name: string): Promise<void> {
    await this.dialog.getByLabel('来源', { exact: true }).fill(name);
  }

  /** The badge saying whether the mapping is saved, guessed or adjusted. */
  get mappingFrom(): Locator {
    return this.dialog.getByTestId('mapping-from');
  }

  /** Why the file cannot be imported as mapped (such as a required field without a column). */
  get problem(): Locator {
    return this.dialog.getByTestId('mapping-problem');
  }

  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  async mapColumn(label: string, header: string): Promise<void> {
    await this.field(label).selectOption(header);
  }

  /** The 检查 cell of a row of the file's first rows. */
  rowCheck(row: number): Locator {
    return this.dialog.locator(
      `[data-testid="mapping-sample"] tr[data-row="${row}"] [data-testid="row-check"]`,
    );
  }

  sampleRow(row: number): Locator {
    return this.dialog.locator(`[data-testid="mapping-sample"] tr[data-row="${row}"]`);
  }

  communityChoice(name: string): Locator {
    return this.dialog.getByLabel(`${name} 对应的社区`, { exact: true });
  }

  async decide(row: number, choice: '导入' | '跳过'): Promise<void> {
    await this.dialog
      .getByRole('radiogroup', { name: `第 ${row} 行` })
      .getByLabel(choice)
      .check();
  }

  get errors(): Locator {
    return this.dialog.getByTestId('import-errors');
  }

  get importButton(): Locator {
    return this.dialog.getByRole('button', { name: /^导入( \d+ 行)?$/ });
  }

  /** Waits for the preview of the current file and mapping. */
  async previewed(): Promise<void> {
    await this.mappingFrom.waitFor();
    await this.dialog.locator('[role="progressbar"]').waitFor({ state: 'detached' });
  }
}

/** The two lists of the matching view, driven by the keyboard. */
export class MatchBoardPage {
  constructor(readonly page: Page) {}

  /** Dismisses the import and 自动勾对 notices once read. */
  async dismissNotices(): Promise<void> {
    const read = this.page.getByRole('link', { name: '知道了' });
    if (await read.count()) await read.click();
    const auto = this.page.getByTestId('auto-result');
    if (await auto.count()) await auto.getByRole('button', { name: '关闭' }).click();
    await auto.waitFor({ state: 'detached' });
  }

  get board(): Locator {
    return this.page.getByTestId('match-board');
  }

  list(side: Side): Locator {
    return this.board.locator(`section[data-side="${side}"]`);
  }

  /** An item of a list, by the text of its row. */
  item(side: Side, text: string | RegExp): Locator {
    return this.list(side).locator('tbody tr[data-key]', { hasText: text });
  }

  /** The row that has the keyboard focus. */
  get focused(): Locator {
    return this.board.locator('tbody tr[data-key]:focus');
  }

  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key);
  }

  /** Presses ↑ or ↓ until the focused row shows `text` (at most the list's length). */
  async moveTo(text: string | RegExp): Promise<void> {
    for (let i = 0; i < 60; i++) {
      const shown = await this.focused.innerText();
      if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return;
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no row with ${String(text)} below the cursor`);
  }

  get totals(): Locator {
    return this.board.getByTestId('match-totals');
  }

  get difference(): Locator {
    return this.board.getByTestId('match-difference');
  }

  get status(): Locator {
    return this.board.getByTestId('match-status');
  }

  get error(): Locator {
    return this.board.getByRole('alert');
  }

  /**
   * The lines of the 自动勾对 summary a person can read where they are: each wholly inside its list
   * (not clipped by it) and inside the window as it is scrolled now.
   */
  async readableAutoResult(): Promise<string[]> {
    const list = this.page.getByTestId('auto-result').locator('ul');
    const box = await list.boundingBox();
    const out: string[] = [];
    for (const item of await list.locator('li').all()) {
      const b = await item.boundingBox();
      if (
        box &&
        b &&
        b.y >= box.y - 0.5 &&
        b.y + b.height <= box.y + box.height + 0.5 &&
        (await inWindow(item))
      )
        out.push(await item.innerText());
    }
    return out;
  }
}

/** Whether an element is wholly inside the window as it is scrolled now (nothing to scroll to see it). */
export async function inWindow(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = locator.page().viewportSize()!;
  return (
    !!box && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width
  );
}

/** 拨款对账. */
export class AllocationsPage extends MatchBoardPage {
  async open(params: Record<string, string> = {}): Promise<this> {
    await go(this.page, '/reconcile/allocations', params);
    await this.page.getByRole('heading', { name: '拨款对账', exact: true }).waitFor();
    await this.ready(params);
    return this;
  }

  /** Waits until the lists shown are those of the filter, read afresh. */
  async ready(filter: Record<string, string> = {}): Promise<void> {
    const shown = JSON.stringify(filter).replace(/"/g, '\\"');
    await this.page
      .locator(`[data-testid="allocations-view"][aria-busy="false"][data-filter="${shown}"]`)
      .waitFor();
  }

  async filterCommunity(name: string): Promise<void> {
    await this.page.getByLabel('社区', { exact: true }).selectOption(name);
    // One community's lists have no 社区 column.
    await this.list('left')
      .getByRole('columnheader', { name: '社区', exact: true })
      .waitFor({ state: 'detached' });
  }

  async openImport(): Promise<MappingDialog> {
    await this.page.getByRole('button', { name: '导入对账单…' }).click();
    const dialog = new MappingDialog(this.page);
    await dialog.dialog.waitFor();
    return dialog;
  }

  get importResult(): Locator {
    return this.page.getByTestId('import-result');
  }

  /** 自动勾对, and the list of what it matched. */
  async autoMatch(): Promise<string[]> {
    await this.page.getByRole('button', { name: '自动勾对' }).click();
    const result = this.page.getByTestId('auto-result');
    await result.waitFor();
    return result.locator('li').allInnerTexts();
  }

  get exceptions(): Locator {
    return this.page.getByTestId('exceptions');
  }

  /** The reason shown for an unmatched item of the exceptions, by its row text. */
  async exceptionReason(side: Side, text: string): Promise<string> {
    return (
      await this.exceptions
        .locator(`section[data-side="${side}"] tbody tr`, { hasText: text })
        .getByTestId('exception-reason')
        .innerText()
    ).trim();
  }

  /** Opens 对账单… or 汇总表… and returns the preview frame once the report is drawn. */
  async preview(button: '对账单…' | '汇总表…'): Promise<FrameLocator> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
    await this.page.getByTestId('print-preview').waitFor();
    return this.page.frameLocator('[data-testid="print-preview"]');
  }

  /** 导出Excel / 导出PDF in browser mode is a download: its suggested name and where it was saved. */
  async download(button: '导出Excel' | '导出PDF', scope?: Locator): Promise<{ name: string; file: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      (scope ?? this.page).getByRole('button', { name: button }).click(),
    ]);
    const file = await download.path();
    if (!fs.existsSync(file)) throw new Error(`download of ${button} not saved`);
    return { name: download.suggestedFilename(), file };
  }
}

/** 银行对账. */
export class BankPage extends MatchBoardPage {
  async open(params: Record<string, string> = {}): Promise<this> {
    await go(this.page, '/reconcile/bank', params);
    await this.page.getByRole('heading', { name: '银行对账', exact: true }).waitFor();
    await this.page.getByTestId('bank-summary').waitFor();
    return this;
  }

  get communities(): Locator {
    return this.page.getByTestId('account-communities');
  }

  async openImport(): Promise<MappingDialog> {
    await this.page.getByRole('button', { name: '导入对账单…' }).click();
    const dialog = new MappingDialog(this.page);
    await dialog.dialog.waitFor();
    return dialog;
  }

  get importResult(): Locator {
    return this.page.getByTestId('import-result');
  }

  async autoMatch(): Promise<string[]> {
    await this.page.getByRole('button', { name: '自动勾对' }).click();
    const result = this.page.getByTestId('auto-result');
    await result.waitFor();
    return result.locator('li').allInnerTexts();
  }

  /** Shows the 余额调节表 of a month and waits for it. */
  async statement(period: string): Promise<Locator> {
    await this.page.getByRole('tab', { name: /余额调节表/ }).click();
    await this.page.getByLabel('调节表月份').selectOption(period);
    const form = this.page.locator(
      `[data-testid="bank-statement"][data-period="${period}"][aria-busy="false"]`,
    );
    await form.waitFor();
    return form;
  }

  get verdict(): Locator {
    return this.page.getByTestId('statement-verdict');
  }

  /** The two amounts of a line of the form (balance, add, less, adjusted). */
  async line(name: 'balance' | 'add' | 'less' | 'adjusted'): Promise<{ book: string; bank: string }> {
    const row = this.page.locator(`[data-testid="statement-form"] tr[data-line="${name}"]`);
    return {
      book: (await row.locator('td[data-side="book"]').innerText()).trim(),
      bank: (await row.locator('td[data-side="bank"]').innerText()).trim(),
    };
  }

  /** The outstanding items listed under the 加 or 减 lines, as their text. */
  async items(name: 'add' | 'less'): Promise<string[]> {
    return (
      await this.page.locator(`[data-testid="statement-form"] tr[data-line="${name}-item"]`).allInnerTexts()
    ).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  get balances(): Locator {
    return this.page.getByTestId('balance-comparison');
  }

  /** The month's saved versions: 版本, 编制人, 审核人 of each row. */
  async versions(): Promise<string[][]> {
    return this.page
      .getByTestId('statement-versions')
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [0, 1, 3].map((i) => (r.querySelectorAll('td')[i]?.textContent ?? '').trim())),
      );
  }
}
