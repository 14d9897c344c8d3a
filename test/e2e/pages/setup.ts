import type { Locator, Page } from 'playwright-core';

/**
 * Page objects for setting up a centre: the start screen, 社区与账套, 会计科目, 期初余额, 导入, 操作员 and
 * 操作日志. Tests speak in the accountant's steps; the selectors live here.
 */

/** The start screen: the first supervisor of a new centre file, or choosing who is working. */
export class StartScreen {
  constructor(readonly page: Page) {}

  async createFirstSupervisor(name: string): Promise<void> {
    await this.page.getByLabel('主管姓名').fill(name);
    await this.page.getByRole('button', { name: '建立并进入' }).click();
    await this.page.getByTestId('operator').getByText(name, { exact: true }).waitFor();
  }

  async signIn(name: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(name) }).click();
    await this.page.getByTestId('operator').getByText(name, { exact: true }).waitFor();
  }
}

/** Opens a screen from the navigation, as the accountant does. */
export async function openScreen(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: '导航' }).getByRole('link', { name: title }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

export interface CommunityInput {
  name: string;
  kind: '市区' | '县城/建制镇' | '农村新社区' | '山区/海岛';
  district?: string;
  subdistrict?: string;
  bankAccounts?: Array<{ bankName: string; accountNumber: string }>;
}

export class CommunitiesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await openScreen(this.page, '社区与账套');
    return this;
  }

  get table(): Locator {
    return this.page.getByTestId('communities');
  }

  row(name: string): Locator {
    return this.table.locator(`tbody tr[data-community="${name}"]`);
  }

  get addForm(): Locator {
    return this.page.getByRole('form', { name: '添加社区' });
  }

  get bookForm(): Locator {
    return this.page.getByRole('form', { name: '建账' });
  }

  /** The 建账 card, with its form or saying why there is nothing to set up. */
  get bookPanel(): Locator {
    return this.page.locator('.card', { has: this.page.getByRole('heading', { name: '建账', exact: true }) });
  }

  async addCommunity(input: CommunityInput): Promise<void> {
    const form = this.addForm;
    await form.getByLabel('社区名称').fill(input.name);
    await form.getByLabel('社区类型').selectOption({ label: input.kind });
    if (input.district) await form.getByLabel('区（县、市）').fill(input.district);
    if (input.subdistrict) await form.getByLabel('街道（镇）').fill(input.subdistrict);
    const banks = input.bankAccounts ?? [];
    for (const [i, bank] of banks.entries()) {
      if (i > 0) await form.getByRole('button', { name: /再登记一个专户/ }).click();
      await form.getByLabel(`开户银行 ${i + 1}`).fill(bank.bankName);
      await form.getByLabel('账号').nth(i).fill(bank.accountNumber);
    }
    await form.getByRole('button', { name: '添加社区' }).click();
    await this.row(input.name).waitFor();
  }

  /**
   * Creates the community's book; with a chart file it is imported instead of the template. The window
   * then opens the new book's chart.
   */
  async createBook(community: string, startPeriod: string, chartFile?: string): Promise<void> {
    const form = this.bookForm;
    await form.getByLabel('社区', { exact: true }).selectOption(community);
    const [year = '', month = ''] = startPeriod.split('-');
    await form.getByLabel('启用期间：年').selectOption(year);
    await form.getByLabel('启用期间：月').selectOption(month);
    if (chartFile) {
      await form.getByLabel('从文件导入科目表').check();
      await form.getByLabel('科目表文件').setInputFiles(chartFile);
      await form.getByText(chartFile.split(/[\\/]/).pop() ?? chartFile, { exact: true }).waitFor();
    }
    await form.getByRole('button', { name: '建账', exact: true }).click();
  }
}

export class AccountsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await openScreen(this.page, '会计科目');
    await this.chart.waitFor();
    return this;
  }

  get chart(): Locator {
    return this.page.getByTestId('chart');
  }

  get panel(): Locator {
    return this.page.getByTestId('account-panel');
  }

  row(code: string): Locator {
    return this.chart.locator(`tbody tr[data-code="${code}"]`);
  }

  /** The codes shown, in tree order. */
  async codes(): Promise<string[]> {
    return this.chart
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code') ?? ''));
  }

  async filter(text: string): Promise<void> {
    await this.page.getByLabel('筛选科目').fill(text);
  }

  async select(code: string): Promise<void> {
    await this.row(code).click();
    await this.panel.getByRole('heading').filter({ hasText: code }).waitFor();
  }

  /** The 限定性 mark of an account's row: '限定' or ''. */
  async restriction(code: string): Promise<string> {
    return (await this.row(code).locator('td[data-col="restricted"]').innerText()).trim();
  }

  /** The 辅助核算 of an account's row, without spaces: '项目必填、往来单位'. */
  async dimensionText(code: string): Promise<string> {
    return (await this.row(code).locator('td[data-col="dimensions"]').innerText()).replace(/\s+/g, '');
  }

  /** The panel's form for 限定性 and 辅助核算 (accountants and supervisors only). */
  get attributeForm(): Locator {
    return this.panel.getByRole('form', { name: '限定性与辅助核算' });
  }

  /** What the screen said after a change. */
  async notice(): Promise<string> {
    const notice = this.page.getByRole('status').filter({ hasText: '已' });
    await notice.waitFor();
    return notice.innerText();
  }

  async addSubAccount(parent: string, suffix: string, name: string): Promise<void> {
    await this.select(parent);
    await this.panel.getByLabel('下级编码（两位）').fill(suffix);
    await this.panel.getByLabel('下级科目名称').fill(name);
    await this.panel.getByRole('button', { name: '增加', exact: true }).click();
    await this.row(`${parent}${suffix}`).waitFor();
  }
}

export class OpeningPage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await openScreen(this.page, '期初余额');
    await this.table.locator('tbody tr').first().waitFor();
    return this;
  }

  get table(): Locator {
    return this.page.getByTestId('opening');
  }

  row(code: string): Locator {
    return this.table.locator(`tbody tr[data-code="${code}"]`);
  }

  input(code: string, side: '借方' | '贷方'): Locator {
    return this.row(code).getByLabel(new RegExp(`期初${side}$`));
  }

  async enter(code: string, side: '借方' | '贷方', amount: string): Promise<void> {
    await this.input(code, side).fill(amount);
    await this.input(code, side).press('Tab');
  }

  /** 本年累计借方 / 贷方 of a book begun after January. */
  yearInput(code: string, side: '借方' | '贷方'): Locator {
    return this.row(code).getByLabel(new RegExp(`本年累计${side}$`));
  }

  async enterYear(code: string, side: '借方' | '贷方', amount: string): Promise<void> {
    await this.yearInput(code, side).fill(amount);
    await this.yearInput(code, side).press('Tab');
  }

  /** 年初余额 as shown (derived from 期初 and 本年累计); '' for none. */
  async yearOpening(code: string): Promise<string> {
    return (await this.row(code).locator('td[data-col="yearOpening"]').innerText()).trim();
  }

  async showOnlyWithBalance(): Promise<void> {
    await this.page.getByLabel('只显示有余额的科目').check();
  }

  async headers(): Promise<string[]> {
    return (await this.table.locator('thead th').allInnerTexts()).map((t) => t.trim());
  }

  /** The button that splits a project-tracked account by project. */
  splitButton(code: string): Locator {
    return this.row(code).getByRole('button', { name: /按项目/ });
  }

  /** The project lines of an account split by project. */
  parts(code: string): Locator {
    return this.table.locator(`tbody tr[data-part-of="${code}"]`);
  }

  part(code: string, n: number): Locator {
    return this.parts(code).nth(n - 1);
  }

  projectCell(code: string, n: number): Locator {
    return this.part(code, n).getByRole('combobox');
  }

  partInput(code: string, n: number, side: '借方' | '贷方'): Locator {
    return this.part(code, n).getByLabel(new RegExp(`期初${side}$`));
  }

  get projectPicker(): Locator {
    return this.page.getByRole('listbox', { name: '本账套的项目' });
  }

  async focusedLabel(): Promise<string> {
    return this.page.evaluate<string>(`document.activeElement?.getAttribute('aria-label') ?? ''`);
  }

  async state(): Promise<string> {
    return (await this.page.getByTestId('opening-balance-state').innerText()).trim();
  }

  /** The 本年累计 check of a book begun after January. */
  async yearState(): Promise<string> {
    return (await this.page.getByTestId('opening-year-state').innerText()).trim();
  }

  get saveButton(): Locator {
    return this.page.getByRole('button', { name: '保存期初余额' });
  }

  /** Ctrl+S, wherever the cursor is on the screen. */
  async saveWithKeys(): Promise<void> {
    await this.page.keyboard.press('Control+s');
    await this.page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
  }

  /** What the screen said after a save (or a refused one). */
  async message(): Promise<string> {
    const message = this.page.getByTestId('opening-message');
    await message.waitFor();
    return message.innerText();
  }

  async totals(): Promise<string> {
    return this.page.getByTestId('opening-totals').innerText();
  }

  /** The 本年累计 line of the totals of a book begun after January. */
  async yearTotals(): Promise<string> {
    return this.page.getByTestId('opening-year-check').innerText();
  }

  async save(): Promise<void> {
    await this.saveButton.click();
    await this.page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
  }
}

export type ImportKind = '科目表' | '期初余额' | '凭证';

export class ImportPage {
  constructor(readonly page: Page) {}

  async open(kind: ImportKind = '凭证'): Promise<this> {
    await openScreen(this.page, '导入');
    await this.page.getByRole('tab', { name: kind }).click();
    return this;
  }

  get panel(): Locator {
    return this.page.locator('[role="tabpanel"]:not([hidden])');
  }

  get errors(): Locator {
    return this.panel.getByTestId('import-errors');
  }

  get summary(): Locator {
    return this.panel.getByTestId('import-summary');
  }

  async choose(file: string): Promise<void> {
    const name = file.split(/[\\/]/).pop() ?? file;
    await this.panel.locator('input[type="file"]').setInputFiles(file);
    await this.panel.getByText(name, { exact: true }).waitFor();
  }

  /** As a closed history, reviewed and posted by `reviewer`. */
  async asPosted(reviewer: string): Promise<void> {
    await this.panel.getByLabel('作为已记账的历史凭证导入').check();
    await this.panel.getByLabel('审核人').selectOption(reviewer);
  }

  /** Imports the file and waits for the outcome: the summary or the list of refused rows. */
  async run(file: string): Promise<'imported' | 'refused'> {
    await this.choose(file);
    await this.panel.getByRole('button', { name: '开始导入' }).click();
    await this.summary.or(this.errors).waitFor();
    return (await this.summary.count()) > 0 ? 'imported' : 'refused';
  }

  /** The refused rows as the table shows them. */
  async errorRows(): Promise<Array<{ row: number; column: string; reason: string }>> {
    return this.errors.locator('tbody tr').evaluateAll((rows) =>
      rows.map((r) => {
        const cells = [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim());
        return { row: Number(cells[0]), column: cells[1] ?? '', reason: cells[2] ?? '' };
      }),
    );
  }
}

export class OperatorsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await openScreen(this.page, '操作员');
    await this.table.waitFor();
    return this;
  }

  get table(): Locator {
    return this.page.getByTestId('operators');
  }

  row(name: string): Locator {
    return this.table.locator(`tbody tr[data-operator="${name}"]`);
  }

  get addForm(): Locator {
    return this.page.getByRole('form', { name: '添加操作员' });
  }

  async add(name: string, role: RoleLabel): Promise<void> {
    const form = this.addForm;
    await form.getByLabel('姓名').fill(name);
    await form.getByLabel('角色').selectOption({ label: role });
    await form.getByRole('button', { name: '添加操作员' }).click();
    await this.row(name).waitFor();
  }

  /** The card where a supervisor changes one operator, opened from the operator's row. */
  get editForm(): Locator {
    return this.page.getByRole('form', { name: '修改操作员' });
  }

  async edit(name: string): Promise<Locator> {
    await this.row(name).getByRole('button', { name: '修改' }).click();
    await this.page.getByRole('heading', { name: `修改操作员：${name}` }).waitFor();
    return this.editForm;
  }

  async rename(name: string, newName: string): Promise<void> {
    const form = await this.edit(name);
    await form.getByLabel('姓名').fill(newName);
    await form.getByRole('button', { name: '改名' }).click();
    await this.row(newName).waitFor();
  }

  async setRole(name: string, role: RoleLabel): Promise<void> {
    const form = await this.edit(name);
    await form.getByLabel('角色').selectOption({ label: role });
    await form.getByRole('button', { name: '改角色' }).click();
    await this.row(name)
      .locator('td', { hasText: new RegExp(`^${role}$`) })
      .waitFor();
  }

  /** Presses 停用 or 启用 on the operator's card; the caller waits for what should follow. */
  async toggle(name: string, action: '停用' | '启用'): Promise<void> {
    const form = await this.edit(name);
    await form.getByRole('button', { name: action, exact: true }).click();
  }

  async status(name: string): Promise<string> {
    return (await this.row(name).getByTestId('status').innerText()).trim();
  }
}

type RoleLabel = '会计' | '审核' | '主管' | '议监会（只读）';

export class AuditPage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await openScreen(this.page, '操作日志');
    await this.table.waitFor();
    return this;
  }

  get table(): Locator {
    return this.page.getByTestId('audit');
  }

  /** The 操作 column, newest first. */
  async actions(): Promise<string[]> {
    return this.table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r.querySelectorAll('td')[2]?.textContent ?? '').trim()));
  }
}
