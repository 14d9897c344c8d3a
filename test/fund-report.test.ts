import { describe, expect, it } from 'vitest';
import { seededForTest } from './support/centre.js';
import { voucherHeader, writeCsv } from './support/files.js';
import { mulberry32 } from './support/random.js';

/**
 * The fund report over a realistic community year, against an independent computation: the test
 * keeps its own list of every line with its project and sums it with BigInt.
 */
const book = '东风社区';
const tasks = [
  { department: '区民政局', matter: '高龄老人走访', number: '鹿民准〔2025〕7号', amount: 800000n },
  { department: '区卫健局', matter: '健康讲座', number: '鹿卫准〔2025〕2号', amount: 300000n },
  { department: '区司法局', matter: '普法宣传', number: '鹿司准〔2025〕5号', amount: 500000n },
];
const project = (t: (typeof tasks)[number]) => `${t.department}·${t.matter}`;

interface Line {
  period: string;
  account: string;
  debit: bigint;
  credit: bigint;
  project: string;
}

function year(): Array<{ date: string; lines: Line[] }> {
  const random = mulberry32(2025);
  const cents = (max: number) => BigInt(Math.floor(random() * max * 100) + 100);
  const vouchers: Array<{ date: string; lines: Line[] }> = [];
  const voucher = (date: string, entries: Array<[string, bigint, bigint, string?]>) =>
    vouchers.push({
      date,
      lines: entries.map(([account, debit, credit, p]) => ({
        period: date.slice(0, 7),
        account,
        debit,
        credit,
        project: p ?? '',
      })),
    });
  const spentOn = new Map<string, bigint>();
  for (let month = 1; month <= 12; month++) {
    const m = String(month).padStart(2, '0');
    if (month === 1 || month === 7)
      voucher(`2025-${m}-05`, [
        ['100201', 5000000n, 0n],
        ['44010101', 0n, 5000000n],
      ]);
    if (month === 2)
      voucher(`2025-${m}-05`, [
        ['100201', 11100000n, 0n],
        ['44010102', 0n, 11100000n],
      ]);
    if (month === 3)
      for (const t of tasks)
        voucher(`2025-03-0${tasks.indexOf(t) + 6}`, [
          ['100201', t.amount, 0n, project(t)],
          ['44010202', 0n, t.amount, project(t)],
        ]);
    for (let i = 0; i < 4; i++) {
      const a = cents(2000);
      voucher(`2025-${m}-${String(10 + i).padStart(2, '0')}`, [
        [i % 2 ? '520101' : '510102', a, 0n],
        ['100201', 0n, a],
      ]);
    }
    const fee = cents(600);
    voucher(`2025-${m}-20`, [
      ['1001', fee, 0n],
      ['43010103', 0n, fee],
    ]);
    if (month >= 4) {
      for (const t of tasks) {
        const left = t.amount - (spentOn.get(project(t)) ?? 0n);
        const a = cents(1000) < left ? cents(1000) : left;
        if (a <= 0n) continue;
        spentOn.set(project(t), (spentOn.get(project(t)) ?? 0n) + a);
        voucher(`2025-${m}-25`, [
          ['510107', a, 0n, project(t)],
          ['100201', 0n, a],
        ]);
      }
    }
  }
  return vouchers;
}

const yuan = (fen: bigint) =>
  `${fen < 0n ? '-' : ''}${(fen < 0n ? -fen : fen) / 100n}.${String((fen < 0n ? -fen : fen) % 100n).padStart(2, '0')}`;

describe('fund report over a realistic year', () => {
  it('equals an independent computation for every quarter, and its total equals the net assets', async () => {
    const s = await seededForTest();
    for (const t of tasks) {
      await s.accountant('admission.add', {
        book,
        department: t.department,
        matter: t.matter,
        approvalNumber: t.number,
        approvalDate: '2025-03-01',
        amount: yuan(t.amount),
        periodFrom: '2025-03',
        periodTo: '2025-12',
      });
    }
    const vouchers = year().sort((a, b) => a.date.localeCompare(b.date));
    const numbers = new Map<string, number>();
    const rows = vouchers.flatMap((v) => {
      const n = (numbers.get(v.date.slice(0, 7)) ?? 0) + 1;
      numbers.set(v.date.slice(0, 7), n);
      return v.lines.map((l) => [
        v.date,
        '记',
        n,
        '摘要',
        l.account,
        '',
        l.debit ? yuan(l.debit) : '',
        l.credit ? yuan(l.credit) : '',
        l.project,
        '',
        '',
      ]);
    });
    await s.accountant('voucher.import', {
      book,
      file: writeCsv([voucherHeader, ...rows], 'year.csv'),
      reviewer: '李审核',
    });
    const lines = vouchers.flatMap((v) => v.lines);

    for (const [from, to] of [
      ['2025-01', '2025-03'],
      ['2025-04', '2025-06'],
      ['2025-07', '2025-09'],
      ['2025-10', '2025-12'],
      ['2025-01', '2025-12'],
    ]) {
      const report = await s.overseer('report.funds', { book, from: from!, to: to! });
      const row = (fund: string) => report.rows.find((r) => r.fund === fund)!;
      for (const t of tasks) {
        const p = project(t);
        const received = (f: (l: Line) => boolean) =>
          lines
            .filter((l) => l.project === p && l.account.startsWith('4') && f(l))
            .reduce((x, l) => x + l.credit - l.debit, 0n);
        const spent = (f: (l: Line) => boolean) =>
          lines
            .filter((l) => l.project === p && l.account.startsWith('5') && f(l))
            .reduce((x, l) => x + l.debit - l.credit, 0n);
        const before = (l: Line) => l.period < from!;
        const within = (l: Line) => l.period >= from! && l.period <= to!;
        const opening = received(before) - spent(before);
        expect(
          [
            row(`限定性：${p}`).opening,
            row(`限定性：${p}`).received,
            row(`限定性：${p}`).spent,
            row(`限定性：${p}`).closing,
          ],
          `${p} ${from}`,
        ).toEqual([
          yuan(opening),
          yuan(received(within)),
          yuan(spent(within)),
          yuan(opening + received(within) - spent(within)),
        ]);
      }
      // The unrestricted pool: the opening net assets (50,000.00) + other income − other spending.
      const pool = (f: (l: Line) => boolean) =>
        lines
          .filter((l) => !l.project && f(l))
          .reduce(
            (x, l) =>
              l.account.startsWith('4')
                ? x + l.credit - l.debit
                : l.account.startsWith('5')
                  ? x - (l.debit - l.credit)
                  : x,
            0n,
          );
      expect(row('非限定性资金（统筹使用）').closing).toBe(yuan(5000000n + pool((l) => l.period <= to!)));
      const tb = await s.overseer('report.trialBalance', { book, from: to!, to: to!, level: 1 });
      const fen = (t: string) => BigInt(t.replace('.', ''));
      expect(fen(report.total)).toBe(
        tb.rows.reduce(
          (x, r) => (/^[345]/.test(r.code) ? x + fen(r.closingCredit) - fen(r.closingDebit) : x),
          0n,
        ),
      );
    }
  });
});

describe('fund report after 结转 and 解除限定', () => {
  it('keeps its total equal to the net assets, and shows a release moving restricted money to the pool', async () => {
    const s = await seededForTest();
    const P = '区民政局·高龄老人走访';
    await s.accountant('admission.add', {
      book,
      department: '区民政局',
      matter: '高龄老人走访',
      approvalNumber: '鹿民准〔2025〕7号',
      approvalDate: '2025-03-01',
      amount: '8000.00',
      periodFrom: '2025-03',
      periodTo: '2025-12',
    });
    type Entry = { account: string; debit?: string; credit?: string; project?: string };
    const booked: Entry[] = [];
    const post = async (date: string, summary: string, lines: Entry[]) => {
      const v = await s.accountant('voucher.save', {
        book,
        date,
        lines: lines.map((l, i) => ({ ...l, ...(i === 0 ? { summary } : {}) })),
      });
      await s.reviewer('voucher.review', { book, voucher: v.id });
      await s.reviewer('voucher.post', { book, voucher: v.id });
      booked.push(...lines);
    };
    await post('2025-03-05', '收到费随事转经费', [
      { account: '100201', debit: '8000.00' },
      { account: '44010202', credit: '8000.00', project: P },
    ]);
    await post('2025-03-10', '购置走访用设备', [
      { account: '150102', debit: '3000.00', project: P },
      { account: '100201', credit: '3000.00' },
    ]);
    await post('2025-04-10', '走访慰问支出', [
      { account: '510107', debit: '4000.00', project: P },
      { account: '100201', credit: '4000.00' },
    ]);
    await post('2025-05-10', '收到企业限定用于重阳活动的赞助', [
      { account: '100201', debit: '2000.00' },
      { account: '410102', credit: '2000.00' },
    ]);
    await post('2025-10-09', '重阳节活动支出', [
      { account: '510102', debit: '1500.00' },
      { account: '100201', credit: '1500.00' },
    ]);
    await post('2025-06-20', '收到基础经费', [
      { account: '100201', debit: '30000.00' },
      { account: '44010101', credit: '30000.00' },
    ]);
    await post('2025-07-15', '办公费', [
      { account: '520101', debit: '5000.00' },
      { account: '100201', credit: '5000.00' },
    ]);

    // The books' net assets, worked out here: opening 50,000.00 plus income less expense.
    const fen = (t?: string) => (t ? BigInt(t.replace('.', '')) : 0n);
    const netAssets = () =>
      5000000n +
      booked.filter((l) => /^[345]/.test(l.account)).reduce((x, l) => x + fen(l.credit) - fen(l.debit), 0n);
    const check = async () => {
      const report = await s.overseer('report.funds', { book, from: '2025-01', to: '2025-12' });
      const row = (fund: string) => report.rows.find((r) => r.fund === fund);
      expect(fen(report.total)).toBe(netAssets());
      // Each row reads opening + received − spent + transferred = closing.
      for (const r of report.rows.filter((x) => x.closing !== ''))
        expect(fen(r.opening) + fen(r.received) - fen(r.spent) + fen(r.transferred), r.fund).toBe(
          fen(r.closing),
        );
      return { report, row };
    };

    const before = await check();
    expect(before.row(`限定性：${P}`)!.closing).toBe('1000.00');
    expect(before.row('限定性：未指定项目')!.closing).toBe('2000.00');
    expect(before.row('　其中：专项资金购置的资产')!.transferred).toBe('3000.00');
    // By hand: 50,000 + 8,000 + 2,000 + 30,000 − 4,000 − 1,500 − 5,000 (the equipment is still an asset).
    expect(before.report.total).toBe('79500.00');
    // The pool on its own: 50,000 opening + 30,000 基础经费 − 1,500 and 5,000 spent without a fund, plus
    // the 3,000 of equipment the task money bought (now the community's asset).
    const pool = (r: typeof before) => r.row('非限定性资金（统筹使用）')!;
    expect(pool(before)).toMatchObject({ received: '30000.00', spent: '6500.00', closing: '76500.00' });
    expect(before.row('　其中：净资产调整')).toBeUndefined();

    // Year end: income and expense closed to net assets (by project where kept by project), then the
    // donation released as it was spent.
    await post('2025-12-31', '结转本年收入', [
      { account: '44010202', debit: '8000.00', project: P },
      { account: '410102', debit: '2000.00' },
      { account: '44010101', debit: '30000.00' },
      { account: '3102', credit: '8000.00', project: P },
      { account: '3102', credit: '2000.00' },
      { account: '3101', credit: '30000.00' },
    ]);
    await post('2025-12-31', '结转本年费用', [
      { account: '3101', debit: '10500.00' },
      { account: '510107', credit: '4000.00', project: P },
      { account: '510102', credit: '1500.00' },
      { account: '520101', credit: '5000.00' },
    ]);
    const closed = await check();
    expect(closed.report.total).toBe(before.report.total);
    expect(closed.row(`限定性：${P}`)!.closing).toBe('1000.00');
    expect(closed.row('限定性：未指定项目')!.closing).toBe('2000.00');

    await post('2025-12-31', '重阳活动赞助已按用途使用，解除限定', [
      { account: '3102', debit: '1500.00' },
      { account: '3101', credit: '1500.00' },
    ]);
    const released = await check();
    expect(released.report.total).toBe(before.report.total);
    expect(released.row('限定性：未指定项目')).toMatchObject({ transferred: '-1500.00', closing: '500.00' });
    expect(released.row('　其中：限定性资金解除限定')!.transferred).toBe('1500.00');
    expect(pool(released).closing).toBe('78000.00');
    expect(released.row('　其中：净资产调整')).toBeUndefined();
    expect(fen(released.row('非限定性资金（统筹使用）')!.closing)).toBe(
      fen(released.report.total) - fen('1000.00') - fen('500.00'),
    );
  });
});

describe('fund report: the pool worked out on its own', () => {
  it('does not count restricted money twice when income is closed to 3102 without its project', async () => {
    const s = await seededForTest();
    const P = '区民政局·高龄老人走访';
    await s.accountant('admission.add', {
      book,
      department: '区民政局',
      matter: '高龄老人走访',
      approvalNumber: '鹿民准〔2025〕7号',
      approvalDate: '2025-03-01',
      amount: '10000.00',
      periodFrom: '2025-03',
      periodTo: '2025-12',
    });
    const post = async (date: string, lines: Array<Record<string, string>>) => {
      const v = await s.accountant('voucher.save', {
        book,
        date,
        lines: lines as Array<{ account: string }>,
      });
      await s.reviewer('voucher.review', { book, voucher: v.id });
      await s.reviewer('voucher.post', { book, voucher: v.id });
    };
    await post('2025-03-05', [
      { account: '100201', summary: '收到费随事转经费', debit: '10000.00' },
      { account: '44010202', credit: '10000.00', project: P },
    ]);
    await post('2025-04-10', [
      { account: '510107', summary: '走访慰问支出', debit: '4000.00', project: P },
      { account: '100201', credit: '4000.00' },
    ]);
    // 3102 is only tracked by project in the default chart: this closing leaves it out.
    await post('2025-12-31', [
      { account: '44010202', summary: '结转限定性收入', debit: '10000.00', project: P },
      { account: '3102', credit: '10000.00' },
    ]);
    await post('2025-12-31', [
      { account: '3101', summary: '结转费用', debit: '4000.00' },
      { account: '510107', credit: '4000.00', project: P },
    ]);
    const report = await s.overseer('report.funds', { book, from: '2025-01', to: '2025-12' });
    const rows = new Map(report.rows.map((r) => [r.fund, r]));
    expect(rows.get(`限定性：${P}`)!.closing).toBe('6000.00');
    expect(rows.has('限定性：未指定项目')).toBe(false);
    // The pool on its own: the opening 50,000.00 of 3101, no unrestricted income, no spending of its own.
    expect(rows.get('非限定性资金（统筹使用）')).toMatchObject({
      opening: '50000.00',
      received: '0.00',
      spent: '0.00',
      transferred: '0.00',
      closing: '50000.00',
    });
    expect([...rows.keys()].some((f) => f.includes('净资产调整') || f.includes('解除限定'))).toBe(false);
    expect(report.total).toBe('56000.00');
  });
});
