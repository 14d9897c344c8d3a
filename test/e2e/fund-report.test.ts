import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../support/browser.js';
import { seededCentre } from '../support/centre.js';
import { FundReportPage, StaffingPage } from './pages/fund-report.js';
import { signIn } from './pages/start.js';

const book = '东风社区';
const grouped = (yuan: string) => {
  const [whole = '0', cents = '00'] = yuan.replace('-', '').split('.');
  return `${yuan.startsWith('-') ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
};

/**
 * 资金来源情况表 and 人员配备 for 东风社区 in 2025: the base grant of 50,000.00 and the 区民政局 task money
 * of 8,000.00 (6,000.00 spent on 高龄老人走访) are posted; 王会计 reads where the money stands, opens the
 * task fund's vouchers, and records the community's staff against the norm for 2,800 households and
 * 4,100 new residents.
 */
describe('资金来源情况表 and 人员配备 in the browser', () => {
  let app: App;
  let seeded: Awaited<ReturnType<typeof seededCentre>>;

  beforeAll(async () => {
    seeded = await seededCentre();
    const { accountant, reviewer } = seeded;
    await accountant('households.set', {
      community: book,
      year: 2025,
      resident: 2800,
      registered: 2000,
      newResidents: 4100,
      asOf: '2025-01-01',
      source: '五马街道民政办 2025 年户籍统计',
    });
    await accountant('grant.receive', {
      book,
      source: 'base',
      amount: '50000.00',
      date: '2025-01-20',
      document: '鹿财社〔2025〕3号',
    });
    await accountant('admission.add', {
      book,
      department: '区民政局',
      matter: '高龄老人走访',
      approvalNumber: '鹿民准〔2025〕7号',
      approvalDate: '2025-02-01',
      amount: '8000.00',
      periodFrom: '2025-02',
      periodTo: '2025-12',
    });
    await accountant('grant.receive', {
      book,
      source: 'task',
      admission: '鹿民准〔2025〕7号',
      amount: '8000.00',
      date: '2025-02-26',
      document: '鹿民拨〔2025〕15号',
    });
    await accountant('voucher.save', {
      book,
      date: '2025-04-20',
      attachments: 3,
      lines: [
        {
          account: '510107',
          summary: '高龄老人走访慰问品',
          debit: '6000.00',
          project: '区民政局·高龄老人走访',
        },
        { account: '100201', summary: '高龄老人走访慰问品', credit: '6000.00' },
      ],
    });
    await reviewer('voucher.reviewRange', { book, from: '2025-01', to: '2025-06' });
    await reviewer('voucher.postRange', { book, from: '2025-01', to: '2025-06' });
    app = await openApp(seeded.centre);
  });

  afterAll(async () => {
    await app?.close();
    seeded?.centre.close();
  });

  it('shows each fund from the posted books, totals as report.funds, and opens the task fund’s vouchers', async () => {
    const { page } = app;
    await signIn(page, '王会计');
    const report = await new FundReportPage(page).open({ from: '2025-01', to: '2025-06' });
    const task = report.row('限定性：区民政局·高龄老人走访');
    expect(await report.figure(task, 'received')).toBe('8,000.00');
    expect(await report.figure(task, 'spent')).toBe('6,000.00');
    expect(await report.figure(task, 'closing')).toBe('2,000.00');

    const api = await seeded.accountant('report.funds', { book, from: '2025-01', to: '2025-06' });
    const total = api.rows.find((r) => r.kind === 'total')!;
    for (const column of ['opening', 'received', 'spent', 'closing'] as const)
      expect(await report.figure(report.totalRow(), column)).toBe(grouped(total[column]));
    expect(await report.closingLine()).toBe(
      `期末结余 ${grouped(api.total)} 元：限定性 ${grouped(api.restricted)} 元，非限定性 ${grouped(api.unrestricted)} 元`,
    );
    await screenshot(page, 'fund-report');

    await task.click();
    await page.waitForURL(/#\/vouchers\?/);
    const params = new URLSearchParams(new URL(page.url()).hash.split('?')[1]);
    expect(params.get('project')).toBe('区民政局·高龄老人走访');
    expect(params.get('from')).toBe('2025-01');
    expect(params.get('to')).toBe('2025-06');
  });

  it('checks staffing against the norm and records the staff in post', async () => {
    const { page } = app;
    const staffing = await new StaffingPage(page).open({ year: '2025' });
    expect(await staffing.figure(book, 'households')).toBe('2800');
    expect(await staffing.figure(book, 'newResidents')).toBe('4100');
    expect(await staffing.badge(book).innerText()).toBe('未录入');

    await staffing.record(book, { workers: '8', police: '8', asOf: '2025-06-30' });
    expect(await staffing.badge(book).innerText()).toBe('不足');
    expect(await staffing.figure(book, 'requiredWorkers')).toBe('9');
    expect(await staffing.figure(book, 'requiredPolice')).toBe('8');
    expect(await staffing.figure(book, 'workers')).toBe('8');
    expect(await staffing.figure(book, 'police')).toBe('8');
    const [row] = await seeded.accountant('staffing.check', { year: 2025, community: book });
    expect(row).toMatchObject({
      required: { workers: 9, auxiliaryPolice: 8 },
      recorded: { workers: 8, auxiliaryPolice: 8 },
      meetsNorm: false,
    });
    await screenshot(page, 'staffing');
  });
});
