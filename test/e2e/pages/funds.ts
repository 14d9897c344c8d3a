import type { Locator, Page } from 'playwright-core';
import { go } from './start.js';

/**
 * Page object for 拨款到账与专项资金: the receipt form with its 应拨与到账 table, and the register of
 * 费随事转 admissions with its form, so the test reads as the accountant's story.
 */

export interface ReceiptFields {
  source: '基础经费' | '按户经费' | '费随事转' | '评先评优奖励';
  /** For 费随事转: the admission's project and number as the list shows it. */
  admission?: string;
  amount: string;
  date: string;
  document: string;
  year?: number;
}

export interface AdmissionFields {
  department: string;
  matter: string;
  approvalNumber: string;
  approvalDate: string;
  amount: string;
  periodFrom: string;
  periodTo: string;
}

export class FundsPage {
  constructor(readonly page: Page) {}

  async open(params: Record<string, string> = {}): Promise<this> {
    await go(this.page, '/funds', params);
    await this.page.getByRole('heading', { name: '拨款到账与专项资金', exact: true }).waitFor();
    await this.page.locator('[data-testid="received"][aria-busy="false"]').waitFor();
    return this;
  }

  get receiptForm(): Locator {
    return this.page.getByRole('form', { name: '拨款到账' });
  }

  get receiptResult(): Locator {
    return this.page.getByTestId('receipt-result');
  }

  /** Books money arriving and waits for the voucher it generated. */
  async receive(fields: ReceiptFields): Promise<string> {
    const form = this.receiptForm;
    await form.getByLabel('资金来源', { exact: true }).selectOption({ label: fields.source });
    if (fields.admission)
      await form.getByLabel('准入审批', { exact: true }).selectOption({ label: fields.admission });
    if (fields.year) await form.getByLabel('所属年度', { exact: true }).selectOption(String(fields.year));
    await form.getByLabel('金额', { exact: true }).fill(fields.amount);
    await form.getByLabel('到账日期', { exact: true }).fill(fields.date);
    await form.getByLabel('拨款文号', { exact: true }).fill(fields.document);
    await form.getByRole('button', { name: '登记到账' }).click();
    await this.receiptResult.filter({ hasText: fields.document }).waitFor();
    return (await this.receiptResult.innerText()).trim();
  }

  /** 应拨与到账: one source's row, e.g. ('base', 'received'). */
  async received(
    source: 'base' | 'household',
    column: 'entitled' | 'received' | 'outstanding' | 'overpaid',
  ): Promise<string> {
    const cell = this.page
      .getByTestId('received')
      .locator(`tr[data-source="${source}"] td[data-column="${column}"]`);
    return (await cell.innerText()).trim();
  }

  get register(): Locator {
    return this.page.getByTestId('admissions');
  }

  admission(approvalNumber: string): Locator {
    return this.register.locator(`tbody tr[data-admission="${approvalNumber}"]`);
  }

  async admissionFigure(
    approvalNumber: string,
    column: 'amount' | 'received' | 'spent' | 'balance' | 'status' | 'project',
  ): Promise<string> {
    return (await this.admission(approvalNumber).locator(`td[data-column="${column}"]`).innerText()).trim();
  }

  async registerAdmission(fields: AdmissionFields): Promise<void> {
    const form = this.page.getByRole('form', { name: '登记准入审批' });
    await form.getByLabel('部门', { exact: true }).fill(fields.department);
    await form.getByLabel('事项', { exact: true }).fill(fields.matter);
    await form.getByLabel('审批文号', { exact: true }).fill(fields.approvalNumber);
    await form.getByLabel('审批日期', { exact: true }).fill(fields.approvalDate);
    await form.getByLabel('核定金额', { exact: true }).fill(fields.amount);
    await form.getByLabel('起始期间', { exact: true }).fill(fields.periodFrom);
    await form.getByLabel('截止期间', { exact: true }).fill(fields.periodTo);
    await form.getByRole('button', { name: '登记', exact: true }).click();
    await this.admission(fields.approvalNumber).waitFor();
  }
}
