import fs from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { as, openTestCentre, refused, seededForTest } from './support/centre.js';
import { quarterOfVouchers, voucherHeader, writeCsv, writeXlsx, type Encoding } from './support/files.js';

const book = '东风社区';

describe('importing vouchers', () => {
  for (const encoding of ['utf-8', 'utf-8-bom', 'gb18030'] as Encoding[]) {
    it(`reads a ${encoding} CSV: rows with the same month, word and number form one voucher`, async () => {
      const s = await seededForTest();
      const file = writeCsv(quarterOfVouchers(), `凭证-${encoding}.csv`, encoding);
      const result = await s.accountant('voucher.import', { book, file });
      expect(result).toMatchObject({
        vouchers: 5,
        lines: 11,
        posted: false,
        first: '2025-01 记-0001',
        last: '2025-03 记-0002',
      });
      const list = await s.accountant('voucher.list', { book });
      expect(list.map((v) => [v.period, v.ref, v.status, v.amount, v.summary])).toEqual([
        ['2025-01', '记-0001', 'draft', '25000.00', '收到区财政拨付社区工作经费(基础经费)'],
        ['2025-01', '记-0002', 'draft', '1234.56', '支付1月份水电费'],
        ['2025-02', '记-0001', 'draft', '1250.50', '重阳节敬老活动'],
        ['2025-03', '记-0001', 'draft', '600.00', '收取车棚场地租用费'],
        ['2025-03', '记-0002', 'draft', '-35.00', '冲减多记的办公费'],
      ]);
      const activity = await s.accountant('voucher.get', { book, voucher: '2025-02 记-1' });
      expect(activity.attachments).toBe(3);
      expect(activity.lines.map((l) => [l.accountCode, l.debit, l.credit, l.project, l.item])).toEqual([
        ['510102', '800.00', '0.00', '敬老活动', null],
        ['510103', '450.50', '0.00', null, null],
        ['1001', '0.00', '1250.50', null, '居民活动经费'],
      ]);
      // The blank summary of a following line repeats the one above.
      const bills = await s.accountant('voucher.get', { book, voucher: '2025-01 记-2' });
      expect(bills.lines[1]!.summary).toBe('支付1月份水电费');
    });
  }

  it('reads the same layout from .xlsx, with dates and numbers as Excel stores them', async () => {
    const s = await seededForTest();
    const rows = quarterOfVouchers().map((row, i) =>
      i === 0
        ? row
        : row.map((cell, c) =>
            c === 0
              ? new Date(`${cell}T00:00:00Z`)
              : (c === 6 || c === 7) && cell !== ''
                ? Number(String(cell).replace(/,/g, ''))
                : cell,
          ),
    );
    const file = await writeXlsx(rows, '凭证.xlsx');
    const result = await s.accountant('voucher.import', { book, file });
    expect(result.vouchers).toBe(5);
    const bills = await s.accountant('voucher.get', { book, voucher: '2025-01 记-2' });
    expect(bills.debitTotal).toBe('1234.56');
  });

  it('takes a file picked in the browser as its name and base64 bytes', async () => {
    const s = await seededForTest();
    const bytes = fs.readFileSync(writeCsv(quarterOfVouchers(), 'x.csv', 'gb18030'));
    const result = await s.accountant('voucher.import', {
      book,
      file: { name: '2025年凭证.csv', content: bytes.toString('base64') },
    });
    expect(result).toMatchObject({ source: '2025年凭证.csv', vouchers: 5 });
    const error = await refused(
      s.accountant('voucher.import', { book, file: { name: '凭证.xls', content: 'AAAA' } }),
    );
    expect(error.message).toContain('旧版 Excel');
  });

  it('imports a closed history as reviewed and posted, and says so in the audit log', async () => {
    const s = await seededForTest();
    const file = writeCsv(quarterOfVouchers());
    const result = await s.accountant('voucher.import', { book, file, reviewer: '李审核' });
    expect(result.posted).toBe(true);
    const list = await s.accountant('voucher.list', { book });
    expect(new Set(list.map((v) => [v.status, v.preparedBy, v.reviewedBy, v.postedBy].join()))).toEqual(
      new Set(['posted,王会计,李审核,李审核']),
    );
    const [entry] = await s.overseer('audit.list', { book, entity: 'voucher' });
    expect(entry).toMatchObject({
      action: 'import.vouchers',
      operator: '王会计',
      after: { vouchers: 5, posted: true, reviewer: '李审核' },
    });
    // The accountant may not name themself as the reviewer.
    expect(
      (
        await refused(
          s.accountant('voucher.import', { book, file: writeCsv(quarterOfVouchers()), reviewer: '王会计' }),
        )
      ).code,
    ).toBe('forbidden');
  });

  it('importing the same vouchers twice is refused, naming the clashing numbers', async () => {
    const s = await seededForTest();
    const file = writeCsv(quarterOfVouchers());
    await s.accountant('voucher.import', { book, file });
    const error = await refused(s.accountant('voucher.import', { book, file }));
    expect(error.code).toBe('import_failed');
    const messages = error.rows.map((r) => r.message).join('\n');
    expect(messages).toContain('2025-01 已有凭证 记-0001 至 记-0002，文件中的 记-0001、记-0002 与之重复');
    expect(messages).toContain('2025-03');
    expect(await s.accountant('voucher.list', { book })).toHaveLength(5);
  });

  const broken: Array<[string, (rows: Array<Array<string | number>>) => void, RegExp, number?]> = [
    ['a missing column', (rows) => rows.forEach((r) => r.splice(7, 1)), /缺少列：贷方金额/],
    ['an unknown account', (rows) => (rows[3]![4] = '520188'), /科目 520188 不存在/, 4],
    ['a parent account', (rows) => (rows[3]![4] = '5201'), /5201 管理费用 有下级科目/, 4],
    ['an unbalanced voucher', (rows) => (rows[4]![7] = '1234.50'), /借贷不平：借方 1234.56，贷方 1234.50/, 4],
    ['a bad amount', (rows) => (rows[5]![6] = '80O.00'), /借方金额/, 6],
    ['three decimals', (rows) => (rows[5]![6] = '800.001'), /最多两位小数/, 6],
    ['a bad date', (rows) => (rows[5]![0] = '2025-02-30'), /日期.*“2025-02-30”不是有效日期/, 6],
    [
      'a gap in the numbers',
      (rows) => rows.slice(3, 5).forEach((r) => (r[2] = 3)),
      /凭证号不连续：应为 记-0002，文件中是 记-0003/,
      4,
    ],
    [
      'a date before the book starts',
      (rows) => rows.slice(1, 3).forEach((r) => (r[0] = '2024-12-31')),
      /早于账套启用期间/,
      2,
    ],
    [
      'an unknown disclosure item',
      (rows) => (rows[1]![9] = '乱七八糟'),
      /收支项目“乱七八糟”不在本账套的收支项目表中/,
      2,
    ],
  ];
  for (const [what, breakIt, message, row] of broken) {
    it(`refuses a file with ${what}, names the row and writes nothing`, async () => {
      const s = await seededForTest();
      const rows = quarterOfVouchers();
      breakIt(rows);
      const auditBefore = await s.overseer('audit.list', {});
      const error = await refused(
        s.accountant('voucher.import', { book, file: writeCsv(rows, 'broken.csv') }),
      );
      expect(error.code).toBe('import_failed');
      const all = [error.message, ...error.rows.map((r) => `${r.row} ${r.column} ${r.message}`)].join('\n');
      expect(all).toMatch(message);
      if (row !== undefined) expect(error.rows.map((r) => r.row)).toContain(row);
      expect(await s.accountant('voucher.list', { book })).toEqual([]);
      expect(await s.overseer('audit.list', {})).toEqual(auditBefore);
      const dims = await s.accountant('dimension.list', { book });
      expect(dims.projects).toEqual([]);
    });
  }

  it('lists every bad row at once so the file can be fixed in one pass', async () => {
    const s = await seededForTest();
    const rows = quarterOfVouchers();
    rows[3]![4] = '9999';
    rows[5]![6] = 'abc';
    rows[8]![0] = '2025/13/01';
    const error = await refused(s.accountant('voucher.import', { book, file: writeCsv(rows) }));
    expect(error.rows.map((r) => r.row)).toEqual([4, 6, 9]);
  });

  it('reports an unreadable amount and an unknown account of the same voucher in one round', async () => {
    const s = await seededForTest();
    const rows = quarterOfVouchers();
    // Row 2 and row 3 are the two lines of 记-0001: a typo in one amount, a wrong code on the other line.
    rows[1]![6] = '5O000.00';
    rows[2]![4] = '440199';
    const error = await refused(s.accountant('voucher.import', { book, file: writeCsv(rows) }));
    expect(error.rows.map((r) => [r.row, r.column])).toEqual([
      [2, '借方金额'],
      [3, '科目编码'],
    ]);
  });

  it('refuses rows of one voucher that are not together', async () => {
    const s = await seededForTest();
    const rows = [voucherHeader, ...quarterOfVouchers().slice(1, 5)];
    rows.push(['2025-01-06', '记', 1, '又是记-1', '100201', '', '1.00', '', '', '', '']);
    const error = await refused(s.accountant('voucher.import', { book, file: writeCsv(rows) }));
    expect(error.rows[0]).toMatchObject({ row: 6, column: '凭证号' });
    expect(error.rows[0]!.message).toContain('分录不连续');
  });
});

describe('charts and opening balances from files', () => {
  it('creates a book from an imported chart file, with parents found by code', async () => {
    const centre = openTestCentre();
    onTestFinished(() => centre.close());
    await as(centre)('operator.add', { name: '周主管', role: 'supervisor' });
    const boss = as(centre, '周主管');
    await boss('community.add', { name: '西山社区', kind: 'rural' });
    const chart = writeCsv(
      [
        ['科目编码', '科目名称', '余额方向'],
        ['1001', '库存现金', '借'],
        ['1002', '银行存款', '借'],
        ['100201', '农商行专户', ''],
        ['3101', '非限定性净资产', '贷'],
        ['4401', '政府补助收入', '贷'],
        ['440101', '非限定性收入', ''],
        ['5101', '业务活动成本', '借'],
      ],
      '科目.csv',
      'gb18030',
    );
    const created = await boss('book.create', {
      community: '西山社区',
      startPeriod: '2025-07',
      chartFile: chart,
    });
    expect(created.chart).toBe('科目.csv');
    const accounts = await boss('account.list', { book: '西山社区' });
    expect(accounts.map((a) => [a.code, a.fullName, a.normalSide, a.level, a.isLeaf])).toEqual([
      ['1001', '库存现金', 'debit', 1, true],
      ['1002', '银行存款', 'debit', 1, false],
      ['100201', '银行存款/农商行专户', 'debit', 2, true],
      ['3101', '非限定性净资产', 'credit', 1, true],
      ['4401', '政府补助收入', 'credit', 1, false],
      ['440101', '政府补助收入/非限定性收入', 'credit', 2, true],
      ['5101', '业务活动成本', 'debit', 1, true],
    ]);
  });

  it('refuses a chart with orphans, bad sides and duplicates, listing every row at once', async () => {
    const centre = openTestCentre();
    onTestFinished(() => centre.close());
    await as(centre)('operator.add', { name: '周主管', role: 'supervisor' });
    const boss = as(centre, '周主管');
    await boss('community.add', { name: '西山社区', kind: 'rural' });
    const chart = writeCsv([
      ['科目编码', '科目名称', '余额方向'],
      ['1001', '库存现金', '借'],
      ['100201', '专户', ''],
      ['1001', '现金', '借'],
      ['2209', '其他应付款', '欠'],
      ['6001', '主营业务收入', '贷'],
    ]);
    const error = await refused(
      boss('book.create', { community: '西山社区', startPeriod: '2025-07', chartFile: chart }),
    );
    // Every problem of the file in one list: what the reader could not read and what the chart lacks.
    expect(error.rows.map((r) => [r.row, r.column])).toEqual([
      [3, '科目编码'],
      [4, '科目编码'],
      [5, '余额方向'],
      [6, '科目编码'],
    ]);
    expect(error.rows.map((r) => r.message).join()).toMatch(
      /100201 专户 缺少上级科目.*1001 重复.*余额方向：“欠”无效.*首位应为 1–5/,
    );
    expect(await boss('book.list', {})).toEqual([]);
  });

  it('imports opening balances, shows whether they balance, and refuses bad rows', async () => {
    const s = await seededForTest();
    const file = writeCsv([
      ['科目编码', '期初借方', '期初贷方'],
      ['1001', '1,200.00', ''],
      ['100201', '88000.50', ''],
      ['3101', '', '89200.50'],
    ]);
    const result = await s.accountant('opening.import', { book, file });
    expect(result).toMatchObject({ debitTotal: '89200.50', creditTotal: '89200.50', balanced: true });
    expect(result.rows.map((r) => [r.code, r.name, r.debit, r.credit])).toEqual([
      ['1001', '现金', '1200.00', '0.00'],
      ['100201', '银行存款/社区专户', '88000.50', '0.00'],
      ['3101', '非限定性净资产', '0.00', '89200.50'],
    ]);
    const bad = writeCsv([
      ['科目编码', '期初借方', '期初贷方'],
      ['1002', '5.00', ''],
      ['1001', '5.00', '5.00'],
      ['3101', '', '-5'],
    ]);
    const error = await refused(s.accountant('opening.import', { book, file: bad }));
    expect(error.rows.map((r) => r.row)).toEqual([2, 3, 4]);
    // Every problem of a row, not only its first: an unknown code and an unreadable amount.
    const twice = writeCsv([
      ['科目编码', '期初借方', '期初贷方'],
      ['1009999', '12,OO0.00', ''],
    ]);
    const both = await refused(s.accountant('opening.import', { book, file: twice }));
    expect(both.rows.map((r) => [r.row, r.column])).toEqual([
      [2, '科目编码'],
      [2, '期初借方'],
    ]);
    expect((await s.accountant('opening.get', { book })).debitTotal).toBe('89200.50');
  });
});
