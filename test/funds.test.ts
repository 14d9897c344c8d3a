import { describe, expect, it } from 'vitest';
import { refused, seededForTest } from './support/centre.js';
import { writeCsv } from './support/files.js';

const book = '东风社区';

async function withCounts() {
  const s = await seededForTest();
  await s.accountant('households.set', {
    community: book,
    year: 2025,
    resident: 2000,
    registered: 1500,
    asOf: '2025-01-01',
    source: '民政办统计',
  });
  return s;
}

describe('booking district money', () => {
  it('books a grant receipt as a draft voucher on the right income sub-account, and tracks received vs entitled', async () => {
    const s = await withCounts();
    const booked = await s.accountant('grant.receive', {
      book,
      source: 'base',
      amount: '50000.00',
      date: '2025-01-20',
      document: '鹿财社〔2025〕3号',
    });
    expect(booked.voucher).toMatchObject({
      status: 'draft',
      summary: '收到2025年社区工作经费(基础经费)（鹿财社〔2025〕3号）',
    });
    expect(booked.voucher.lines.map((l) => [l.accountCode, l.debit, l.credit, l.item])).toEqual([
      ['100201', '50000.00', '0.00', '社区工作经费(基础经费)'],
      ['44010101', '0.00', '50000.00', null],
    ]);
    await s.accountant('grant.receive', {
      book,
      source: 'household',
      amount: '120000.00',
      date: '2025-02-20',
      document: '鹿财社〔2025〕9号',
    });
    // Drafts wait for posting: 待记账 until posted, then 到账.
    const drafts = await s.overseer('grant.received', { year: 2025, community: book });
    expect(drafts.map((r) => [r.source, r.received, r.pending])).toEqual([
      ['base', '0.00', '50000.00'],
      ['household', '0.00', '120000.00'],
    ]);
    const household = (await s.accountant('voucher.list', { book })).find((v) => v.id !== booked.voucher.id)!;
    await s.reviewer('voucher.review', { book, voucher: household.id });
    await s.reviewer('voucher.post', { book, voucher: household.id });
    const status = await s.overseer('grant.received', { year: 2025, community: book });
    expect(
      status.map((r) => [r.source, r.entitled, r.received, r.pending, r.outstanding, r.overpaid]),
    ).toEqual([
      ['base', '100000.00', '0.00', '50000.00', '100000.00', '0.00'],
      ['household', '111000.00', '120000.00', '0.00', '0.00', '9000.00'],
    ]);
    // A later change of the household count warns what it does to the entitlement already being paid.
    const changed = await s.accountant('households.set', {
      community: book,
      year: 2025,
      resident: 2100,
      registered: 1500,
      asOf: '2025-03-01',
      source: '年中复核',
    });
    expect(changed.warning).toBe(
      '2025 年拨款已登记到账：户数变化使应拨经费由 211,000.00 元变为 215,200.00 元（增加 4,200.00 元）',
    );
    // Deleting the draft takes the receipt with it.
    await s.accountant('voucher.delete', { book, voucher: booked.voucher.id });
    expect((await s.overseer('grant.received', { year: 2025, community: book }))[0]!.pending).toBe('0.00');
    expect((await s.overseer('grant.received', { year: 2025, community: book }))[1]!.entitled).toBe(
      '115200.00',
    );
  });
});

describe('到账 comes from the posted books', () => {
  it('counts a base grant typed as an ordinary voucher or imported, nets a red-ink reversal, and keeps a grant year', async () => {
    const s = await withCounts();
    const post = async (id: number) => {
      await s.reviewer('voucher.review', { book, voucher: id });
      await s.reviewer('voucher.post', { book, voucher: id });
    };
    // Typed in 凭证录入, no 拨款到账 involved.
    const typed = await s.accountant('voucher.save', {
      book,
      date: '2025-01-20',
      lines: [
        { account: '100201', summary: '收到区财政拨付基础经费', debit: '50000.00' },
        { account: '44010101', credit: '50000.00' },
      ],
    });
    await post(typed.id);
    // Imported from the old software's export.
    await s.accountant('voucher.import', {
      book,
      reviewer: '李审核',
      file: writeCsv([
        ['日期', '凭证字', '凭证号', '摘要', '科目编码', '借方金额', '贷方金额'],
        ['2025-07-18', '记', '1', '收到区财政拨付基础经费下半年', '100201', '30000.00', ''],
        ['2025-07-18', '记', '1', '收到区财政拨付基础经费下半年', '44010101', '', '30000.00'],
        ['2025-07-20', '记', '2', '收到按户核拨经费', '100201', '60000.00', ''],
        ['2025-07-20', '记', '2', '收到按户核拨经费', '44010102', '', '60000.00'],
      ]),
    });
    // The second import was booked twice by mistake elsewhere: a red-ink reversal takes 10,000 back.
    const wrong = await s.accountant('voucher.save', {
      book,
      date: '2025-08-05',
      lines: [
        { account: '100201', summary: '收到按户核拨经费（误记）', debit: '10000.00' },
        { account: '44010102', credit: '10000.00' },
      ],
    });
    await post(wrong.id);
    const red = await s.accountant('voucher.reverse', { book, voucher: wrong.id });
    await post(red.id);
    // A 2024 grant paid in January 2025 through 拨款到账 counts for 2024, not 2025.
    const late = await s.accountant('grant.receive', {
      book,
      source: 'base',
      year: 2024,
      amount: '20000.00',
      date: '2025-01-25',
      document: '鹿财社〔2024〕40号',
    });
    await post(late.voucher.id);

    const status = await s.overseer('grant.received', { year: 2025, community: book });
    // 基础经费 50,000 + 30,000; 按户 60,000 + 10,000 − 10,000 (红字).
    expect(status.map((r) => [r.source, r.received, r.pending, r.outstanding])).toEqual([
      ['base', '80000.00', '0.00', '20000.00'],
      ['household', '60000.00', '0.00', '51000.00'],
    ]);
    const earlier = await s.overseer('grant.received', { year: 2024, community: book });
    expect(earlier.find((r) => r.source === 'base')!.received).toBe('20000.00');
  });
});

describe('费随事转 task funds are spent only on their work', () => {
  async function withAdmission() {
    const s = await withCounts();
    const admission = await s.accountant('admission.add', {
      book,
      department: '区民政局',
      matter: '高龄老人走访慰问',
      approvalNumber: '鹿民准〔2025〕7号',
      approvalDate: '2025-02-01',
      amount: '8000.00',
      periodFrom: '2025-02',
      periodTo: '2025-12',
    });
    await s.accountant('grant.receive', {
      book,
      source: 'task',
      admission: '鹿民准〔2025〕7号',
      amount: '8000.00',
      date: '2025-02-26',
      document: '鹿民拨〔2025〕15号',
    });
    return { ...s, admission };
  }

  const spend = (amount: string, project = '区民政局·高龄老人走访慰问') => ({
    book,
    date: '2025-03-10',
    lines: [
      { account: '510107', summary: '高龄老人走访慰问品', debit: amount, project },
      { account: '100201', credit: amount },
    ],
  });

  it('tracks what was received and spent, and refuses a voucher that would overspend, naming the fund and its balance', async () => {
    const s = await withAdmission();
    await s.accountant('voucher.save', spend('5000.00'));
    let [fund] = await s.overseer('admission.list', { book });
    expect(fund).toMatchObject({
      status: 'active',
      received: '8000.00',
      spent: '5000.00',
      balance: '3000.00',
    });
    const error = await refused(s.accountant('voucher.save', spend('3500.00')));
    expect(error.message).toContain(
      '费随事转项目“区民政局·高龄老人走访慰问”余额不足：现有余额 3,000.00 元，本凭证使用 3,500.00 元，将超支 500.00 元',
    );
    // Nothing was written.
    expect(await s.accountant('voucher.list', { book, from: '2025-03', to: '2025-03' })).toHaveLength(1);
    // A supervisor's audited permission lets it through.
    expect(
      (
        await refused(
          s.accountant('admission.allowOverdraft', {
            book,
            admission: fund!.id,
            amount: '500.00',
            reason: '先行垫支',
          }),
        )
      ).code,
    ).toBe('forbidden');
    await s.boss('admission.allowOverdraft', {
      book,
      admission: fund!.id,
      amount: '500.00',
      reason: '区民政局追加拨款在途，先行垫支',
    });
    await s.accountant('voucher.save', spend('3500.00'));
    [fund] = await s.overseer('admission.list', { book });
    expect(fund!.balance).toBe('-500.00');
    const log = await s.overseer('audit.list', { book, entity: 'admission' });
    expect(log.find((e) => e.action === 'admission.overdraft')).toMatchObject({
      operator: '周主管',
      after: { reason: '区民政局追加拨款在途，先行垫支' },
    });
  });

  it('at year end a balance is returned to the department or carried forward, and the choice is recorded', async () => {
    const s = await withAdmission();
    await s.accountant('voucher.save', spend('6200.00'));
    const returned = await s.accountant('admission.close', {
      book,
      admission: '鹿民准〔2025〕7号',
      handling: 'return',
      date: '2025-12-31',
    });
    expect(returned.admission).toMatchObject({ status: 'returned', yearEnd: 'return', balance: '0.00' });
    expect(returned.voucher!.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['520199', '1800.00', '0.00'],
      ['220902', '0.00', '1800.00'],
    ]);
    const s2 = await withAdmission();
    const carried = await s2.accountant('admission.close', {
      book,
      admission: '鹿民准〔2025〕7号',
      handling: 'carry_forward',
      date: '2025-12-31',
    });
    expect(carried).toMatchObject({
      admission: { yearEnd: 'carry_forward', balance: '8000.00' },
      voucher: null,
    });
  });

  it('refuses an admission twice and task money without its admission', async () => {
    const s = await withAdmission();
    const again = await refused(
      s.accountant('admission.add', {
        book,
        department: '区民政局',
        matter: '其他',
        approvalNumber: '鹿民准〔2025〕7号',
        approvalDate: '2025-02-01',
        amount: '1.00',
        periodFrom: '2025-02',
        periodTo: '2025-03',
      }),
    );
    expect(again.code).toBe('duplicate');
    expect(
      (
        await refused(
          s.accountant('grant.receive', {
            book,
            source: 'task',
            amount: '1.00',
            date: '2025-03-01',
            document: 'x',
          }),
        )
      ).message,
    ).toContain('准入审批');
  });
});

describe('fund report (资金来源情况表)', () => {
  it('shows each task fund and the unrestricted pool, and its closing total equals the net assets in the books', async () => {
    const s = await withCounts();
    const post = async (id: number) => {
      await s.reviewer('voucher.review', { book, voucher: id });
      await s.reviewer('voucher.post', { book, voucher: id });
    };
    const base = await s.accountant('grant.receive', {
      book,
      source: 'base',
      amount: '50000.00',
      date: '2025-01-20',
      document: '鹿财社〔2025〕3号',
    });
    await post(base.voucher.id);
    await s.accountant('admission.add', {
      book,
      department: '区民政局',
      matter: '高龄老人走访',
      approvalNumber: '鹿民准〔2025〕7号',
      approvalDate: '2025-02-01',
      amount: '8000.00',
      periodFrom: '2025-02',
      periodTo: '2025-12',
    });
    const task = await s.accountant('grant.receive', {
      book,
      source: 'task',
      admission: '鹿民准〔2025〕7号',
      amount: '8000.00',
      date: '2025-02-26',
      document: '鹿民拨〔2025〕15号',
    });
    await post(task.voucher.id);
    for (const [date, account, amount, project] of [
      ['2025-03-10', '510107', '6000.00', '区民政局·高龄老人走访'],
      ['2025-03-15', '520102', '1234.56', undefined],
      ['2025-04-15', '520101', '300.00', undefined],
    ] as const) {
      const v = await s.accountant('voucher.save', {
        book,
        date,
        lines: [
          { account, summary: '支出', debit: amount, project },
          { account: '100201', credit: amount },
        ],
      });
      await post(v.id);
    }
    const report = await s.overseer('report.funds', { book, from: '2025-03', to: '2025-04' });
    const byFund = Object.fromEntries(
      report.rows.map((r) => [r.fund, [r.opening, r.received, r.spent, r.closing]]),
    );
    // Opening balances 50,000.00 of unrestricted net assets + the January grant.
    expect(byFund['非限定性资金（统筹使用）']).toEqual(['100000.00', '0.00', '1534.56', '98465.44']);
    expect(byFund['限定性：区民政局·高龄老人走访']).toEqual(['8000.00', '0.00', '6000.00', '2000.00']);
    expect([report.unrestricted, report.restricted, report.total]).toEqual([
      '98465.44',
      '2000.00',
      '100465.44',
    ]);
    // The closing total equals net assets: 3xxx + income − expenses at the end of April, from the trial balance.
    const tb = await s.overseer('report.trialBalance', { book, from: '2025-04', to: '2025-04', level: 1 });
    const fen = (t: string) => BigInt(t.replace('.', ''));
    const net = tb.rows.reduce(
      (t, r) => (/^[345]/.test(r.code) ? t + fen(r.closingCredit) - fen(r.closingDebit) : t),
      0n,
    );
    expect(fen(report.total)).toBe(net);
  });
});

describe('到账 after the year-end closing entry', () => {
  it('stays what was received: the closing entry that empties 44010101 is no refund', async () => {
    const s = await withCounts();
    const post = async (lines: Array<Record<string, string>>, date: string) => {
      const v = await s.accountant('voucher.save', {
        book,
        date,
        lines: lines as Array<{ account: string }>,
      });
      await s.reviewer('voucher.review', { book, voucher: v.id });
      await s.reviewer('voucher.post', { book, voucher: v.id });
    };
    await post(
      [
        { account: '100201', summary: '收到基础经费', debit: '100000.00' },
        { account: '44010101', credit: '100000.00' },
      ],
      '2025-03-20',
    );
    await post(
      [
        { account: '44010101', summary: '结转本年收入', debit: '100000.00' },
        { account: '3101', credit: '100000.00' },
      ],
      '2025-12-31',
    );
    const status = await s.overseer('grant.received', { year: 2025, community: book });
    expect(status.find((r) => r.source === 'base')).toMatchObject({
      received: '100000.00',
      outstanding: '0.00',
    });
  });
});
