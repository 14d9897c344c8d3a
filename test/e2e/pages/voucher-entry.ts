import type { Locator, Page } from 'playwright-core';

export type Column = 'summary' | 'account' | 'project' | 'item' | 'debit' | 'credit';

/** A line as the accountant keys it in: summary, account query (and the code to pick), amounts. */
export interface LineKeys {
  summary?: string;
  /** What to type in the account cell: a code, a name or pinyin initials. */
  account: string;
  /** The code to pick from the dropdown (by ↓ until it is highlighted); omit to leave the text as typed. */
  pick?: string;
  debit?: string;
  credit?: string;
}

/**
 * The 凭证录入 screen, driven like an accountant drives it: by the keyboard only. Methods that type
 * assume the cursor is where the previous step left it (the screen moves it, not the test).
 */
export class VoucherEntryPage {
  constructor(readonly page: Page) {}

  /** On the start screen: Tab through the operator buttons to `name` and press Enter. */
  async pickOperator(name: string): Promise<void> {
    const buttons = this.page.locator('button', { hasText: '·' });
    await buttons.first().waitFor();
    for (let i = 0; i < 10; i++) {
      const focused = await this.page.evaluate<string>(`document.activeElement?.textContent ?? ''`);
      if (focused.includes(name)) break;
      await this.page.keyboard.press('Tab');
    }
    await this.page.keyboard.press('Enter');
    await this.page.getByTestId('operator').waitFor();
  }

  /** Alt+N from anywhere: a new voucher with the cursor in the first summary cell. */
  async open(): Promise<void> {
    await this.page.keyboard.press('Alt+n');
    await this.grid.waitFor();
    await this.waitFocus(1, 'summary');
  }

  get grid(): Locator {
    return this.page.getByTestId('voucher-grid');
  }

  cell(line: number, column: Column): Locator {
    return this.grid.locator(`input[data-line="${line}"][data-col="${column}"]`);
  }

  readCell(line: number, column: Column): Locator {
    return this.grid
      .locator(`tbody tr[data-line="${line}"] td`)
      .nth(['summary', 'account', 'debit', 'credit'].indexOf(column) + 1);
  }

  get picker(): Locator {
    return this.page.getByRole('listbox', { name: '可选的末级科目' });
  }

  get projectPicker(): Locator {
    return this.page.getByRole('listbox', { name: '本账套的项目' });
  }

  /** What the screen said about a cell when the cursor left it (an unknown account, project…). */
  note(line: number, column: Column): Locator {
    return this.grid.locator(`tbody tr[data-line="${line}"] [data-note="${column}"]`);
  }

  /** What the screen said about the date when the cursor left it (a closed month…). */
  get dateNote(): Locator {
    return this.page.getByTestId('date-note');
  }

  get status(): Locator {
    return this.page.getByRole('status').filter({ hasText: /\S/ }).first();
  }

  get problems(): Locator {
    return this.page.getByTestId('voucher-problems');
  }

  /** A save refused for the totals (借贷不平, fewer than two lines), shown next to them. */
  get balanceRefusal(): Locator {
    return this.page.getByTestId('balance-refusal');
  }

  get number(): Locator {
    return this.page.getByTestId('voucher-number');
  }

  get date(): Locator {
    return this.page.getByTestId('voucher-date');
  }

  async totals(): Promise<{ debit: string; credit: string; difference: string; capital: string }> {
    const text = async (id: string) => ((await this.page.getByTestId(id).textContent()) ?? '').trim();
    return {
      debit: await text('debit-total'),
      credit: await text('credit-total'),
      difference: await text('difference'),
      capital: await text('capital'),
    };
  }

  /** Where the cursor is: line number and column of the focused cell. */
  async focused(): Promise<{ line: number; column: string } | undefined> {
    // The test runs in Node (no DOM types): the page-side code is given as text.
    return this.page.evaluate<{ line: number; column: string } | undefined>(`(() => {
      const el = document.activeElement;
      if (!el || !el.dataset || !el.dataset.col) return undefined;
      return { line: Number(el.dataset.line), column: el.dataset.col };
    })()`);
  }

  /** Goes to a route of the app, as a link or the address bar would. */
  async goto(hash: string): Promise<void> {
    await this.page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  }

  async hash(): Promise<string> {
    return this.page.evaluate<string>('location.hash');
  }

  async waitFocus(line: number, column: Column): Promise<void> {
    // A :focus locator, not waitForFunction: that one evals in the page, which the app's CSP forbids.
    await this.page.locator(`[data-line="${line}"][data-col="${column}"]:focus`).waitFor();
  }

  /** Types in the account cell and waits for the dropdown to answer. */
  async typeAccount(query: string): Promise<void> {
    await this.page.keyboard.type(query);
    await this.picker.waitFor();
  }

  /** ↓ until `code` is highlighted in the open dropdown, then Enter takes it. */
  async pickAccount(code: string): Promise<void> {
    const option = this.picker.locator(`[role="option"][data-code="${code}"]`);
    await option.waitFor();
    for (let i = 0; i < 60; i++) {
      if ((await option.getAttribute('aria-selected')) === 'true') break;
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Enter');
    await this.picker.waitFor({ state: 'detached' });
  }

  /**
   * One line from where the cursor is (a summary cell, or the account cell of a line begun by Enter):
   * summary Enter, account (+ pick) Enter, then debit Enter (which goes on to the next line), or Enter
   * past the empty debit, credit Enter → the next line's account cell.
   */
  async enterLine(keys: LineKeys): Promise<void> {
    const at = await this.focused();
    if (!at) throw new Error('no voucher cell has the focus');
    if (at.column === 'summary') {
      if (keys.summary !== undefined) await this.page.keyboard.type(keys.summary);
      await this.page.keyboard.press('Enter');
      await this.waitFocus(at.line, 'account');
    }
    if (keys.pick) {
      await this.typeAccount(keys.account);
      await this.pickAccount(keys.pick);
    } else {
      await this.page.keyboard.type(keys.account);
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Enter');
    }
    await this.waitFocus(at.line, 'debit');
    if (keys.debit && keys.credit) throw new Error('a line has a debit or a credit, not both');
    if (keys.debit) await this.page.keyboard.type(keys.debit);
    await this.page.keyboard.press('Enter');
    if (!keys.debit) {
      await this.waitFocus(at.line, 'credit');
      if (keys.credit) await this.page.keyboard.type(keys.credit);
      await this.page.keyboard.press('Enter');
    }
    await this.waitFocus(at.line + 1, 'account');
  }

  /** Ctrl+S and wait for the 已保存 announcement; returns it. */
  async save(): Promise<string> {
    await this.page.keyboard.press('Control+s');
    await this.page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    return (await this.page.getByRole('status').filter({ hasText: '已保存' }).textContent()) ?? '';
  }

  /** Ctrl+S expecting a refusal shown under the grid. */
  async saveRefused(): Promise<string> {
    await this.page.keyboard.press('Control+s');
    await this.problems.waitFor();
    return (await this.problems.textContent()) ?? '';
  }

  async values(line: number): Promise<Record<'summary' | 'account' | 'debit' | 'credit', string>> {
    return {
      summary: await this.cell(line, 'summary').inputValue(),
      account: await this.cell(line, 'account').inputValue(),
      debit: await this.cell(line, 'debit').inputValue(),
      credit: await this.cell(line, 'credit').inputValue(),
    };
  }
}
