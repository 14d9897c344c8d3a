import { describe, expect, it, onTestFinished } from 'vitest';
import { as, openTestCentre } from './support/centre.js';
import { writeCsv } from './support/files.js';

/**
 * Why an allocation or a booking is unmatched, when the evidence is thin: district finance pays every
 * community the same base grant, so "same fund and amount in another community's books" alone says
 * nothing. 串户 needs evidence (the document, or an allocation and a booking that nothing else explains
 * in a community the statement covers); 金额不符 follows the document; a community the statement does
 * not list is 未达, and one's own booking is 待勾对 before matching.
 */

const header = ['拨款日期', '社区', '资金性质', '文号', '金额'];
const columns = { date: '拨款日期', community: '社区', fund: '资金性质', document: '文号', amount: '金额' };

async function centre() {
  const c = openTestCentre();
  onTestFinished(() => c.close());
  await as(c)('operator.add', { name: '周主管', role: 'supervisor' });
  const boss = as(c, '周主管');
  await boss('operator.add', { name: '王会计', role: 'accountant' });
  await boss('operator.add', { name: '李审核', role: 'reviewer' });
  const accountant = as(c, '王会计');
  const reviewer = as(c, '李审核');
  for (const [name, code] of [
    ['东风社区', 'DF'],
    ['西山社区', 'XS'],
    ['南塘社区', 'NT'],
  ] as const) {
    await boss('community.add', { name, code, kind: 'urban' });
    await accountant('book.create', { community: name, startPeriod: '2025-01' });
  }
  /** A posted receipt of district money: by grant.receive when a document is given, else by hand. */
  const book = async (
    community: string,
    date: string,
    amount: string,
    options: { document?: string; summary?: string; account?: string } = {},
  ) => {
    let id: number;
    if (options.document) {
      const receipt = await accountant('grant.receive', {
        book: community,
        source: 'base',
        amount,
        date,
        document: options.document,
      });
      id = receipt.voucher.id;
    } else {
      const summary = options.summary ?? '收到基础经费';
      const saved = await accountant('voucher.save', {
        book: community,
        date,
        lines: [
          { account: '100201', summary, debit: amount },
          { account: options.account ?? '44010101', summary, credit: amount },
        ],
      });
      id = saved.id;
    }
    await reviewer('voucher.review', { book: community, voucher: id });
    await reviewer('voucher.post', { book: community, voucher: id });
    return id;
  };
  const statement = (rows: string[][]) =>
    accountant('reconcile.allocations.import', {
      file: writeCsv([header, ...rows], '拨款.csv'),
      source: '鹿城区财政局',
      columns,
    });
  const exceptions = () => accountant('reconcile.allocations.exceptions', { asOf: '2025-06-30' });
  return { accountant, book, statement, exceptions };
}

const reasonOf = (list: Array<{ community: string; reason: string }>, community: string, also = '') =>
  list.filter((x) => x.community === community && JSON.stringify(x).includes(also)).map((x) => x.reason);

describe('the reasons of unmatched allocations and bookings', () => {
  it('says 金额不符 for an allocation booked with another amount under its document, and matches no other document to that booking', async () => {
    const s = await centre();
    await s.book('东风社区', '2025-01-16', '50000.00', { document: '鹿财社〔2025〕1号' });
    await s.statement([
      ['2025-01-15', '东风社区', '基础经费', '鹿财社〔2025〕1号', '49000.00'],
      // A second base allocation of the amount the books show, not yet booked.
      ['2025-01-20', '东风社区', '基础经费', '鹿财社〔2025〕2号', '50000.00'],
    ]);
    // The booking names document 1: it is no candidate for document 2, whatever its amount.
    expect(await s.accountant('reconcile.allocations.autoMatch', {})).toEqual([]);
    const e = await s.exceptions();
    expect(reasonOf(e.allocations, '东风社区', '1号')).toEqual([
      expect.stringMatching(/^金额不符：账上2025-01-16 记-0001 入账 50,000.00，差额 -1,000.00$/),
    ]);
    expect(reasonOf(e.allocations, '东风社区', '2号')).toEqual([expect.stringMatching(/^未入账/)]);
    // The booking's side names the allocation of its own document.
    expect(e.receipts.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^金额不符：对账单2025-01-15 鹿财社〔2025〕1号 拨付 49,000.00/),
    ]);
  });

  it('follows the document for 金额不符 however late the booking', async () => {
    const s = await centre();
    await s.book('东风社区', '2025-03-20', '50000.00', { document: '鹿财社〔2025〕1号' });
    await s.statement([['2025-01-15', '东风社区', '基础经费', '鹿财社〔2025〕1号', '49000.00']]);
    const e = await s.exceptions();
    expect(e.allocations.map((a) => a.reason)).toEqual([expect.stringMatching(/^金额不符：账上2025-03-20/)]);
    expect(e.receipts.map((r) => r.reason)).toEqual([expect.stringMatching(/^金额不符：对账单2025-01-15/)]);
  });

  it('says 待勾对, not 串户, for each community’s own booking before matching', async () => {
    const s = await centre();
    await s.book('东风社区', '2025-01-16', '50000.00');
    await s.book('西山社区', '2025-01-17', '50000.00');
    await s.statement([
      ['2025-01-15', '东风社区', '基础经费', '', '50000.00'],
      ['2025-01-15', '西山社区', '基础经费', '', '50000.00'],
    ]);
    const e = await s.exceptions();
    expect(e.allocations.map((a) => a.reason)).toEqual([
      expect.stringMatching(/^待勾对：账上2025-01-16 记-0001 入账金额相同/),
      expect.stringMatching(/^待勾对：账上2025-01-17 记-0001 入账金额相同/),
    ]);
    expect(e.receipts.map((r) => `${r.community} ${r.reason}`)).toEqual([
      expect.stringMatching(/^东风社区 待勾对：对账单2025-01-15 拨付金额相同/),
      expect.stringMatching(/^西山社区 待勾对：对账单2025-01-15 拨付金额相同/),
    ]);
  });

  it('says 未达, not 串户, for the booking of a community the statement does not list', async () => {
    const s = await centre();
    // 南塘社区 is not on this statement; 东风社区 has not booked its allocation yet.
    await s.book('南塘社区', '2025-01-16', '50000.00');
    await s.statement([['2025-01-15', '东风社区', '基础经费', '', '50000.00']]);
    const e = await s.exceptions();
    expect(e.allocations.map((a) => a.reason)).toEqual([expect.stringMatching(/^未入账/)]);
    expect(e.receipts.map((r) => `${r.community} ${r.reason}`)).toEqual([
      expect.stringMatching(/^南塘社区 未达：已导入的对账单没有列示南塘社区/),
    ]);
  });

  it('says 串户 when the books carry the evidence, naming the other community', async () => {
    const s = await centre();
    // 东风社区's award is booked in 西山社区's books with its document; 南塘社区 booked an award of the
    // same amount of its own, which the statement does not list: no evidence against it.
    await s.book('西山社区', '2025-03-31', '3000.00', {
      summary: '收到评先评优奖励 鹿财社〔2025〕11号',
      account: '44010103',
    });
    await s.book('南塘社区', '2025-03-31', '3000.00', { summary: '收到奖励', account: '44010103' });
    await s.book('西山社区', '2025-01-16', '50000.00');
    await s.statement([
      ['2025-01-15', '西山社区', '基础经费', '', '50000.00'],
      ['2025-03-30', '东风社区', '评先评优奖励', '鹿财社〔2025〕11号', '3000.00'],
    ]);
    await s.accountant('reconcile.allocations.autoMatch', {});
    const e = await s.exceptions();
    expect(e.allocations.map((a) => a.reason)).toEqual([
      expect.stringMatching(/^串户：疑似记入西山社区（2025-03-31 记-0001）$/),
    ]);
    expect(e.receipts.map((r) => `${r.community} ${r.reason}`).sort()).toEqual([
      expect.stringMatching(/^南塘社区 未达/),
      expect.stringMatching(/^西山社区 串户：区财政拨给的是东风社区（2025-03-30 鹿财社〔2025〕11号）$/),
    ]);
  });
});
