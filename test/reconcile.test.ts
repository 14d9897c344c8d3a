import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { refused, tempDir } from './support/centre.js';
import { writeCsv, writeXlsx } from './support/files.js';
import {
  ACCOUNT,
  allocationHeader,
  allocationRows,
  bankHeader,
  bankLines,
  bookings,
  reconcileCentre,
} from './support/reconcile-centre.js';

const SOURCE = '鹿城区财政局';
const columns = {
  date: '拨付日期',
  community: '收款单位',
  fund: '经费类型',
  document: '指标文号',
  project: '项目名称',
  amount: '拨付金额（元）',
};

/** District finance's statement as a GB18030 CSV, as their system exports it. */
const allocationFile = () => writeCsv([allocationHeader, ...allocationRows], '拨款明细2025Q1.csv', 'gb18030');

async function importedAllocations() {
  const s = await reconcileCentre();
  await s.accountant('reconcile.allocations.import', {
    file: allocationFile(),
    source: SOURCE,
    columns,
    aliases: { 南塘杜区: '南塘社区' },
  });
  return s;
}

async function importedBank() {
  const s = await reconcileCentre();
  const lines = bankLines();
  const first = writeCsv(
    [bankHeader, ...lines.filter((l) => l.first).map((l) => l.cells)],
    '对账单1.csv',
    'utf-8-bom',
  );
  await s.accountant('reconcile.bank.import', { file: first, account: ACCOUNT });
  const second = await writeXlsx(
    [bankHeader, ...lines.filter((l) => l.second).map((l) => l.cells)],
    '对账单2.xlsx',
  );
  return { ...s, second };
}

describe('district allocations', () => {
  it('previews a GB18030 statement, needs its mapping and the typo’d community confirmed, then imports in one go', async () => {
    const s = await reconcileCentre();
    const guessed = await s.accountant('reconcile.allocations.preview', {
      file: allocationFile(),
      source: SOURCE,
    });
    expect(guessed.mappingFrom).toBe('guessed');
    // Every column is guessed, 拨付金额（元） too.
    expect(guessed.columns).toEqual(columns);
    expect(guessed.sample[0]!.cells).toEqual(allocationRows[0]);

    const preview = guessed;
    expect(preview.problem).toBeNull();
    expect(preview.count).toBe(allocationRows.length);
    expect(preview.unknown).toEqual([{ name: '南塘杜区', rows: [9], suggestions: ['南塘社区'] }]);
    expect(preview.rows[0]).toMatchObject({
      community: '东风社区',
      fund: 'base',
      amount: '50000.00',
      date: '2025-01-15',
    });

    const error = await refused(
      s.accountant('reconcile.allocations.import', { file: allocationFile(), source: SOURCE, columns }),
    );
    expect(error.rows).toEqual([
      expect.objectContaining({
        row: 9,
        column: '社区',
        message: expect.stringContaining('是否为：南塘社区'),
      }),
    ]);
    expect((await s.accountant('reconcile.allocations.list', {})).allocations).toHaveLength(0);

    const result = await s.accountant('reconcile.allocations.import', {
      file: allocationFile(),
      source: SOURCE,
      columns,
      aliases: { 南塘杜区: '南塘社区' },
    });
    expect(result).toMatchObject({ imported: 10, skipped: 0, aliases: ['南塘杜区'] });
    // The mapping and the alias are remembered: the next statement from this source needs neither.
    const next = await s.accountant('reconcile.allocations.preview', {
      file: allocationFile(),
      source: SOURCE,
    });
    expect(next.mappingFrom).toBe('saved');
    expect(next.unknown).toEqual([]);
    expect(next.duplicates).toHaveLength(10);
    const again = await refused(
      s.accountant('reconcile.allocations.import', { file: allocationFile(), source: SOURCE }),
    );
    expect(again.rows).toHaveLength(10);
    expect(again.rows[0]!.message).toContain('是同一笔（跳过）还是另一笔拨款（导入）');
    const decisions = Object.fromEntries(next.duplicates.map((d) => [String(d.row), 'skip' as const]));
    expect(
      await s.accountant('reconcile.allocations.import', {
        file: allocationFile(),
        source: SOURCE,
        duplicates: decisions,
      }),
    ).toMatchObject({
      imported: 0,
      skipped: 10,
    });
  });

  it('guesses columns whose headers carry a unit of 元, full-width brackets or spaces, but not 万元', async () => {
    const s = await reconcileCentre();
    const rows = [['2025-01-15', '东风社区', '基础经费', 'D1', '50,000.00']];
    const headers: Array<[string[], string | undefined]> = [
      [['拨付日期', '收款单位', '经费类型', '文号', '拨付金额（元）'], '拨付金额（元）'],
      [[' 日期 ', '社区名称', '资金性质', '指标文号', '金额 (元)'], '金额 (元)'],
      [['拨款日期', '单位', '类别', '文号', '拨款金额 元'], '拨款金额 元'],
      [['拨款日期', '单位', '类别', '文号', '金 额（人民币元）'], '金 额（人民币元）'],
      // An amount in 万元 is another figure: it is not taken for 金额.
      [['拨款日期', '单位', '类别', '文号', '拨付金额（万元）'], undefined],
    ];
    for (const [i, [header, amount]] of headers.entries()) {
      const file = writeCsv([header, ...rows], `拨款${i}.csv`, i % 2 ? 'gb18030' : 'utf-8-bom');
      const p = await s.accountant('reconcile.allocations.preview', { file, source: `来源${i}` });
      expect(p.columns.amount, header.join(',')).toBe(amount);
      expect(p.columns.date, header.join(',')).toBe(header[0]!.trim()); // the reader trims headers
      if (amount) expect(p.rows[0]).toMatchObject({ amount: '50000.00', community: '东风社区' });
    }
    const bank = writeCsv(
      [
        ['交易日期', '摘要', '收入金额（元）', '支出金额(元)', '余额 （元）'],
        ['2025-01-31', '结息', '3.21', '', '100003.21'],
      ],
      '对账单.csv',
      'gb18030',
    );
    const p = await s.accountant('reconcile.bank.preview', { file: bank, account: ACCOUNT });
    expect(p.columns).toEqual({
      date: '交易日期',
      summary: '摘要',
      income: '收入金额（元）',
      expense: '支出金额(元)',
      balance: '余额 （元）',
    });
    expect(p.rows[0]).toMatchObject({ amount: '3.21', balance: '100003.21' });
  });

  it('refuses a broken statement naming each bad row, and writes nothing', async () => {
    const s = await reconcileCentre();
    const file = writeCsv(
      [
        allocationHeader,
        ['2025-13-01', '东风社区', '基础经费', 'x', '', '100'],
        ['2025-01-02', '东风社区', '补贴', 'y', '', 'abc'],
      ],
      'bad.csv',
    );
    const error = await refused(
      s.accountant('reconcile.allocations.import', { file, source: SOURCE, columns }),
    );
    expect(error.message).toContain('2 行有错误');
    expect(error.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(error.rows[0]!.message).toContain('拨款日期');
    expect(error.rows[1]!.message).toMatch(/资金性质“补贴”无法识别|金额/);
    expect((await s.accountant('reconcile.allocations.list', {})).allocations).toHaveLength(0);
  });

  it('matches automatically and says why, including split and combined bookings, and lists the exceptions', async () => {
    const s = await importedAllocations();
    const made = await s.accountant('reconcile.allocations.autoMatch', {});
    const reasons = made.map(
      (m) => `${m.community} ${m.vouchers.length}:${m.allocations.length} ${m.reason}`,
    );
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^东风社区 1:1 文号鹿财社〔2025〕1号、资金性质、金额一致，入账晚 1 天$/),
        expect.stringMatching(/^西山社区 1:1 文号鹿财社〔2025〕1号.*入账晚 2 天$/),
        expect.stringMatching(/^南塘社区 1:1 资金性质、金额一致，入账晚 5 天（账上无文号）$/),
        expect.stringMatching(/^东风社区 2:1 一笔拨款分 2 张凭证入账/),
        expect.stringMatching(/^西山社区 1:2 2 笔拨款合并在一张凭证入账/),
        expect.stringMatching(/^南塘社区 1:1 文号鹿财社〔2025〕8号/),
      ]),
    );
    expect(made).toHaveLength(6);

    const exceptions = await s.accountant('reconcile.allocations.exceptions', { asOf: '2025-04-05' });
    const byDoc = Object.fromEntries(
      exceptions.allocations.map((e) => [`${e.community} ${e.document}`, e.reason]),
    );
    expect(byDoc['东风社区 鹿财社〔2025〕11号']).toMatch(/^串户：疑似记入西山社区（2025-03-31/);
    expect(byDoc['西山社区 鹿财社〔2025〕5号']).toMatch(
      /^金额不符：账上2025-02-20 .* 入账 6,600.00，差额 -600.00/,
    );
    expect(byDoc['南塘社区 鹿财社〔2025〕12号']).toMatch(/^在途/);
    expect(exceptions.allocations).toHaveLength(3);
    // The book side: 西山社区's award belongs to 东风社区; its task money differs; the reversed voucher is no item.
    expect(
      exceptions.receipts.map((r) => `${r.community} ${r.amount} ${r.reason.slice(0, 4)}`).sort(),
    ).toEqual(['西山社区 3000.00 串户：区', '西山社区 6600.00 金额不符']);
  });

  it('matches and unmatches by hand, refuses unequal totals, and will not reverse a matched voucher', async () => {
    const s = await importedAllocations();
    await s.accountant('reconcile.allocations.autoMatch', {});
    const list = await s.accountant('reconcile.allocations.list', { community: '西山社区' });
    const task = list.allocations.find((a) => a.document === '鹿财社〔2025〕5号')!;
    const booked = list.receipts.find((r) => r.amount === '6600.00')!;
    const unequal = await refused(
      s.accountant('reconcile.allocations.match', { allocations: [task.id], vouchers: [booked.voucherId] }),
    );
    expect(unequal.message).toContain('金额不等：拨款合计 6,000.00，入账合计 6,600.00');

    const nt = await s.accountant('reconcile.allocations.list', { community: '南塘社区' });
    const base = nt.receipts.find((r) => r.fund === 'base')!;
    expect(base.matchId).not.toBeNull();
    const blocked = await refused(
      s.accountant('voucher.reverse', { book: '南塘社区', voucher: base.voucherId, date: '2025-04-01' }),
    );
    expect(blocked.message).toContain('已与对账单勾对');
    await s.accountant('reconcile.unmatch', { kind: 'allocation', match: base.matchId! });
    const open = await s.accountant('reconcile.allocations.exceptions', {
      community: '南塘社区',
      asOf: '2025-04-05',
    });
    expect(open.allocations.find((a) => a.fund === 'base')!.reason).toMatch(
      /^待勾对：账上2025-01-20 记-\d+ 入账金额相同/,
    );
    const audit = await s.accountant('audit.list', { entity: 'rec_match', limit: 1 });
    expect(audit[0]!.action).toBe('reconcile.allocation.unmatch');
    const manual = await s.accountant('reconcile.allocations.match', {
      allocations: [nt.allocations.find((a) => a.fund === 'base')!.id],
      vouchers: [base.voucherId],
      note: '核对无误',
    });
    expect(manual.reason).toBe('手工勾对：核对无误');
    await s.accountant('reconcile.unmatch', { kind: 'allocation', match: manual.id });
    const red = await s.accountant('voucher.reverse', {
      book: '南塘社区',
      voucher: base.voucherId,
      date: '2025-04-01',
    });
    expect(red.id).toBeGreaterThan(0);
  });

  it('prints each community’s 对账单 and the centre roll-up from the matches', async () => {
    const s = await importedAllocations();
    await s.accountant('households.set', {
      community: '东风社区',
      year: 2025,
      resident: 1000,
      registered: 500,
      asOf: '2025-01-01',
      source: '民政统计',
    });
    await s.accountant('reconcile.allocations.autoMatch', {});
    const { model } = await s.accountant('reconcile.report', {
      report: 'statement',
      community: '东风社区',
      from: '2025-01',
      to: '2025-03',
    });
    const cells = model.rows.map((r) => r.cells);
    expect(cells[0]).toMatchObject({
      date: '2025-01-15',
      allocated: '50000.00',
      booked: '50000.00',
      difference: '',
    });
    expect(cells[1]).toMatchObject({
      allocated: '75000.00',
      booked: '75000.00',
      bookedOn: '2025-03-21、2025-03-25',
    });
    expect(cells[2]).toMatchObject({ allocated: '3000.00', booked: '', difference: '3000.00' });
    expect(cells[2]!.note).toContain('串户');
    expect(model.rows.at(-1)!.cells).toMatchObject({
      allocated: '128000.00',
      booked: '125000.00',
      difference: '3000.00',
    });

    const rollup = (await s.accountant('reconcile.report', { report: 'rollup', year: 2025 })).model;
    const row = (name: string, after: string) => {
      const start = rollup.rows.findIndex((r) => r.cells.name === after);
      return rollup.rows.slice(start).find((r) => r.cells.name === name)!.cells;
    };
    // 应拨 for 东风社区 from the policy: 100,000 base and 60 × (1000 × 70% + 500 × 30%) = 51,000.
    expect(row('基础经费', '东风社区')).toMatchObject({
      entitled: '100000.00',
      allocated: '50000.00',
      booked: '50000.00',
      short: '-50000.00',
      unbooked: '',
    });
    expect(row('按户经费', '东风社区')).toMatchObject({
      entitled: '51000.00',
      allocated: '75000.00',
      booked: '75000.00',
    });
    expect(row('奖励', '东风社区')).toMatchObject({
      allocated: '3000.00',
      booked: '0.00',
      unbooked: '3000.00',
    });
    expect(row('奖励', '西山社区')).toMatchObject({
      allocated: '0.00',
      booked: '3000.00',
      unbooked: '-3000.00',
    });
    const total = rollup.rows.at(-1)!.cells;
    const allocated = allocationRows.reduce(
      (n, r) => n + Math.round(Number(r[5]!.replace(/,/g, '')) * 100),
      0,
    );
    expect(total.allocated).toBe((allocated / 100).toFixed(2));

    const file = await s.accountant('reconcile.report', {
      report: 'statement',
      community: '东风社区',
      from: '2025-01',
      to: '2025-03',
      format: 'xlsx',
    });
    expect(file.fileName).toBe('财政拨款对账单-东风社区-2025-01至2025-03.xlsx');
    const path = `${tempDir()}/${file.fileName}`;
    fs.writeFileSync(path, Buffer.from(file.content, 'base64'));
    expect(fs.statSync(path).size).toBeGreaterThan(5000);
  });
});

describe('bank statements', () => {
  it('imports overlapping statements once each line, asking about look-alike lines without a 流水号', async () => {
    const s = await importedBank();
    const preview = await s.accountant('reconcile.bank.preview', { file: s.second, account: ACCOUNT });
    expect(preview.mappingFrom).toBe('saved');
    expect(preview.same.map((x) => x.row)).toEqual([2]);
    expect(preview.suspect.map((x) => x.row)).toEqual([3, 4]);
    const error = await refused(s.accountant('reconcile.bank.import', { file: s.second, account: ACCOUNT }));
    expect(error.rows.map((r) => r.row)).toEqual([3, 4]);
    expect(error.rows[0]!.message).toContain('日期、金额相同（对账单无流水号可比）');
    expect((await s.accountant('reconcile.bank.list', { account: ACCOUNT })).bank).toHaveLength(8);
    const result = await s.accountant('reconcile.bank.import', {
      file: s.second,
      account: ACCOUNT,
      duplicates: { '3': 'skip', '4': 'new' },
    });
    expect(result.imported).toBe(8);
    expect(result.skipped.map((x) => x.row)).toEqual([2, 3]);
    const all = await s.accountant('reconcile.bank.list', { account: ACCOUNT });
    expect(all.bank).toHaveLength(bankLines().length);
  });

  it('matches the shared account’s lines to each community and balances the 调节表 every month', async () => {
    const s = await importedBank();
    await s.accountant('reconcile.bank.import', {
      file: s.second,
      account: ACCOUNT,
      duplicates: { '3': 'skip', '4': 'new' },
    });
    const matched = await s.accountant('reconcile.bank.autoMatch', { account: ACCOUNT });
    expect(matched.map((m) => m.voucher.split(' ')[0])).toEqual(
      expect.arrayContaining(['东风社区', '西山社区', '南塘社区']),
    );
    expect(
      matched.find((m) => m.reason.includes('晚 3 天') && m.voucher.startsWith('东风社区')),
    ).toBeDefined(); // the fee booked late

    // Independent expectations: book balance = openings + bookings to date (the red pair nets out).
    const fen = (y: string) => Math.round(Number(y) * 100);
    const bookBalance = (date: string) =>
      10000000 + bookings.filter((b) => b.date <= date && !b.reverse).reduce((n, b) => n + fen(b.bank), 0);
    const bankBalance = (date: string) =>
      fen(
        bankLines()
          .filter((l) => l.cells[0]! <= date)
          .at(-1)!.cells[6]!,
      );
    const expectations = {
      '2025-01': { bankPaid: ['5.00'], bookPaid: ['2000.00'], bankReceived: [], bookReceived: [] },
      '2025-02': {
        bankPaid: ['2.00', '2.00'],
        bookPaid: [],
        bankReceived: ['6000.00'],
        bookReceived: ['6600.00'],
      },
      '2025-03': {
        bankPaid: ['2.00', '2.00'],
        bookPaid: [],
        bankReceived: ['6000.00'],
        bookReceived: ['6600.00'],
      },
    } as const;
    for (const [period, expected] of Object.entries(expectations)) {
      const end = `${period}-${period === '2025-02' ? '28' : '31'}`;
      const r = await s.accountant('reconcile.bank.reconciliation', { account: ACCOUNT, period });
      expect(fen(r.bookBalance), period).toBe(bookBalance(end));
      expect(fen(r.bankBalance!), period).toBe(bankBalance(end));
      for (const key of ['bankPaid', 'bookPaid', 'bankReceived', 'bookReceived'] as const) {
        expect(
          r[key].map((i) => i.amount),
          `${period} ${key}`,
        ).toEqual(expected[key]);
      }
      expect(r.balanced, period).toBe(true);
      expect(r.adjustedBook).toBe(r.adjustedBank);
    }

    // The bank's balance on each statement date against the three books together.
    const balances = await s.accountant('reconcile.bank.balances', {
      account: ACCOUNT,
      from: '2025-01',
      to: '2025-03',
    });
    for (const b of balances) {
      expect(b.books.map((x) => x.community).sort()).toEqual(['东风社区', '南塘社区', '西山社区'].sort());
      expect(fen(b.total)).toBe(bookBalance(b.date));
      expect(fen(b.difference)).toBe(bankBalance(b.date) - bookBalance(b.date));
    }
    expect(balances.at(-1)).toMatchObject({ date: '2025-03-31' });
  });

  it('saves a month’s 调节表 after month end, read-only once another person signs it, redone as a new version', async () => {
    const s = await importedBank();
    await s.accountant('reconcile.bank.autoMatch', { account: ACCOUNT });
    // The statement arrives after month end: January is closed in all three books first.
    for (const book of ['东风社区', '西山社区', '南塘社区'])
      await s.accountant('period.close', { book, period: '2025-01' });
    expect(await s.accountant('reconcile.bank.save', { account: ACCOUNT, period: '2025-01' })).toMatchObject({
      version: 1,
    });
    const model = (
      await s.accountant('reconcile.report', { report: 'bank', account: ACCOUNT, to: '2025-01' })
    ).model;
    expect(model.rows[0]!.cells).toMatchObject({ left: '单位银行存款日记账余额', right: '银行对账单余额' });
    expect(model.rows[3]!.cells.leftAmount).toBe(model.rows[3]!.cells.rightAmount);
    let r = await s.accountant('reconcile.bank.reconciliation', { account: ACCOUNT, period: '2025-01' });
    expect(r).toMatchObject({ readOnly: false, changed: false, version: null });
    expect(r.versions).toEqual([
      expect.objectContaining({ version: 1, preparedBy: '王会计', signedBy: null }),
    ]);
    // Saved again while unsigned: still version 1.
    await s.accountant('reconcile.bank.save', { account: ACCOUNT, period: '2025-01' });
    // The preparer cannot sign, nor can an accountant; a reviewer can.
    expect(
      (await refused(s.accountant('reconcile.bank.sign', { account: ACCOUNT, period: '2025-01' }))).code,
    ).toBe('forbidden');
    expect(await s.reviewer('reconcile.bank.sign', { account: ACCOUNT, period: '2025-01' })).toMatchObject({
      version: 1,
      signedBy: '李审核',
    });
    r = await s.accountant('reconcile.bank.reconciliation', { account: ACCOUNT, period: '2025-01' });
    expect(r).toMatchObject({ readOnly: true, version: { version: 1, signedBy: '李审核' } });
    const signed = (
      await s.accountant('reconcile.report', { report: 'bank', account: ACCOUNT, to: '2025-01' })
    ).model;
    expect(signed.signatures![0]!.map((x) => x.name)).toEqual(['王会计', '李审核', '2025-06-30']);
    expect(() => s.centre.db.prepare('UPDATE bank_reconciliation SET balanced = 0').run()).toThrow(/只读/);
    expect(() => s.centre.db.prepare('DELETE FROM bank_reconciliation').run()).toThrow(/不能删除/);
    // Nothing changed: redoing it is refused. A January line that reaches the centre late changes the
    // month: it is redone as version 2, and version 1 stays as it was signed.
    expect(
      (await refused(s.accountant('reconcile.bank.save', { account: ACCOUNT, period: '2025-01' }))).message,
    ).toContain('无需重新编制');
    const late = writeCsv(
      [bankHeader, ['2025-01-31', 'B0131009', '结息', '', '', '3.21', '235998.21']],
      '补充对账单.csv',
    );
    await s.accountant('reconcile.bank.import', { file: late, account: ACCOUNT });
    r = await s.accountant('reconcile.bank.reconciliation', { account: ACCOUNT, period: '2025-01' });
    expect(r).toMatchObject({ readOnly: true, changed: true, bankBalance: '235995.00' });
    expect(await s.accountant('reconcile.bank.save', { account: ACCOUNT, period: '2025-01' })).toMatchObject({
      version: 2,
    });
    r = await s.accountant('reconcile.bank.reconciliation', { account: ACCOUNT, period: '2025-01' });
    // Version 2 is an unsigned draft: the month is shown as computed now.
    expect(r).toMatchObject({ readOnly: false, changed: false, version: null, bankBalance: '235998.21' });
    expect(r.bankReceived.map((i) => i.amount)).toEqual(['3.21']);
    expect(r.versions.map((v) => [v.version, v.signedBy])).toEqual([
      [1, '李审核'],
      [2, null],
    ]);
    const first = await s.accountant('reconcile.bank.reconciliation', {
      account: ACCOUNT,
      period: '2025-01',
      version: 1,
    });
    expect(first).toMatchObject({ readOnly: true, bankBalance: '235995.00', bankReceived: [] });
    const audit = await s.accountant('audit.list', { entity: 'bank_reconciliation', limit: 10 });
    expect(audit.map((a) => `${a.operator} ${a.action} ${JSON.stringify(a.after)}`).reverse()).toEqual([
      expect.stringMatching(/^王会计 reconcile.bank.save .*"version":1/),
      expect.stringMatching(/^王会计 reconcile.bank.save .*"version":1/),
      expect.stringMatching(/^李审核 reconcile.bank.sign .*"version":1/),
      expect.stringMatching(/^王会计 reconcile.bank.save .*"version":2/),
    ]);
  });

  it('saves no month that does not balance', async () => {
    const s = await importedBank();
    await s.accountant('reconcile.bank.autoMatch', { account: ACCOUNT });
    // February cannot be saved before its lines are imported and matched: it does not balance.
    await s.accountant('reconcile.bank.import', {
      file: s.second,
      account: ACCOUNT,
      duplicates: { '3': 'skip', '4': 'skip' },
    });
    const feb = await s.accountant('reconcile.bank.reconciliation', { account: ACCOUNT, period: '2025-02' });
    expect(feb.balanced).toBe(false); // the second 2.00 fee was skipped wrongly: the bank's balance says otherwise
    expect(
      (await refused(s.accountant('reconcile.bank.save', { account: ACCOUNT, period: '2025-02' }))).message,
    ).toContain('调节后余额不等');
  });
});
