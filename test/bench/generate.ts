/**
 * Deterministic test data for the benchmark: a community's books as a 居财 agency centre keeps them.
 *
 * Everything comes from a seeded PRNG (mulberry32); each community-year has its own seed derived from the
 * run seed, the community number and the year, so any one of them can be regenerated on its own and two
 * runs with the same flags produce byte-identical vouchers.
 *
 * The mix (per voucher): about half are two-line entries (an expense paid from the dedicated bank account
 * or petty cash, an income received, a cash transfer, now and then a red-ink correction); about a third
 * are 3–6 line reimbursements; the rest are 7–12 line payouts to several people (staff pay, grid-worker
 * subsidies, hardship visits). That averages ≈ 4 lines per voucher. Only leaf accounts of the default
 * chart (npo-community) are used. Amounts are integer 分.
 */
import type { BatchVoucher } from '../../src/ledger/voucher-batch.js';
import { fenToYuan, type Fen } from '../../src/money/money.js';
import { mulberry32 } from '../support/random.js';

export { mulberry32 };

/** Mixes integers into one 32-bit seed (FNV-1a over the 4 bytes of each part, then a final avalanche). */
export function seedOf(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    for (let shift = 0; shift < 32; shift += 8) {
      h ^= (part >>> shift) & 0xff;
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** `count` distinct items (count ≤ items.length). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    for (let i = 0; i < count && pool.length > 0; i++)
      out.push(pool.splice(this.int(0, pool.length - 1), 1)[0]!);
    return out;
  }
  /** An amount in 分 between two yuan figures, with 分 (e.g. 386.57). */
  fen(minYuan: number, maxYuan: number): Fen {
    return this.int(Math.round(minYuan * 100), Math.round(maxYuan * 100));
  }
  /** An amount in 分 between two yuan figures, rounded to `step` yuan (grants come in round figures). */
  round(minYuan: number, maxYuan: number, step: number): Fen {
    return Math.max(step, Math.round(this.int(Math.round(minYuan), Math.round(maxYuan)) / step) * step) * 100;
  }
}

// ------------------------------------------------------------------------------------------------------
// Community profile

const kinds = ['urban', 'urban', 'urban', 'town', 'rural', 'remote'] as const;
const subdistricts = ['五马街道', '南郊街道', '松台街道', '大南街道', '蒲鞋市街道', '双屿街道', '七都街道'];
const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤';
const givenChars = '建国华明丽芳军伟强敏静秀英霞平刚杰娟涛超勇艳燕玲辉鹏波斌宇浩洁琳晨雪梅红兰凤云飞新春海东';

export interface CommunityProfile {
  index: number;
  name: string;
  code: string;
  kind: (typeof kinds)[number];
  district: string;
  subdistrict: string;
  /** People paid monthly (社区工作者) and households visited (困难家庭). */
  staff: string[];
  households: string[];
  /** Scale of the community's money: 1 for an average urban community. */
  scale: number;
}

function personName(rng: Rng): string {
  const given = rng.chance(0.6)
    ? rng.pick([...givenChars]) + rng.pick([...givenChars])
    : rng.pick([...givenChars]);
  return rng.pick([...surnames]) + given;
}

export function communityName(index: number): string {
  return `东风社区${String(index).padStart(3, '0')}`;
}

export function communityProfile(seed: number, index: number): CommunityProfile {
  const rng = new Rng(seedOf(seed, index, 0xc0de));
  const staff = Array.from({ length: rng.int(14, 20) }, () => personName(rng));
  const households = Array.from({ length: 40 }, () => personName(rng));
  return {
    index,
    name: communityName(index),
    code: `DF${String(index).padStart(3, '0')}`,
    kind: rng.pick(kinds),
    district: '鹿城区',
    subdistrict: rng.pick(subdistricts),
    staff: [...new Set(staff)],
    households: [...new Set(households)],
    scale: 0.6 + rng.float() * 0.9,
  };
}

/** Balanced opening balances (yuan text, as opening.set takes them) of a book's first month. */
export function openingBalances(seed: number, profile: CommunityProfile) {
  const rng = new Rng(seedOf(seed, profile.index, 0x0b1));
  const s = profile.scale;
  const bank = rng.fen(300_000 * s, 900_000 * s);
  const cash = rng.fen(1_000, 5_000);
  const building = rng.chance(0.5) ? rng.round(500_000, 2_000_000, 1000) : 0;
  const office = rng.fen(20_000, 120_000);
  const sports = rng.fen(10_000, 50_000);
  const depreciation = Math.round((building + office + sports) * (0.2 + rng.float() * 0.2));
  const deposits = rng.fen(5_000, 20_000);
  const restricted = rng.fen(30_000 * s, 150_000 * s);
  const debits = bank + cash + building + office + sports;
  const unrestricted = debits - depreciation - deposits - restricted;
  const rows: Array<{ account: string; debit?: string; credit?: string }> = [
    { account: '100201', debit: fenToYuan(bank) },
    { account: '1001', debit: fenToYuan(cash) },
    { account: '150102', debit: fenToYuan(office) },
    { account: '150104', debit: fenToYuan(sports) },
    { account: '1502', credit: fenToYuan(depreciation) },
    { account: '220903', credit: fenToYuan(deposits) },
    { account: '3102', credit: fenToYuan(restricted) },
    { account: '3101', credit: fenToYuan(unrestricted) },
  ];
  if (building > 0) rows.splice(2, 0, { account: '150101', debit: fenToYuan(building) });
  return { rows, bank, cash };
}

// ------------------------------------------------------------------------------------------------------
// Vouchers

type Line = BatchVoucher['lines'][number];

/** Expenses a community pays, with the summaries its accountant writes. `{m}` is the month. */
const expenses: Array<{ account: string; min: number; max: number; summaries: string[]; cash?: boolean }> = [
  {
    account: '520102',
    min: 200,
    max: 3_500,
    summaries: ['支付{m}月份水电费', '支付{m}月份社区用房电费', '支付{m}月份自来水费'],
  },
  {
    account: '520101',
    min: 30,
    max: 2_000,
    summaries: ['购买办公用品', '购买打印纸、墨盒', '购买档案盒', '复印费', '购买党建宣传栏材料'],
    cash: true,
  },
  {
    account: '520103',
    min: 100,
    max: 1_200,
    summaries: ['支付{m}月份宽带及电话费', '支付{m}月份网络通讯费'],
  },
  {
    account: '520104',
    min: 200,
    max: 5_000,
    summaries: ['召开居民代表会议场地费', '社工业务培训费', '参加街道培训资料费'],
  },
  {
    account: '520105',
    min: 20,
    max: 800,
    summaries: ['报销社区干部外出办事交通费', '报销入户走访交通费'],
    cash: true,
  },
  {
    account: '520106',
    min: 100,
    max: 8_000,
    summaries: ['维修社区活动室空调', '维修办公电脑', '更换楼道照明灯具', '修缮车棚雨棚'],
  },
  {
    account: '510102',
    min: 300,
    max: 6_000,
    summaries: [
      '开展重阳节敬老活动经费',
      '端午节包粽子活动材料费',
      '社区文艺晚会经费',
      '“我们的节日”主题活动',
    ],
  },
  {
    account: '510104',
    min: 100,
    max: 3_000,
    summaries: ['印制垃圾分类宣传册', '制作反诈宣传横幅', '宣传栏更新费用'],
  },
  {
    account: '510105',
    min: 500,
    max: 6_000,
    summaries: ['支付{m}月份保洁费', '清运建筑垃圾费用', '背街小巷卫生整治'],
  },
  { account: '510106', min: 500, max: 5_000, summaries: ['支付{m}月份治安巡逻队员补贴', '购买巡逻装备'] },
  { account: '510199', min: 50, max: 1_500, summaries: ['其他零星支出', '购买饮用水'], cash: true },
];

/** Income into the dedicated account. `{q}` is the quarter. */
const incomes: Array<{ account: string; min: number; max: number; step: number; summaries: string[] }> = [
  {
    account: '44010101',
    min: 50_000,
    max: 200_000,
    step: 1000,
    summaries: ['收到区财政拨付社区工作经费(基础经费)'],
  },
  {
    account: '44010102',
    min: 20_000,
    max: 120_000,
    step: 100,
    summaries: ['收到第{q}季度按户核拨社区工作经费'],
  },
  { account: '44010103', min: 2_000, max: 20_000, step: 500, summaries: ['收到街道评先评优奖励'] },
  { account: '43010101', min: 200, max: 8_000, step: 1, summaries: ['收取{m}月份卫生费'] },
  { account: '43010102', min: 200, max: 5_000, step: 1, summaries: ['收取{m}月份治安巡逻费'] },
  { account: '43010103', min: 300, max: 6_000, step: 1, summaries: ['收取{m}月份车棚场地租用费'] },
  { account: '43010104', min: 5_000, max: 60_000, step: 100, summaries: ['收到政府购买服务款'] },
  { account: '490101', min: 50, max: 3_000, step: 1, summaries: ['收到第{q}季度银行存款利息'] },
];

const projectTopics = [
  '垃圾分类督导',
  '老年助餐服务',
  '平安创建',
  '文明城市创建',
  '防汛防台',
  '未成年人关爱',
];

const BANK = '100201';
const CASH = '1001';

export interface YearInput {
  seed: number;
  profile: CommunityProfile;
  year: number;
  vouchers: number;
  /** Bank and cash balances at the start of the year (分), carried from the previous year. */
  bank: Fen;
  cash: Fen;
}

export interface YearOutput {
  vouchers: BatchVoucher[];
  lines: number;
  bank: Fen;
  cash: Fen;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * One community-year of vouchers, 记 word, numbered 1.. in each month in date order, ready for
 * `importVouchers`. Balances of bank and cash are tracked so money never runs out: when a payment would
 * take the bank under a reserve, a grant arrives first, as the district's funding does.
 */
export function generateYear(input: YearInput): YearOutput {
  const { profile, year } = input;
  const rng = new Rng(seedOf(input.seed, profile.index, year));
  const s = profile.scale;
  let bank = input.bank;
  let cash = input.cash;
  const reserve = Math.round(50_000_00 * s);
  const projects = projectTopics.map((t) => `${year}年${t}`);
  const vouchers: BatchVoucher[] = [];
  let row = 2; // row 1 is the header of the file this batch stands for
  let lineCount = 0;

  for (let month = 1; month <= 12; month++) {
    const count = Math.floor(input.vouchers / 12) + (month <= input.vouchers % 12 ? 1 : 0);
    const last = daysIn(year, month);
    const days = Array.from({ length: count }, () => rng.int(1, last)).sort((a, b) => a - b);
    const period = `${year}-${String(month).padStart(2, '0')}`;
    const quarter = '一二三四'[Math.floor((month - 1) / 3)]!;
    const fill = (text: string) => text.replaceAll('{m}', String(month)).replaceAll('{q}', quarter);

    for (let n = 1; n <= count; n++) {
      const date = `${period}-${String(days[n - 1]!).padStart(2, '0')}`;
      // Every line object has the same shape (project may be undefined), which keeps generation cheap.
      const lines: Line[] = [];
      const debit = (account: string, amount: Fen, summary: string, project?: string) =>
        lines.push({ account, summary, debit: amount, credit: 0, project, row: 0 });
      const credit = (account: string, amount: Fen, summary: string, project?: string) =>
        lines.push({ account, summary, debit: 0, credit: amount, project, row: 0 });
      const grant = () => {
        const amount = Math.max(rng.round(100_000 * s, 300_000 * s, 1000), reserve * 2);
        const summary = '收到区财政拨付社区工作经费(基础经费)';
        debit(BANK, amount, summary);
        credit('44010101', amount, summary);
        bank += amount;
      };

      const r = rng.float();
      if (r < 0.3) {
        // Two lines: an expense paid from the bank, or from petty cash when it is small.
        const e = rng.pick(expenses);
        const amount = Math.round(rng.fen(e.min, e.max) * s);
        const summary = fill(rng.pick(e.summaries));
        const fromCash = e.cash === true && amount < 1_000_00 && cash > amount + 200_00;
        if (!fromCash && bank - amount < reserve) grant();
        else {
          debit(e.account, amount, summary);
          credit(fromCash ? CASH : BANK, amount, summary);
          if (fromCash) cash -= amount;
          else bank -= amount;
        }
      } else if (r < 0.43) {
        // Two lines: money received. A third of the grants for 费随事转 tasks name their project.
        if (rng.chance(0.15)) {
          const project = rng.pick(projects);
          const amount = rng.round(10_000 * s, 80_000 * s, 100);
          const summary = `收到街道拨付费随事转经费（${project.slice(5)}）`;
          debit(BANK, amount, summary, project);
          credit('44010202', amount, summary, project);
          bank += amount;
        } else {
          const i = rng.pick(incomes);
          const amount = i.step === 1 ? rng.fen(i.min, i.max) : rng.round(i.min * s, i.max * s, i.step);
          const summary = fill(rng.pick(i.summaries));
          debit(BANK, amount, summary);
          credit(i.account, amount, summary);
          bank += amount;
        }
      } else if (r < 0.48) {
        // Two lines: petty cash drawn from, or paid back into, the dedicated account.
        if (cash > 8_000_00) {
          const amount = rng.round(1_000, Math.min(5_000, Math.floor(cash / 100) - 2_000), 100);
          debit(BANK, amount, '现金存入社区专户');
          credit(CASH, amount, '现金存入社区专户');
          cash -= amount;
          bank += amount;
        } else {
          const amount = rng.round(1_000, 5_000, 100);
          debit(CASH, amount, '从社区专户提取备用金');
          credit(BANK, amount, '从社区专户提取备用金');
          cash += amount;
          bank -= amount;
        }
      } else if (r < 0.5) {
        // Two lines in red ink: a payment recorded twice or too high is written back (红字冲销).
        const e = rng.pick(expenses.filter((x) => !x.cash));
        const amount = -Math.round(rng.fen(e.min, e.max) * s * 0.3);
        const summary = `冲销${month === 1 ? 12 : month - 1}月份多记${fill(rng.pick(e.summaries)).replace(/^支付\d+月份/, '')}`;
        debit(e.account, amount, summary);
        credit(BANK, amount, summary);
        bank -= amount;
      } else if (r < 0.85) {
        // 3–6 lines: a reimbursement covering several expense headings, paid from the bank (the biggest
        // ones partly in cash); now and then a red-ink line nets off last month's overcharge; 费随事转
        // spending names its project.
        const size = rng.int(3, 6);
        const creditLines = size === 6 ? 2 : 1;
        const heads = rng.sample(expenses, size - creditLines);
        let total = 0;
        const project = rng.chance(0.12) ? rng.pick(projects) : undefined;
        heads.forEach((e, index) => {
          const red = index === 1 && rng.chance(0.04);
          const amount = Math.round(rng.fen(e.min, e.max) * s * (red ? -0.2 : 1));
          const summary = red
            ? `冲减上月多记${e.summaries[0]!.replace(/^支付\{m\}月份/, '')}`
            : fill(rng.pick(e.summaries));
          if (project && index === 0) debit('510107', amount, `${project.slice(5)}项目支出`, project);
          else debit(e.account, amount, summary);
          total += amount;
        });
        if (total <= 0) {
          // Red ink larger than the rest: top the first heading up so the voucher pays out something.
          const first = lines[0]!;
          first.debit += 1 - total + 100_00;
          total = 1 + 100_00;
        }
        const summary = `报销${fill(rng.pick(heads).summaries[0]!).replace(/^(支付|购买|报销)/, '')}等`;
        if (bank - total < reserve) {
          lines.length = 0;
          grant();
        } else if (creditLines === 2 && cash > Math.floor(total / 4) + 200_00) {
          const fromCash = Math.floor(total / 4);
          credit(BANK, total - fromCash, summary);
          credit(CASH, fromCash, summary);
          bank -= total - fromCash;
          cash -= fromCash;
        } else if (creditLines === 2) {
          // Not enough petty cash for the split: two bank transfers to the two people reimbursed.
          const first = Math.floor(total / 2);
          credit(BANK, first, summary);
          credit(BANK, total - first, summary);
          bank -= total;
        } else {
          credit(BANK, total, summary);
          bank -= total;
        }
      } else {
        // 7–12 lines: one payout to several people, a line each, paid in one bank transfer.
        const size = rng.int(7, 12);
        const kind = rng.int(0, 2);
        const people = rng.sample(kind === 1 ? profile.households : profile.staff, size - 1);
        let total = 0;
        const staffMonth = month === 1 ? 12 : month - 1;
        for (const person of people) {
          const [account, amount, summary] =
            kind === 0
              ? ['510101', rng.fen(2_800, 5_500), `发放${staffMonth}月份社区工作者报酬（${person}）`]
              : kind === 1
                ? ['510103', rng.round(200, 1_000, 100), `慰问困难家庭（${person}）`]
                : ['510106', rng.fen(300, 1_200), `发放${month}月份网格员补贴（${person}）`];
          debit(account, amount, summary);
          total += amount;
        }
        if (bank - total < reserve) {
          lines.length = 0;
          grant();
        } else {
          credit(
            BANK,
            total,
            kind === 0
              ? `发放${staffMonth}月份社区工作者报酬`
              : kind === 1
                ? '慰问困难家庭'
                : `发放${month}月份网格员补贴`,
          );
          bank -= total;
        }
      }

      const first = row;
      for (const l of lines) l.row = row++;
      vouchers.push({
        period,
        word: '记',
        number: n,
        date,
        attachments: lines.length <= 2 ? rng.int(1, 3) : rng.int(2, 8),
        row: first,
        lines,
      });
      lineCount += lines.length;
    }
  }
  return { vouchers, lines: lineCount, bank, cash };
}

// ------------------------------------------------------------------------------------------------------
// CSV, in the layout of a bookkeeping package's voucher export (one row per line).

const csvColumns = [
  '日期',
  '凭证字',
  '凭证号',
  '摘要',
  '科目编码',
  '借方金额',
  '贷方金额',
  '附单据数',
  '项目',
];

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function vouchersToCsv(vouchers: BatchVoucher[]): string {
  const out: string[] = [csvColumns.join(',')];
  for (const v of vouchers) {
    for (const l of v.lines) {
      out.push(
        [
          v.date,
          v.word,
          String(v.number),
          l.summary,
          l.account,
          l.debit === 0 ? '' : fenToYuan(l.debit),
          l.credit === 0 ? '' : fenToYuan(l.credit),
          String(v.attachments),
          l.project ?? '',
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return out.join('\r\n') + '\r\n';
}
