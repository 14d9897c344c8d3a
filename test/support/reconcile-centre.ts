import { onTestFinished } from 'vitest';
import { as, openTestCentre } from './centre.js';

/**
 * A centre of three communities whose money sits in ONE shared dedicated account (a sub-district's
 * 专户 at 鹿城农商银行), with a first quarter of district allocations and their bookings:
 * - 基础经费 for all three, booked with and without the document number;
 * - 东风社区's 按户经费 booked in two vouchers; 西山社区's two 按户 allocations booked in one voucher;
 * - 南塘社区's allocation written 南塘杜区 on the statement (a typo);
 * - 东风社区's award booked into 西山社区's books (串户); 西山社区's task money booked 600 too much;
 * - 南塘社区's task money still in transit; a wrong voucher in 东风社区 reversed in red;
 * - salaries, a cheque that clears next month, a bank fee booked late, interest.
 */

export const ACCOUNT = '201000123456789';
export const communities = ['东风社区', '西山社区', '南塘社区'] as const;

export interface BookedLine {
  book: string;
  date: string;
  summary: string;
  /** Signed: + into the bank, − out of it. */
  bank: string;
  /** The other account. */
  account: string;
  project?: string;
}

/** Every voucher the books hold, in booking order; `reverse` marks the one reversed in red on 02-12. */
export const bookings: Array<
  BookedLine & { reverse?: boolean; document?: string; source?: 'base' | 'household' }
> = [
  {
    book: '东风社区',
    date: '2025-01-10',
    summary: '支付1月工作人员报酬',
    bank: '-8000.00',
    account: '510101',
  },
  {
    book: '西山社区',
    date: '2025-01-10',
    summary: '支付1月工作人员报酬',
    bank: '-6000.00',
    account: '510101',
  },
  // grant.receive writes the document into the voucher and the grant receipt.
  {
    book: '东风社区',
    date: '2025-01-16',
    summary: '',
    bank: '50000.00',
    account: '44010101',
    document: '鹿财社〔2025〕1号',
    source: 'base',
  },
  {
    book: '西山社区',
    date: '2025-01-17',
    summary: '',
    bank: '50000.00',
    account: '44010101',
    document: '鹿财社〔2025〕1号',
    source: 'base',
  },
  { book: '南塘社区', date: '2025-01-20', summary: '收到基础经费', bank: '50000.00', account: '44010101' },
  {
    book: '西山社区',
    date: '2025-01-30',
    summary: '开出转账支票 付活动物资款',
    bank: '-2000.00',
    account: '510102',
  },
  {
    book: '东风社区',
    date: '2025-02-10',
    summary: '收到奖励（误记）',
    bank: '1000.00',
    account: '44010103',
    reverse: true,
  },
  { book: '东风社区', date: '2025-02-03', summary: '补记1月银行手续费', bank: '-5.00', account: '520199' },
  {
    book: '西山社区',
    date: '2025-02-20',
    summary: '收到人民调解费随事转经费 鹿财社〔2025〕5号',
    bank: '6600.00',
    account: '44010202',
    project: '区司法局·人民调解',
  },
  {
    book: '东风社区',
    date: '2025-03-21',
    summary: '收到按户经费（第一笔）鹿财社〔2025〕8号',
    bank: '40000.00',
    account: '44010102',
  },
  {
    book: '东风社区',
    date: '2025-03-25',
    summary: '收到按户经费（第二笔）鹿财社〔2025〕8号',
    bank: '35000.00',
    account: '44010102',
  },
  { book: '西山社区', date: '2025-03-24', summary: '收到按户经费', bank: '30000.00', account: '44010102' },
  {
    book: '南塘社区',
    date: '2025-03-31',
    summary: '收到按户经费 鹿财社〔2025〕8号',
    bank: '24000.00',
    account: '44010102',
  },
  { book: '南塘社区', date: '2025-03-31', summary: '银行存款结息', bank: '12.34', account: '490101' },
  { book: '西山社区', date: '2025-03-31', summary: '收到评先评优奖励', bank: '3000.00', account: '44010103' },
];

export const allocationHeader = [
  '拨付日期',
  '收款单位',
  '经费类型',
  '指标文号',
  '项目名称',
  '拨付金额（元）',
];
/** District finance's Q1 statement (their layout, their header names). */
export const allocationRows: Array<Array<string>> = [
  ['2025-01-15', '东风社区', '社区工作经费(基础经费)', '鹿财社〔2025〕1号', '', '50,000.00'],
  ['2025-01-15', '西山社区', '社区工作经费(基础经费)', '鹿财社〔2025〕1号', '', '50,000.00'],
  ['2025-01-15', '南塘社区', '社区工作经费(基础经费)', '鹿财社〔2025〕1号', '', '50,000.00'],
  ['2025-02-18', '西山社区', '费随事转', '鹿财社〔2025〕5号', '人民调解', '6,000.00'],
  ['2025-03-20', '东风社区', '按户经费', '鹿财社〔2025〕8号', '', '75,000.00'],
  ['2025-03-20', '西山社区', '按户经费', '鹿财社〔2025〕8号', '', '18,000.00'],
  ['2025-03-20', '西山社区', '按户经费', '鹿财社〔2025〕9号', '补拨', '12,000.00'],
  ['2025-03-28', '南塘杜区', '按户经费', '鹿财社〔2025〕8号', '', '24,000.00'],
  ['2025-03-30', '东风社区', '评先评优奖励', '鹿财社〔2025〕11号', '', '3,000.00'],
  ['2025-03-31', '南塘社区', '费随事转', '鹿财社〔2025〕12号', '健康宣传', '8,000.00'],
];

export const bankHeader = ['交易日期', '交易流水号', '摘要', '对方户名', '借方发生额', '贷方发生额', '余额'];

/**
 * The bank's lines (借方 = paid out, 贷方 = received, as banks print them) with the running balance from
 * 100,000.00 (the three books' opening bank balances), and which statement prints each: the first was
 * exported on 02-15 before the day's second SMS fee; the second starts on 02-01, overlapping it.
 */
export function bankLines(): Array<{ cells: string[]; first: boolean; second: boolean }> {
  const lines: Array<[string, string, string, string, number, 1 | 2 | 3]> = [
    ['2025-01-10', 'B0110001', '代发工资', '东风社区', -8000, 1],
    ['2025-01-10', 'B0110002', '代发工资', '西山社区', -6000, 1],
    ['2025-01-16', 'B0116001', '财政拨款', '鹿城区财政局', 50000, 1],
    ['2025-01-16', 'B0116002', '财政拨款', '鹿城区财政局', 50000, 1],
    ['2025-01-16', 'B0116003', '财政拨款', '鹿城区财政局', 50000, 1],
    ['2025-01-31', '', '手续费', '', -5, 1],
    ['2025-02-02', 'B0202001', '支票付款', '某文具店', -2000, 3],
    ['2025-02-15', '', '短信服务费', '', -2, 3],
    ['2025-02-15', '', '短信服务费', '', -2, 2],
    ['2025-02-19', 'B0219001', '财政拨款', '鹿城区财政局', 6000, 2],
    ['2025-03-21', 'B0321001', '财政拨款', '鹿城区财政局', 40000, 2],
    ['2025-03-21', 'B0321002', '财政拨款', '鹿城区财政局', 30000, 2],
    ['2025-03-25', 'B0325001', '财政拨款', '鹿城区财政局', 35000, 2],
    ['2025-03-29', 'B0329001', '财政拨款', '鹿城区财政局', 24000, 2],
    ['2025-03-31', '', '结息', '', 12.34, 2],
    ['2025-03-31', 'B0331001', '财政拨款', '鹿城区财政局', 3000, 2],
  ];
  let balance = 10000000; // 分
  const money = (f: number) => (f === 0 ? '' : (f / 100).toFixed(2));
  return lines.map(([date, ref, summary, party, yuan, where]) => {
    const fen = Math.round(yuan * 100);
    balance += fen;
    return {
      cells: [date, ref, summary, party, money(fen < 0 ? -fen : 0), money(fen > 0 ? fen : 0), money(balance)],
      first: (where & 1) !== 0,
      second: (where & 2) !== 0,
    };
  });
}

export async function reconcileCentre() {
  const centre = openTestCentre();
  onTestFinished(() => centre.close());
  await as(centre)('operator.add', { name: '周主管', role: 'supervisor' });
  const boss = as(centre, '周主管');
  await boss('operator.add', { name: '王会计', role: 'accountant' });
  await boss('operator.add', { name: '李审核', role: 'reviewer' });
  const accountant = as(centre, '王会计');
  const reviewer = as(centre, '李审核');
  const codes = { 东风社区: 'DF', 西山社区: 'XS', 南塘社区: 'NT' } as const;
  const opening = { 东风社区: '50000.00', 西山社区: '30000.00', 南塘社区: '20000.00' } as const;
  for (const name of communities) {
    await boss('community.add', {
      name,
      code: codes[name],
      kind: 'urban',
      district: '鹿城区',
      subdistrict: '五马街道',
      bankAccounts: [{ bankName: '鹿城农商银行五马支行', accountNumber: ACCOUNT }],
    });
    await accountant('book.create', { community: name, startPeriod: '2025-01' });
    await accountant('opening.set', {
      book: name,
      balances: [
        { account: '100201', debit: opening[name] },
        { account: '3101', credit: opening[name] },
      ],
    });
  }
  const ids = new Map<number, number>();
  for (const [i, b] of bookings.entries()) {
    let id: number;
    if (b.source) {
      const receipt = await accountant('grant.receive', {
        book: b.book,
        source: b.source,
        amount: b.bank,
        date: b.date,
        document: b.document!,
      });
      id = receipt.voucher.id;
    } else {
      const inflow = !b.bank.startsWith('-');
      const amount = b.bank.replace('-', '');
      const saved = await accountant('voucher.save', {
        book: b.book,
        date: b.date,
        lines: [
          { account: '100201', summary: b.summary, ...(inflow ? { debit: amount } : { credit: amount }) },
          {
            account: b.account,
            summary: b.summary,
            ...(inflow ? { credit: amount } : { debit: amount }),
            ...(b.project ? { project: b.project } : {}),
          },
        ],
      });
      id = saved.id;
    }
    await reviewer('voucher.review', { book: b.book, voucher: id });
    await reviewer('voucher.post', { book: b.book, voucher: id });
    ids.set(i, id);
  }
  const wrong = bookings.findIndex((b) => b.reverse);
  const red = await accountant('voucher.reverse', {
    book: '东风社区',
    voucher: ids.get(wrong)!,
    date: '2025-02-12',
  });
  await reviewer('voucher.review', { book: '东风社区', voucher: red.id });
  await reviewer('voucher.post', { book: '东风社区', voucher: red.id });
  return { centre, boss, accountant, reviewer, voucherIds: ids };
}
