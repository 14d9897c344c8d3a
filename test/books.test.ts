import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { chromium as playwright } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountLedgerModel } from '../src/reports/account-ledger-model.js';
import type { ReportModel, Row } from '../src/reports/model.js';
import { CHROMIUM_ARGS } from '../src/reports/render-pdf.js';
import { refused, tempDir } from './support/centre.js';
import { buildCli, ok } from './support/cli.js';
import { communityYear, yearBook, yearBooked, yearOpening } from './support/community-year.js';

/**
 * The printed books of a posted community year (东风社区 2025): 明细账, 总账, 现金日记账 / 银行存款日记账
 * and 多栏账, read through the API and checked against figures computed here from the fixture's own
 * list of vouchers (`yearBooked()`, `yearOpening`) with plain BigInt arithmetic.
 */

const has = (command: string) => spawnSync('which', [command]).status === 0;
const chromium = process.env.JUCAI_CHROMIUM ?? '/usr/bin/chromium';
const chromiumBrowser = () =>
  playwright.launch({ executablePath: chromium, headless: true, args: CHROMIUM_ARGS });

// ---- independent arithmetic ----------------------------------------------------------------------

const toFen = (yuan: string | undefined): bigint => {
  if (!yuan) return 0n;
  const negative = yuan.startsWith('-');
  const [int = '0', frac = ''] = yuan.replace(/^-/, '').replace(/,/g, '').split('.');
  const value = BigInt(int) * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -value : value;
};
const yuan = (fen: bigint): string => {
  const abs = fen < 0n ? -fen : fen;
  return `${fen < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};
/** Zero is a blank cell on the printed books. */
const blank = (fen: bigint) => (fen === 0n ? '' : yuan(fen));
const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);

interface BookedLine {
  date: string;
  period: string;
  /** 记-0003: vouchers are numbered per month in the order they were saved. */
  ref: string;
  number: number;
  account: string;
  debit: bigint;
  credit: bigint;
}

/** Every line the books hold, in book order (date, then voucher number). */
function bookedLines(): BookedLine[] {
  const numbers = new Map<string, number>();
  const lines: BookedLine[] = [];
  for (const voucher of yearBooked()) {
    const period = voucher.date.slice(0, 7);
    const number = (numbers.get(period) ?? 0) + 1;
    numbers.set(period, number);
    for (const line of voucher.lines) {
      lines.push({
        date: voucher.date,
        period,
        ref: `记-${String(number).padStart(4, '0')}`,
        number,
        account: line.account,
        debit: toFen(line.debit),
        credit: toFen(line.credit),
      });
    }
  }
  return lines.sort((a, b) => (a.date === b.date ? a.number - b.number : a.date < b.date ? -1 : 1));
}

const under = (code: string) => bookedLines().filter((l) => l.account.startsWith(code));
const openingOf = (code: string) =>
  sum(yearOpening.filter((o) => o.account.startsWith(code)).map((o) => toFen(o.debit) - toFen(o.credit)));
const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);

// ---- reading the models ----------------------------------------------------------------------------

const view = async (
  s: Awaited<ReturnType<typeof communityYear>>,
  report: string,
  extra: { account?: string; from?: string; to?: string; hideZero?: boolean } = {},
): Promise<ReportModel> =>
  s.accountant('report.view', { report, book: yearBook, from: '2025-01', to: '2025-12', ...extra });

const bySummary = (model: ReportModel, summary: string) =>
  model.rows.filter((r) => r.cells.summary === summary);
const isCarry = (r: Row) => r.cells.summary === '过次页' || r.cells.summary === '承前页';

/** The printed pages of a paginated model: a new page at each row with pageBreak. */
function pages(model: ReportModel): Row[][] {
  const result: Row[][] = [];
  for (const row of model.rows) {
    if (row.pageBreak || result.length === 0) result.push([]);
    result.at(-1)!.push(row);
  }
  return result;
}

/**
 * The 过次页 / 承前页 rule, checked against the independent lines: every page but the last holds
 * `perPage` rows and ends with 过次页; the next page starts with 承前页 repeating it; the carried debit
 * and credit are the month's lines so far (nothing after the month's 本月合计) and the balance is the
 * opening plus every line so far. Also: the lines appear in book order with their voucher numbers.
 */
function checkPagination(
  model: ReportModel,
  perPage: number,
  lines: BookedLine[],
  opening: bigint,
  keys: { debit: string; credit: string; balance: (r: Row) => bigint },
): void {
  const paged = pages(model);
  expect(paged.length).toBeGreaterThan(1);
  expect(paged.length).toBe(Math.ceil(model.rows.length / perPage));
  paged.forEach((page, i) => {
    const last = i === paged.length - 1;
    if (!last) expect(page).toHaveLength(perPage);
    else expect(page.length).toBeLessThanOrEqual(perPage);
    if (i > 0) {
      expect(page[0]!.cells.summary).toBe('承前页');
      expect(page[0]!.pageBreak).toBe(true);
      const before = paged[i - 1]!.at(-1)!;
      expect(before.cells.summary).toBe('过次页');
      expect({ ...page[0]!.cells, summary: '' }).toEqual({ ...before.cells, summary: '' });
    }
    if (!last) expect(page.at(-1)!.cells.summary).toBe('过次页');
    expect(page.slice(1, -1).some(isCarry)).toBe(false);
  });

  let seen = 0;
  let closed = false;
  for (const row of model.rows) {
    if (row.drill?.voucherId !== undefined) {
      const line = lines[seen++]!;
      expect(row.cells.voucher).toBe(line.ref);
      if (row.cells.date !== undefined) expect(row.cells.date).toBe(line.date);
      else
        expect([row.cells.month, row.cells.day]).toEqual(
          line.date
            .slice(5)
            .split('-')
            .map((n) => String(Number(n))),
        );
      closed = false;
    } else if (row.cells.summary === '本月合计') {
      closed = true;
    } else if (row.cells.summary === '过次页') {
      const so = lines.slice(0, seen);
      const month = closed || seen === 0 ? [] : so.filter((l) => l.period === so.at(-1)!.period);
      expect(row.cells[keys.debit]).toBe(blank(sum(month.map((l) => l.debit))));
      expect(row.cells[keys.credit]).toBe(blank(sum(month.map((l) => l.credit))));
      expect(keys.balance(row)).toBe(opening + sum(so.map((l) => l.debit - l.credit)));
    }
  }
  expect(seen).toBe(lines.length);
}

/** The signed balance of a 三栏式 row: 借 positive, 贷 negative. */
const ledgerBalance = (r: Row) =>
  r.cells.direction === '贷' ? -toFen(r.cells.balance) : toFen(r.cells.balance);

beforeAll(() => buildCli(), 120_000);

describe('现金日记账 and 银行存款日记账', () => {
  it('strikes the cash balance every day: each day with movement has 本日合计, and every day of the year agrees', async () => {
    const s = await communityYear();
    const model = await view(s, 'cash-journal');
    expect(model.title).toBe('现金日记账');
    expect(model.meta).toEqual(['科目：1001 现金']);
    expect(model.columns.map((c) => c.header)).toEqual([
      '日期',
      '凭证字号',
      '摘要',
      '对方科目',
      '收入（借方）',
      '支出（贷方）',
      '余额',
    ]);

    const lines = under('1001');
    const expectedDays = new Map<string, { debit: string; credit: string; balance: string }>();
    let balance = openingOf('1001');
    for (const date of [...new Set(lines.map((l) => l.date))]) {
      const day = lines.filter((l) => l.date === date);
      balance += sum(day.map((l) => l.debit - l.credit));
      expectedDays.set(date, {
        debit: blank(sum(day.map((l) => l.debit))),
        credit: blank(sum(day.map((l) => l.credit))),
        balance: yuan(balance),
      });
    }
    const days = new Map(
      bySummary(model, '本日合计').map((r) => [
        r.cells.date!,
        { debit: r.cells.debit!, credit: r.cells.credit!, balance: r.cells.balance! },
      ]),
    );
    expect([...days.keys()]).toEqual([...expectedDays.keys()]);
    expect(days).toEqual(expectedDays);

    // The balance of every calendar day: the last 本日合计 on or before it, or the opening.
    let running = openingOf('1001');
    for (
      let d = new Date(Date.UTC(2025, 0, 1));
      d.getUTCFullYear() === 2025;
      d.setUTCDate(d.getUTCDate() + 1)
    ) {
      const date = d.toISOString().slice(0, 10);
      running += sum(lines.filter((l) => l.date === date).map((l) => l.debit - l.credit));
      const struck = [...days].filter(([day]) => day <= date).at(-1);
      expect(struck ? struck[1].balance : yuan(openingOf('1001'))).toBe(yuan(running));
    }

    // Each line's own balance, in book order, and its counter account by name.
    let after = openingOf('1001');
    const lineRows = model.rows.filter((r) => r.drill?.voucherId !== undefined);
    expect(lineRows.map((r) => [r.cells.date, r.cells.voucher])).toEqual(lines.map((l) => [l.date, l.ref]));
    lineRows.forEach((row, i) => {
      after += lines[i]!.debit - lines[i]!.credit;
      expect(row.cells.balance).toBe(yuan(after));
    });
    const withdrawal = lineRows.find((r) => r.cells.summary === '提取备用金')!;
    expect(withdrawal.cells.counter).toBe('银行存款—社区专户');
    expect(lineRows.find((r) => r.cells.summary === '收取卫生费')!.cells.counter).toBe('提供服务收入—卫生费');
    expect(lineRows.find((r) => r.cells.summary === '购买办公用品')!.cells.counter).toBe('管理费用—办公费');
  });

  it('gives the bank journal month totals, 本年累计 and the closing balance; 1002 and 100201 agree', async () => {
    const s = await communityYear();
    const model = await view(s, 'bank-journal');
    expect(model.title).toBe('银行存款日记账');
    expect(model.meta).toEqual(['科目：1002 银行存款']);
    const lines = under('1002');
    const monthRows = bySummary(model, '本月合计');
    const yearRows = bySummary(model, '本年累计');
    expect(monthRows).toHaveLength(12);
    expect(yearRows).toHaveLength(12);
    let balance = openingOf('1002');
    let yearDebit = 0n;
    let yearCredit = 0n;
    months.forEach((period, i) => {
      const month = lines.filter((l) => l.period === period);
      const debit = sum(month.map((l) => l.debit));
      const credit = sum(month.map((l) => l.credit));
      balance += debit - credit;
      yearDebit += debit;
      yearCredit += credit;
      expect(monthRows[i]!.cells).toMatchObject({
        debit: blank(debit),
        credit: blank(credit),
        balance: yuan(balance),
      });
      expect(monthRows[i]!.mark).toBe('subtotal');
      expect(yearRows[i]!.cells).toMatchObject({
        debit: blank(yearDebit),
        credit: blank(yearCredit),
        balance: yuan(balance),
      });
    });
    expect(model.rows.filter((r) => !isCarry(r)).at(-1)!.cells.balance).toBe(yuan(balance));
    expect(balance).toBe(openingOf('1002') + sum(lines.map((l) => l.debit - l.credit)));
    expect(model.rows[0]!.cells).toMatchObject({ summary: '期初余额', balance: yuan(openingOf('1002')) });

    // A range that starts in April brings the balance forward and still counts 本年累计 from January.
    const quarter = await view(s, 'bank-journal', { from: '2025-04', to: '2025-06' });
    const toApril = lines.filter((l) => l.period <= '2025-04');
    const beforeApril = lines.filter((l) => l.period < '2025-04');
    expect(quarter.rows[0]!.cells).toMatchObject({
      summary: '期初余额',
      balance: yuan(openingOf('1002') + sum(beforeApril.map((l) => l.debit - l.credit))),
    });
    expect(bySummary(quarter, '本年累计')[0]!.cells).toMatchObject({
      debit: blank(sum(toApril.map((l) => l.debit))),
      credit: blank(sum(toApril.map((l) => l.credit))),
    });

    const leaf = await view(s, 'bank-journal', { account: '100201' });
    expect(leaf.meta).toEqual(['科目：100201 银行存款/社区专户']);
    expect(leaf.rows.map((r) => r.cells.balance)).toEqual(model.rows.map((r) => r.cells.balance));

    const wrong = await refused(view(s, 'bank-journal', { account: '1001' }));
    expect(wrong.message).toContain('银行存款日记账只能选银行存款科目');
  });

  it('paginates the bank journal with 过次页 / 承前页 carrying the month so far and the balance', async () => {
    const s = await communityYear();
    const model = await view(s, 'bank-journal');
    checkPagination(model, 24, under('1002'), openingOf('1002'), {
      debit: 'debit',
      credit: 'credit',
      balance: (r) => toFen(r.cells.balance),
    });
  });
});

describe('明细账 (print form)', () => {
  it('prints the three-column ledger of 100201 with 月/日, red ink, drill-down and pages that carry forward', async () => {
    const s = await communityYear();
    const model = await view(s, 'ledger', { account: '100201' });
    expect(model.title).toBe('明细账');
    expect(model.meta).toEqual(['科目：100201 银行存款/社区专户（余额方向：借）']);
    expect(model.columns.map((c) => c.header)).toEqual([
      '月',
      '日',
      '凭证字号',
      '摘要',
      '借方',
      '贷方',
      '借或贷',
      '余额',
    ]);
    const lines = under('100201');
    checkPagination(model, 24, lines, openingOf('100201'), {
      debit: 'debit',
      credit: 'credit',
      balance: ledgerBalance,
    });
    for (const row of [...bySummary(model, '本月合计'), ...bySummary(model, '本年累计')]) {
      expect(row.mark).toBe('subtotal');
    }

    // Smaller pages: many more breaks, same rule.
    const ledger = await s.accountant('report.accountLedger', {
      book: yearBook,
      account: '100201',
      from: '2025-01',
      to: '2025-12',
    });
    for (const perPage of [5, 9, 31]) {
      checkPagination(accountLedgerModel(ledger, { perPage }), perPage, lines, openingOf('100201'), {
        debit: 'debit',
        credit: 'credit',
        balance: ledgerBalance,
      });
    }
    expect(accountLedgerModel(ledger, { perPage: 0 }).rows.some(isCarry)).toBe(false);

    // Every line drills to its voucher: the voucher's number and date are those printed.
    const lineRows = model.rows.filter((r) => r.cells.voucher !== '' && !isCarry(r));
    expect(lineRows).toHaveLength(lines.length);
    for (const row of lineRows) {
      expect(row.drill?.voucherId).toEqual(expect.any(Number));
      const voucher = await s.accountant('voucher.get', { book: yearBook, voucher: row.drill!.voucherId! });
      expect(voucher.ref).toBe(row.cells.voucher);
      expect(Number(voucher.date.slice(5, 7))).toBe(Number(row.cells.month));
      expect(Number(voucher.date.slice(8, 10))).toBe(Number(row.cells.day));
    }
    for (const row of model.rows.filter((r) => r.cells.voucher === '')) expect(row.drill).toBeUndefined();

    // Red ink: exactly the reversal's line, in red.
    const red = model.rows.filter((r) => r.red);
    expect(red).toHaveLength(1);
    expect(red[0]!.cells).toMatchObject({ credit: '-1200.00', month: '6', day: '18' });
    const reversal = await s.accountant('voucher.get', {
      book: yearBook,
      voucher: red[0]!.drill!.voucherId!,
    });
    expect(reversal.reverses).not.toBeNull();
  });

  it('needs an account', async () => {
    const s = await communityYear();
    const error = await refused(view(s, 'ledger'));
    expect(error.message).toContain('明细账须指定科目');
  });
});

describe('总账', () => {
  it('gives each account its 本月合计 and 本年累计 with the balance, for 1002, 5101 and 4401', async () => {
    const s = await communityYear();
    const model = await view(s, 'general-ledger', { hideZero: true });
    expect(model.title).toBe('总账');
    expect(model.columns.map((c) => c.header)).toEqual([
      '科目',
      '月',
      '摘要',
      '借方',
      '贷方',
      '借或贷',
      '余额',
    ]);
    const headings = model.rows.filter((r) => r.mark === 'heading').map((r) => r.cells.account);
    expect(headings).toContain('1002 银行存款');
    expect(headings).not.toContain('1101 短期投资');
    expect(headings.every((h) => /^\d{4} /.test(h!))).toBe(true);

    for (const code of ['1002', '5101', '4401']) {
      const start = model.rows.findIndex((r) => r.cells.account?.startsWith(`${code} `));
      const block = model.rows.slice(start, start + 25);
      expect(block[0]!.cells).toMatchObject({ summary: '期初余额', month: '1' });
      expect(block.every((r) => r.drill?.account === code)).toBe(true);
      const lines = under(code);
      let balance = openingOf(code);
      let yearDebit = 0n;
      let yearCredit = 0n;
      const side = (fen: bigint) => (fen === 0n ? '平' : fen > 0n ? '借' : '贷');
      const abs = (fen: bigint) => (fen < 0n ? -fen : fen);
      expect(block[0]!.cells).toMatchObject({ direction: side(balance), balance: yuan(abs(balance)) });
      months.forEach((period, i) => {
        const month = lines.filter((l) => l.period === period);
        const debit = sum(month.map((l) => l.debit));
        const credit = sum(month.map((l) => l.credit));
        balance += debit - credit;
        yearDebit += debit;
        yearCredit += credit;
        const figures = { direction: side(balance), balance: yuan(abs(balance)), month: String(i + 1) };
        expect(block[1 + 2 * i]!.cells).toEqual({
          account: '',
          summary: '本月合计',
          debit: blank(debit),
          credit: blank(credit),
          ...figures,
        });
        expect(block[2 + 2 * i]!.cells).toEqual({
          account: '',
          summary: '本年累计',
          debit: blank(yearDebit),
          credit: blank(yearCredit),
          ...figures,
        });
      });
    }
    const all = await view(s, 'general-ledger');
    expect(all.rows.filter((r) => r.mark === 'heading').map((r) => r.cells.account)).toContain(
      '1101 短期投资',
    );
  });
});

describe('多栏账', () => {
  it('spreads 5101 over its sub-accounts for a quarter, with month and year-to-date sums per column', async () => {
    const s = await communityYear();
    const model = await view(s, 'multi-column', { account: '5101', from: '2025-04', to: '2025-06' });
    expect(model.title).toBe('多栏账');
    expect(model.orientation).toBe('landscape');
    const leafColumns = model.columns.filter((c) => c.group === '借方' && c.header !== '合计');
    // The leaves that moved from January to the end of the quarter, by name, under 借方.
    const names: Record<string, string> = {
      '510101': '人员经费',
      '510103': '慰问救助费',
      '510107': '费随事转项目支出',
    };
    const firstHalf = under('5101').filter((l) => l.period <= '2025-06');
    const moved = [...new Set(firstHalf.map((l) => l.account))].sort();
    expect(leafColumns.map((c) => c.header)).toEqual(moved.map((code) => names[code]));
    expect(model.columns.map((c) => c.header).slice(-3)).toEqual(['合计', '贷方', '余额']);

    const keyOf = (code: string) => leafColumns[moved.indexOf(code)]!.key;
    const monthRows = bySummary(model, '本月合计');
    const yearRows = bySummary(model, '本年累计');
    expect(monthRows).toHaveLength(3);
    const quarter = ['2025-04', '2025-05', '2025-06'];
    for (const code of moved) {
      const key = keyOf(code);
      quarter.forEach((period, i) => {
        const month = sum(
          under(code)
            .filter((l) => l.period === period)
            .map((l) => l.debit),
        );
        const year = sum(
          under(code)
            .filter((l) => l.period <= period)
            .map((l) => l.debit),
        );
        expect(monthRows[i]!.cells[key]).toBe(blank(month));
        expect(yearRows[i]!.cells[key]).toBe(blank(year));
      });
      const inQuarter = sum(
        under(code)
          .filter((l) => quarter.includes(l.period))
          .map((l) => l.debit),
      );
      expect(sum(monthRows.map((r) => toFen(r.cells[key])))).toBe(inQuarter);
      // Each line sits in its own leaf's column.
      const lineRows = model.rows.filter((r) => r.drill?.voucherId !== undefined && r.cells[key] !== '');
      expect(sum(lineRows.map((r) => toFen(r.cells[key])))).toBe(inQuarter);
    }
    const opening = sum(
      under('5101')
        .filter((l) => l.period < '2025-04')
        .map((l) => l.debit - l.credit),
    );
    expect(model.rows[0]!.cells).toMatchObject({ summary: '期初余额', balance: yuan(opening) });
    const quarterTotal = sum(
      under('5101')
        .filter((l) => quarter.includes(l.period))
        .map((l) => l.debit),
    );
    expect(sum(monthRows.map((r) => toFen(r.cells.total)))).toBe(quarterTotal);
    expect(monthRows.at(-1)!.cells.balance).toBe(yuan(opening + quarterTotal));
  });

  it('puts income under 贷方 and the red reversal of an expense in red', async () => {
    const s = await communityYear();
    const income = await view(s, 'multi-column', { account: '4401' });
    expect(income.columns.filter((c) => c.group === '贷方').map((c) => c.header)).toEqual([
      '社区工作经费(基础经费)',
      '社区工作经费(按户核拨)',
      '评先评优奖励',
      '费随事转经费',
      '合计',
    ]);
    const total = sum(under('4401').map((l) => l.credit - l.debit));
    expect(bySummary(income, '本年累计').at(-1)!.cells).toMatchObject({
      total: yuan(total),
      balance: yuan(total),
    });

    const admin = await view(s, 'multi-column', { account: '5201' });
    const red = admin.rows.filter((r) => r.red);
    expect(red).toHaveLength(1);
    const repair = admin.columns.find((c) => c.header === '维修费')!.key;
    expect(red[0]!.cells[repair]).toBe('-1200.00');
  });
});

describe('printed output', () => {
  it.skipIf(!fs.existsSync(chromium))(
    'draws the paginated bank journal to PDF with 承前页 / 过次页 and one PDF page per model page',
    async () => {
      const s = await communityYear();
      const input = { report: 'bank-journal', book: yearBook, from: '2025-01', to: '2025-12' };
      const model = await s.accountant('report.view', input);
      const rendered = await s.accountant('report.render', { ...input, format: 'pdf' });
      expect(rendered.fileName).toBe('东风社区-银行存款日记账-2025-01至2025-12.pdf');
      const file = path.join(tempDir('jucai-books-'), rendered.fileName);
      fs.writeFileSync(file, Buffer.from(rendered.content, 'base64'));
      if (!has('pdftotext') || !has('pdfinfo')) {
        console.warn('poppler not installed: skipping the PDF text check');
        return;
      }
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      const pageCount = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      expect(pageCount).toBe(pages(model).length);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      const printed = text.split('\f').filter((p) => p.trim() !== '');
      expect(printed).toHaveLength(pageCount);
      printed.forEach((page, i) => {
        expect(page).toContain('凭证字号'); // the header on every page
        if (i > 0) expect(page).toContain('承前页');
        if (i < pageCount - 1) expect(page).toContain('过次页');
      });
      expect(text).toContain('银行存款日记账');
      expect(text).toContain('政府补助收入—社区工作经费(基础经费)');
    },
    180_000,
  );

  it('writes the ledger as .xlsx with a row break before every 承前页 and numeric amounts', async () => {
    const s = await communityYear();
    const input = { report: 'ledger', book: yearBook, account: '100201', from: '2025-01', to: '2025-12' };
    const model = await s.accountant('report.view', input);
    const rendered = await s.accountant('report.render', { ...input, format: 'xlsx' });
    const bytes = Buffer.from(rendered.content, 'base64');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;

    // exceljs does not read row breaks back, so they are read from the sheet's XML.
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const breaks = [...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1]));
    expect(breaks).toHaveLength(pages(model).length - 1);
    for (const id of breaks) {
      expect(sheet.getRow(id).getCell(4).value).toBe('过次页');
      expect(sheet.getRow(id + 1).getCell(4).value).toBe('承前页');
    }

    const debit = sheet.getColumn(5);
    let numbers = 0;
    debit.eachCell((cell, row) => {
      if (row <= 4 || row > 4 + model.rows.length) return;
      if (cell.value !== null && cell.value !== undefined) {
        expect(typeof cell.value).toBe('number');
        numbers++;
      }
      expect(cell.numFmt).toBe('#,##0.00');
    });
    expect(numbers).toBeGreaterThan(20);
    const redRow = model.rows.findIndex((r) => r.red);
    expect(sheet.getRow(redRow + 5).getCell(6).value).toBe(-1200);
    expect(sheet.getRow(redRow + 5).getCell(6).font?.color?.argb).toBe('FFFF0000');
  });
});

describe('red ink on the printed 明细账', () => {
  const input = { report: 'ledger', book: yearBook, account: '100201', from: '2025-01', to: '2025-12' };

  it.skipIf(!fs.existsSync(chromium))(
    'prints the red amount of a reversal in red, and its summary and running balance in black',
    async () => {
      const s = await communityYear();
      const { content } = await s.accountant('report.render', { ...input, format: 'html' });
      // The colours as Chromium draws the print page (the PDF is printed from this page).
      const browser = await chromiumBrowser();
      try {
        const page = await browser.newPage();
        await page.setContent(content);
        const colours = await page
          .locator('tr', { hasText: '-1,200.00' })
          .locator('td')
          .evaluateAll((cells) =>
            cells.map((td) => [
              td.textContent ?? '',
              td.ownerDocument.defaultView!.getComputedStyle(td).color,
            ]),
          );
        const red = 'rgb(208, 0, 0)';
        const black = 'rgb(0, 0, 0)';
        expect(colours.filter(([, colour]) => colour === red).map(([text]) => text)).toEqual(['-1,200.00']);
        expect(colours.filter(([, colour]) => colour !== red).every(([, colour]) => colour === black)).toBe(
          true,
        );
        expect(colours.length).toBe(8);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );

  it('colours only the red amount in the workbook', async () => {
    const s = await communityYear();
    const model = await s.accountant('report.view', input);
    const rendered = await s.accountant('report.render', { ...input, format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(rendered.content, 'base64') as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]!.getRow(model.rows.findIndex((r) => r.red) + 5);
    const redCells = model.columns
      .map((c, i) => [c.header, row.getCell(i + 1).font?.color?.argb] as const)
      .filter(([, colour]) => colour === 'FFFF0000')
      .map(([header]) => header);
    expect(redCells).toEqual(['贷方']);
    expect(row.getCell(6).value).toBe(-1200);
  });
});

describe('jucai report (command line)', () => {
  it('prints the cash journal as CSV, and the ledger to .xlsx', async () => {
    const s = await communityYear();
    const db = s.centre.file;
    const csv = ok(
      [
        'report',
        'cash-journal',
        '--book',
        yearBook,
        '--from',
        '2025-01',
        '--to',
        '2025-12',
        '--format',
        'csv',
      ],
      { db },
    );
    const rows = csv.trim().split(/\r?\n/);
    expect(rows[0]).toBe('日期,凭证字号,摘要,对方科目,收入（借方）,支出（贷方）,余额');
    const model = await view(s, 'cash-journal');
    expect(rows).toHaveLength(model.rows.length + 1);
    const closing = openingOf('1001') + sum(under('1001').map((l) => l.debit - l.credit));
    expect(rows.at(-1)).toBe(
      `2025-12-31,,本年累计,,${yuan(sum(under('1001').map((l) => l.debit)))},${yuan(sum(under('1001').map((l) => l.credit)))},${yuan(closing)}`,
    );

    const out = path.join(tempDir('jucai-books-cli-'), 'ledger.xlsx');
    ok(
      [
        'report',
        'ledger',
        '--book',
        yearBook,
        '--account',
        '100201',
        '--from',
        '2025-01',
        '--to',
        '2025-12',
        '--format',
        'xlsx',
        '--out',
        out,
      ],
      { db },
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets[0]!.getCell('A1').value).toBe('明细账');
  });
});
