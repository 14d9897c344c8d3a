import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../support/browser.js';
import { seededCentre } from '../support/centre.js';
import { FundsPage } from './pages/funds.js';
import { signIn, switchOperator } from './pages/start.js';

/**
 * 拨款到账与专项资金 for 东风社区 in 2025: 王会计 books the district's base grant as it arrives and sees
 * the draft voucher and 应拨与到账 move; registers the 区民政局 admission for 高龄老人走访, books its
 * task money through the same form, and after 6,000.00 is spent on the work the register shows what is
 * left.
 */
describe('拨款到账与专项资金: receipts and 费随事转 funds in the browser', () => {
  let app: App;
  let seeded: Awaited<ReturnType<typeof seededCentre>>;

  beforeAll(async () => {
    seeded = await seededCentre();
    await seeded.accountant('households.set', {
      community: '东风社区',
      year: 2025,
      resident: 2000,
      registered: 1500,
      asOf: '2025-06-30',
      source: '五马街道民政办 2025 年户籍统计',
    });
    app = await openApp(seeded.centre);
  });

  afterAll(async () => {
    await app?.close();
    seeded?.centre.close();
  });

  it('books a base grant receipt as a draft voucher and counts it against 应拨', async () => {
    const { page } = app;
    await signIn(page, '王会计');
    const funds = await new FundsPage(page).open({ year: '2025' });
    expect(await funds.received('base', 'entitled')).toBe('100,000.00');
    expect(await funds.received('base', 'received')).toBe('0.00');
    expect(await funds.received('base', 'outstanding')).toBe('100,000.00');

    const result = await funds.receive({
      source: '基础经费',
      amount: '50,000',
      date: '2025-01-15',
      document: '鹿财社〔2025〕3号',
    });
    expect(result).toMatch(/^已生成凭证 2025-01 记-0001（未审核）/);
    expect(result).toContain('收到2025年社区工作经费(基础经费)（鹿财社〔2025〕3号）');
    expect(result).toContain('50,000.00 元');
    const link = funds.receiptResult.getByRole('link', { name: '记-0001' });
    const vouchers = await seeded.accountant('voucher.list', { book: '东风社区' });
    const voucher = vouchers.find((v) => v.ref === '记-0001');
    expect(voucher?.status).toBe('draft');
    expect(await link.getAttribute('href')).toBe(`#/voucher?id=${voucher?.id}`);

    // The voucher is a draft: the money waits as 待记账 until it is posted, then it is 到账.
    await page
      .getByTestId('received')
      .locator('tr[data-source="base"] td[data-column="pending"]')
      .filter({ hasText: '50,000.00' })
      .waitFor();
    expect(await funds.received('base', 'outstanding')).toBe('100,000.00');
    const status = await seeded.accountant('grant.received', { year: 2025, community: '东风社区' });
    expect(status.find((r) => r.source === 'base')).toMatchObject({
      entitled: '100000.00',
      received: '0.00',
      pending: '50000.00',
      outstanding: '100000.00',
    });
  });

  it('registers an admission, books its task money and shows what is left after spending', async () => {
    const { page } = app;
    const funds = new FundsPage(page);
    await funds.registerAdmission({
      department: '区民政局',
      matter: '高龄老人走访',
      approvalNumber: '鹿民准〔2025〕7号',
      approvalDate: '2025-03-01',
      amount: '8,000',
      periodFrom: '2025-03',
      periodTo: '2025-12',
    });
    const number = '鹿民准〔2025〕7号';
    expect(await funds.admissionFigure(number, 'project')).toBe('区民政局·高龄老人走访');
    expect(await funds.admissionFigure(number, 'amount')).toBe('8,000.00');
    expect(await funds.admissionFigure(number, 'status')).toContain('已批准');

    const result = await funds.receive({
      source: '费随事转',
      admission: `区民政局·高龄老人走访（${number}）`,
      amount: '8000',
      date: '2025-03-10',
      document: '鹿民拨〔2025〕12号',
    });
    expect(result).toMatch(/^已生成凭证 2025-03 记-\d{4}（未审核）/);
    expect(result).toContain('收到区民政局高龄老人走访费随事转经费');
    await funds
      .admission(number)
      .locator('td[data-column="received"]')
      .filter({ hasText: '8,000.00' })
      .waitFor();
    expect(await funds.admissionFigure(number, 'status')).toContain('执行中');

    await seeded.accountant('voucher.save', {
      book: '东风社区',
      date: '2025-04-20',
      attachments: 3,
      lines: [
        {
          account: '510101',
          summary: '高龄老人走访慰问品',
          debit: '6000.00',
          project: '区民政局·高龄老人走访',
        },
        { account: '100201', summary: '高龄老人走访慰问品', credit: '6000.00' },
      ],
    });
    // The API's change does not announce itself in the page: open the screen again to re-read.
    await page.reload();
    await funds.open({ year: '2025' });
    await funds
      .admission(number)
      .locator('td[data-column="spent"]')
      .filter({ hasText: '6,000.00' })
      .waitFor();
    expect(await funds.admissionFigure(number, 'balance')).toBe('2,000.00');
    expect(await funds.admissionFigure(number, 'received')).toBe('8,000.00');
    const [admission] = await seeded.accountant('admission.list', { book: '东风社区' });
    expect(admission).toMatchObject({ received: '8000.00', spent: '6000.00', balance: '2000.00' });
    await screenshot(page, 'funds');
  });
  it('lets the supervisor allow an overdraft with a reason and return the balance at year end', async () => {
    const { page } = app;
    const number = '鹿民准〔2025〕7号';
    await switchOperator(page, '周主管');
    const funds = await new FundsPage(page).open({ year: '2025' });
    await funds.admission(number).getByRole('button', { name: '超支许可' }).click();
    const overdraft = page.getByRole('dialog');
    await overdraft.getByLabel('允许超支金额', { exact: true }).fill('500');
    await overdraft.getByRole('button', { name: '许可' }).click();
    await overdraft.getByText('超支许可必须写明原因').waitFor();
    await overdraft.getByLabel('原因', { exact: true }).fill('第二批慰问品已发文未到账');
    await overdraft.getByRole('button', { name: '许可' }).click();
    await overdraft.waitFor({ state: 'detached' });
    await funds.admission(number).getByText('可超支 500.00').waitFor();

    await funds.admission(number).getByRole('button', { name: '年末处理' }).click();
    const closing = page.getByRole('dialog');
    await closing.getByLabel('退回部门').check();
    await closing.getByLabel('处理日期', { exact: true }).fill('2025-06-30');
    await closing.getByRole('button', { name: '确定' }).click();
    const result = page.getByTestId('close-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(
      /结余退回部门，已生成凭证 2025-06 记-\d{4}（未审核），2,000.00 元/,
    );
    // The list re-reads after the action's result is shown: wait for it.
    await expect.poll(() => funds.admissionFigure(number, 'status')).toContain('已退回');

    await switchOperator(page, '陈议监');
    await funds.open({ year: '2025' });
    expect(await page.getByRole('form', { name: '拨款到账' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: '登记准入审批' }).count()).toBe(0);
    expect(await funds.admission(number).getByRole('button').count()).toBe(0);
  });
});
