import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Centre } from '../src/ledger/centre.js';
import { seededCentre } from './support/centre.js';
import { mulberry32 } from './support/random.js';
import { voucherHeader, writeCsv } from './support/files.js';

/**
 * Reports checked against an independent computation: the test generates a realistic community year,
 * keeps its own list of every line, and sums it with plain BigInt arithmetic by code prefix. Nothing
 * from src/ is used for the expected figures.
 */

interface Line {
  period: string;
  date: string;
  number: number;
  account: string;
  summary: string;
  debit: bigint;
  credit: bigint;
}

const fenText = (fen: bigint) => {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

/** A year of a community: grants in, spending out, cash drawn from the bank, and a few red-ink corrections. */
function generateYear(): Line[] {
  const random = mulberry32(20250101);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const amount = (max: number) => BigInt(Math.floor(random() * max * 100) + 1);
  const lines: Line[] = [];
  for (let month = 1; month <= 12; month++) {
    const period = `2025-${String(month).padStart(2, '0')}`;
    let number = 0;
    const voucher = (day: number, entries: Array<[string, string, bigint, bigint]>) => {
      number++;
      const date = `${period}-${String(day).padStart(2, '0')}`;
      for (const [account, summary, debit, credit] of entries)
        lines.push({ period, date, number, account, summary, debit, credit });
    };
    if (month % 3 === 1) {
      const grant = 2500000n;
      voucher(3, [
        ['100201', '收到基础经费', grant, 0n],
        ['44010101', '收到基础经费', 0n, grant],
      ]);
    }
    const count = 6 + Math.floor(random() * 6);
    for (let i = 0; i < count; i++) {
      const day = 1 + Math.floor(random() * 28);
      const kind = random();
      if (kind < 0.5) {
        const a = amount(3000);
        const expense = pick(['510101', '510102', '510103', '520101', '520102', '520103']);
        voucher(day, [
          [expense, '日常支出', a, 0n],
          ['100201', '日常支出', 0n, a],
        ]);
      } else if (kind < 0.65) {
        const a = amount(500);
        const b = amount(500);
        voucher(day, [
          ['510102', '社区活动', a, 0n],
          ['510104', '社区活动', b, 0n],
          ['1001', '社区活动', 0n, a + b],
        ]);
      } else if (kind < 0.8) {
        const a = amount(2000);
        voucher(day, [
          ['1001', '提取备用金', a, 0n],
          ['100201', '提取备用金', 0n, a],
        ]);
      } else if (kind < 0.93) {
        const a = amount(800);
        voucher(day, [
          ['1001', '收取车棚场地租用费', a, 0n],
          [pick(['43010101', '43010102', '43010103']), '收取服务费', 0n, a],
        ]);
      } else {
        // Red ink: a negative amount reduces the side it stands on.
        const a = amount(200);
        voucher(day, [
          ['520101', '冲减办公费', -a, 0n],
          ['1001', '冲减办公费', 0n, -a],
        ]);
      }
    }
  }
  // Voucher numbers follow date order within the month, as an exporting system would number them.
  const byVoucher = new Map<string, Line[]>();
  for (const l of lines)
    byVoucher.set(`${l.period}/${l.number}`, [...(byVoucher.get(`${l.period}/${l.number}`) ?? []), l]);
  const renumbered: Line[] = [];
  const perMonth = new Map<string, number>();
  for (const group of [...byVoucher.values()].sort(
    (a, b) => a[0]!.date.localeCompare(b[0]!.date) || a[0]!.number - b[0]!.number,
  )) {
    const n = (perMonth.get(group[0]!.period) ?? 0) + 1;
    perMonth.set(group[0]!.period, n);
    for (const l of group) renumbered.push({ ...l, number: n });
  }
  return renumbered;
}

const opening: Record<string, bigint> = { '1001': 120000n, '100201': 8800050n, '3101': -8920050n };

/** Net debit balance of every account and prefix, over the lines that pass the filter. */
function sums(lines: Line[], filter: (l: Line) => boolean) {
  const debit = new Map<string, bigint>();
  const credit = new Map<string, bigint>();
  for (const l of lines.filter(filter)) {
    for (let n = 4; n <= l.account.length; n += 2) {
      const code = l.account.slice(0, n);
      debit.set(code, (debit.get(code) ?? 0n) + l.debit);
      credit.set(code, (credit.get(code) ?? 0n) + l.credit);
    }
  }
  return { debit, credit };
}

function openingOf(code: string): bigint {
  return Object.entries(opening)
    .filter(([c]) => c.startsWith(code))
    .reduce((s, [, v]) => s + v, 0n);
}

let centre: Centre;
let s: Awaited<ReturnType<typeof seededCentre>>;
const lines = generateYear();
const book = '东风社区';

beforeAll(async () => {
  s = await seededCentre();
  centre = s.centre;
  await s.accountant('opening.set', {
    book,
    replace: true,
    balances: [
      { account: '1001', debit: '1200.00' },
      { account: '100201', debit: '88000.50' },
      { account: '3101', credit: '89200.50' },
    ],
  });
  const rows = lines.map((l) => [
    l.date,
    '记',
    l.number,
    l.summary,
    l.account,
    '',
    l.debit === 0n ? '' : fenText(l.debit),
    l.credit === 0n ? '' : fenText(l.credit),
    '',
    '',
    '',
  ]);
  const result = await s.accountant('voucher.import', {
    book,
    file: writeCsv([voucherHeader, ...rows], '2025.csv'),
    reviewer: '李审核',
  });
  expect(result.lines).toBe(lines.length);
});
afterAll(() => centre.close());

describe('trial balance (科目余额表)', () => {
  const ranges: Array<[string, string]> = [
    ['2025-01', '2025-12'],
    ['2025-01', '2025-03'],
    ['2025-04', '2025-06'],
    ['2025-07', '2025-07'],
    ['2025-10', '2025-12'],
  ];
  for (const [from, to] of ranges) {
    it(`equals an independent computation for ${from}..${to}, parents rolled up from children`, async () => {
      const tb = await s.accountant('report.trialBalance', { book, from, to });
      const before = sums(lines, (l) => l.period < from);
      const within = sums(lines, (l) => l.period >= from && l.period <= to);
      for (const row of tb.rows) {
        const openingNet =
          openingOf(row.code) + (before.debit.get(row.code) ?? 0n) - (before.credit.get(row.code) ?? 0n);
        const d = within.debit.get(row.code) ?? 0n;
        const c = within.credit.get(row.code) ?? 0n;
        const closingNet = openingNet + d - c;
        const expected = {
          openingDebit: fenText(openingNet > 0n ? openingNet : 0n),
          openingCredit: fenText(openingNet < 0n ? -openingNet : 0n),
          debit: fenText(d),
          credit: fenText(c),
          closingDebit: fenText(closingNet > 0n ? closingNet : 0n),
          closingCredit: fenText(closingNet < 0n ? -closingNet : 0n),
        };
        expect({ code: row.code, ...pickFigures(row) }).toEqual({ code: row.code, ...expected });
      }
      expect(tb.balanced).toBe(true);
      expect(tb.total.debit).toBe(tb.total.credit);
      expect(tb.total.closingDebit).toBe(tb.total.closingCredit);
    });
  }

  it('filters by level and hides zero rows', async () => {
    const tb = await s.accountant('report.trialBalance', {
      book,
      from: '2025-01',
      to: '2025-12',
      level: 1,
      hideZero: true,
    });
    expect(tb.rows.every((r) => r.level === 1)).toBe(true);
    expect(tb.rows.map((r) => r.code)).toEqual(['1001', '1002', '3101', '4301', '4401', '5101', '5201']);
    expect(tb.rows.map((r) => r.name)).toContain('银行存款');
  });

  it('includes drafts only when asked', async () => {
    const draft = await s.accountant('voucher.save', {
      book,
      date: '2025-12-31',
      lines: [
        { account: '520101', summary: '年末购买办公用品', debit: '99.99' },
        { account: '1001', credit: '99.99' },
      ],
    });
    const posted = await s.accountant('report.trialBalance', { book, from: '2025-12', to: '2025-12' });
    const all = await s.accountant('report.trialBalance', {
      book,
      from: '2025-12',
      to: '2025-12',
      includeUnposted: true,
    });
    const office = (tb: typeof posted) => tb.rows.find((r) => r.code === '520101')!.debit;
    const fen = (text: string) => BigInt(text.replace('.', ''));
    expect(fen(office(all)) - fen(office(posted))).toBe(9999n);
    await s.accountant('voucher.delete', { book, voucher: draft.id });
  });
});

function pickFigures(row: {
  openingDebit: string;
  openingCredit: string;
  debit: string;
  credit: string;
  closingDebit: string;
  closingCredit: string;
}) {
  const { openingDebit, openingCredit, debit, credit, closingDebit, closingCredit } = row;
  return { openingDebit, openingCredit, debit, credit, closingDebit, closingCredit };
}

describe('account ledger (明细账)', () => {
  it('lists every posted line with a running balance, 借/贷/平, 本月合计 and 本年累计', async () => {
    const ledger = await s.accountant('report.accountLedger', {
      book,
      account: '1001',
      from: '2025-04',
      to: '2025-06',
    });
    expect(ledger.account.fullName).toBe('现金');
    const own = lines.filter((l) => l.account === '1001');
    let balance =
      openingOf('1001') +
      own.filter((l) => l.period < '2025-04').reduce((t, l) => t + l.debit - l.credit, 0n);
    expect(ledger.rows[0]).toMatchObject({
      kind: 'opening',
      summary: '期初余额',
      direction: '借',
      balance: fenText(balance),
    });
    let yearDebit = own.filter((l) => l.period < '2025-04').reduce((t, l) => t + l.debit, 0n);
    let yearCredit = own.filter((l) => l.period < '2025-04').reduce((t, l) => t + l.credit, 0n);
    let index = 1;
    for (const period of ['2025-04', '2025-05', '2025-06']) {
      const month = own
        .filter((l) => l.period === period)
        .sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number);
      for (const l of month) {
        balance += l.debit - l.credit;
        const row = ledger.rows[index++]!;
        expect(row).toMatchObject({
          kind: 'line',
          date: l.date,
          voucher: `记-${String(l.number).padStart(4, '0')}`,
          debit: l.debit === 0n ? '' : fenText(l.debit),
          credit: l.credit === 0n ? '' : fenText(l.credit),
          direction: balance > 0n ? '借' : balance < 0n ? '贷' : '平',
          balance: fenText(balance < 0n ? -balance : balance),
        });
        expect(row.voucherId).toBeGreaterThan(0);
      }
      const d = month.reduce((t, l) => t + l.debit, 0n);
      const c = month.reduce((t, l) => t + l.credit, 0n);
      yearDebit += d;
      yearCredit += c;
      expect(ledger.rows[index++]).toMatchObject({
        kind: 'month',
        summary: '本月合计',
        debit: fenText(d),
        credit: fenText(c),
      });
      expect(ledger.rows[index++]).toMatchObject({
        kind: 'year',
        summary: '本年累计',
        debit: fenText(yearDebit),
        credit: fenText(yearCredit),
      });
    }
    expect(index).toBe(ledger.rows.length);
  });

  it('a parent account lists the lines of every account below it, marking red ink', async () => {
    const ledger = await s.accountant('report.accountLedger', {
      book,
      account: '5201',
      from: '2025-01',
      to: '2025-12',
    });
    const own = lines.filter((l) => l.account.startsWith('5201'));
    const lineRows = ledger.rows.filter((r) => r.kind === 'line');
    expect(lineRows).toHaveLength(own.length);
    expect(new Set(lineRows.map((r) => r.accountCode))).toEqual(new Set(own.map((l) => l.account)));
    expect(lineRows.filter((r) => r.red).length).toBe(own.filter((l) => l.debit < 0n).length);
    const december = ledger.rows.filter((r) => r.kind === 'year').at(-1)!;
    expect(december.debit).toBe(fenText(own.reduce((t, l) => t + l.debit, 0n)));
  });
});
