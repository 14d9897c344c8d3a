import { describe, expect, it } from 'vitest';
import { as, openTestCentre, refused } from './support/centre.js';
import { writeCsv } from './support/files.js';
import { onTestFinished } from 'vitest';

/**
 * The corners of reconciliation: a community with two dedicated accounts, one voucher booking two
 * funds, a statement printed newest first, a 流水号 shared by two lines, a red voucher written before
 * matching, an alias that meets a real name, a closed month.
 */

const ACC1 = '6222000011112222';
const ACC2 = '6222000033334444';

async function centre() {
  const c = openTestCentre();
  onTestFinished(() => c.close());
  await as(c)('operator.add', { name: '周主管', role: 'supervisor' });
  const boss = as(c, '周主管');
  await boss('operator.add', { name: '王会计', role: 'accountant' });
  await boss('operator.add', { name: '李审核', role: 'reviewer' });
  const accountant = as(c, '王会计');
  const reviewer = as(c, '李审核');
  await boss('community.add', {
    name: '东风社区',
    code: 'DF',
    kind: 'urban',
    bankAccounts: [
      { bankName: '鹿城农商银行', accountNumber: ACC1, ledgerCode: '100201' },
      { bankName: '工商银行', accountNumber: ACC2, ledgerCode: '100202' },
    ],
  });
  await accountant('book.create', { community: '东风社区', startPeriod: '2025-01' });
  await accountant('account.add', { book: '东风社区', code: '100202', name: '工行户' });
  await accountant('opening.set', {
    book: '东风社区',
    balances: [
      { account: '100201', debit: '50000.00' },
      { account: '3101', credit: '50000.00' },
    ],
  });
  const post = async (
    date: string,
    lines: Array<{ account: string; debit?: string; credit?: string; summary?: string }>,
  ) => {
    const v = await accountant('voucher.save', {
      book: '东风社区',
      date,
      lines: lines.map((l) => ({ summary: '摘要', ...l })),
    });
    await reviewer('voucher.review', { book: '东风社区', voucher: v.id });
    await reviewer('voucher.post', { book: '东风社区', voucher: v.id });
    return v.id;
  };
  return { c, boss, accountant, reviewer, post };
}

const bankHeader = ['日期', '流水号', '摘要', '收入', '支出', '余额'];

describe('reconciliation corners', () => {
  it('keeps each dedicated account to its own ledger sub-account', async () => {
    const s = await centre();
    await s.post('2025-01-10', [
      { account: '100202', debit: '5000.00' },
      { account: '410101', credit: '5000.00' },
    ]);
    await s.post('2025-01-12', [
      { account: '520101', debit: '200.00' },
      { account: '100201', credit: '200.00' },
    ]);
    const file = writeCsv([bankHeader, ['2025-01-12', 'A1', '付款', '', '200.00', '49800.00']], 'acc1.csv');
    await s.accountant('reconcile.bank.import', { file, account: ACC1 });
    await s.accountant('reconcile.bank.autoMatch', { account: ACC1 });
    const r = await s.accountant('reconcile.bank.reconciliation', { account: ACC1, period: '2025-01' });
    expect(r).toMatchObject({
      bookBalance: '49800.00',
      bankBalance: '49800.00',
      balanced: true,
      bookReceived: [],
    });
    const list = await s.accountant('reconcile.bank.list', { account: ACC2 });
    expect(list.book.map((l) => l.amount)).toEqual(['5000.00']);
  });

  it('reads the closing balance of a day printed newest first', async () => {
    const s = await centre();
    await s.post('2025-03-31', [
      { account: '100201', debit: '1000.00' },
      { account: '490101', credit: '1000.00' },
    ]);
    await s.post('2025-03-31', [
      { account: '520101', debit: '200.00' },
      { account: '100201', credit: '200.00' },
    ]);
    // Newest first: the 支出 happened last, after the 收入.
    const file = writeCsv(
      [
        bankHeader,
        ['2025-03-31', 'N2', '付款', '', '200.00', '50800.00'],
        ['2025-03-31', 'N1', '利息', '1000.00', '', '51000.00'],
      ],
      'newest-first.csv',
    );
    await s.accountant('reconcile.bank.import', { file, account: ACC1 });
    await s.accountant('reconcile.bank.autoMatch', { account: ACC1 });
    const r = await s.accountant('reconcile.bank.reconciliation', { account: ACC1, period: '2025-03' });
    expect(r).toMatchObject({ bookBalance: '50800.00', bankBalance: '50800.00', balanced: true });
  });

  it('imports each bank line once even when a 流水号 carries two lines, or a later export adds the 流水号', async () => {
    const s = await centre();
    const shared = writeCsv(
      [
        bankHeader,
        ['2025-02-01', 'R77', '转账', '', '1000.00', '49000.00'],
        ['2025-02-01', 'R77', '手续费', '', '5.00', '48995.00'],
      ],
      'shared.csv',
    );
    await s.accountant('reconcile.bank.import', { file: shared, account: ACC1 });
    const again = await s.accountant('reconcile.bank.import', { file: shared, account: ACC1 });
    expect(again).toMatchObject({ imported: 0 });
    expect(again.skipped.map((x) => x.row)).toEqual([2, 3]);
    // The first export had no 流水号 column; the next one has it: the overlap is asked about, not doubled.
    const noRef = writeCsv(
      [
        ['日期', '摘要', '收入', '支出', '余额'],
        ['2025-02-03', '取现', '', '300.00', '48695.00'],
      ],
      'noref.csv',
    );
    await s.accountant('reconcile.bank.import', { file: noRef, account: ACC1 });
    const withRef = writeCsv(
      [bankHeader, ['2025-02-03', 'Q1', '取现', '', '300.00', '48695.00']],
      'withref.csv',
    );
    const error = await refused(
      s.accountant('reconcile.bank.import', {
        file: withRef,
        account: ACC1,
        columns: { reference: '流水号' },
      }),
    );
    expect(error.rows[0]!.message).toContain('对账单无流水号可比');
  });

  it('will not match a voucher being reversed, nor post the reversal of a matched one', async () => {
    const s = await centre();
    const paid = await s.post('2025-01-12', [
      { account: '520101', debit: '200.00' },
      { account: '100201', credit: '200.00' },
    ]);
    const file = writeCsv([bankHeader, ['2025-01-12', 'A1', '付款', '', '200.00', '49800.00']], 'acc1.csv');
    await s.accountant('reconcile.bank.import', { file, account: ACC1 });
    const red = await s.accountant('voucher.reverse', {
      book: '东风社区',
      voucher: paid,
      date: '2025-01-20',
    });
    expect(await s.accountant('reconcile.bank.autoMatch', { account: ACC1 })).toEqual([]);
    const list = await s.accountant('reconcile.bank.list', { account: ACC1 });
    const manual = await refused(
      s.accountant('reconcile.bank.match', {
        account: ACC1,
        bankLines: [list.bank[0]!.id],
        bookLines: [{ voucherId: paid, lineNo: 2 }],
      }),
    );
    expect(manual.message).toContain('已被红字冲销');
    // The other order: matched first, then a red voucher cannot be written (or posted) until unmatched.
    await s.accountant('voucher.delete', { book: '东风社区', voucher: red.id });
    const [match] = await s.accountant('reconcile.bank.autoMatch', { account: ACC1 });
    expect(match).toBeDefined();
    expect(
      (
        await refused(
          s.accountant('voucher.reverse', { book: '东风社区', voucher: paid, date: '2025-01-20' }),
        )
      ).message,
    ).toContain('请先取消勾对');
    // Once the month is closed the match stays.
    await s.accountant('period.close', { book: '东风社区', period: '2025-01' });
    expect((await refused(s.accountant('reconcile.unmatch', { kind: 'bank', match: match!.id }))).code).toBe(
      'period_closed',
    );
  });

  it('matches a red-ink pair in the books with itself: a voucher with its reversal automatically, any +x/−x pair by hand', async () => {
    const s = await centre();
    const book = '东风社区';
    const wrong = await s.post('2025-01-10', [
      { account: '100201', debit: '1500.00', summary: '收到捐款（误记）' },
      { account: '410101', credit: '1500.00' },
    ]);
    const red = await s.accountant('voucher.reverse', { book, voucher: wrong, date: '2025-01-15' });
    await s.reviewer('voucher.review', { book, voucher: red.id });
    await s.reviewer('voucher.post', { book, voucher: red.id });
    // A payment corrected by a red-ink voucher written by hand (no reversal link).
    await s.post('2025-01-20', [
      { account: '520101', debit: '800.00' },
      { account: '100201', credit: '800.00', summary: '付办公用品款' },
    ]);
    await s.post('2025-01-22', [
      { account: '520101', debit: '-800.00' },
      { account: '100201', credit: '-800.00', summary: '冲回办公用品款' },
    ]);
    await s.post('2025-01-31', [
      { account: '100201', debit: '10.00', summary: '利息' },
      { account: '490101', credit: '10.00' },
    ]);
    const file = writeCsv([bankHeader, ['2025-01-31', 'I1', '结息', '10.00', '', '50010.00']], 'jan.csv');
    await s.accountant('reconcile.bank.import', { file, account: ACC1 });

    const made = await s.accountant('reconcile.bank.autoMatch', { account: ACC1 });
    expect(made.map((m) => m.reason)).toEqual([
      expect.stringMatching(/^金额、日期一致/),
      expect.stringMatching(/^红字冲销：记-0002 冲销 记-0001，账内对冲$/),
    ]);
    const list = await s.accountant('reconcile.bank.list', { account: ACC1 });
    const pair = list.book.filter((l) => l.voucherId === wrong || l.voucherId === red.id);
    expect(pair.map((l) => l.amount)).toEqual(['1500.00', '-1500.00']);
    expect(new Set(pair.map((l) => l.matchId)).size).toBe(1);
    expect(pair[0]!.matchId).not.toBeNull();

    // The hand-written pair is outstanding on both sides until it is matched.
    let r = await s.accountant('reconcile.bank.reconciliation', { account: ACC1, period: '2025-01' });
    expect([r.bookPaid.map((i) => i.amount), r.bookReceived.map((i) => i.amount)]).toEqual([
      ['800.00'],
      ['800.00'],
    ]);
    const open = list.book.filter((l) => l.matchId === null);
    expect(open.map((l) => l.amount)).toEqual(['-800.00', '800.00']);
    const interest = list.book.find((l) => l.amount === '10.00')!;
    // Book lines alone must cancel out; the lines of a voucher reversed in red match nothing else.
    const uneven = await refused(
      s.accountant('reconcile.bank.match', {
        account: ACC1,
        bankLines: [],
        bookLines: [{ voucherId: open[0]!.voucherId, lineNo: open[0]!.lineNo }],
      }),
    );
    expect(uneven.message).toContain('账内对冲的分录合计须为零');
    await s.accountant('reconcile.unmatch', { kind: 'bank', match: pair[0]!.matchId! });
    await s.accountant('reconcile.unmatch', { kind: 'bank', match: interest.matchId! });
    const mixed = await refused(
      s.accountant('reconcile.bank.match', {
        account: ACC1,
        bankLines: [list.bank[0]!.id],
        bookLines: [...pair, interest].map((l) => ({ voucherId: l.voucherId, lineNo: l.lineNo })),
      }),
    );
    expect(mixed.message).toContain('红字冲销');
    const byHand = await s.accountant('reconcile.bank.match', {
      account: ACC1,
      bankLines: [],
      bookLines: open.map((l) => ({ voucherId: l.voucherId, lineNo: l.lineNo })),
    });
    expect(byHand.reason).toBe('账内对冲（手工）');
    expect(await s.accountant('reconcile.bank.autoMatch', { account: ACC1 })).toHaveLength(2);
    r = await s.accountant('reconcile.bank.reconciliation', { account: ACC1, period: '2025-01' });
    expect(r).toMatchObject({
      bookPaid: [],
      bookReceived: [],
      bankPaid: [],
      bankReceived: [],
      balanced: true,
    });
    // Matched lines are listed with their match; the pair's match has no statement line.
    const audit = await s.accountant('audit.list', { entity: 'rec_match', limit: 1 });
    expect(audit[0]!.action).toBe('reconcile.bank.autoMatch');
  });

  it('matches the two funds of one voucher to their own allocations', async () => {
    const s = await centre();
    await s.post('2025-03-25', [
      { account: '100201', debit: '125000.00' },
      { account: '44010101', credit: '50000.00' },
      { account: '44010102', credit: '75000.00' },
    ]);
    const header = ['日期', '社区', '资金性质', '文号', '金额'];
    const base = writeCsv([header, ['2025-03-20', '东风社区', '基础经费', 'D1', '50000.00']], 'd1.csv');
    await s.accountant('reconcile.allocations.import', {
      file: base,
      source: '区财政',
      columns: { date: '日期', community: '社区', fund: '资金性质', document: '文号', amount: '金额' },
    });
    expect(await s.accountant('reconcile.allocations.autoMatch', {})).toHaveLength(1);
    const household = writeCsv([header, ['2025-03-20', '东风社区', '按户经费', 'D2', '75000.00']], 'd2.csv');
    await s.accountant('reconcile.allocations.import', { file: household, source: '区财政' });
    expect(await s.accountant('reconcile.allocations.autoMatch', {})).toHaveLength(1);
    const list = await s.accountant('reconcile.allocations.list', {});
    expect(list.allocations.every((a) => a.matchId !== null)).toBe(true);
    expect(new Set(list.receipts.map((r) => r.matchId)).size).toBe(2);
  });

  it('lets a real community name win over an alias confirmed before it existed', async () => {
    const s = await centre();
    const header = ['日期', '社区', '资金性质', '文号', '金额'];
    const columns = { date: '日期', community: '社区', fund: '资金性质', document: '文号', amount: '金额' };
    const file = writeCsv([header, ['2025-03-20', '东风', '基础经费', 'D1', '100.00']], 'alias.csv');
    await s.accountant('reconcile.allocations.import', {
      file,
      source: '区财政',
      columns,
      aliases: { 东风: '东风社区' },
    });
    await s.boss('community.add', { name: '东风', code: 'DF2', kind: 'urban' });
    const preview = await s.accountant('reconcile.allocations.preview', { file, source: '区财政' });
    expect(preview.rows[0]!.community).toBe('东风');
  });

  it('saves no 调节表 for a month without a statement', async () => {
    const s = await centre();
    const file = writeCsv([bankHeader, ['2025-01-12', 'A1', '利息', '10.00', '', '50010.00']], 'jan.csv');
    await s.accountant('reconcile.bank.import', { file, account: ACC1 });
    const error = await refused(s.accountant('reconcile.bank.save', { account: ACC1, period: '2025-02' }));
    expect(error.message).toContain('没有导入银行对账单');
  });
});
