import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LedgerError } from '../src/errors.js';
import type { ReportModel } from '../src/reports/model.js';
import activitiesJson from '../src/reports/layouts/activities.json' with { type: 'json' };
import balanceSheetJson from '../src/reports/layouts/balance-sheet.json' with { type: 'json' };
import { parseActivitiesLayout, parseBalanceSheetLayout } from '../src/reports/statement-layout.js';
import { tempDir } from './support/centre.js';
import { buildCli, ok, okJson } from './support/cli.js';
import {
  communityYear,
  yearBook,
  yearBooked,
  yearOpening,
  type YearVoucher,
} from './support/community-year.js';

/**
 * 资产负债表 and 业务活动表 of the fixture year, read through the API as the screens read them. Every
 * expected figure is worked out here from the vouchers as booked (`yearBooked()`) and the opening
 * balances, with BigInt 分 and this file's own reading of which accounts feed each line of the forms.
 */

type Accountant = Awaited<ReturnType<typeof communityYear>>['accountant'];

// ---- exact money ---------------------------------------------------------------------------------

const fen = (yuan: string): bigint => {
  const negative = yuan.startsWith('-');
  const [int = '0', frac = ''] = yuan.replace('-', '').split('.');
  const value = BigInt(int) * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -value : value;
};
/** As the report model writes an amount: two decimals, no grouping, blank for zero. */
const cell = (value: bigint): string => {
  if (value === 0n) return '';
  const abs = value < 0n ? -value : value;
  return `${value < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};
const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);

// ---- the books, as booked ------------------------------------------------------------------------

interface Posting {
  month: string;
  voucher: number;
  account: string;
  debit: bigint;
  credit: bigint;
}

function postings(vouchers: YearVoucher[]): Posting[] {
  return vouchers.flatMap((v, voucher) =>
    v.lines.map((l) => ({
      month: v.date.slice(0, 7),
      voucher,
      account: l.account,
      debit: l.debit ? fen(l.debit) : 0n,
      credit: l.credit ? fen(l.credit) : 0n,
    })),
  );
}

const opening: Posting[] = yearOpening.map((o) => ({
  month: '0000-00',
  voucher: -1,
  account: o.account,
  debit: 'debit' in o && o.debit ? fen(o.debit) : 0n,
  credit: 'credit' in o && o.credit ? fen(o.credit) : 0n,
}));

const under = (prefixes: string[]) => (p: Posting) => prefixes.some((x) => p.account.startsWith(x));
/** Debit − credit of the postings that pass `filter`. */
const debitNet = (ps: Posting[], filter: (p: Posting) => boolean) =>
  sum(ps.filter(filter).map((p) => p.debit - p.credit));

// ---- my reading of 会民非01表 --------------------------------------------------------------------

const RESTRICTED_INCOME = ['410102', '430102', '440102'];

/** Every line of the balance sheet from balances (debit − credit per account prefix). */
function expectedSheet(ps: Posting[]): Map<number, bigint> {
  const d = (...prefixes: string[]) => debitNet(ps, under(prefixes));
  const c = (...prefixes: string[]) => -d(...prefixes);
  const lines = new Map<number, bigint>([
    [1, d('1001', '1002', '1009')],
    [2, d('1101', '1102')],
    [3, d('1111', '1121', '1122', '1131')],
    [4, d('1141')],
    [8, d('1201', '1202')],
    [9, d('1301')],
    [15, 0n],
    [18, 0n],
    [21, d('1401', '1421')],
    [24, d('1402')],
    [31, d('1501')],
    [32, c('1502')],
    [34, d('1505')],
    [35, d('1506')],
    [38, d('1509')],
    [41, d('1601')],
    [51, d('1701')],
    [61, c('2101')],
    [62, c('2201', '2202', '2209')],
    [63, c('2204')],
    [65, c('2206')],
    [66, c('2203')],
    [71, c('2301')],
    [72, c('2401')],
    [74, 0n],
    [78, 0n],
    [81, c('2501')],
    [84, c('2502')],
    [88, 0n],
    [91, c('2601')],
    // Income and expense not yet closed belong to net assets; restricted income to 限定性.
    [101, c('3101') + c('4') - c(...RESTRICTED_INCOME) - d('5')],
    [105, c('3102') + c(...RESTRICTED_INCOME)],
  ]);
  const of = (...ns: number[]) => sum(ns.map((n) => lines.get(n)!));
  lines.set(20, of(1, 2, 3, 4, 8, 9, 15, 18));
  lines.set(30, of(21, 24));
  lines.set(33, lines.get(31)! - lines.get(32)!);
  lines.set(40, of(33, 34, 35, 38));
  lines.set(60, of(20, 30, 40, 41, 51));
  lines.set(80, of(61, 62, 63, 65, 66, 71, 72, 74, 78));
  lines.set(90, of(81, 84, 88));
  lines.set(100, of(80, 90, 91));
  lines.set(110, of(101, 105));
  lines.set(120, of(100, 110));
  return lines;
}

/** [年初数, 期末数] of every line at the end of `to` (the fixture book starts in January 2025). */
function expectedBalanceSheet(vouchers: YearVoucher[], to: string): Map<number, [string, string]> {
  const booked = postings(vouchers).filter((p) => p.month <= to);
  const start = expectedSheet(opening);
  const end = expectedSheet([...opening, ...booked]);
  return new Map([...end].map(([line, closing]) => [line, [cell(start.get(line)!), cell(closing)]]));
}

// ---- my reading of 会民非02表 --------------------------------------------------------------------

interface Split3 {
  unrestricted: bigint;
  restricted: bigint;
}

/** Every line of the activity statement for the months from..to, from the income and expense lines. */
function expectedActivities(vouchers: YearVoucher[], from: string, to: string): Map<number, Split3> {
  const ps = postings(vouchers).filter((p) => p.month >= from && p.month <= to);
  const restricted = under(RESTRICTED_INCOME);
  const income = (prefix: string): Split3 => ({
    unrestricted: -debitNet(ps, (p) => p.account.startsWith(prefix) && !restricted(p)),
    restricted: -debitNet(ps, (p) => p.account.startsWith(prefix) && restricted(p)),
  });
  const expense = (prefix: string): Split3 => ({
    unrestricted: debitNet(ps, (p) => p.account.startsWith(prefix)),
    restricted: 0n,
  });
  const release = debitNet(ps, (p) => p.account === '3102');
  const lines = new Map<number, Split3>([
    [1, income('4101')],
    [2, income('4201')],
    [3, income('4301')],
    [4, income('4501')],
    [5, income('4401')],
    [6, income('4601')],
    [9, income('4901')],
    [12, expense('5101')],
    [21, expense('5201')],
    [24, expense('5301')],
    [28, expense('5401')],
    [40, { unrestricted: release, restricted: -release }],
  ]);
  const add = (ns: number[], signs: number[] = ns.map(() => 1)): Split3 => ({
    unrestricted: sum(ns.map((n, i) => BigInt(signs[i]!) * lines.get(n)!.unrestricted)),
    restricted: sum(ns.map((n, i) => BigInt(signs[i]!) * lines.get(n)!.restricted)),
  });
  lines.set(11, add([1, 2, 3, 4, 5, 6, 9]));
  lines.set(35, add([12, 21, 24, 28]));
  lines.set(45, add([11, 35, 40], [1, -1, 1]));
  return lines;
}

// ---- reading the report models -------------------------------------------------------------------

function sheetLines(model: ReportModel): Map<number, [string, string]> {
  const lines = new Map<number, [string, string]>();
  for (const row of model.rows) {
    for (const side of ['left', 'right']) {
      const line = row.cells[`${side}Line`];
      if (line)
        lines.set(Number(line), [row.cells[`${side}Opening`] ?? '', row.cells[`${side}Closing`] ?? '']);
    }
  }
  return lines;
}

const activityKeys = [
  'periodUnrestricted',
  'periodRestricted',
  'periodTotal',
  'yearUnrestricted',
  'yearRestricted',
  'yearTotal',
] as const;

function activityLines(model: ReportModel): Map<number, string[]> {
  return new Map(
    model.rows
      .filter((row) => row.cells.line)
      .map((row) => [Number(row.cells.line), activityKeys.map((k) => row.cells[k] ?? '')]),
  );
}

function expectedActivityCells(vouchers: YearVoucher[], from: string, to: string): Map<number, string[]> {
  const period = expectedActivities(vouchers, from, to);
  const year = expectedActivities(vouchers, `${to.slice(0, 4)}-01`, to);
  return new Map(
    [...period.keys()].map((line) => {
      const p = period.get(line)!;
      const y = year.get(line)!;
      return [
        line,
        [p.unrestricted, p.restricted, p.unrestricted + p.restricted, y.unrestricted, y.restricted]
          .map(cell)
          .concat(cell(y.unrestricted + y.restricted)),
      ];
    }),
  );
}

const view = (accountant: Accountant, report: string, from: string, to: string, extra = {}) =>
  accountant('report.view', { report, book: yearBook, from, to, ...extra });

async function postVoucher(
  s: Awaited<ReturnType<typeof communityYear>>,
  date: string,
  lines: YearVoucher['lines'],
) {
  const saved = await s.accountant('voucher.save', { book: yearBook, date, attachments: 1, lines });
  await s.reviewer('voucher.review', { book: yearBook, voucher: saved.id });
  await s.reviewer('voucher.post', { book: yearBook, voucher: saved.id });
  return saved;
}

/**
 * The year-end closing entry of 民非: each income and expense leaf closed to 3101 or 3102, per project
 * where the line carried one (费随事转 income and spending must name their project; the restricted
 * balance it closes to 3102 keeps the project too).
 */
function closingLines(vouchers: YearVoucher[]): YearVoucher['lines'] {
  const byAccount = new Map<string, { account: string; project?: string; net: bigint }>();
  for (const v of vouchers) {
    for (const l of v.lines) {
      if (!/^[45]/.test(l.account)) continue;
      const key = `${l.account}|${l.project ?? ''}`;
      const entry = byAccount.get(key) ?? {
        account: l.account,
        ...(l.project ? { project: l.project } : {}),
        net: 0n,
      };
      entry.net += (l.debit ? fen(l.debit) : 0n) - (l.credit ? fen(l.credit) : 0n);
      byAccount.set(key, entry);
    }
  }
  const lines: YearVoucher['lines'] = [];
  const toNetAssets = new Map<string, { account: string; project?: string; net: bigint }>();
  const summary = '结转本年收入费用';
  for (const { account, project, net } of byAccount.values()) {
    if (net === 0n) continue;
    const tag = project ? { project } : {};
    // Close the account: the opposite side of its balance.
    lines.push(
      net > 0n
        ? { account, summary, credit: cell(net), ...tag }
        : { account, summary, debit: cell(-net), ...tag },
    );
    const restricted = RESTRICTED_INCOME.some((r) => account.startsWith(r));
    const target = restricted ? '3102' : '3101';
    const key = `${target}|${restricted ? (project ?? '') : ''}`;
    const entry = toNetAssets.get(key) ?? {
      account: target,
      ...(restricted && project ? { project } : {}),
      net: 0n,
    };
    entry.net += net;
    toNetAssets.set(key, entry);
  }
  for (const { account, project, net } of toNetAssets.values()) {
    const tag = project ? { project } : {};
    lines.push(
      net > 0n
        ? { account, summary, debit: cell(net), ...tag }
        : { account, summary, credit: cell(-net), ...tag },
    );
  }
  return lines;
}

// ---- the story -----------------------------------------------------------------------------------

describe('资产负债表 (会民非01表)', () => {
  it('every line of the year end, of March and of June equals the books, and the sheet balances', async () => {
    const s = await communityYear();
    const vouchers = yearBooked();
    for (const to of ['2025-12', '2025-03', '2025-06']) {
      const model = await view(s.accountant, 'balance-sheet', to, to);
      const expected = expectedBalanceSheet(vouchers, to);
      const shown = sheetLines(model);
      expect([...shown.keys()].sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
      for (const [line, figures] of expected) expect([line, shown.get(line)]).toEqual([line, figures]);
      // 资产总计 = 负债和净资产总计, both columns; no note about a difference.
      expect(shown.get(60)).toEqual(shown.get(120));
      expect(model.notes?.join('')).not.toContain('不等');
    }
    const december = expectedBalanceSheet(vouchers, '2025-12');
    // A sanity anchor, worked by hand: 50,000 opening + 220,742.00 income − 132,564.30 expense.
    expect(december.get(120)).toEqual(['50000.00', '138177.70']);
  });

  it('is a two-sided form with the community, the date, the form number and three signatures', async () => {
    const s = await communityYear();
    const model = await view(s.accountant, 'balance-sheet', '2025-01', '2025-12');
    expect(model).toMatchObject({
      title: '资产负债表',
      subtitle: '东风社区',
      period: '2025年12月31日',
      meta: ['会民非01表'],
      signatures: [[{ label: '单位负责人' }, { label: '会计机构负责人' }, { label: '制表人' }]],
    });
    expect(model.columns.map((c) => c.header)).toEqual([
      '资产',
      '行次',
      '年初数',
      '期末数',
      '负债和净资产',
      '行次',
      '年初数',
      '期末数',
    ]);
    const first = model.rows[0]!;
    expect(first).toMatchObject({
      mark: 'heading',
      cells: { leftLabel: '流动资产：', rightLabel: '流动负债：' },
    });
    const last = model.rows.at(-1)!;
    expect(last).toMatchObject({
      mark: 'total',
      cells: { leftLabel: '资产总计', leftLine: '60', rightLabel: '负债和净资产总计', rightLine: '120' },
    });
    const subtotal = model.rows.find((r) => r.cells.leftLine === '20')!;
    expect(subtotal.mark).toBe('subtotal');
    expect(subtotal.cells.rightLine).toBe('80');
    // Before year-end closing, the year's surplus is in net assets, and the note says so.
    expect(model.notes).toContain(
      '注：收入、费用尚未结转，净资产已含未结转的收支差额 88,177.70 元（限定性收入计入限定性净资产）。',
    );
  });

  it('after year-end closing and a release of restricted money it shows the same figures', async () => {
    const s = await communityYear();
    const before = await view(s.accountant, 'balance-sheet', '2025-12', '2025-12');
    const vouchers = yearBooked();
    const spentOnTasks = debitNet(postings(vouchers), under(['510107']));
    await postVoucher(s, '2025-12-31', [
      { account: '3102', summary: '费随事转经费按已使用额解除限定', debit: cell(spentOnTasks) },
      { account: '3101', summary: '费随事转经费按已使用额解除限定', credit: cell(spentOnTasks) },
    ]);
    const closing = closingLines(vouchers);
    await postVoucher(s, '2025-12-31', closing);

    const after = await view(s.accountant, 'balance-sheet', '2025-12', '2025-12');
    const shown = sheetLines(after);
    const expected = expectedBalanceSheet(vouchers, '2025-12');
    // Closing moves nothing the sheet shows; the release moves 24,700.00 from 限定性 to 非限定性.
    for (const [line, figures] of expected) {
      if (line === 101 || line === 105) continue;
      expect([line, shown.get(line)]).toEqual([line, figures]);
    }
    expect(shown.get(101)![1]).toBe(cell(fen(expected.get(101)![1]) + spentOnTasks));
    expect(shown.get(105)![1]).toBe(cell(fen(expected.get(105)![1]) - spentOnTasks));
    expect(shown.get(105)![1]).toBe('10300.00');
    expect(shown.get(60)).toEqual(shown.get(120));
    // No unclosed income or expense is left to mention.
    expect(before.notes?.some((n) => n.includes('尚未结转'))).toBe(true);
    expect(after.notes ?? []).toEqual([]);
  });

  it('shows cash held for named households as 受托代理资产, not as 货币资金', async () => {
    const s = await communityYear();
    await s.accountant('account.add', { book: yearBook, code: '100202', name: '受托代理资金' });
    await postVoucher(s, '2025-12-20', [
      { account: '100202', summary: '代收困难户慰问金', debit: '1000.00' },
      { account: '2601', summary: '代收困难户慰问金', credit: '1000.00' },
    ]);
    const shown = sheetLines(await view(s.accountant, 'balance-sheet', '2025-12', '2025-12'));
    const expected = expectedBalanceSheet(yearBooked(), '2025-12');
    expect(shown.get(1)).toEqual(expected.get(1));
    expect(shown.get(51)).toEqual(['', '1000.00']);
    expect(shown.get(91)).toEqual(['', '1000.00']);
    expect(shown.get(60)![1]).toBe(cell(fen(expected.get(60)![1]) + 100000n));
    expect(shown.get(60)).toEqual(shown.get(120));
  });

  it('names an account the form does not take, and says by how much the sheet is out', async () => {
    const s = await communityYear();
    await s.accountant('account.add', { book: yearBook, code: '1901', name: '其他资产' });
    await postVoucher(s, '2025-12-20', [
      { account: '1901', summary: '误设科目', debit: '300.00' },
      { account: '1001', summary: '误设科目', credit: '300.00' },
    ]);
    const model = await view(s.accountant, 'balance-sheet', '2025-12', '2025-12');
    expect(model.notes).toContain('注：以下科目有余额但未列入本表任何项目：1901 其他资产。');
    expect(model.notes).toContain(
      '注：期末数资产总计与负债和净资产总计不等，相差 -300.00 元，请检查期初余额和科目设置。',
    );
  });

  it('leaves a voucher not yet posted out, unless asked to include it', async () => {
    const s = await communityYear();
    await s.accountant('voucher.save', {
      book: yearBook,
      date: '2025-12-12',
      attachments: 1,
      lines: [
        { account: '1001', summary: '收取卫生费', debit: '100.00' },
        { account: '43010101', summary: '收取卫生费', credit: '100.00' },
      ],
    });
    const expected = expectedBalanceSheet(yearBooked(), '2025-12');
    const posted = sheetLines(await view(s.accountant, 'balance-sheet', '2025-12', '2025-12'));
    expect(posted.get(1)).toEqual(expected.get(1));
    const model = await view(s.accountant, 'balance-sheet', '2025-12', '2025-12', { includeUnposted: true });
    const all = sheetLines(model);
    expect(all.get(1)![1]).toBe(cell(fen(expected.get(1)![1]) + 10000n));
    expect(all.get(101)![1]).toBe(cell(fen(expected.get(101)![1]) + 10000n));
    expect(all.get(60)).toEqual(all.get(120));
    expect(model.notes).toContain('注：本表包含未记账凭证。');
  });
});

describe('业务活动表 (会民非02表)', () => {
  it('every line of the year, of the first quarter and of June equals the books', async () => {
    const s = await communityYear();
    const vouchers = yearBooked();
    for (const [from, to, header, period] of [
      ['2025-01', '2025-12', '本期数', '2025年1月至12月'],
      ['2025-01', '2025-03', '本季度数', '2025年第1季度'],
      ['2025-06', '2025-06', '本月数', '2025年6月'],
    ] as const) {
      const model = await view(s.accountant, 'activities', from, to);
      expect(model.period).toBe(period);
      expect(model.columns.map((c) => `${c.group ?? ''}${c.header}`)).toEqual([
        '项目',
        '行次',
        `${header}非限定性`,
        `${header}限定性`,
        `${header}合计`,
        '本年累计数非限定性',
        '本年累计数限定性',
        '本年累计数合计',
      ]);
      const shown = activityLines(model);
      const expected = expectedActivityCells(vouchers, from, to);
      expect([...shown.keys()]).toEqual([1, 2, 3, 4, 5, 6, 9, 11, 12, 21, 24, 28, 35, 40, 45]);
      for (const [line, figures] of expected) expect([line, shown.get(line)]).toEqual([line, figures]);
    }
  });

  it('reads as the form: headings, 其中, subtotals, the 净资产变动额 total and drills into ledgers', async () => {
    const s = await communityYear();
    const model = await view(s.accountant, 'activities', '2025-01', '2025-12');
    expect(model).toMatchObject({ title: '业务活动表', subtitle: '东风社区', meta: ['会民非02表'] });
    const labels = model.rows.map((r) => [r.cells.label, r.mark ?? '', r.level ?? 0]);
    expect(labels[0]).toEqual(['一、收入', 'heading', 0]);
    expect(labels[1]).toEqual(['其中：捐赠收入', '', 2]);
    const row = (line: string) => model.rows.find((r) => r.cells.line === line)!;
    expect(row('11').mark).toBe('subtotal');
    expect(row('35').mark).toBe('subtotal');
    expect(row('45').mark).toBe('total');
    expect(row('5').drill).toEqual({ account: '4401' });
    expect(row('12').drill).toEqual({ account: '5101' });
    // Expenses have no 限定性 column figure; the year's 净资产变动额 is the surplus the sheet carries.
    expect(row('35').cells.yearRestricted).toBe('');
    expect(row('45').cells.yearTotal).toBe('88177.70');
  });

  it('a voucher dated in May leaves the first quarter alone and shows in June’s 本年累计数', async () => {
    const s = await communityYear();
    const q1Before = await view(s.accountant, 'activities', '2025-01', '2025-03');
    const juneBefore = activityLines(await view(s.accountant, 'activities', '2025-06', '2025-06'));
    await postVoucher(s, '2025-05-20', [
      { account: '1001', summary: '收到居民捐款', debit: '500.00' },
      { account: '410101', summary: '收到居民捐款', credit: '500.00' },
    ]);
    expect(await view(s.accountant, 'activities', '2025-01', '2025-03')).toEqual(q1Before);
    const june = activityLines(await view(s.accountant, 'activities', '2025-06', '2025-06'));
    // 本月数 (the first three columns) unchanged; 本年累计数 非限定性 and 合计 up by 500.00.
    const plus500 = (text: string) => cell(fen(text || '0') + 50000n);
    for (const line of [1, 11, 45]) {
      const was = juneBefore.get(line)!;
      expect(june.get(line)).toEqual([...was.slice(0, 3), plus500(was[3]!), was[4], plus500(was[5]!)]);
    }
    const q2 = activityLines(await view(s.accountant, 'activities', '2025-04', '2025-06'));
    expect(q2.get(1)![0]).toBe('500.00');
  });

  it('after year-end closing shows the same year, and the release as 限定性净资产转为非限定性净资产', async () => {
    const s = await communityYear();
    const vouchers = yearBooked();
    const before = activityLines(await view(s.accountant, 'activities', '2025-01', '2025-12'));
    const decemberBefore = activityLines(await view(s.accountant, 'activities', '2025-12', '2025-12'));
    const spentOnTasks = debitNet(postings(vouchers), under(['510107']));
    await postVoucher(s, '2025-12-31', [
      { account: '3102', summary: '费随事转经费按已使用额解除限定', debit: cell(spentOnTasks) },
      { account: '3101', summary: '费随事转经费按已使用额解除限定', credit: cell(spentOnTasks) },
    ]);
    await postVoucher(s, '2025-12-31', closingLines(vouchers));

    const after = activityLines(await view(s.accountant, 'activities', '2025-01', '2025-12'));
    for (const line of [1, 2, 3, 4, 5, 6, 9, 11, 12, 21, 24, 28, 35])
      expect([line, after.get(line)]).toEqual([line, before.get(line)]);
    const release = cell(spentOnTasks);
    expect(release).toBe('24700.00');
    expect(after.get(40)).toEqual([release, `-${release}`, '', release, `-${release}`, '']);
    expect(after.get(45)).toEqual(['77877.70', '10300.00', '88177.70', '77877.70', '10300.00', '88177.70']);
    // December alone: its own income and expense, not the closing entry.
    const december = activityLines(await view(s.accountant, 'activities', '2025-12', '2025-12'));
    for (const line of [1, 3, 5, 9, 11, 12, 21, 35])
      expect([line, december.get(line)!.slice(0, 3)]).toEqual([line, decemberBefore.get(line)!.slice(0, 3)]);
  });

  it('refuses months that run over a year end', async () => {
    const s = await communityYear();
    await expect(view(s.accountant, 'activities', '2024-12', '2025-01')).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('同一年度'),
    });
  });
});

describe('statement layouts are data, checked when loaded', () => {
  const refusal = (load: () => unknown): LedgerError => {
    try {
      load();
    } catch (error) {
      expect(error).toBeInstanceOf(LedgerError);
      return error as LedgerError;
    }
    throw new Error('the layout was accepted');
  };

  it('the shipped layouts load', () => {
    expect(parseBalanceSheetLayout(balanceSheetJson).form).toBe('会民非01表');
    expect(parseActivitiesLayout(activitiesJson).form).toBe('会民非02表');
  });

  it('a formula naming a line that does not exist is refused, naming the line', () => {
    const layout = structuredClone(balanceSheetJson) as { left: { entries: Array<Record<string, unknown>> } };
    const subtotal = layout.left.entries.find((e) => e.line === 20)!;
    subtotal.lines = [...(subtotal.lines as number[]), 99];
    const error = refusal(() => parseBalanceSheetLayout(layout));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toBe(
      '报表格式 balance-sheet.json 无效：第 20 行“流动资产合计”引用了不存在的行次 99',
    );

    const activities = structuredClone(activitiesJson) as { entries: Array<Record<string, unknown>> };
    activities.entries.find((e) => e.line === 45)!.lines = [11, -35, 31];
    expect(refusal(() => parseActivitiesLayout(activities)).message).toContain(
      '第 45 行“四、净资产变动额（若为净资产减少额，以“-”号填列）”引用了不存在的行次 31',
    );
  });

  it('a line that sums itself through other lines, a duplicate line number or a bad code is refused', () => {
    const cyclic = structuredClone(activitiesJson) as { entries: Array<Record<string, unknown>> };
    cyclic.entries.find((e) => e.line === 11)!.lines = [1, 45];
    expect(refusal(() => parseActivitiesLayout(cyclic)).message).toContain('行次循环引用：11 → 45 → 11');

    const duplicate = structuredClone(balanceSheetJson) as {
      right: { entries: Array<Record<string, unknown>> };
    };
    duplicate.right.entries.find((e) => e.line === 61)!.line = 62;
    expect(refusal(() => parseBalanceSheetLayout(duplicate)).message).toContain('行次 62 重复');

    const badCode = structuredClone(balanceSheetJson) as {
      left: { entries: Array<Record<string, unknown>> };
    };
    badCode.left.entries.find((e) => e.line === 4)!.accounts = ['预付账款'];
    expect(refusal(() => parseBalanceSheetLayout(badCode)).message).toContain(
      '科目编码前缀须为 1 至 12 位数字',
    );
  });

  it('the line numbers are the official form’s: 收入合计 11, 费用合计 35, 限定性转非限定性 40, 净资产变动额 45', () => {
    // ../shared/DOMAIN.md §1.4, checked there against two public copies of 会民非02表.
    const lines = parseActivitiesLayout(activitiesJson).entries.flatMap((e) =>
      'line' in e ? [[e.line, e.label] as const] : [],
    );
    const number = (label: string) => lines.find(([, l]) => l.includes(label))?.[0];
    expect(number('收入合计')).toBe(11);
    expect(number('业务活动成本')).toBe(12);
    expect(number('管理费用')).toBe(21);
    expect(number('筹资费用')).toBe(24);
    expect(number('其他费用')).toBe(28);
    expect(number('费用合计')).toBe(35);
    expect(number('限定性净资产转为非限定性净资产')).toBe(40);
    expect(number('净资产变动额')).toBe(45);
  });
});

describe('outputs', () => {
  beforeAll(() => buildCli(), 180_000);

  it('the balance sheet as .xlsx: merged title, the form’s header, amounts as numbers #,##0.00', async () => {
    const s = await communityYear();
    const rendered = await s.accountant('report.render', {
      report: 'balance-sheet',
      book: yearBook,
      from: '2025-12',
      to: '2025-12',
      format: 'xlsx',
    });
    expect(rendered.fileName).toBe('东风社区-资产负债表-2025-12.xlsx');
    const file = path.join(tempDir('jucai-statements-'), rendered.fileName);
    fs.writeFileSync(file, Buffer.from(rendered.content, 'base64'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    const merges: string[] = (sheet.model as unknown as { merges: string[] }).merges;
    expect(merges).toContain('A1:H1');
    expect(sheet.getCell('A1').value).toBe('资产负债表');
    expect(sheet.getCell('A3').value).toBe('会民非01表');
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => sheet.getCell(4, c).value)).toEqual([
      '资产',
      '行次',
      '年初数',
      '期末数',
      '负债和净资产',
      '行次',
      '年初数',
      '期末数',
    ]);
    const expected = expectedBalanceSheet(yearBooked(), '2025-12');
    const rowOf = (label: string) => {
      for (let r = 5; r <= sheet.rowCount; r++)
        if (String(sheet.getCell(r, 1).value ?? '').trim() === label) return r;
      throw new Error(`no row ${label}`);
    };
    const cash = rowOf('货币资金');
    expect(sheet.getCell(cash, 3).value).toBe(Number(expected.get(1)![0]));
    expect(sheet.getCell(cash, 4).value).toBe(Number(expected.get(1)![1]));
    expect(sheet.getCell(cash, 4).numFmt).toBe('#,##0.00');
    const total = rowOf('资产总计');
    expect(sheet.getCell(total, 4).value).toBe(Number(expected.get(60)![1]));
    expect(sheet.getCell(total, 8).value).toBe(Number(expected.get(120)![1]));
    expect(sheet.getCell(total, 8).numFmt).toBe('#,##0.00');
    // Zero stays blank, as on the paper form.
    expect(sheet.getCell(rowOf('短期投资'), 4).value).toBeNull();
  });

  it('jucai report activities prints CSV and JSON from the same model', async () => {
    const s = await communityYear();
    const args = ['report', 'activities', '--book', yearBook, '--from', '2025-01', '--to', '2025-03'];
    const csv = ok([...args, '--format', 'csv'], { db: s.centre.file });
    const expected = expectedActivityCells(yearBooked(), '2025-01', '2025-03');
    expect(
      csv.startsWith('\uFEFF项目,行次,本季度数非限定性,本季度数限定性,本季度数合计,本年累计数非限定性'),
    ).toBe(true);
    expect(csv).toContain(`\r\n政府补助收入,5,${expected.get(5)!.join(',')}\r\n`);
    const model = okJson<ReportModel>([...args, '--format', 'json'], { db: s.centre.file });
    expect(model.period).toBe('2025年第1季度');
    expect(activityLines(model)).toEqual(expected);
  });
});
