import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth, renderTable } from '../src/cli/format.js';
import { defaultCentreFile } from '../src/cli/paths.js';
import { buildCli, jucai, ok, okJson } from './support/cli.js';
import { voucherHeader } from './support/files.js';

/**
 * The `jucai` command line, run as a child process exactly as an accountant runs it (node bin/jucai.js
 * after the build). Fixtures are written as CSV files; expected figures are computed here from the
 * generated data, without the core's code.
 */

let root: string;
beforeAll(() => {
  buildCli();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'jucai-cli-'));
}, 120_000);
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

let serial = 0;
/** A fresh folder per test, holding its centre file and fixtures. */
function workspace(): { dir: string; db: string; write: (name: string, text: string) => string } {
  const dir = path.join(root, `t${++serial}`);
  fs.mkdirSync(dir);
  return {
    dir,
    db: path.join(dir, 'centre.db'),
    write: (name, text) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    },
  };
}

// ---- fixtures --------------------------------------------------------------------------------------

/** A realistic small chart of a community (民非 codes, 4-2-2). */
const chart: Array<[code: string, name: string, side: '借' | '贷' | '']> = [
  ['1001', '现金', '借'],
  ['1002', '银行存款', '借'],
  ['100201', '社区专户', ''],
  ['2209', '其他应付款', '贷'],
  ['220901', '暂收款', ''],
  ['3101', '非限定性净资产', '贷'],
  ['4401', '政府补助收入', '贷'],
  ['440101', '非限定性收入', ''],
  ['44010101', '社区工作经费(基础经费)', ''],
  ['44010102', '社区工作经费(按户核拨)', ''],
  ['440102', '限定性收入', ''],
  ['44010202', '费随事转经费', ''],
  ['5101', '业务活动成本', '借'],
  ['510101', '人员经费', ''],
  ['510102', '居民活动经费', ''],
  ['5201', '管理费用', '借'],
  ['520101', '办公费', ''],
  ['520102', '水电费', ''],
];
const nameOf = new Map(chart.map(([code, name]) => [code, name]));
const leaves = chart
  .map(([code]) => code)
  .filter((code) => !chart.some(([c]) => c !== code && c.startsWith(code)));

/** Opening balances in 分: debit positive, credit negative. Balanced. */
const opening: Record<string, number> = {
  '1001': 320_000,
  '100201': 18_654_075,
  '220901': -500_000,
  '3101': -18_474_075,
};

/** 分 → '1234.56' (positive amounts), written without the core's money code. */
function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

interface Line {
  account: string;
  debit: number;
  credit: number;
  project?: string;
  item?: string;
}
interface FixtureVoucher {
  period: string;
  number: number;
  date: string;
  summary: string;
  attachments: number;
  lines: Line[];
}

/** A year of a community's entries: grants in, wages, cash, activities, office costs; a few a month. */
function yearOfVouchers(): FixtureVoucher[] {
  const vouchers: FixtureVoucher[] = [];
  for (let month = 1; month <= 12; month++) {
    const period = `2025-${String(month).padStart(2, '0')}`;
    const entries: Array<Omit<FixtureVoucher, 'period' | 'number'>> = [];
    const add = (day: number, summary: string, attachments: number, lines: Line[]) =>
      entries.push({ date: `${period}-${String(day).padStart(2, '0')}`, summary, attachments, lines });
    const base = month === 12 ? 833_337 : 833_333; // ¥100,000 a year
    add(3, '收到区财政拨付社区工作经费(基础经费)', 1, [
      { account: '100201', debit: base, credit: 0, item: '社区工作经费(基础经费)' },
      { account: '44010101', debit: 0, credit: base },
    ]);
    if (month % 3 === 1) {
      add(8, '收到按户核拨经费（第' + String((month + 2) / 3) + '季度）', 1, [
        { account: '100201', debit: 1_851_300, credit: 0, item: '社区工作经费(按户核拨)' },
        { account: '44010102', debit: 0, credit: 1_851_300 },
      ]);
    }
    if (month === 3 || month === 9) {
      add(11, '收到垃圾分类工作经费（费随事转）', 2, [
        { account: '100201', debit: 1_200_000, credit: 0, project: '垃圾分类', item: '费随事转经费' },
        { account: '44010202', debit: 0, credit: 1_200_000, project: '垃圾分类' },
      ]);
    }
    const wages = 680_000 + month * 1_250;
    add(15, '发放社区工作人员报酬', 3, [
      { account: '510101', debit: wages, credit: 0 },
      { account: '100201', debit: 0, credit: wages, item: '人员经费' },
    ]);
    add(18, '从专户提取备用金', 1, [
      { account: '1001', debit: 200_000, credit: 0 },
      { account: '100201', debit: 0, credit: 200_000 },
    ]);
    const activity = 30_000 + month * 13_725;
    add(22, month === 10 ? '重阳节敬老活动' : '居民文体活动', 4, [
      { account: '510102', debit: activity, credit: 0, ...(month === 10 ? { project: '重阳活动' } : {}) },
      { account: '1001', debit: 0, credit: activity, item: '居民活动经费' },
    ]);
    const office = 25_680 + month * 100;
    const utilities = 41_235 + month * 310;
    add(26, '购买办公用品、缴纳水电费', 2, [
      { account: '520101', debit: office, credit: 0 },
      { account: '520102', debit: utilities, credit: 0 },
      { account: '100201', debit: 0, credit: office + utilities },
    ]);
    if (month === 6) {
      add(28, '退还活动场地押金', 1, [
        { account: '220901', debit: 500_000, credit: 0 },
        { account: '100201', debit: 0, credit: 500_000 },
      ]);
    }
    entries.sort((a, b) => a.date.localeCompare(b.date));
    entries.forEach((entry, index) => vouchers.push({ ...entry, period, number: index + 1 }));
  }
  return vouchers;
}

function csv(rows: string[][]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

function chartCsv(): string {
  return csv([
    ['科目编码', '科目名称', '余额方向'],
    ...chart.map(([code, name, side]) => [code, name, side]),
  ]);
}

function openingCsv(): string {
  return csv([
    ['科目编码', '期初借方', '期初贷方'],
    ...Object.entries(opening).map(([code, fen]) => [
      code,
      fen > 0 ? yuan(fen) : '',
      fen < 0 ? yuan(-fen) : '',
    ]),
  ]);
}

/** As bookkeeping software exports them: one row per line, the summary only on the first line. */
function vouchersCsv(vouchers: FixtureVoucher[]): string {
  return csv([
    voucherHeader,
    ...vouchers.flatMap((v) =>
      v.lines.map((l, i) => [
        v.date,
        '记',
        String(v.number),
        i === 0 ? v.summary : '',
        l.account,
        nameOf.get(l.account)!,
        l.debit ? yuan(l.debit) : '',
        l.credit ? yuan(l.credit) : '',
        l.project ?? '',
        l.item ?? '',
        String(v.attachments),
      ]),
    ),
  ]);
}

interface ExpectedRow {
  openingDebit: string;
  openingCredit: string;
  debit: string;
  credit: string;
  closingDebit: string;
  closingCredit: string;
}

/**
 * The trial balance computed from the fixture data alone: per leaf account, the balance brought forward
 * and the movement within from..to, then every account as the sum of the leaves its code prefixes.
 */
function expectedTrialBalance(
  vouchers: FixtureVoucher[],
  from: string,
  to: string,
): Map<string, ExpectedRow> {
  const brought = new Map<string, number>(leaves.map((code) => [code, opening[code] ?? 0]));
  const debit = new Map<string, number>(leaves.map((code) => [code, 0]));
  const credit = new Map<string, number>(leaves.map((code) => [code, 0]));
  for (const v of vouchers) {
    if (v.period > to) continue;
    for (const l of v.lines) {
      if (v.period < from) brought.set(l.account, brought.get(l.account)! + l.debit - l.credit);
      else {
        debit.set(l.account, debit.get(l.account)! + l.debit);
        credit.set(l.account, credit.get(l.account)! + l.credit);
      }
    }
  }
  const sum = (map: Map<string, number>, prefix: string) =>
    leaves.filter((code) => code.startsWith(prefix)).reduce((total, code) => total + map.get(code)!, 0);
  const split = (balance: number) => [yuan(Math.max(balance, 0)), yuan(Math.max(-balance, 0))] as const;
  return new Map(
    chart.map(([code]) => {
      const start = sum(brought, code);
      const d = sum(debit, code);
      const c = sum(credit, code);
      const [openingDebit, openingCredit] = split(start);
      const [closingDebit, closingCredit] = split(start + d - c);
      return [
        code,
        { openingDebit, openingCredit, debit: yuan(d), credit: yuan(c), closingDebit, closingCredit },
      ];
    }),
  );
}

interface TrialBalanceJson {
  rows: Array<ExpectedRow & { code: string; name: string }>;
  balanced: boolean;
}

/** init; a supervisor, an accountant, a reviewer and an overseer; one community with its book. */
function setUpCentre(db: string, write: (name: string, text: string) => string): void {
  ok(['init'], { db });
  ok(['operator', 'add', '周主管', '--role', 'supervisor'], { db });
  ok(['operator', 'add', '王会计', '--role', 'accountant', '--as', '周主管'], { db });
  ok(['operator', 'add', '李审核', '--role', 'reviewer', '--as', '周主管'], { db });
  ok(['operator', 'add', '陈议监', '--role', 'overseer', '--as', '周主管'], { db });
  ok(
    [
      ...['community', 'add', '东风社区', '--kind', 'urban', '--code', 'DF'],
      ...[
        '--district',
        '鹿城区',
        '--subdistrict',
        '五马街道',
        '--bank-account',
        '农业银行鹿城支行:19200101040012345',
      ],
      ...['--as', '王会计'],
    ],
    { db },
  );
  const chartFile = write('科目表.csv', chartCsv());
  ok(
    [
      'book',
      'create',
      '--community',
      '东风社区',
      '--start',
      '2025-01',
      '--chart',
      chartFile,
      '--as',
      '王会计',
    ],
    {
      db,
    },
  );
}

// ---- the story -------------------------------------------------------------------------------------

describe('a year of a community’s books kept with the command line alone', () => {
  it('imports, reviews, posts, reverses, closes and reports figures that match the source data', () => {
    const { db, write } = workspace();
    setUpCentre(db, write);

    const init = okJson<{ file: string; schemaVersion: number; operators: number; books: number }>(['init'], {
      db,
    });
    expect(init).toMatchObject({ file: db, operators: 4, books: 1 });
    expect(init.schemaVersion).toBeGreaterThan(0);

    const operators = ok(['operator', 'list'], { db });
    expect(operators).toMatch(/周主管\s+主管/);
    expect(operators).toMatch(/陈议监\s+议监会/);
    expect(ok(['community', 'list'], { db })).toContain('农业银行鹿城支行 19200101040012345');
    expect(ok(['book', 'list'], { db })).toMatch(/DF\s+东风社区\s+市区\s+2025-01/);

    const accounts = ok(['account', 'list', '--book', '东风社区'], { db });
    expect(accounts).toMatch(/^ {4}44010101\s+政府补助收入\/非限定性收入\/社区工作经费\(基础经费\)\s+贷/m);
    expect(accounts).toMatch(/^ {2}100201\s+银行存款\/社区专户\s+借/m);

    const openingShown = ok(
      ['import', 'opening', write('期初余额.csv', openingCsv()), '--book', 'DF', '--as', '王会计'],
      {
        db,
      },
    );
    expect(openingShown).toMatch(/合计\s+189,740\.75\s+189,740\.75/);
    expect(openingShown).toContain('借贷平衡');

    const vouchers = yearOfVouchers();
    const imported = okJson<{ vouchers: number; posted: boolean }>(
      [
        'import',
        'vouchers',
        write('2025年凭证.csv', vouchersCsv(vouchers)),
        '--book',
        'DF',
        '--as',
        '王会计',
      ],
      { db },
    );
    expect(imported).toMatchObject({ vouchers: vouchers.length, posted: false });

    // The accountant who imported them may not review them; the reviewer reviews and posts the year.
    const selfReview = jucai(
      ['voucher', 'review', '--book', 'DF', '--from', '2025-01', '--to', '2025-12', '--as', '王会计'],
      {
        db,
      },
    );
    expect(selfReview.code).toBe(1);
    expect(selfReview.stderr).toMatch(/^错误：.*无权审核凭证/);
    const reviewed = ok(
      ['voucher', 'review', '--book', 'DF', '--from', '2025-01', '--to', '2025-12', '--as', '李审核'],
      {
        db,
      },
    );
    expect(reviewed).toContain(`已审核 ${vouchers.length} 张凭证`);
    const posted = okJson<{ done: string[]; skipped: unknown[] }>(
      ['voucher', 'post', '--book', 'DF', '--from', '2025-01', '--to', '2025-12', '--as', '李审核'],
      { db },
    );
    expect(posted.done).toHaveLength(vouchers.length);
    expect(posted.skipped).toEqual([]);

    // February's wages were entered wrongly: red-ink reversal, then its review and posting.
    const wrong = vouchers.find((v) => v.period === '2025-02' && v.summary === '发放社区工作人员报酬')!;
    const reversal = okJson<{ period: string; ref: string; status: string; debitTotal: string }>(
      ['voucher', 'reverse', '--book', 'DF', `2025-02 记-${wrong.number}`, '--as', '王会计'],
      { db },
    );
    expect(reversal.period).toBe('2025-02');
    expect(reversal.status).toBe('draft');
    expect(reversal.debitTotal).toBe(yuan(-wrong.lines[0]!.debit));
    ok(['voucher', 'review', '--book', 'DF', `${reversal.period} ${reversal.ref}`, '--as', '李审核'], { db });
    ok(['voucher', 'post', '--book', 'DF', `${reversal.period} ${reversal.ref}`, '--as', '李审核'], { db });

    const shown = ok(['voucher', 'show', '--book', 'DF', `2025-02 记-${wrong.number}`], { db });
    expect(shown).toContain('记账凭证  东风社区');
    expect(shown).toContain(`已被冲销 / reversed by: 2025-02 ${reversal.ref}`);
    expect(shown).toMatch(/510101 业务活动成本\/人员经费/);
    expect(shown).toMatch(/合计：人民币陆仟捌佰贰拾伍元整\s+6,825\.00\s+6,825\.00/);
    expect(shown).toMatch(/制单：王会计\s+审核：李审核\s+记账：李审核/);

    // Months close in order only.
    const outOfOrder = jucai(['period', 'close', '--book', 'DF', '2025-02', '--as', '王会计'], { db });
    expect(outOfOrder.code).toBe(1);
    expect(outOfOrder.stderr).toContain('2025-01 尚未结账');
    for (const month of ['2025-01', '2025-02', '2025-03']) {
      expect(ok(['period', 'close', '--book', 'DF', month, '--as', '王会计'], { db })).toContain(
        `已结账 / closed: ${month}`,
      );
    }
    const periods = okJson<Array<{ period: string; closed: boolean }>>(['period', 'list', '--book', 'DF'], {
      db,
    });
    expect(periods.filter((p) => p.closed).map((p) => p.period)).toEqual(['2025-01', '2025-02', '2025-03']);
    const late = jucai(
      [
        ...['voucher', 'add', '--book', 'DF', '--date', '2025-02-27', '--as', '王会计'],
        ...['--line', '520101,补记办公费,10.00,', '--line', '1001,,,10.00'],
      ],
      { db },
    );
    expect(late.code).toBe(1);
    expect(late.stderr).toBe('错误：2025-02 已结账，不能再录入或修改凭证\n');

    // The reversed voucher and its reversal cancel out: the books equal the source data without it.
    const effective = vouchers.filter((v) => v !== wrong);
    for (const [from, to] of [
      ['2025-01', '2025-12'],
      ['2025-04', '2025-06'],
    ] as const) {
      const report = okJson<TrialBalanceJson>(
        ['report', 'trial-balance', '--book', 'DF', '--from', from, '--to', to, '--format', 'json'],
        { db },
      );
      const expected = expectedTrialBalance(effective, from, to);
      expect(report.balanced).toBe(true);
      expect(report.rows.map((r) => r.code)).toEqual(chart.map(([code]) => code));
      for (const row of report.rows) {
        const { code, name, ...figures } = row;
        expect({ code, ...pickFigures(figures) }).toEqual({ code, ...expected.get(code)! });
        expect(name).toBe(nameOf.get(code));
      }
    }

    // The table: every amount right-aligned in its column, the name next to each code.
    const table = ok(['report', 'trial-balance', '--book', 'DF', '--from', '2025-01', '--to', '2025-12'], {
      db,
    });
    const lines = table.trimEnd().split('\n');
    const ruleIndex = lines.findIndex((l) => l.startsWith('--------'));
    const spans = [...lines[ruleIndex]!.matchAll(/-+/g)].map(
      (m) => [m.index, m.index + m[0].length] as const,
    );
    expect(spans).toHaveLength(10);
    const body = lines
      .slice(ruleIndex + 1)
      .filter((l) => !l.startsWith('--------') && /^\d|^\s+合计/.test(l));
    expect(body).toHaveLength(chart.length + 1);
    for (const line of body) {
      const cells = spans.map(([start, end]) => sliceColumns(line, start, end));
      for (const cell of cells.slice(2)) expect(cell).toMatch(/^(\s*|\s*-?\d{1,3}(,\d{3})*\.\d\d)$/);
      const row = chart.find(([code]) => code === cells[0]!.trim());
      if (row) expect(cells[1]!.trim()).toBe(row[1]);
      else expect(cells[1]!.trim()).toBe('合计');
    }
    expect(table).toContain('借贷平衡');

    const ledger = ok(
      ['report', 'ledger', '--book', 'DF', '--account', '100201', '--from', '2025-02', '--to', '2025-02'],
      {
        db,
      },
    );
    expect(ledger).toContain('科目：100201 银行存款/社区专户');
    expect(ledger).toMatch(/注销2月15日记-\d+号凭证\s+-6,825\.00\s+借/);

    const audit = ok(['audit', 'list', '--book', 'DF', '--limit', '5'], { db });
    expect(audit).toContain('period.close');
  });
});

function pickFigures(row: ExpectedRow): ExpectedRow {
  const { openingDebit, openingCredit, debit, credit, closingDebit, closingCredit } = row;
  return { openingDebit, openingCredit, debit, credit, closingDebit, closingCredit };
}

/** The text between two terminal columns of a line (a Chinese character takes two). */
function sliceColumns(line: string, start: number, end: number): string {
  let column = 0;
  let text = '';
  for (const char of line) {
    const width = displayWidth(char);
    if (column >= start && column + width <= end) text += char;
    else if (column < end && column + width > start)
      throw new Error(`a character straddles column ${start}–${end}`);
    column += width;
  }
  return text;
}

// ---- single behaviours -----------------------------------------------------------------------------

describe('jucai capital', () => {
  it.each([
    ['1409.50', '人民币壹仟肆佰零玖元伍角整'],
    ['16409.02', '人民币壹万陆仟肆佰零玖元零贰分'],
    ['100000', '人民币壹拾万元整'],
    ['0.50', '人民币伍角整'],
  ])('writes %s as %s, touching no centre file', (amount, capital) => {
    const { dir } = workspace();
    const result = jucai(['capital', amount], { cwd: dir });
    expect(result).toEqual({ code: 0, stdout: `${capital}\n`, stderr: '' });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a bad amount with a Chinese message and exit code 1', () => {
    const result = jucai(['capital', '12.345']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^错误：.*最多两位小数/);
    expect(result.stderr).not.toMatch(/\bat .*\.js/);
  });
});

describe('help and usage', () => {
  it('describes every command in Chinese and English', () => {
    const root = jucai(['--help']);
    expect(root.code).toBe(0);
    expect(root.stdout).toMatch(/voucher\s+记账凭证 \/ vouchers/);
    expect(root.stdout).toMatch(/--as <name>\s+操作员姓名.*\/ operator name/);
    const add = jucai(['voucher', 'add', '--help']);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('录入凭证 / add a voucher');
    expect(add.stdout).toMatch(/--line <line>\s+分录/);
    expect(add.stdout).toContain('repeatable');
    for (const command of [
      ['report', 'trial-balance'],
      ['import', 'vouchers'],
      ['period', 'reopen'],
      ['account'],
    ]) {
      const help = jucai([...command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/[\u4e00-\u9fff].* \/ [a-z]/);
    }
  });

  it('exits with 2 on usage errors', () => {
    const { db } = workspace();
    ok(['init'], { db });
    expect(jucai(['frobnicate'], { db }).code).toBe(2);
    expect(jucai(['voucher', 'list', '--book'], { db }).code).toBe(2);
    expect(jucai(['operator', 'add', '周主管', '--role', 'boss'], { db }).code).toBe(2);
    const posted = jucai(['import', 'vouchers', 'x.csv', '--book', 'DF', '--posted', '--as', '王会计'], {
      db,
    });
    expect(posted.code).toBe(2);
    expect(posted.stderr).toContain('--posted 需要同时给出 --reviewer');
    const line = jucai(['voucher', 'add', '--book', 'DF', '--date', '2025-01-02', '--line', '1001,现金'], {
      db,
    });
    expect(line.code).toBe(2);
    expect(line.stderr).toContain('科目编码,摘要,借方,贷方');
  });

  it('asks for init instead of creating a centre file by accident', () => {
    const { db } = workspace();
    const result = jucai(['operator', 'list'], { db });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('jucai init');
    expect(fs.existsSync(db)).toBe(false);
  });
});

describe('refusals', () => {
  it('a write without --as fails with a Chinese message and exit code 1', () => {
    const { db, write } = workspace();
    setUpCentre(db, write);
    const result = jucai(
      [
        'voucher',
        'add',
        '--book',
        'DF',
        '--date',
        '2025-01-05',
        '--line',
        '1001,备用金,100,',
        '--line',
        '100201,,,100',
      ],
      { db },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('错误：修改数据必须指明操作员（命令行用 --as 姓名）\n');
    expect(okJson<unknown[]>(['voucher', 'list', '--book', 'DF'], { db })).toEqual([]);
  });

  it('an unbalanced voucher is not added, and the next one takes the first number', () => {
    const { db, write } = workspace();
    setUpCentre(db, write);
    const add = (credit: string) =>
      jucai(
        [
          ...['voucher', 'add', '--book', 'DF', '--date', '2025-01-05', '--as', '王会计'],
          ...['--line', '520101,购买办公用品,"3,000.00",', '--line', `100201,,,${credit}`],
        ],
        { db },
      );
    const result = add('2999.00');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('错误：凭证借贷不平：借方 3000.00，贷方 2999.00，差额 1.00，不能保存\n');
    expect(okJson<unknown[]>(['voucher', 'list', '--book', 'DF'], { db })).toEqual([]);
    expect(add('3000.00').code).toBe(0);
    const [saved] = okJson<Array<{ ref: string }>>(['voucher', 'list', '--book', 'DF'], { db });
    expect(saved?.ref).toBe('记-0001');
  });

  it('an overseer (议监会) can read but cannot add a voucher', () => {
    const { db, write } = workspace();
    setUpCentre(db, write);
    const result = jucai(
      [
        ...['voucher', 'add', '--book', 'DF', '--date', '2025-01-05', '--as', '陈议监'],
        ...['--line', '1001,备用金,100,', '--line', '100201,,,100'],
      ],
      { db },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^错误：“陈议监”是议事和监督委员会成员，只能查阅/);
    expect(ok(['voucher', 'list', '--book', 'DF', '--as', '陈议监'], { db })).toContain('没有符合条件的凭证');
  });

  it('an import with a bad row names the row and changes nothing', () => {
    const { db, write } = workspace();
    setUpCentre(db, write);
    const file = write(
      '凭证.csv',
      csv([
        voucherHeader,
        ['2025-01-05', '记', '1', '提取备用金', '1001', '现金', '2000.00', '', '', '', '1'],
        ['2025-01-05', '记', '1', '', '100201', '社区专户', '', '2000.00', '', '', '1'],
        ['2025-01-09', '记', '2', '购买办公用品', '520101', '办公费', '35.125', '', '', '', '1'],
        ['2025-01-09', '记', '2', '', '1001', '现金', '', '35.13', '', '', '1'],
      ]),
    );
    const result = jucai(['import', 'vouchers', file, '--book', 'DF', '--as', '王会计'], { db });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^错误：凭证文件 凭证\.csv 有 1 处错误，未导入任何凭证\n/);
    expect(result.stderr).toMatch(/^第4行\s+借方金额\s+.*35\.125 最多两位小数$/m);
    expect(okJson<unknown[]>(['voucher', 'list', '--book', 'DF'], { db })).toEqual([]);
  });

  it('voucher add lists every bad line with its row number', () => {
    const { db, write } = workspace();
    setUpCentre(db, write);
    const result = jucai(
      [
        ...['voucher', 'add', '--book', 'DF', '--date', '2025-01-05', '--as', '王会计'],
        ...['--line', '4401,收到拨款,100,', '--line', '9999,,,100'],
      ],
      { db },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^第1行\s+科目\s+4401 政府补助收入 有下级科目/m);
    expect(result.stderr).toMatch(/^第2行\s+科目\s+科目 9999 不存在$/m);
  });
});

describe('choosing the centre file', () => {
  it('uses JUCAI_DB when --db is not given', () => {
    const { dir } = workspace();
    const file = path.join(dir, '五马街道.db');
    const env = { JUCAI_DB: file };
    expect(ok(['init'], { env })).toContain(file);
    ok(['operator', 'add', '周主管', '--role', 'supervisor'], { env });
    expect(fs.existsSync(file)).toBe(true);
    expect(ok(['operator', 'list'], { db: file })).toContain('周主管');
    // --db wins over JUCAI_DB.
    const other = path.join(dir, 'other.db');
    ok(['init'], { db: other, env });
    expect(okJson<unknown[]>(['operator', 'list'], { db: other, env })).toEqual([]);
  });

  it('falls back to the folder Electron uses for jucai-ledger', () => {
    const { dir } = workspace();
    const out = ok(['init'], { env: { HOME: dir } });
    const expected = path.join(dir, '.config', 'jucai-ledger', 'centre.db');
    expect(out).toContain(expected);
    expect(fs.existsSync(expected)).toBe(true);
    expect(defaultCentreFile({ platform: 'linux', env: {}, home: '/home/zhou' })).toBe(
      '/home/zhou/.config/jucai-ledger/centre.db',
    );
    expect(
      defaultCentreFile({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\zhou\\AppData\\Roaming' },
        home: 'C:\\Users\\zhou',
      }),
    ).toBe('C:\\Users\\zhou\\AppData\\Roaming\\jucai-ledger\\centre.db');
  });
});

describe('report output', () => {
  function bookWithOneVoucher() {
    const { db, dir, write } = workspace();
    setUpCentre(db, write);
    ok(['import', 'opening', write('期初.csv', openingCsv()), '--book', 'DF', '--as', '王会计'], { db });
    const saved = okJson<{ period: string; ref: string }>(
      [
        ...['voucher', 'add', '--book', 'DF', '--date', '2025-01-05', '--attachments', '1', '--as', '王会计'],
        ...[
          '--line',
          '100201,收到区财政拨付社区工作经费(基础经费),"25,000.00",',
          '--line',
          '44010101,,,25000',
        ],
      ],
      { db },
    );
    expect(saved).toMatchObject({ period: '2025-01', ref: '记-0001' });
    ok(['voucher', 'review', '--book', 'DF', '2025-01 记-1', '--as', '李审核'], { db });
    ok(['voucher', 'post', '--book', 'DF', '2025-01 记-1', '--as', '李审核'], { db });
    return { db, dir };
  }

  it('trial balance as CSV: UTF-8 BOM, Chinese header, plain decimals; --out writes a file', () => {
    const { db, dir } = bookWithOneVoucher();
    const args = [
      'report',
      'trial-balance',
      '--book',
      'DF',
      '--from',
      '2025-01',
      '--to',
      '2025-01',
      '--format',
      'csv',
    ];
    const text = ok(args, { db });
    expect(
      text.startsWith(
        '\uFEFF科目编码,科目名称,期初借方,期初贷方,本期借方,本期贷方,累计借方,累计贷方,期末借方,期末贷方\r\n',
      ),
    ).toBe(true);
    expect(text).toContain(
      '\r\n100201,银行存款/社区专户,186540.75,0.00,25000.00,0.00,25000.00,0.00,211540.75,0.00\r\n',
    );
    const out = path.join(dir, '科目余额表.csv');
    ok([...args, '--out', out], { db });
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(text);
  });

  it('trial balance hides the all-zero accounts by default, as the screen does; --all lists them', () => {
    const { db } = bookWithOneVoucher();
    const args = ['report', 'trial-balance', '--book', 'DF', '--from', '2025-01', '--to', '2025-01'];
    const figures = [
      'openingDebit',
      'openingCredit',
      'debit',
      'credit',
      'closingDebit',
      'closingCredit',
    ] as const;
    type Row = { code: string } & Record<(typeof figures)[number], string>;
    const all = okJson<{ rows: Row[] }>([...args, '--all'], { db }).rows;
    const zero = all.filter((r) => figures.every((f) => Number(r[f]) === 0)).map((r) => r.code);
    expect(zero.length).toBeGreaterThan(0);
    const shown = okJson<{ rows: Row[] }>(args, { db }).rows.map((r) => r.code);
    expect(shown).toEqual(all.map((r) => r.code).filter((code) => !zero.includes(code)));
    const codesIn = (table: string) => table.split('\n').map((line) => line.split(/\s+/)[0]);
    expect(codesIn(ok(args, { db }))).not.toContain(zero[0]);
    expect(codesIn(ok([...args, '--all'], { db }))).toContain(zero[0]);
  });

  it('account ledger as CSV and as a table', () => {
    const { db } = bookWithOneVoucher();
    const base = [
      'report',
      'ledger',
      '--book',
      'DF',
      '--account',
      '100201',
      '--from',
      '2025-01',
      '--to',
      '2025-01',
    ];
    const text = ok([...base, '--format', 'csv'], { db });
    expect(text.startsWith('\uFEFF日期,凭证号,摘要,借方,贷方,方向,余额\r\n')).toBe(true);
    expect(text).toContain('2025-01-05,记-0001,收到区财政拨付社区工作经费(基础经费),25000.00,,借,211540.75');
    const table = ok(base, { db });
    expect(table).toMatch(/记-0001\s+收到区财政拨付社区工作经费\(基础经费\)\s+25,000\.00\s+借\s+211,540\.75/);
  });

  it('a voucher shows like a 记账凭证', () => {
    const { db } = bookWithOneVoucher();
    const shown = ok(['voucher', 'show', '--book', 'DF', '1'], { db });
    expect(shown).toMatch(/凭证号：2025-01 记-0001\s+日期：2025年01月05日\s+附单据：1 张\s+状态：已记账/);
    expect(shown).toMatch(/100201 银行存款\/社区专户\s+25,000\.00/);
    expect(shown).toMatch(/44010101 政府补助收入\/非限定性收入\/社区工作经费\(基础经费\)\s+25,000\.00/);
    expect(shown).toContain('合计：人民币贰万伍仟元整');
  });
});

describe('table layout', () => {
  it('counts a Chinese character as two columns', () => {
    expect(displayWidth('科目A')).toBe(5);
    expect(displayWidth('（基础经费）')).toBe(12);
    expect(displayWidth('¥1,234.56')).toBe(9);
    const text = renderTable(
      [{ header: '科目' }, { header: '金额', align: 'right' }],
      [
        ['1001 现金', '1.00'],
        ['100201 银行存款/社区专户', '1,234,567.89'],
      ],
    );
    const widths = text.split('\n').map(displayWidth);
    expect(new Set(widths).size).toBe(1);
  });
});
