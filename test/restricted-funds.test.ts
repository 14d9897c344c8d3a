import { describe, expect, it } from 'vitest';
import { refused, seededForTest } from './support/centre.js';
import { writeCsv } from './support/files.js';

/**
 * 费随事转 and other restricted funds: one definition of what a fund received and used serves the
 * admission list, the overspend guard on every way a voucher is written, Sheet C of the board and the
 * fund report. Expectations are worked out here from the amounts booked.
 */

const BOOK = '东风社区';
const PROJECT = '区民政局·居家养老服务';

type Seeded = Awaited<ReturnType<typeof seededForTest>>;

async function admit(s: Seeded, amount = '8000.00', approvalDate = '2025-02-01') {
  await s.accountant('admission.add', {
    book: BOOK,
    department: '区民政局',
    matter: '居家养老服务',
    approvalNumber: '鹿民准〔2025〕12号',
    approvalDate,
    amount,
    periodFrom: approvalDate.slice(0, 7),
    periodTo: '2026-12',
  });
}

async function post(s: Seeded, date: string, lines: Array<Record<string, string>>) {
  const v = await s.accountant('voucher.save', {
    book: BOOK,
    date,
    lines: lines as Array<{ account: string }>,
  });
  await s.reviewer('voucher.review', { book: BOOK, voucher: v.id });
  await s.reviewer('voucher.post', { book: BOOK, voucher: v.id });
  return v;
}

const receive = (s: Seeded, date: string, amount: string) =>
  post(s, date, [
    { account: '100201', summary: '收到居家养老服务费随事转经费', debit: amount },
    { account: '44010202', credit: amount, project: PROJECT },
  ]);

/** The fund's balance as each of the four readers shows it. */
async function balances(s: Seeded, to: string) {
  const admission = (await s.accountant('admission.list', { book: BOOK }))[0]!;
  const sheets = await s.accountant('disclosure.sheets', { book: BOOK, period: to, sheet: 'C' });
  const sheetC = sheets.sheets[0]!.rows.find((r) => r.cells.project === PROJECT)!.cells;
  const funds = await s.accountant('report.funds', { book: BOOK, from: '2025-01', to });
  const fundRow = funds.rows.find((r) => r.fund === `限定性：${PROJECT}`)!;
  return {
    admission: admission.balance,
    sheetC: sheetC.balance,
    fundReport: fundRow.closing,
    spent: admission.spent,
  };
}

describe('what a task fund has used', () => {
  it('counts equipment bought with task money, in the admission list, the guard, Sheet C and the fund report alike', async () => {
    const s = await seededForTest();
    await admit(s);
    await receive(s, '2025-03-05', '8000.00');
    await post(s, '2025-03-10', [
      { account: '150102', summary: '购置助老服务站设备', debit: '3000.00', project: PROJECT },
      { account: '100201', credit: '3000.00' },
    ]);
    await post(s, '2025-03-18', [
      { account: '510107', summary: '支付助老服务人员补贴', debit: '4000.00', project: PROJECT },
      { account: '100201', credit: '4000.00' },
    ]);
    // 8,000.00 received − 3,000.00 equipment − 4,000.00 wages.
    expect(await balances(s, '2025-03')).toEqual({
      admission: '1000.00',
      sheetC: '1000.00',
      fundReport: '1000.00',
      spent: '7000.00',
    });
    const error = await refused(
      s.accountant('voucher.save', {
        book: BOOK,
        date: '2025-03-25',
        lines: [
          { account: '510107', summary: '支付助老活动费', debit: '1500.00', project: PROJECT },
          { account: '100201', credit: '1500.00' },
        ],
      }),
    );
    expect(error.message).toContain(
      `费随事转项目“${PROJECT}”余额不足：现有余额 1,000.00 元，本凭证使用 1,500.00 元，将超支 500.00 元`,
    );
  });
});

describe('a fund carried in from before the book began', () => {
  it('takes its 限定性净资产 by project as an opening balance, and spends from it', async () => {
    const s = await seededForTest();
    // Approved in 2024, before the book began in January 2025.
    await admit(s, '12000.00', '2024-03-01');
    await s.accountant('opening.set', {
      book: BOOK,
      replace: true,
      balances: [
        { account: '100201', debit: '62000.00' },
        { account: '3101', credit: '50000.00' },
        { account: '3102', credit: '12000.00', project: PROJECT },
      ],
    });
    const opening = await s.accountant('opening.get', { book: BOOK });
    expect(opening.balanced).toBe(true);
    expect(opening.rows.find((r) => r.code === '3102')!.projects).toEqual([
      { project: PROJECT, debit: '0.00', credit: '12000.00' },
    ]);
    expect((await s.accountant('admission.list', { book: BOOK }))[0]!.balance).toBe('12000.00');
    await post(s, '2025-01-20', [
      { account: '510107', summary: '支付助老服务人员补贴', debit: '5000.00', project: PROJECT },
      { account: '100201', credit: '5000.00' },
    ]);
    expect(await balances(s, '2025-01')).toMatchObject({
      admission: '7000.00',
      sheetC: '7000.00',
      fundReport: '7000.00',
    });
    const error = await refused(
      s.accountant('voucher.save', {
        book: BOOK,
        date: '2025-01-25',
        lines: [
          { account: '510107', summary: '支付助老活动费', debit: '8000.00', project: PROJECT },
          { account: '100201', credit: '8000.00' },
        ],
      }),
    );
    expect(error.message).toContain('现有余额 7,000.00 元');
  });

  it('reads the project column of an opening balance file, and refuses it on an account not tracked by project', async () => {
    const s = await seededForTest();
    const file = writeCsv([
      ['科目编码', '期初借方', '期初贷方', '项目'],
      ['100201', '62000.00', '', ''],
      ['3101', '', '50000.00', ''],
      ['3102', '', '8000.00', PROJECT],
      ['3102', '', '4000.00', '区卫健局·健康宣传'],
    ]);
    const opening = await s.accountant('opening.import', { book: BOOK, file });
    expect(opening.balanced).toBe(true);
    expect(opening.rows.find((r) => r.code === '3102')).toMatchObject({
      credit: '12000.00',
      projects: [
        { project: '区卫健局·健康宣传', debit: '0.00', credit: '4000.00' },
        { project: PROJECT, debit: '0.00', credit: '8000.00' },
      ],
    });
    const wrong = writeCsv([
      ['科目编码', '期初借方', '期初贷方', '项目'],
      ['100201', '62000.00', '', PROJECT],
      ['3102', '', '12000.00', PROJECT],
      ['3102', '', '1.00', PROJECT],
      ['44010202', '', '500.00', ''],
    ]);
    const error = await refused(s.accountant('opening.import', { book: BOOK, file: wrong }));
    // A project on an account not tracked by it; the same project twice; none where the chart requires one.
    expect(error.rows.map((r) => [r.row, r.column])).toEqual([
      [2, '项目'],
      [4, '科目编码'],
      [5, '项目'],
    ]);
    expect(
      (await s.accountant('opening.get', { book: BOOK })).rows.find((r) => r.code === '3102')!.credit,
    ).toBe('12000.00');
  });
});

describe('closing and release entries move a fund between income and net assets', () => {
  it('neither spend it nor end it: next year’s spending from the money carried forward is allowed', async () => {
    const s = await seededForTest();
    await admit(s, '20000.00');
    await receive(s, '2025-03-05', '20000.00');
    await post(s, '2025-06-10', [
      { account: '510107', summary: '支付助老服务人员补贴', debit: '6000.00', project: PROJECT },
      { account: '100201', credit: '6000.00' },
    ]);
    // Year end: restricted income to 3102 by project (this was refused as an overdraft).
    await post(s, '2025-12-31', [
      { account: '44010202', summary: '结转限定性收入', debit: '20000.00', project: PROJECT },
      { account: '3102', credit: '20000.00', project: PROJECT },
    ]);
    // One combined voucher: the spending closed to 3101 and released from 3102 as used.
    await post(s, '2025-12-31', [
      { account: '3101', summary: '结转费用并解除限定', debit: '6000.00' },
      { account: '510107', credit: '6000.00', project: PROJECT },
      { account: '3102', debit: '6000.00', project: PROJECT },
      { account: '3101', credit: '6000.00' },
    ]);
    expect(await balances(s, '2025-12')).toMatchObject({
      admission: '14000.00',
      sheetC: '14000.00',
      fundReport: '14000.00',
    });
    await post(s, '2026-02-10', [
      { account: '510107', summary: '支付助老服务人员补贴', debit: '10000.00', project: PROJECT },
      { account: '100201', credit: '10000.00' },
    ]);
    expect((await s.accountant('admission.list', { book: BOOK }))[0]!.balance).toBe('4000.00');
    const error = await refused(
      s.accountant('voucher.save', {
        book: BOOK,
        date: '2026-03-10',
        lines: [
          { account: '510107', summary: '支付助老活动费', debit: '5000.00', project: PROJECT },
          { account: '100201', credit: '5000.00' },
        ],
      }),
    );
    expect(error.message).toContain('现有余额 4,000.00 元');
  });
});

describe('专款专用 on every path that writes vouchers', () => {
  it('a 费随事转项目支出 line without its project is refused in entry and in an import, naming the row', async () => {
    const s = await seededForTest();
    await admit(s);
    await receive(s, '2025-03-05', '8000.00');
    const entry = await refused(
      s.accountant('voucher.save', {
        book: BOOK,
        date: '2025-03-10',
        lines: [
          { account: '100201', summary: '支付助老服务人员补贴', credit: '1000.00' },
          { account: '510107', debit: '1000.00', project: '' },
        ],
      }),
    );
    expect(entry.rows).toEqual([
      expect.objectContaining({ row: 2, column: '项目', message: expect.stringContaining('510107') }),
    ]);
    const file = writeCsv([
      ['日期', '凭证字', '凭证号', '摘要', '科目编码', '借方金额', '贷方金额', '项目'],
      ['2025-03-10', '记', '2', '支付助老服务人员补贴', '510107', '1000.00', '', ''],
      ['2025-03-10', '记', '2', '支付助老服务人员补贴', '100201', '', '1000.00', ''],
    ]);
    const imported = await refused(s.accountant('voucher.import', { book: BOOK, file }));
    expect(imported.rows.map((r) => [r.row, r.column])).toEqual([[2, '项目']]);
    expect(await s.accountant('voucher.list', { book: BOOK, from: '2025-03', to: '2025-03' })).toHaveLength(
      1,
    );
  });

  it('an import that overspends a task fund is refused like the same voucher in entry', async () => {
    const s = await seededForTest();
    await admit(s);
    await receive(s, '2025-03-05', '8000.00');
    const file = writeCsv([
      ['日期', '凭证字', '凭证号', '摘要', '科目编码', '借方金额', '贷方金额', '项目'],
      ['2025-03-10', '记', '2', '支付助老服务人员补贴', '510107', '5000.00', '', PROJECT],
      ['2025-03-10', '记', '2', '支付助老服务人员补贴', '100201', '', '5000.00', ''],
      ['2025-03-20', '记', '3', '支付助老活动费', '510107', '4000.00', '', PROJECT],
      ['2025-03-20', '记', '3', '支付助老活动费', '100201', '', '4000.00', ''],
    ]);
    const error = await refused(s.accountant('voucher.import', { book: BOOK, file }));
    expect(error.rows).toEqual([
      expect.objectContaining({
        row: 2,
        column: '项目',
        message: expect.stringContaining(
          `“${PROJECT}”余额不足：现有余额 8,000.00 元，文件中的凭证合计使用 9,000.00 元`,
        ),
      }),
    ]);
    const entry = await refused(
      s.accountant('voucher.save', {
        book: BOOK,
        date: '2025-03-10',
        lines: [
          { account: '510107', summary: '支付助老服务人员补贴', debit: '9000.00', project: PROJECT },
          { account: '100201', credit: '9000.00' },
        ],
      }),
    );
    expect(entry.message).toContain('将超支 1,000.00 元');
  });
});

describe('what the review found', () => {
  it('counts spending booked beside a net asset correction in the same voucher', async () => {
    const s = await seededForTest();
    await admit(s);
    await receive(s, '2025-03-05', '8000.00');
    // A voucher that spends task money and also corrects last year's net assets through the bank is no
    // closing entry: its spending is the fund's, and more than the fund holds is refused.
    const error = await refused(
      s.accountant('voucher.save', {
        book: BOOK,
        date: '2025-03-10',
        lines: [
          { account: '510107', summary: '支付助老服务人员补贴', debit: '20000.00', project: PROJECT },
          { account: '100201', credit: '20000.00' },
          { account: '3101', summary: '调整以前年度少计费用', debit: '100.00' },
          { account: '100201', credit: '100.00' },
        ],
      }),
    );
    expect(error.message).toContain('现有余额 8,000.00 元，本凭证使用 20,000.00 元');
    await post(s, '2025-03-10', [
      { account: '510107', summary: '支付助老服务人员补贴', debit: '3000.00', project: PROJECT },
      { account: '100201', credit: '3000.00' },
      { account: '3101', summary: '调整以前年度少计费用', debit: '100.00' },
      { account: '100201', credit: '100.00' },
    ]);
    expect((await s.accountant('admission.list', { book: BOOK }))[0]).toMatchObject({
      spent: '3000.00',
      balance: '5000.00',
    });
  });

  it('refuses spending on 费随事转项目支出 under a project name the book does not have', async () => {
    const s = await seededForTest();
    const error = await refused(
      s.accountant('voucher.save', {
        book: BOOK,
        date: '2025-03-10',
        lines: [
          { account: '510107', summary: '支付补贴', debit: '5000.00', project: '随便写的项目' },
          { account: '100201', credit: '5000.00' },
        ],
      }),
    );
    expect(error.message).toContain('“随便写的项目”余额不足：现有余额 0.00 元');
  });

  it('refuses a red-ink reversal of task money already spent', async () => {
    const s = await seededForTest();
    await admit(s);
    const receipt = await receive(s, '2025-03-05', '8000.00');
    await post(s, '2025-03-10', [
      { account: '510107', summary: '支付助老服务人员补贴', debit: '8000.00', project: PROJECT },
      { account: '100201', credit: '8000.00' },
    ]);
    const error = await refused(s.accountant('voucher.reverse', { book: BOOK, voucher: receipt.id }));
    expect(error.message).toContain('现有余额 0.00 元，本凭证使用 8,000.00 元');
    expect((await s.accountant('admission.list', { book: BOOK }))[0]!.balance).toBe('0.00');
  });

  it('counts depreciation booked with the project on both lines once', async () => {
    const s = await seededForTest();
    await admit(s);
    await receive(s, '2025-03-05', '8000.00');
    await post(s, '2025-03-10', [
      { account: '150102', summary: '购置助老服务站设备', debit: '3000.00', project: PROJECT },
      { account: '100201', credit: '3000.00' },
    ]);
    await post(s, '2025-03-31', [
      { account: '510199', summary: '计提折旧', debit: '100.00', project: PROJECT },
      { account: '1502', credit: '100.00', project: PROJECT },
    ]);
    // 8,000 − 3,000: the depreciation is the equipment already counted as used.
    expect((await s.accountant('admission.list', { book: BOOK }))[0]!.balance).toBe('5000.00');
  });
});

describe('Sheet C shows every restricted fund', () => {
  it('lists a fund carried in without an admission, and counts it in 专项结余', async () => {
    const s = await seededForTest();
    const FUND = '区文明办·文明创建';
    await s.accountant('opening.set', {
      book: BOOK,
      replace: true,
      balances: [
        { account: '100201', debit: '52000.00' },
        { account: '3101', credit: '50000.00' },
        { account: '3102', credit: '2000.00', project: FUND },
      ],
    });
    await post(s, '2025-02-10', [
      { account: '510199', summary: '文明创建宣传品', debit: '500.00', project: FUND },
      { account: '100201', credit: '500.00' },
    ]);
    const sheets = await s.accountant('disclosure.sheets', { book: BOOK, period: '2025-Q1', sheet: 'C' });
    const row = sheets.sheets[0]!.rows.find((r) => r.cells.project === FUND)!.cells;
    expect([row.broughtForward, row.spent, row.balance]).toEqual(['2000.00', '500.00', '1500.00']);
    const funds = await s.accountant('report.funds', { book: BOOK, from: '2025-01', to: '2025-03' });
    expect(funds.restricted).toBe('1500.00');
  });
});
