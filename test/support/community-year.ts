import { onTestFinished } from 'vitest';
import { seededCentre } from './centre.js';

/**
 * A realistic community year (东风社区, 2025), posted: the base and household grants, three 费随事转
 * task funds received and spent, service income in cash and bank, monthly pay and running costs, a
 * cash withdrawal and a cash deposit (transfers, neither income nor spending), equipment bought,
 * monthly depreciation (not cash), a line carrying its own disclosure item, and a red-ink reversal
 * of a wrongly booked repair followed by the right entry.
 *
 * Tests compute their expectations independently from `yearVouchers` (the lines as booked, with the
 * reversal as negated lines) and `yearOpening`; the books are only read through the API.
 */

export interface YearLine {
  account: string;
  summary: string;
  debit?: string;
  credit?: string;
  project?: string;
  item?: string;
}

export interface YearVoucher {
  date: string;
  lines: YearLine[];
  /** The red-ink voucher that reverses another (its lines are the original's, negated). */
  reverses?: number;
}

export const yearBook = '东风社区';
export const yearOpening = [
  { account: '100201', debit: '50000.00' },
  { account: '3101', credit: '50000.00' },
];

/** The three task funds: department, matter, approval number, amount, month received. */
export const yearTaskFunds = [
  {
    department: '区民政局',
    matter: '居家养老服务',
    approvalNumber: '鹿民准〔2025〕12号',
    amount: '20000.00',
  },
  { department: '区卫健局', matter: '健康宣传', approvalNumber: '鹿卫准〔2025〕3号', amount: '8000.00' },
  { department: '区司法局', matter: '人民调解', approvalNumber: '鹿司准〔2025〕7号', amount: '5000.00' },
] as const;
export const taskProject = (i: 0 | 1 | 2) => `${yearTaskFunds[i].department}·${yearTaskFunds[i].matter}`;

const BANK = '100201';
const CASH = '1001';

function receive(
  date: string,
  account: string,
  amount: string,
  summary: string,
  into = BANK,
  project?: string,
): YearVoucher {
  const tag = project ? { project } : {};
  return {
    date,
    lines: [
      { account: into, summary, debit: amount },
      { account, summary, credit: amount, ...tag },
    ],
  };
}

function pay(
  date: string,
  account: string,
  amount: string,
  summary: string,
  from = BANK,
  extra: { project?: string; item?: string } = {},
): YearVoucher {
  const { project, item } = extra;
  return {
    date,
    lines: [
      { account, summary, debit: amount, ...(project ? { project } : {}) },
      { account: from, summary, credit: amount, ...(item ? { item } : {}) },
    ],
  };
}

const month = (m: number) => String(m).padStart(2, '0');

/** The year's vouchers in booking order (the order matters: voucher numbers follow it). */
export function yearVouchers(): YearVoucher[] {
  const v: YearVoucher[] = [];
  v.push(receive('2025-01-15', '44010101', '50000.00', '收到区财政拨付社区工作经费(基础经费)上半年'));
  v.push({
    date: '2025-02-05',
    lines: [
      { account: CASH, summary: '提取备用金', debit: '3000.00' },
      { account: BANK, summary: '提取备用金', credit: '3000.00' },
    ],
  });
  v.push(receive('2025-03-20', '44010102', '75000.00', '收到社区工作经费(按户核拨)1250户'));
  v.push(receive('2025-03-25', '44010202', '20000.00', '收到居家养老服务费随事转经费', BANK, taskProject(0)));
  v.push(receive('2025-05-12', '44010202', '8000.00', '收到健康宣传费随事转经费', BANK, taskProject(1)));
  v.push(receive('2025-08-08', '44010202', '5000.00', '收到人民调解费随事转经费', BANK, taskProject(2)));
  v.push(receive('2025-07-15', '44010101', '50000.00', '收到区财政拨付社区工作经费(基础经费)下半年'));
  v.push(receive('2025-06-28', '44010103', '3000.00', '收到街道评先评优奖励'));
  v.push(receive('2025-09-10', '410102', '2000.00', '收到辖区企业赞助重阳节活动'));
  for (const q of [3, 6, 9, 12]) {
    v.push(receive(`2025-${month(q)}-21`, '490101', `${q * 10}.50`, '银行存款结息'));
  }
  for (let m = 1; m <= 12; m++) {
    v.push(pay(`2025-${month(m)}-10`, '510101', '8000.00', `支付${m}月社区工作人员报酬`));
    v.push(pay(`2025-${month(m)}-18`, '520102', `${300 + m * 7}.40`, `支付${m}月水电费`));
    if (m % 2 === 0) v.push(pay(`2025-${month(m)}-22`, '520101', `${150 + m * 11}.25`, '购买办公用品', CASH));
    if (m % 3 === 1) v.push(receive(`2025-${month(m)}-06`, '43010101', '1260.00', '收取卫生费', CASH));
    if (m >= 5) {
      v.push({
        date: `2025-${month(m)}-28`,
        lines: [
          { account: '520107', summary: '计提办公设备折旧', debit: '100.00' },
          { account: '1502', summary: '计提办公设备折旧', credit: '100.00' },
        ],
      });
    }
  }
  v.push(receive('2025-04-02', '43010103', '2400.00', '收取车棚场地租用费'));
  v.push(pay('2025-04-16', '150102', '3600.00', '购置办公电脑一台'));
  // Task money spent, each within its approval.
  for (const [m, amount] of [
    [4, '3000.00'],
    [6, '4500.00'],
    [9, '6200.00'],
  ] as const) {
    v.push(
      pay(`2025-${month(m)}-25`, '510107', amount, '居家养老服务支出', BANK, { project: taskProject(0) }),
    );
  }
  v.push(pay('2025-06-12', '510107', '2300.00', '健康宣传资料印制', BANK, { project: taskProject(1) }));
  v.push(pay('2025-07-19', '510107', '3700.00', '健康讲座场地及讲师费', BANK, { project: taskProject(1) }));
  v.push(pay('2025-10-15', '510107', '5000.00', '人民调解员补贴', BANK, { project: taskProject(2) }));
  v.push(pay('2025-10-09', '510102', '1850.00', '重阳节敬老活动', CASH));
  v.push(pay('2025-05-20', '510103', '2000.00', '走访慰问困难家庭'));
  // Paid from the bank, booked to 其他 but published as 宣传费: the line's own item wins.
  v.push(pay('2025-08-21', '510199', '680.00', '制作居务公开栏', BANK, { item: '宣传费' }));
  v.push({
    date: '2025-11-26',
    lines: [
      { account: BANK, summary: '备用金存入专户', debit: '500.00' },
      { account: CASH, summary: '备用金存入专户', credit: '500.00' },
    ],
  });
  // A repair booked twice the amount: reversed in red, then booked right.
  v.push(pay('2025-06-10', '520106', '1200.00', '维修活动室门窗'));
  return v;
}

/** Index in yearVouchers() of the wrongly booked repair that is reversed. */
export const reversedIndex = () => yearVouchers().length - 1;
export const reversalDate = '2025-06-18';
export const rebooked = (): YearVoucher => pay('2025-06-18', '520106', '1020.00', '维修活动室门窗');

/** Every voucher as the books hold it: the year, the red reversal (negated) and the right entry. */
export function yearBooked(): YearVoucher[] {
  const vouchers = yearVouchers();
  const wrong = vouchers[reversedIndex()]!;
  const negate = (a?: string) => (a ? `-${a}` : undefined);
  const reversal: YearVoucher = {
    date: reversalDate,
    reverses: reversedIndex(),
    lines: wrong.lines.map((l) => {
      const line: YearLine = { ...l };
      if (l.debit) line.debit = negate(l.debit)!;
      if (l.credit) line.credit = negate(l.credit)!;
      return line;
    }),
  };
  return [...vouchers, reversal, rebooked()];
}

/**
 * The seeded centre with the year booked and posted: task funds registered, every voucher saved by
 * 王会计, reviewed and posted by 李审核, the repair reversed by 王会计 and the right one posted.
 */
export async function communityYear(file?: string) {
  const s = await seededCentre(file);
  onTestFinished(() => s.centre.close());
  for (const fund of yearTaskFunds) {
    await s.accountant('admission.add', {
      book: yearBook,
      ...fund,
      approvalDate: '2025-03-01',
      periodFrom: '2025-01',
      periodTo: '2025-12',
    });
  }
  const post = async (input: YearVoucher) => {
    const saved = await s.accountant('voucher.save', {
      book: yearBook,
      date: input.date,
      attachments: 1,
      lines: input.lines,
    });
    await s.reviewer('voucher.review', { book: yearBook, voucher: saved.id });
    await s.reviewer('voucher.post', { book: yearBook, voucher: saved.id });
    return saved;
  };
  const ids: number[] = [];
  for (const input of yearVouchers()) ids.push((await post(input)).id);
  const reversal = await s.accountant('voucher.reverse', {
    book: yearBook,
    voucher: ids[reversedIndex()]!,
    date: reversalDate,
  });
  await s.reviewer('voucher.review', { book: yearBook, voucher: reversal.id });
  await s.reviewer('voucher.post', { book: yearBook, voucher: reversal.id });
  await post(rebooked());
  return s;
}
